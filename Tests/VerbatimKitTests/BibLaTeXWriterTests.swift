import Foundation
import Testing

@testable import VerbatimKit

/// `BibLaTeXWriter`: the fixture's entries byte for byte (design/bib-sample/refs.bib and refs.bibtex, copied
/// into Fixtures/bib-sample), and the name, verbatim-field, language and date rules (design/bibliography.md §2–§4).
@Suite("BibLaTeXWriter")
struct BibLaTeXWriterTests {
  // MARK: Support

  static func fixture(_ name: String, _ ext: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/bib-sample"))
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  /// The entries of a `.bib` text — each from its `@` line to its closing `}` line, newline included — by key.
  static func entries(_ text: String) -> [(key: String, text: String)] {
    var out: [(String, String)] = []
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("@") { current = [line] } else if current != nil { current!.append(line) }
      if line == "}", let lines = current {
        let head = lines[0]
        let key = head[head.index(after: head.firstIndex(of: "{")!)...].dropLast()
        out.append((String(key), lines.joined(separator: "\n") + "\n"))
        current = nil
      }
    }
    return out
  }

  static func entry(_ r: Reference, _ flavour: BibLaTeXWriter.Flavour = .biblatex) -> String {
    BibLaTeXWriter.entry(r, flavour: flavour)
  }

  /// The value of `name` in a rendered entry, as written after `= ` (braces included), without the comma.
  static func field(_ entry: String, _ name: String) -> String? {
    for line in entry.split(separator: "\n") {
      let trimmed = line.drop { $0 == " " }
      guard trimmed.hasPrefix(name + " "), let eq = trimmed.range(of: "= ") else { continue }
      guard trimmed[..<eq.lowerBound].trimmingCharacters(in: .whitespaces) == name else { continue }
      return String(trimmed[eq.upperBound...].dropLast())
    }
    return nil
  }

  static func fieldNames(_ entry: String) -> [String] {
    entry.split(separator: "\n").dropFirst().compactMap { line in
      guard line.hasPrefix("  "), let eq = line.firstIndex(of: "=") else { return nil }
      return line[..<eq].trimmingCharacters(in: .whitespaces)
    }
  }

  static let keys = ["lefevre2025reading", "devries2024att", "oecd2024generative"]

  static func sample(_ key: String) -> Reference {
    BibliographySamples.all.first { $0.key == key }!
  }

  // MARK: Golden

  @Test("the fixture files hold the three entries (the test reads what it should)")
  func fixturesParse() throws {
    #expect(Self.entries(try Self.fixture("refs", "bib")).map(\.key) == Self.keys)
    #expect(Self.entries(try Self.fixture("refs", "bibtex")).map(\.key) == Self.keys)
  }

  @Test("biblatex entries are byte for byte the fixture's refs.bib entries", arguments: keys)
  func goldenBiblatex(key: String) throws {
    let expected = try #require(Self.entries(try Self.fixture("refs", "bib")).first { $0.key == key }?.text)
    #expect(Self.entry(Self.sample(key), .biblatex) == expected)
  }

  @Test("BibTeX entries are byte for byte the fixture's refs.bibtex entries", arguments: keys)
  func goldenBibTeX(key: String) throws {
    let expected = try #require(Self.entries(try Self.fixture("refs", "bibtex")).first { $0.key == key }?.text)
    #expect(Self.entry(Self.sample(key), .bibtex) == expected)
  }

  @Test("render() writes one comment header, then each entry after a blank line, in the given order")
  func renderLayout() throws {
    for (flavour, ext) in [(BibLaTeXWriter.Flavour.biblatex, "bib"), (.bibtex, "bibtex")] {
      let out = BibLaTeXWriter.render(BibliographySamples.all, flavour: flavour)
      let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines[0].hasPrefix("% "))
      #expect(lines[1] == "")
      #expect(lines[2].hasPrefix("@"))
      #expect(out.hasSuffix("}\n"))
      #expect(out.components(separatedBy: "}\n\n@").count == 3)
      let rendered = Self.entries(out)
      #expect(rendered.map(\.key) == Self.entries(try Self.fixture("refs", ext)).map(\.key))
      // The golden tests above compare the entries one by one; here only that render() adds nothing else.
      let body = String(out[out.firstIndex(of: "@")!...])
      #expect(rendered.map(\.text).joined(separator: "\n") == body)
    }
  }

  @Test("the newspaper section is left out (as in the fixture)")
  func sectionLeftOut() {
    #expect(!Self.entry(BibliographySamples.devries).contains("Business"))
    #expect(!Self.entry(BibliographySamples.devries, .bibtex).contains("Business"))
  }

  @Test("the BibTeX flavour is 7-bit ASCII for every sample", arguments: BibliographySamples.all + BibliographySamples.tricky)
  func bibtexIsASCII(reference: Reference) {
    let out = BibLaTeXWriter.render([reference], flavour: .bibtex)
    #expect(out.utf8.allSatisfy { $0 < 0x80 }, "\(out)")
  }

  // MARK: Names

  @Test("an organisation is double-braced")
  func organisation() {
    #expect(
      Self.field(Self.entry(BibliographySamples.oecd), "author")
        == "{{Organisation for Economic Co-operation and Development}}")
    #expect(Self.field(Self.entry(BibliographySamples.acme), "author") == "{{Acme, Inc.}}")
    var r = BibliographySamples.acme
    r.authors = [.organisation("Research & Development Board")]
    #expect(Self.field(Self.entry(r), "author") == #"{{Research \& Development Board}}"#)
  }

  @Test("persons as \"particle family, given\" joined by \" and \"")
  func persons() {
    #expect(Self.field(Self.entry(BibliographySamples.devries), "author") == "{de Vries, Pieter and O'Connor, Siobhán}")
    #expect(
      Self.field(Self.entry(BibliographySamples.devries, .bibtex), "author")
        == #"{de Vries, Pieter and O'Connor, Siobh{\'a}n}"#)
  }

  @Test("a person and an organisation together")
  func mixedAuthors() {
    var r = BibliographySamples.lefevre
    r.authors = [.person(PersonName(family: "Lefèvre", given: "Chloé")), .organisation("GridLab")]
    #expect(Self.field(Self.entry(r), "author") == "{Lefèvre, Chloé and {GridLab}}")
  }

  @Test("options = {useprefix=true} only when a particle is present, and only in biblatex")
  func useprefix() {
    #expect(Self.field(Self.entry(BibliographySamples.devries), "options") == "{useprefix=true}")
    #expect(Self.fieldNames(Self.entry(BibliographySamples.devries)).prefix(3) == ["author", "options", "title"])
    #expect(Self.field(Self.entry(BibliographySamples.lefevre), "options") == nil)
    #expect(Self.field(Self.entry(BibliographySamples.oecd), "options") == nil)
    #expect(Self.field(Self.entry(BibliographySamples.devries, .bibtex), "options") == nil)
    var second = BibliographySamples.lefevre
    second.authors.append(.person(PersonName(family: "Beethoven", given: "Ludwig", particle: "van")))
    #expect(Self.field(Self.entry(second), "options") == "{useprefix=true}")
  }

  @Test("a suffix: \"King, Jr., Martin Luther\"")
  func suffix() {
    #expect(Self.field(Self.entry(BibliographySamples.king), "author") == "{King, Jr., Martin Luther}")
    #expect(Self.field(Self.entry(BibliographySamples.king, .bibtex), "author") == "{King, Jr., Martin Luther}")
  }

  @Test("a name part holding \"and\" or a comma is braced; \"Andersen\" is not")
  func protectedParts() {
    var r = BibliographySamples.lefevre
    r.authors = [
      .person(PersonName(family: "Smith and Sons", given: "Ann")),
      .person(PersonName(family: "Andersen", given: "Hans Christian")),
    ]
    #expect(Self.field(Self.entry(r), "author") == "{{Smith and Sons}, Ann and Andersen, Hans Christian}")
  }

  @Test("a person with no given name is the family name alone")
  func familyOnly() {
    var r = BibliographySamples.lefevre
    r.authors = [.person(PersonName(family: "Madonna"))]
    #expect(Self.field(Self.entry(r), "author") == "{Madonna}")
  }

  // MARK: Verbatim fields

  @Test("url and doi are raw except space, braces and backslash, which are percent-encoded")
  func verbatimFields() {
    var r = BibliographySamples.oecd
    r.url = #"https://x.example/a b/{c}/d\e?q=1&r=%20#f_g~h$"#
    r.doi = "10.1000/a b{c}_%#"
    let e = Self.entry(r)
    #expect(Self.field(e, "url") == #"{https://x.example/a%20b/%7Bc%7D/d%5Ce?q=1&r=%20#f_g~h$}"#)
    #expect(Self.field(e, "doi") == "{10.1000/a%20b%7Bc%7D_%#}")
    let bibtex = Self.entry(r, .bibtex)
    #expect(Self.field(bibtex, "doi") == "{10.1000/a%20b%7Bc%7D_%#}")
    #expect(Self.field(bibtex, "note")?.hasPrefix(#"{\url{https://doi.org/10.1000/a%20b%7Bc%7D_%#}"#) == true)
  }

  @Test("a line break or tab in a URL is dropped")
  func verbatimWhitespace() {
    #expect(BibLaTeXWriter.verbatim("https://x.example/a\n\tb\r") == "https://x.example/ab")
  }

  @Test("the fixture's URL with ~ _ & %20 # is written as is, in both flavours")
  func fixtureURLRaw() {
    let url = "https://chloe.example.org/~chloe/posts/deepseek_v3-report?utm_source=rss&ref=a%20b#moe"
    #expect(Self.field(Self.entry(BibliographySamples.lefevre), "url") == "{\(url)}")
    #expect(Self.field(Self.entry(BibliographySamples.lefevre, .bibtex), "howpublished") == "{\\url{\(url)}}")
  }

  // MARK: Language

  @Test(
    "langid maps BCP 47 tags to babel names",
    arguments: [
      ("en", "english"), ("en-GB", "british"), ("en-US", "american"), ("pt-BR", "brazilian"), ("pt", "portuguese"),
      ("de", "ngerman"), ("de-DE", "ngerman"), ("fr-CA", "french"), ("EN", "english"), ("nb", "norsk"),
    ])
  func langid(tag: String, babel: String) {
    var r = BibliographySamples.lefevre
    r.language = tag
    #expect(Self.field(Self.entry(r), "langid") == "{\(babel)}")
  }

  @Test("an unknown language writes no langid", arguments: ["xx", "zh-Hans", "tlh", ""])
  func unknownLanguage(tag: String) {
    var r = BibliographySamples.lefevre
    r.language = tag
    #expect(Self.field(Self.entry(r), "langid") == nil)
    #expect(!Self.entry(r).contains("langid"))
  }

  @Test("the BibTeX flavour writes no langid")
  func bibtexNoLangid() {
    #expect(!Self.entry(BibliographySamples.lefevre, .bibtex).contains("langid"))
  }

  // MARK: Dates

  @Test("a reference with no date has no date, year or month field")
  func noDate() {
    var r = BibliographySamples.devries
    r.issued = nil
    let biblatex = Self.entry(r)
    #expect(Self.field(biblatex, "date") == nil)
    #expect(Self.field(biblatex, "year") == nil)
    #expect(Self.field(biblatex, "urldate") == "{2025-02-11}")
    let bibtex = Self.entry(r, .bibtex)
    #expect(Self.field(bibtex, "year") == nil)
    #expect(Self.field(bibtex, "month") == nil)
    #expect(Self.field(bibtex, "date") == nil)
  }

  @Test("month macros are unbraced in BibTeX", arguments: [(1, "jan"), (6, "jun"), (9, "sep"), (12, "dec")])
  func monthMacros(month: Int, macro: String) {
    var r = BibliographySamples.devries
    r.issued = ReferenceDate(year: 2024, month: month, day: 1)
    let e = Self.entry(r, .bibtex)
    #expect(e.contains("\n  month        = \(macro),\n"))
    #expect(Self.field(e, "year") == "{2024}")
  }

  @Test("a year-only date: date = {YYYY} in biblatex, year and no month in BibTeX")
  func yearOnly() {
    #expect(Self.field(Self.entry(BibliographySamples.king), "date") == "{1963}")
    let bibtex = Self.entry(BibliographySamples.king, .bibtex)
    #expect(Self.field(bibtex, "year") == "{1963}")
    #expect(Self.field(bibtex, "month") == nil)
  }

  // MARK: Types

  @Test(
    "entry types per flavour",
    arguments: [
      (Reference.Kind.webpage, "@online{", "@misc{"), (.blogPost, "@online{", "@misc{"),
      (.newspaperArticle, "@article{", "@article{"), (.magazineArticle, "@article{", "@article{"),
      (.journalArticle, "@article{", "@article{"), (.report, "@report{", "@techreport{"),
    ])
  func types(kind: Reference.Kind, biblatex: String, bibtex: String) {
    var r = BibliographySamples.devries
    r.kind = kind
    #expect(Self.entry(r).hasPrefix(biblatex + "devries2024att,\n"))
    #expect(Self.entry(r, .bibtex).hasPrefix(bibtex + "devries2024att,\n"))
  }

  @Test("a magazine article has entrysubtype magazine; a journal article none")
  func entrySubtypes() {
    #expect(Self.field(Self.entry(BibliographySamples.king), "entrysubtype") == "{magazine}")
    #expect(Self.field(Self.entry(BibliographySamples.deepseek), "entrysubtype") == nil)
    #expect(Self.field(Self.entry(BibliographySamples.deepseek), "journaltitle") == "{arXiv}")
  }

  @Test("a web page (not a blog post) in BibTeX: the site and the access date in note")
  func bibtexWebpageNote() {
    #expect(
      Self.field(Self.entry(BibliographySamples.specials, .bibtex), "note")
        == #"{Deals \& Co.'s Weekly. Accessed 2025-03-08}"#)
  }

  @Test("BibTeX: an entry without authors gets a key field (the site) to sort by; biblatex none")
  func bibtexSortKey() {
    var r = BibliographySamples.specials
    r.authors = []
    #expect(Self.field(Self.entry(r, .bibtex), "key") == #"{Deals \& Co.'s Weekly}"#)
    #expect(Self.field(Self.entry(r), "key") == nil)
    #expect(Self.field(Self.entry(BibliographySamples.specials, .bibtex), "key") == nil)
  }

  @Test("a report without a genre is typed Report")
  func reportDefaultType() {
    var r = BibliographySamples.oecd
    r.genre = nil
    #expect(Self.field(Self.entry(r), "type") == "{Report}")
    #expect(Self.field(Self.entry(r, .bibtex), "type") == "{Report}")
  }

  @Test("field values are escaped: the site name with & in organization")
  func escapedFieldValue() {
    #expect(Self.field(Self.entry(BibliographySamples.specials), "organization") == #"{Deals \& Co.'s Weekly}"#)
  }
}
