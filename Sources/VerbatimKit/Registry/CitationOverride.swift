/// What the user states about one source's bibliography entry (`citations:` in `Sources.yml`): its type,
/// title, authors, date, publisher and so on, for the page at `url` or the work with `doi`.
///
/// Exists because pages mislabel themselves (a report published as a plain web page, a byline naming the
/// newsroom, no date at all): these values win over what Verbatim extracted, and each keeps the line it was
/// written on so the bibliography can say which value it used and where it came from.
public struct CitationOverride: Sendable, Hashable {
  /// An author as written: a person's name (`"de Vries, Pieter"` or `"Pieter de Vries"`, split into parts
  /// by the bibliography) or an organisation's name, which is never split.
  public enum Author: Sendable, Hashable {
    case person(String)
    case organisation(String)
  }

  /// The page it is about, as written (an `http://` or `https://` URL); see `urlKey(_:)` for matching.
  public var url: String?
  /// The work it is about, as a bare DOI (`10.1234/abc`: a `https://doi.org/` or `doi:` prefix is removed).
  public var doi: String?
  /// A pinned citation key (`^[a-z][a-z0-9]*$`).
  public var key: String?
  /// A `Reference.Kind` raw value (`report`, `blog-post`, …); see `kind`.
  public var type: String?
  public var title: String?
  /// nil when not stated; an empty list states that the source has no author.
  public var authors: [Author]?
  /// ISO date as precise as known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
  public var published: String?
  public var container: String?
  public var publisher: String?
  public var place: String?
  public var language: String?
  public var number: String?
  public var genre: String?
  public var series: String?
  public var section: String?
  /// Where the entry starts, for provenance (`Sources.yml:41`).
  public var location: RegistryLocation
  /// Where each field's key was written (`title`, `authors`, `published`, …), for provenance by field.
  public var fieldLocations: [String: RegistryLocation]

  public init(
    url: String? = nil, doi: String? = nil, key: String? = nil, type: String? = nil, title: String? = nil,
    authors: [Author]? = nil, published: String? = nil, container: String? = nil, publisher: String? = nil,
    place: String? = nil, language: String? = nil, number: String? = nil, genre: String? = nil,
    series: String? = nil, section: String? = nil, location: RegistryLocation,
    fieldLocations: [String: RegistryLocation] = [:]
  ) {
    self.url = url
    self.doi = doi
    self.key = key
    self.type = type
    self.title = title
    self.authors = authors
    self.published = published
    self.container = container
    self.publisher = publisher
    self.place = place
    self.language = language
    self.number = number
    self.genre = genre
    self.series = series
    self.section = section
    self.location = location
    self.fieldLocations = fieldLocations
  }

  /// `type` as a `Reference.Kind` (the loader accepts only their raw values).
  public var kind: Reference.Kind? { type.flatMap(Reference.Kind.init(rawValue:)) }

  /// The key two URLs are the same source by: `URLIdentity.key` (scheme and host lower-cased, no fragment,
  /// default port or tracking parameters) without a trailing `/` on the path. nil for non-web URLs.
  public static func urlKey(_ url: String) -> String? {
    guard let key = URLIdentity(url).key else { return nil }
    let query = key.firstIndex(of: "?")
    var path = query.map { String(key[..<$0]) } ?? key
    while path.hasSuffix("/") { path.removeLast() }
    return path + (query.map { String(key[$0...]) } ?? "")
  }

  /// The bare DOI in `text` (`https://doi.org/10.1234/x` and `doi:10.1234/x` → `10.1234/x`), or nil unless
  /// it is `10.`, a registrant code (four or more digits, maybe `.`-separated parts), `/` and a suffix
  /// without spaces.
  public static func bareDOI(_ text: String) -> String? {
    var doi = Substring(text)
    let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
    if let prefix = prefixes.first(where: { doi.lowercased().hasPrefix($0) }) {
      doi = doi.dropFirst(prefix.count).drop { $0 == " " }
    }
    guard doi.hasPrefix("10."), let slash = doi.firstIndex(of: "/") else { return nil }
    let registrant = doi[doi.index(doi.startIndex, offsetBy: 3)..<slash]
    let parts = registrant.split(separator: ".", omittingEmptySubsequences: false)
    let suffix = doi[doi.index(after: slash)...]
    let digits = parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    guard digits, parts[0].utf8.count >= 4, !suffix.isEmpty, !suffix.contains(where: \.isWhitespace)
    else { return nil }
    return String(doi)
  }

  /// Whether `key` is a citation key: a lower-case ASCII letter, then lower-case ASCII letters and digits.
  public static func isValidKey(_ key: String) -> Bool {
    guard let first = key.utf8.first, (0x61...0x7A).contains(first) else { return false }
    return key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
  }
}
