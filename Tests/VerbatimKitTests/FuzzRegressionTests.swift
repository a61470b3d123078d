import Foundation
import Testing

@testable import VerbatimKit

/// Every input the fuzzers under `fuzz/` crashed on (docs/fuzzing.md), minimized and kept in
/// `Fixtures/fuzz/`, replayed through the same `FuzzEntry` path the fuzzer ran, which also checks the
/// fuzzer's invariants (a broken one throws), then held to the result a reader expects.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/fuzz"))
    return [UInt8](try Data(contentsOf: url))
  }

  static func harvest(_ name: String) throws -> NoteHarvest {
    try FuzzEntry.harvest(note: try fixture(name))
  }

  static func extract(_ name: String) throws -> ExtractedPage {
    try FuzzEntry.extract(page: try fixture(name))
  }

  // MARK: Harvest

  @Test("`www.)`: trailing punctuation trimmed back into the prefix leaves no link (was a range trap)")
  func wwwTrimmedAway() throws {
    let harvest = try Self.harvest("harvest-www-trimmed-away.md")
    #expect(harvest.links.isEmpty)
    #expect(harvest.quotes.isEmpty)
  }

  @Test("a lone CR ends a line, as cmark-gfm reads it (was an index trap on the parser's extra line)")
  func loneCarriageReturns() throws {
    let harvest = try Self.harvest("harvest-lone-cr-line-endings.md")
    #expect(harvest.links.map(\.url) == ["https://cr.example/a"])
    #expect(harvest.links.map(\.position) == [SourcePosition(line: 2, column: 44)])  // the URL
    let quote = try #require(harvest.quotes.first)
    #expect(harvest.quotes.count == 1)
    #expect(quote.text == "a quote on the second line")
    #expect(quote.start == SourcePosition(line: 2, column: 10))  // inside the quote marks
    #expect(quote.source == "https://cr.example/a")
  }

  @Test("NUL bytes do not shift the parser's columns (was a range trap: a link past its paragraph's end)")
  func nulBytes() throws {
    let harvest = try Self.harvest("harvest-nul-shifts-columns.md")
    #expect(harvest.links.map(\.url) == ["www.example.org"])
    #expect(harvest.links.map(\.kind) == [.bare])
    #expect(harvest.links.map(\.position) == [SourcePosition(line: 3, column: 1)])
  }

  // MARK: Extraction

  @Test("`c) 2021` as the first words under the headline is no date (was an index trap at token -1)")
  func copyrightMarkerFirst() throws {
    let page = try Self.extract("extract-copyright-c-first-token.html")
    #expect(page.metadata.title == "Storm")
    #expect(page.metadata.published == nil)
    #expect(page.text.fullText.contains("c) 2021 by the bay"))
  }

  @Test("a 23-digit URL path segment is no date part (was an arithmetic overflow)")
  func longDigitSegment() throws {
    let page = try Self.extract("extract-long-digit-url-segment.html")
    #expect(page.metadata.title == "Story")
    #expect(page.metadata.published == nil)
    #expect(DateText.fromURL("https://news.example/2026/12345678901234567890123/story") == nil)
  }

  @Test("a 23-digit segment after year and month is no day (was an arithmetic overflow)")
  func longDigitDaySegment() throws {
    let page = try Self.extract("extract-long-digit-day-segment.html")
    #expect(page.metadata.published == nil)
    #expect(DateText.fromURL("https://news.example/2026/05/12345678901234567890123")?.day == nil)
    #expect(DateText.fromURL("https://news.example/2026/05/12")?.iso == "2026-05-12")
  }
}
