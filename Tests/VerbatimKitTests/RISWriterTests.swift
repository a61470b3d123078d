import Foundation
import Testing

@testable import VerbatimKit

/// The RIS writer reproduces the design fixture byte for byte and writes every tricky reference so that
/// a reader splitting `TAG  - value` lines gets each field back.
@Suite("RIS writer")
struct RISWriterTests {
  /// Records as a reader sees them: the lines between `TY` and `ER`, as (tag, value) pairs, `TY` included.
  static func parse(_ text: String) -> [[(tag: String, value: String)]] {
    var records: [[(tag: String, value: String)]] = []
    var current: [(tag: String, value: String)] = []
    for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
      let tag = String(line.prefix(2))
      let value = String(line.dropFirst(6))
      if tag == "ER" {
        records.append(current)
        current = []
      } else {
        current.append((tag, value))
      }
    }
    return records
  }

  /// What each tag should hold for `reference`, derived independently of the writer: whitespace runs
  /// collapsed, commas out of organisation names, dates as `YYYY/MM/DD/`.
  static func expectedTags(_ reference: Reference) -> [(tag: String, value: String)] {
    func clean(_ text: String?) -> String? {
      let words = (text ?? "").split(whereSeparator: \.isWhitespace)
      return words.isEmpty ? nil : words.joined(separator: " ")
    }
    func slashed(_ date: ReferenceDate?) -> String? {
      guard let date else { return nil }
      let parts = [date.month, date.day].map { $0.map { String(format: "%02d", $0) } ?? "" }
      return "\(date.year)/\(parts[0])/\(parts[1])/"
    }
    let types: [Reference.Kind: String] = [
      .webpage: "ELEC", .blogPost: "BLOG", .newspaperArticle: "NEWS", .magazineArticle: "MGZN", .report: "RPRT",
      .journalArticle: "JOUR",
    ]
    var tags: [(String, String?)] = [("TY", types[reference.kind]), ("ID", reference.key)]
    for author in reference.authors {
      switch author {
      case .organisation(let name): tags.append(("AU", clean(name.replacingOccurrences(of: ",", with: " "))))
      case .person(let person):
        var parts = [[person.particle, person.family].compactMap { $0 }.joined(separator: " "), person.given ?? ""]
        if let suffix = person.suffix { parts.append(suffix) }
        while parts.count > 1, parts.last == "" { parts.removeLast() }
        tags.append(("AU", parts.joined(separator: ", ")))
      }
    }
    let container = reference.kind == .report ? reference.series ?? reference.container : reference.container
    tags += [
      ("TI", clean(reference.title)), ("T2", clean(container)), ("SE", clean(reference.section)),
      ("M3", clean(reference.genre)), ("SN", clean(reference.number)), ("PB", clean(reference.publisher)),
      ("CY", clean(reference.place)), ("DA", slashed(reference.issued)), ("PY", reference.issued.map { "\($0.year)" }),
      ("DO", reference.doi), ("UR", reference.url), ("Y2", slashed(reference.accessed)), ("LA", reference.language),
    ]
    return tags.compactMap { tag, value in value.map { (tag, $0) } }
  }

  @Test("renders the design fixture byte for byte (CRLF, blank line between records)")
  func matchesFixture() throws {
    let url = try #require(
      Bundle.module.url(forResource: "refs", withExtension: "ris", subdirectory: "Fixtures/bib-sample"))
    let fixture = try Data(contentsOf: url)
    let output = RISWriter.render(BibliographySamples.all)
    #expect(Array(output.utf8) == [UInt8](fixture))
    if Array(output.utf8) != [UInt8](fixture) { print(output) }
  }

  @Test("every line is `TAG  - value` ending in CRLF; records run from TY to `ER  - `")
  func lineGrammar() {
    let output = RISWriter.render(BibliographySamples.all + BibliographySamples.tricky)
    let scalars = Array(output.unicodeScalars)
    let badBreaks = scalars.indices.filter { index in
      (scalars[index] == "\n" && (index == 0 || scalars[index - 1] != "\r"))
        || (scalars[index] == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n"))
    }
    #expect(badBreaks.isEmpty, "a line break that is not CRLF")
    #expect(output.hasSuffix("ER  - \r\n"))
    #expect(!output.hasSuffix("\r\n\r\n"))
    let lines = output.components(separatedBy: "\r\n").dropLast()
    let grammar = /^[A-Z][A-Z0-9]  - .*$/
    for line in lines where !line.isEmpty {
      #expect(line.wholeMatch(of: grammar) != nil, "\(line)")
      #expect(line == "ER  - " || !line.hasSuffix(" "), "\(line)")
    }
    #expect(lines.filter { $0.hasPrefix("TY  - ") }.count == 9)
    #expect(lines.filter { $0 == "ER  - " }.count == 9)
    #expect(output.components(separatedBy: "ER  - \r\n\r\nTY  - ").count == 9)
  }

  @Test("every field of every reference reads back", arguments: BibliographySamples.all + BibliographySamples.tricky)
  func roundTrip(reference: Reference) throws {
    let records = Self.parse(RISWriter.render([reference]))
    try #require(records.count == 1)
    let got = records[0]
    let expected = Self.expectedTags(reference)
    #expect(got.map(\.tag) == expected.map(\.tag))
    #expect(got.map(\.value) == expected.map(\.value))
  }

  @Test("tricky values as written")
  func trickyValues() {
    let records = Self.parse(RISWriter.render(BibliographySamples.tricky))
    func values(_ index: Int, _ tag: String) -> [String] { records[index].filter { $0.tag == tag }.map(\.value) }
    #expect(values(0, "TI") == ["Save $5 … $10 on 100% of it: A&B's #1 pick, snake_case {braces} and back\\slash"])
    #expect(values(0, "T2") == ["Deals & Co.'s Weekly"])
    #expect(values(0, "UR") == ["https://deals.example.com/save?x=1&y=%7B2%7D#top"])
    #expect(values(1, "AU") == ["King, Martin Luther, Jr."])
    #expect(values(1, "DA") == ["1963///"])
    #expect(values(1, "PY") == ["1963"])
    #expect(values(1, "TY") == ["MGZN"])
    #expect(values(2, "AU").isEmpty && values(2, "DA").isEmpty && values(2, "PY").isEmpty)
    #expect(values(2, "TI") == ["Notes on \"quoted\" words (and \"more\")"])
    #expect(values(3, "AU") == ["DeepSeek-AI"])
    #expect(values(3, "DO") == ["10.48550/arXiv.2412.19437"])
    #expect(values(3, "TY") == ["JOUR"])
    #expect(values(4, "AU") == ["Acme Inc."])
    #expect(values(4, "PB") == ["Acme, Inc."])
    #expect(values(4, "T2").isEmpty)
    #expect(values(4, "DA") == ["2023/04//"])
    #expect(values(5, "AU") == ["Østergaard, Søren", "李, 明", "Strauß"])
    #expect(values(5, "TI") == ["Straße nach Øresund: 深度求索 und die Zukunft der KI"])
    #expect(values(5, "DA") == ["2024/02/29/"])
  }

  @Test(
    "types",
    arguments: [
      (Reference.Kind.webpage, "ELEC"), (.blogPost, "BLOG"), (.newspaperArticle, "NEWS"), (.magazineArticle, "MGZN"),
      (.report, "RPRT"), (.journalArticle, "JOUR"),
    ])
  func types(kind: Reference.Kind, tag: String) {
    let output = RISWriter.render([Reference(key: "k", kind: kind, title: "T")])
    #expect(output == "TY  - \(tag)\r\nID  - k\r\nTI  - T\r\nER  - \r\n")
  }

  @Test("names: particle, suffix without a given name, organisation commas, stray commas in a person's parts")
  func names() {
    let cases: [(ReferenceName, String)] = [
      (.person(PersonName(family: "Vries", given: "Pieter", particle: "de")), "de Vries, Pieter"),
      (.person(PersonName(family: "King", suffix: "Jr.")), "King, , Jr."),
      (.person(PersonName(family: "Plato")), "Plato"),
      (.person(PersonName(family: "Smith, Jr.", given: "Ann")), "Smith Jr., Ann"),
      (.organisation("Acme,Inc.,  Ltd"), "Acme Inc. Ltd"),
      (.organisation("Ministry of\nTruth"), "Ministry of Truth"),
    ]
    for (name, value) in cases {
      #expect(RISWriter.authorValue(name) == value)
    }
  }

  @Test("a report's T2 is its series, else its container; other kinds ignore the series")
  func containers() {
    let withSeries = Reference(key: "k", kind: .report, title: "T", container: "Site", series: "Series")
    let withoutSeries = Reference(key: "k", kind: .report, title: "T", container: "Site")
    let blog = Reference(key: "k", kind: .blogPost, title: "T", container: "Blog", series: "Series")
    #expect(RISWriter.render([withSeries]).contains("T2  - Series\r\n"))
    #expect(RISWriter.render([withoutSeries]).contains("T2  - Site\r\n"))
    #expect(RISWriter.render([blog]).contains("T2  - Blog\r\n"))
    #expect(!RISWriter.render([blog]).contains("Series"))
  }

  @Test("values are flattened: line breaks, tabs, NBSP and control characters; blank values are omitted")
  func flattening() {
    #expect(Reference.singleLine("  a\r\nb\tc\u{A0}\u{2028}d\u{0}e\u{85}f  ") == "a b c de f")
    #expect(Reference.singleLine("\n \t") == "")
    let blank = Reference(key: "k", kind: .webpage, title: "T", container: " \n ", publisher: "")
    #expect(RISWriter.render([blank]) == "TY  - ELEC\r\nID  - k\r\nTI  - T\r\nER  - \r\n")
  }

  @Test("dates keep empty parts and four-digit years")
  func dates() {
    #expect(RISWriter.slashed(ReferenceDate(year: 2024, month: 6)) == "2024/06//")
    #expect(RISWriter.slashed(ReferenceDate(year: 2024)) == "2024///")
    #expect(RISWriter.slashed(ReferenceDate(year: 2024, month: 11, day: 5)) == "2024/11/05/")
    #expect(RISWriter.slashed(ReferenceDate(year: 999, month: 1, day: 2)) == "0999/01/02/")
  }
}
