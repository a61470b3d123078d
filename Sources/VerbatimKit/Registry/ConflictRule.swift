/// One conflict of interest between a quote's speaker and what the quote is about, with the chain of
/// evidence that shows it.
public struct Conflict: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, CaseIterable, Codable {
    /// The quote is about the speaker's own organisation (or its parent or subsidiary).
    case selfInterest = "self-interest"
    case competitor
    /// Money flows between the speaker's organisation and the subject (funds or is funded by).
    case financial
    /// A customer, supplier, investor or partner tie.
    case commercial
    /// A tie through one other organisation.
    case indirect
    /// The page's site is owned by an organisation the quote is about.
    case publisherOwned = "publisher-owned"
    /// The page is the speaker's own site or their organisation's.
    case selfPublished = "self-published"
  }

  public var kind: Kind
  public var summary: String
  /// Each step, naming the registry entry (id and line) or page field it rests on.
  public var evidence: [String]
}

/// What the registry and the page say about the person a quote is attributed to.
public struct QuoteAnnotations: Sendable, Hashable {
  /// The speaker as named (attribution line, else the page's author); nil when unknown.
  public var speaker: String?
  /// The registry id of the speaker, when the registry knows them.
  public var speakerID: String?
  public var affiliations: [Affiliation]
  /// Highest severity first.
  public var conflicts: [Conflict]
  /// True when neither the speaker nor the subjects are in the registry: "no registry data", which is
  /// not the same as "no conflict".
  public var noRegistryData: Bool

  public static let empty = QuoteAnnotations(
    speaker: nil, speakerID: nil, affiliations: [], conflicts: [], noRegistryData: true)
}

/// The conflict-of-interest rule (credibility.md §6): the speaker's organisations, valid on the page's
/// date, weighed against the organisations the quote is about, plus who published the page.
///
/// Exists so the note-taker no longer writes "the author runs a competitor" by hand: every flag comes
/// with the registry entries and page fields it was drawn from.
public struct ConflictRule: Sendable {
  public let index: RegistryIndex
  private let mentions: EntityMentions

  public init(_ registry: Registry) {
    index = RegistryIndex(registry)
    mentions = EntityMentions(registry)
  }

  /// The facts about one quote the rule needs.
  public struct Case: Sendable {
    public var speaker: String?
    /// Organisations the page states for the speaker (`worksFor`, bylines).
    public var pageAffiliations: [String]
    /// The texts that say what the quote is about: the quote, its note context, the page title.
    public var subjectTexts: [(label: String, text: String)]
    /// Host of the page (after redirects).
    public var host: String?
    /// ISO publication date of the page.
    public var date: String?

    public init(
      speaker: String?, pageAffiliations: [String] = [], subjectTexts: [(label: String, text: String)], host: String?,
      date: String?
    ) {
      self.speaker = speaker
      self.pageAffiliations = pageAffiliations
      self.subjectTexts = subjectTexts
      self.host = host
      self.date = date
    }
  }

  private var file: String { index.registry.file }
  private func at(_ location: RegistryLocation) -> String { "\(file):\(location.line)" }

  public func annotate(_ c: Case) -> QuoteAnnotations {
    let person = c.speaker.flatMap(index.person(named:))
    // The speaker's organisations, each with the evidence that ties them.
    var organizations: [(org: Organization, evidence: String, role: String?)] = []
    var affiliations: [Affiliation] = []
    if let person {
      for tie in person.affiliations where tie.holds(on: c.date) {
        guard let org = index.registry.organization(tie.organization) else { continue }
        let role = tie.role ?? tie.kind.rawValue
        let dates = [tie.from.map { "from \($0)" }, tie.to.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
        organizations.append(
          (
            org,
            "\(person.name) — \(role), \(org.name) (registry \(person.id), \(at(tie.location))\(dates.isEmpty ? "" : ", " + dates))",
            role
          ))
        affiliations.append(Affiliation(organisation: org.name, role: role, provenance: "registry"))
      }
    }
    for name in c.pageAffiliations {
      guard let org = index.organization(named: name) else {
        affiliations.append(Affiliation(organisation: name, role: nil, provenance: "page"))
        continue
      }
      if !organizations.contains(where: { $0.org.id == org.id }) {
        organizations.append((org, "\(c.speaker ?? "the author") — \(org.name) (page: author affiliation)", nil))
        affiliations.append(Affiliation(organisation: org.name, role: nil, provenance: "page"))
      }
    }
    // What the quote is about.
    var subjects: [(org: Organization, evidence: String)] = []
    for (label, text) in c.subjectTexts {
      for mention in mentions.find(in: text) where !subjects.contains(where: { $0.org.id == mention.organization }) {
        guard let org = index.registry.organization(mention.organization) else { continue }
        subjects.append((org, "the quote concerns \(org.name) (\"\(mention.alias)\" in the \(label))"))
      }
    }
    var conflicts: [Conflict] = []
    for (org, speakerEvidence, _) in organizations {
      for (subject, subjectEvidence) in subjects {
        if let (kind, tieEvidence) = tie(from: org, to: subject, date: c.date) {
          conflicts.append(
            Conflict(
              kind: kind, summary: summary(kind, org, subject),
              evidence: [speakerEvidence] + tieEvidence + [subjectEvidence]))
        }
      }
    }
    // Who published the page.
    if let host = c.host {
      if let owner = index.organization(host: host) {
        for (subject, subjectEvidence) in subjects where subject.id == owner.id {
          conflicts.append(
            Conflict(
              kind: .publisherOwned, summary: "the page is published by \(owner.name), which the quote is about",
              evidence: [
                "\(host) is a domain of \(owner.name) (registry \(owner.id), \(at(owner.location)))", subjectEvidence,
              ]))
        }
        if let (_, speakerEvidence, _) = organizations.first(where: { $0.org.id == owner.id }) {
          conflicts.append(
            Conflict(
              kind: .selfPublished, summary: "published on \(Self.possessive(owner.name)) own site",
              evidence: [
                speakerEvidence, "\(host) is a domain of \(owner.name) (registry \(owner.id), \(at(owner.location)))",
              ]))
        }
      }
      if let person, let own = index.person(site: host), own.id == person.id {
        conflicts.append(
          Conflict(
            kind: .selfPublished, summary: "published on \(person.name)'s own site",
            evidence: ["\(host) is \(person.name)'s site (registry \(person.id), \(at(person.location)))"]))
      }
    }
    let order = Conflict.Kind.allCases
    var unique: [Conflict] = []
    for conflict in conflicts
    where !unique.contains(where: { $0.kind == conflict.kind && $0.summary == conflict.summary }) {
      unique.append(conflict)
    }
    unique.sort { order.firstIndex(of: $0.kind)! < order.firstIndex(of: $1.kind)! }
    return QuoteAnnotations(
      speaker: c.speaker, speakerID: person?.id, affiliations: affiliations, conflicts: unique,
      noRegistryData: person == nil && subjects.isEmpty && organizations.isEmpty)
  }

  /// An organisation's possessive: `Halvard Energy's`, `Voltaic Systems'` (names ending in a plural "s").
  static func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

  private func summary(_ kind: Conflict.Kind, _ org: Organization, _ subject: Organization) -> String {
    switch kind {
    case .selfInterest: "the quote is about the speaker's own organisation, \(subject.name)"
    case .competitor: "\(org.name), the speaker's organisation, competes with \(subject.name)"
    case .financial: "money flows between \(org.name) and \(subject.name)"
    case .commercial: "\(org.name) does business with \(subject.name)"
    case .indirect: "\(org.name) is tied to \(subject.name) through another organisation"
    case .publisherOwned, .selfPublished: ""
    }
  }

  /// The strongest tie between the speaker's organisation and the subject, with its evidence.
  private func tie(from org: Organization, to subject: Organization, date: String?) -> (Conflict.Kind, [String])? {
    if org.id == subject.id { return (.selfInterest, []) }
    var best: (Conflict.Kind, [String])?
    func consider(_ kind: Conflict.Kind, _ evidence: [String]) {
      let order = Conflict.Kind.allCases
      if best == nil || order.firstIndex(of: kind)! < order.firstIndex(of: best!.0)! { best = (kind, evidence) }
    }
    for (a, b) in [(org, subject), (subject, org)] {
      for (k, tie) in a.relations.enumerated() where tie.organization == b.id && tie.holds(on: date) {
        let evidence =
          "\(a.name) \(tie.kind.rawValue) \(b.name) (registry \(a.id).relations[\(k)], \(at(tie.location))"
          + (tie.source.map { ", source: \($0))" } ?? ")")
        switch tie.kind {
        case .parent, .subsidiary, .owner: consider(.selfInterest, [evidence])
        case .competitor: consider(.competitor, [evidence])
        case .fundedBy, .funder: consider(.financial, [evidence])
        case .customer, .supplier, .investor, .partner: consider(.commercial, [evidence])
        case .employment, .founder, .board: consider(.commercial, [evidence])
        }
      }
    }
    if best != nil { return best }
    // Two hops: org — X — subject.
    for x in index.registry.organizations where x.id != org.id && x.id != subject.id {
      let first =
        org.relations.first { $0.organization == x.id && $0.holds(on: date) }
        ?? x.relations.first { $0.organization == org.id && $0.holds(on: date) }
      let second =
        x.relations.first { $0.organization == subject.id && $0.holds(on: date) }
        ?? subject.relations.first { $0.organization == x.id && $0.holds(on: date) }
      if let first, let second, first.kind != .competitor, second.kind != .competitor {
        return (
          .indirect,
          [
            "\(org.name) — \(first.kind.rawValue) — \(x.name) (\(at(first.location)))",
            "\(x.name) — \(second.kind.rawValue) — \(subject.name) (\(at(second.location)))",
          ]
        )
      }
    }
    return nil
  }
}
