/// Which findings make an audit fail (`--fail-on`): exit code 1, failed JUnit cases, SARIF errors.
///
/// Exists so a vault kept in git can be audited in CI with a threshold its owners choose. The default
/// fails on material alterations, quotes not found, and dead links.
public struct FailurePolicy: Sendable, Hashable {
  public enum Trigger: String, Sendable, CaseIterable {
    /// An altered quote with a material edit (negation, number, name, …).
    case material
    /// Any altered quote, minor edits included.
    case altered
    case notFound = "not-found"
    case spliced
    case outsideArticle = "outside-article"
    case uncheckable
    /// A link that no longer leads to its page (gone, soft 404, redirect loop).
    case deadLink = "dead-link"
    /// A link that could not be read for another reason (blocked, timeout, bot wall, …).
    case unreachable
    /// A conflict-of-interest annotation on a quote.
    case conflict
  }

  public var triggers: Set<Trigger>

  public static let standard = FailurePolicy(triggers: [.material, .notFound, .deadLink])

  public init(triggers: Set<Trigger>) { self.triggers = triggers }

  /// `material,not-found,dead-link`, or `none`. nil (with the unknown word) when a word is not a trigger.
  public static func parse(_ text: String) -> Result<FailurePolicy, UnknownTrigger> {
    var triggers: Set<Trigger> = []
    for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
      if word == "none" { continue }
      guard let trigger = Trigger(rawValue: word) else { return .failure(UnknownTrigger(word: word)) }
      triggers.insert(trigger)
    }
    return .success(FailurePolicy(triggers: triggers))
  }

  public struct UnknownTrigger: Error, Sendable, CustomStringConvertible {
    public var word: String
    public var description: String {
      "--fail-on: unknown finding '\(word)' (use none or a list of: "
        + Trigger.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    }
  }

  public func fails(_ quote: AuditedQuote) -> Bool {
    if triggers.contains(.conflict), !quote.annotations.conflicts.isEmpty { return true }
    let v = quote.verdict
    switch v.status {
    case .altered:
      return triggers.contains(.altered) || (triggers.contains(.material) && v.edits.contains(where: \.isMaterial))
    case .notFound: return triggers.contains(.notFound)
    case .spliced: return triggers.contains(.spliced)
    case .outsideArticle: return triggers.contains(.outsideArticle)
    case .uncheckable: return triggers.contains(.uncheckable)
    case .verified, .tooShort: return false
    }
  }

  public func fails(_ source: AuditedSource) -> Bool {
    if source.isDead { return triggers.contains(.deadLink) }
    return !source.health.isHealthy && triggers.contains(.unreachable)
  }

  public func fails(_ report: AuditReport) -> Bool {
    report.quotes.contains(where: fails) || report.sources.contains(where: fails)
  }
}
