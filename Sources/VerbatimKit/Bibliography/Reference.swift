/// One cited source as a bibliography entry: the facts every output format needs, each with where it
/// came from.
///
/// Exists as the one value the six writers (CSL-JSON, biblatex, BibTeX, RIS, Hayagriva, Markdown)
/// render, so they cannot disagree about a title, a name or a date. Built by `ReferenceBuilder` from the
/// audit's sources, the note's front matter and `Sources.yml`.
public struct Reference: Sendable, Hashable {
  /// What kind of publication it is; decides the entry type in every format.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case webpage
    case blogPost = "blog-post"
    case newspaperArticle = "newspaper-article"
    case magazineArticle = "magazine-article"
    case report
    case journalArticle = "journal-article"
  }

  /// The citation key (`lefevre2025reading`): `^[a-z][a-z0-9]*$`, stable once issued.
  public var key: String
  public var kind: Kind
  /// The headline as published.
  public var title: String
  public var authors: [ReferenceName]
  /// Publication date, as precise as known.
  public var issued: ReferenceDate?
  /// When the page was captured (the access date of a web source).
  public var accessed: ReferenceDate?
  /// The site, blog, newspaper, magazine or journal it appeared in.
  public var container: String?
  public var publisher: String?
  public var place: String?
  /// The canonical URL when known, else the cited URL without tracking parameters.
  public var url: String?
  /// A bare DOI (`10.1234/abc`).
  public var doi: String?
  /// BCP 47 language tag (`en`, `en-GB`, `pt-BR`).
  public var language: String?
  /// A newspaper section.
  public var section: String?
  /// A report's number and type (`Working paper`), and the series it belongs to.
  public var number: String?
  public var genre: String?
  public var series: String?
  /// Field name → where its value came from (`page: h1=og:title`, `front matter: Notes/x.md:3`,
  /// `Sources.yml:41`).
  public var provenance: [String: String]
  /// Warnings about this entry (built from the note alone, a missing date, …).
  public var warnings: [String]

  public init(
    key: String, kind: Kind, title: String, authors: [ReferenceName] = [], issued: ReferenceDate? = nil,
    accessed: ReferenceDate? = nil, container: String? = nil, publisher: String? = nil, place: String? = nil,
    url: String? = nil, doi: String? = nil, language: String? = nil, section: String? = nil,
    number: String? = nil, genre: String? = nil, series: String? = nil, provenance: [String: String] = [:],
    warnings: [String] = []
  ) {
    self.key = key
    self.kind = kind
    self.title = title
    self.authors = authors
    self.issued = issued
    self.accessed = accessed
    self.container = container
    self.publisher = publisher
    self.place = place
    self.url = url
    self.doi = doi
    self.language = language
    self.section = section
    self.number = number
    self.genre = genre
    self.series = series
    self.provenance = provenance
    self.warnings = warnings
  }
}

extension Reference {
  /// The value on one line: every run of whitespace (line breaks, tabs, no-break spaces) becomes one
  /// space, other control characters are dropped, and the ends are trimmed. No bibliography format keeps
  /// a line break in a field (RIS has no escape for one, CSL-JSON processors print it raw).
  public static func singleLine(_ value: String) -> String {
    var result = ""
    var pendingSpace = false
    for character in value {
      if character.isWhitespace {
        pendingSpace = true
        continue
      }
      if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
      if pendingSpace, !result.isEmpty { result.append(" ") }
      pendingSpace = false
      result.append(character)
    }
    return result
  }
}

/// An author: a person with the parts citation styles sort and abbreviate by, or an organisation
/// whose name must never be split.
public enum ReferenceName: Sendable, Hashable {
  case person(PersonName)
  case organisation(String)

  /// How the name is sorted and keyed: the family name with its particle, or the organisation's name.
  public var sortName: String {
    switch self {
    case .person(let p): [p.particle, p.family].compactMap { $0 }.joined(separator: " ")
    case .organisation(let name): name
    }
  }
}

/// A person's name in the parts CSL and biblatex know: "Pieter de Vries" is given "Pieter", particle
/// "de", family "Vries"; "Martin Luther King Jr." has suffix "Jr.".
public struct PersonName: Sendable, Hashable {
  public var family: String
  public var given: String?
  /// A non-dropping particle ("de", "van", "von der"): printed before the family name.
  public var particle: String?
  public var suffix: String?

  public init(family: String, given: String? = nil, particle: String? = nil, suffix: String? = nil) {
    self.family = family
    self.given = given
    self.particle = particle
    self.suffix = suffix
  }

  /// "de Vries, Pieter, Jr." — the inverted form RIS and Hayagriva read.
  public var inverted: String {
    var text = [particle, family].compactMap { $0 }.joined(separator: " ")
    if let given, !given.isEmpty { text += ", " + given }
    if let suffix, !suffix.isEmpty { text += ", " + suffix }
    return text
  }
}

/// A publication or access date as precise as known: a year, a year and month, or a day. It is the
/// extraction stage's `PageDate`, with no time of day (see `calendarDay`).
public typealias ReferenceDate = PageDate

extension PageDate {
  /// The date in `text` as a calendar day (`2025`, `2025-06`, `2025-06-14`, a timestamp cut to the day it
  /// names, or a date written for people such as `June 14, 2025`), read by extraction's date parser; nil
  /// when there is none.
  static func day(from text: String) -> PageDate? { DateText.parse(text)?.calendarDay }

  /// The same date without a time of day.
  var calendarDay: PageDate { PageDate(year: year, month: month, day: month == nil ? nil : day) }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
}
