/// What the user knows about who stands behind their sources (`Sources.yml`): people, organisations,
/// their domains and the typed, dated ties between them, labels for sites, and bibliography overrides.
///
/// Exists so a quote's speaker can be tied to the organisations whose interests the quote touches, with
/// every step of the evidence naming the registry entry it came from. Loaded by `RegistryLoader`.
public struct Registry: Sendable {
  /// The file it was read from (for evidence and messages).
  public var file: String
  public var people: [Person]
  public var organizations: [Organization]
  public var sourceRules: [SourceRule]
  /// Bibliography values stated by the user for one source each (`citations:`), in file order.
  public var citations: [CitationOverride]

  public init(
    file: String, people: [Person] = [], organizations: [Organization] = [], sourceRules: [SourceRule] = [],
    citations: [CitationOverride] = []
  ) {
    self.file = file
    self.people = people
    self.organizations = organizations
    self.sourceRules = sourceRules
    self.citations = citations
  }

  public func organization(_ id: String) -> Organization? { organizations.first { $0.id == id } }
  public func person(_ id: String) -> Person? { people.first { $0.id == id } }
}

/// Where in `Sources.yml` something was written, for evidence ("Sources.yml:12").
public struct RegistryLocation: Sendable, Hashable, Codable {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}

/// A person: the names they are cited under, external ids, and their ties to organisations.
public struct Person: Sendable, Hashable {
  public var id: String
  /// The first is the display name; the rest are aliases.
  public var names: [String]
  /// External ids (`wikidata`, `orcid`, …).
  public var externalIDs: [String: String]
  public var affiliations: [Tie]
  /// Domains that are the person's own site (a personal blog).
  public var sites: [String]
  public var location: RegistryLocation

  public init(
    id: String, names: [String], externalIDs: [String: String] = [:], affiliations: [Tie] = [], sites: [String] = [],
    location: RegistryLocation
  ) {
    self.id = id
    self.names = names
    self.externalIDs = externalIDs
    self.affiliations = affiliations
    self.sites = sites
    self.location = location
  }

  public var name: String { names.first ?? id }
}

/// An organisation: names, kind (company, news outlet, university, government, …), the domains it
/// owns, and its ties to other organisations.
public struct Organization: Sendable, Hashable {
  public var id: String
  public var names: [String]
  public var kind: String?
  public var domains: [String]
  public var relations: [Tie]
  public var location: RegistryLocation

  public init(
    id: String, names: [String], kind: String? = nil, domains: [String] = [], relations: [Tie] = [],
    location: RegistryLocation
  ) {
    self.id = id
    self.names = names
    self.kind = kind
    self.domains = domains
    self.relations = relations
    self.location = location
  }

  public var name: String { names.first ?? id }
}

/// A typed tie from a person or an organisation to an organisation (`org`), valid from `from` to `to`.
public struct Tie: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case employment, founder, board, investor, owner, competitor
    case fundedBy = "funded-by"
    case funder, customer, supplier, partner, parent, subsidiary
  }

  public var kind: Kind
  /// The organisation id the tie points to.
  public var organization: String
  public var role: String?
  /// ISO dates (`2021`, `2021-03`, `2021-03-01`); nil for open ends.
  public var from: String?
  public var to: String?
  /// Where the user learned it (a URL, a document, `user`).
  public var source: String?
  public var location: RegistryLocation

  public init(
    kind: Kind, organization: String, role: String? = nil, from: String? = nil, to: String? = nil,
    source: String? = nil, location: RegistryLocation
  ) {
    self.kind = kind
    self.organization = organization
    self.role = role
    self.from = from
    self.to = to
    self.source = source
    self.location = location
  }

  /// Whether the tie holds on `date` (an ISO date, as precise as known); ties without dates always hold,
  /// and an unknown date is taken to be within every tie.
  public func holds(on date: String?) -> Bool {
    guard let date else { return true }
    if let from, Self.compare(date, from) == .orderedAscending { return false }
    if let to, Self.compare(date, to) == .orderedDescending { return false }
    return true
  }

  /// Compares ISO dates at the precision both have (`2021` vs `2021-03-01` compare equal).
  static func compare(_ a: String, _ b: String) -> ComparisonOrder {
    let n = min(a.count, b.count, 10)
    let x = a.prefix(n)
    let y = b.prefix(n)
    return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
  }

  enum ComparisonOrder { case orderedAscending, orderedSame, orderedDescending }
}

/// Labels for the pages whose URL contains `urlContains` (Cite Unseen-style rules), with provenance.
public struct SourceRule: Sendable, Hashable {
  public var urlContains: String
  public var labels: [String]
  public var scope: String?
  public var source: String?
  /// When the labels were assigned or retrieved (ISO date), if known.
  public var date: String?
  public var location: RegistryLocation

  public init(
    urlContains: String, labels: [String], scope: String? = nil, source: String? = nil, date: String? = nil,
    location: RegistryLocation
  ) {
    self.urlContains = urlContains
    self.labels = labels
    self.scope = scope
    self.source = source
    self.date = date
    self.location = location
  }
}
