public import Foundation

/// Builds the bibliography of an audit: one `Reference` per cited source, its values chosen from
/// `Sources.yml` (`citations:`), then the note's front matter, then the page, then the note's link text,
/// and the choice recorded per field.
///
/// Exists so every format is built from the same decisions: the entry type (a news page without a byline
/// is cited as a web page, because biblatex's `@article` needs an author), the URL (canonical when the
/// page names one on its own site, else the cited URL without tracking parameters and fragment), the
/// dates (access date = capture date), and what to do with a source that could not be fetched.
public struct ReferenceBuilder {
  public struct Options: Sendable {
    /// Leave out sources whose fetch failed (else they are built from what the note says, with a warning).
    public var skipUnfetched = false
    public init(skipUnfetched: Bool = false) { self.skipUnfetched = skipUnfetched }
  }

  /// References without keys (see `CitationKeyLedger.assign`), their key claims, and warnings.
  public struct Draft: Sendable {
    public var references: [Reference]
    public var claims: [CitationKeyLedger.Claim]
    public var warnings: [String]
  }

  let report: AuditReport
  let cited: CitedSources
  let registry: Registry?
  let index: RegistryIndex?
  let options: Options
  /// `citations:` entries by lower-cased DOI and by URL key (the first entry wins; the loader refuses
  /// duplicates).
  let overridesByDOI: [String: CitationOverride]
  let overridesByURL: [String: CitationOverride]

  public init(report: AuditReport, harvest: VaultHarvest, registry: Registry?, options: Options = Options()) {
    self.report = report
    self.cited = CitedSources(harvest)
    self.registry = registry
    self.index = registry.map(RegistryIndex.init)
    self.options = options
    let citations = registry?.citations ?? []
    overridesByDOI = Dictionary(
      citations.compactMap { c in c.doi.map { ($0.lowercased(), c) } }, uniquingKeysWith: { first, _ in first })
    overridesByURL = Dictionary(
      citations.compactMap { c in c.url.flatMap(CitationOverride.urlKey).map { ($0, c) } },
      uniquingKeysWith: { first, _ in first })
  }

  public func build() -> Draft {
    var draft = Draft(references: [], claims: [], warnings: [])
    for source in report.sources {
      guard let facts = cited.facts[source.key] else { continue }
      let fetched = source.health.isHealthy && source.capturedAt != nil
      if !fetched {
        if options.skipUnfetched { continue }
        let why = source.health.detail.isEmpty ? source.health.status.rawValue : source.health.detail
        draft.warnings.append("\(source.url): not fetched (\(why)); its entry is built from what the notes and Sources.yml say")
      }
      var entry = Entry(source: source, facts: facts, override: override(for: source), fetched: fetched)
      var reference = entry.reference(index: index, registryFile: registry?.file ?? "Sources.yml")
      if reference.issued == nil {
        reference.warnings.append(
          "no publication date (add `published:` to the note's front matter or to Sources.yml citations)")
      }
      draft.warnings.append(contentsOf: reference.warnings.map { "\(source.url): \($0)" })
      var identities: [String] = []
      if let doi = reference.doi { identities.append("doi:" + doi.lowercased()) }
      identities.append("url:" + source.key)
      var pinned = entry.pinnedKey
      if let key = pinned, !CitationKey.isValid(key) {
        draft.warnings.append("\(source.url): citekey '\(key)' is not lower-case ASCII letters and digits; ignored")
        pinned = nil
      }
      draft.references.append(reference)
      draft.claims.append(CitationKeyLedger.Claim(identities: identities, pinned: pinned))
    }
    return draft
  }

  /// The `citations:` entry for a source: by DOI, else by the cited, final or canonical URL.
  func override(for source: AuditedSource) -> CitationOverride? {
    if let doi = source.doi.flatMap(CitationOverride.bareDOI)?.lowercased(), let match = overridesByDOI[doi] {
      return match
    }
    return [source.url, source.finalURL, source.canonicalURL].lazy.compactMap { $0.flatMap(CitationOverride.urlKey) }
      .compactMap { overridesByURL[$0] }.first
  }

  /// The UTC calendar day of a capture.
  static func day(_ date: Date) -> ReferenceDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return ReferenceDate(year: c.year!, month: c.month, day: c.day)
  }

  /// `pt-br` → `pt-BR`, `zh-hant` → `zh-Hant` (BCP 47 case conventions).
  static func languageTag(_ tag: String) -> String? {
    let parts = tag.replacingOccurrences(of: "_", with: "-").split(separator: "-").map(String.init)
    guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(\.isLetter) else { return nil }
    var out = [first.lowercased()]
    for part in parts.dropFirst() {
      switch part.count {
      case 2: out.append(part.uppercased())
      case 4: out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
      default: out.append(part.lowercased())
      }
    }
    return out.joined(separator: "-")
  }
}
