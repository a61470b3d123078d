import Foundation

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

/// A calendar date as precise as the source states it: a year, a year and month, or a full date.
public struct ReferenceDate: Sendable, Hashable, Comparable {
  public var year: Int
  public var month: Int?
  public var day: Int?

  public init(year: Int, month: Int? = nil, day: Int? = nil) {
    self.year = year
    self.month = month
    self.day = month == nil ? nil : day
  }

  /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a longer timestamp is cut to its date); nil for anything
  /// else or an impossible month or day.
  public init?(iso text: String) {
    let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= scalars.count else { return nil }
      var value = 0
      for i in range {
        guard let digit = scalars[i].properties.numericType == .decimal ? Int(String(scalars[i])) : nil,
          scalars[i].isASCII
        else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    guard let year = number(0..<4), year >= 1000 else { return nil }
    var month: Int?
    var day: Int?
    if scalars.count > 4 {
      guard scalars[4] == "-", let m = number(5..<7), (1...12).contains(m) else { return nil }
      month = m
      if scalars.count > 7 {
        guard scalars[7] == "-", let d = number(8..<10), d >= 1, d <= Self.days(in: m, of: year) else { return nil }
        day = d
        if scalars.count > 10, !"T ".unicodeScalars.contains(scalars[10]) { return nil }
      }
    }
    self.init(year: year, month: month, day: day)
  }

  /// `2024`, `2024-06`, `2024-06-05`.
  public var iso: String {
    var text = String(year)
    if let month { text += "-" + Self.twoDigits(month) }
    if let month, let day, month > 0 { text += "-" + Self.twoDigits(day) }
    return text
  }

  public static func < (a: ReferenceDate, b: ReferenceDate) -> Bool {
    (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
  }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

  static func days(in month: Int, of year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
}
