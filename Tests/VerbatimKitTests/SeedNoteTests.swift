import Foundation
import Testing

@testable import VerbatimKit

/// A real user note (Obsidian, 2025): notes on Dario Amodei's essay "On DeepSeek and Export
/// Controls", with blockquotes, inline quotes in list items and prose, a nested straight-quoted
/// term, a linked phrase inside a quote whose URL carries a text fragment to another site,
/// wikilinks, NBSPs and curly apostrophes. Copied byte for byte into the test fixtures.
@Suite("Seed note: DeepSeek and export controls")
struct SeedNoteTests {
  static let essay = "https://darioamodei.com/on-deepseek-and-export-controls"
  static let epoch =
    "https://epoch.ai/blog/how-much-does-it-cost-to-train-frontier-ai-models#:~:text=The%20cost%20of%20training%20frontier,a%20billion%20dollars%20by%202027."

  static func load() throws -> [UInt8] {
    let url = try #require(
      Bundle.module.url(forResource: "seed-deepseek-export-controls", withExtension: "md", subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
  }

  static func harvest() throws -> NoteHarvest {
    NoteHarvester.harvest(path: "DeepSeek.md", bytes: try load())
  }

  /// The quote whose text starts with `prefix`; exactly one must.
  static func quote(_ harvest: NoteHarvest, startingWith prefix: String) throws -> Quote {
    let found = harvest.quotes.filter { $0.text.hasPrefix(prefix) }
    try #require(found.count == 1, "\(found.count) quotes start with \(prefix)")
    return found[0]
  }

  @Test("the fixture is the seed note, byte for byte (NBSPs and tabs included)")
  func fixtureIsIntact() throws {
    let bytes = try Self.load()
    #expect(bytes.count == 7_726)
    #expect(bytes.firstRange(of: Array("companies\u{A0}[to spend\u{A0}_more_]".utf8)) != nil)
    #expect(bytes.firstRange(of: Array("\n\t- \"It’s worth noting".utf8)) != nil)
  }

  @Test("exact quotes: 6 blockquotes, 13 inline quotes, 1 text fragment, in note order")
  func quoteCount() throws {
    let harvest = try Self.harvest()
    #expect(harvest.diagnostics.isEmpty)
    #expect(harvest.quotes.count == 20)
    #expect(harvest.quotes.filter { $0.kind == .block }.count == 6)
    #expect(harvest.quotes.filter { $0.kind == .inline }.count == 13)
    #expect(harvest.quotes.filter { $0.kind == .textFragment }.count == 1)
    #expect(harvest.quotes.map(\.start.line) == [8, 10, 12, 13, 14, 14, 17, 19, 21, 21, 21, 23, 26, 29, 32, 32, 34, 35, 39, 41])
    #expect(Set(harvest.quotes.map(\.id)).count == 20)
  }

  @Test("the essay is the primary source and every blockquote and inline quote is attributed to it")
  func everyQuoteIsTheEssays() throws {
    let harvest = try Self.harvest()
    let quotes = harvest.quotes.filter { $0.kind != .textFragment }
    #expect(quotes.count == 19)
    for quote in quotes {
      #expect(quote.source == Self.essay, "\(quote.start.line):\(quote.start.column) \(quote.text.prefix(40))")
      #expect(quote.sourceKey == Self.essay)
    }
    // The first blockquote follows the link in the same (headingless) section; every quote after
    // the first heading falls back on the note's primary source.
    #expect(quotes[0].attribution == .nearestPreceding)
    #expect(quotes.dropFirst().allSatisfy { $0.attribution == .primarySource })
    #expect(harvest.links.filter(\.isFetchable).map(\.url) == [Self.essay, Self.epoch])
  }

  @Test("the nested \"compute multiplier\" quote is one quote, inner marks kept")
  func nestedStraightQuotes() throws {
    let harvest = try Self.harvest()
    let nested = harvest.quotes.filter { $0.text.contains("compute multiplier") }
    try #require(nested.count == 1)
    let quote = nested[0]
    #expect(quote.kind == .inline)
    #expect(
      quote.text
        == "if the innovation is a 2x \"compute multiplier\" (CM), then it allows you to get 40% on a coding task for $5M instead of $10M; or 60% for $50M instead of $100M"
    )
    #expect(quote.start == SourcePosition(line: 13, column: 319))
    #expect(quote.end == SourcePosition(line: 13, column: 475))
    #expect(quote.checkable)
    #expect(!quote.hadEmphasis)
  }

  @Test("the quote with the epoch.ai link is the essay's, its link text kept and emphasis dropped")
  func quoteWithLinkInside() throws {
    let harvest = try Self.harvest()
    let quote = try Self.quote(harvest, startingWith: "Every frontier AI company")
    #expect(quote.source == Self.essay)
    #expect(quote.attribution == .primarySource)
    #expect(quote.text.contains("causes companies to spend more, not less, on training models:"))
    #expect(!quote.text.contains("_"))
    #expect(!quote.text.contains("epoch.ai"))
    #expect(quote.hadEmphasis)
    #expect(quote.raw.contains("companies\u{A0}[to spend\u{A0}_more_](https://epoch.ai/blog/"))
    #expect(quote.start == SourcePosition(line: 14, column: 5))
    #expect(quote.end == SourcePosition(line: 14, column: 640))
    // The link is the quoted author's, never an attribution.
    let link = try #require(harvest.links.first { $0.url == Self.epoch })
    #expect(link.kind == .inline)
    #expect(link.flags == [.textFragment, .insideQuote])
    #expect(link.position == SourcePosition(line: 14, column: 325))
  }

  @Test("the epoch.ai text fragment is its own quote, attributed to the epoch.ai URL")
  func textFragmentQuote() throws {
    let harvest = try Self.harvest()
    let fragments = harvest.quotes.filter { $0.kind == .textFragment }
    try #require(fragments.count == 1)
    let quote = fragments[0]
    #expect(quote.directive == TextDirective(start: "The cost of training frontier", end: "a billion dollars by 2027."))
    #expect(quote.text == "The cost of training frontier … a billion dollars by 2027.")
    #expect(quote.source == Self.epoch)
    #expect(quote.sourceKey == "https://epoch.ai/blog/how-much-does-it-cost-to-train-frontier-ai-models")
    #expect(quote.attribution == .textFragment)
    #expect(quote.checkable)
    // From the first character after `text=` to the last of the directive.
    #expect(quote.start == SourcePosition(line: 14, column: 405))
    #expect(quote.end == SourcePosition(line: 14, column: 476))
  }

  @Test("wikilinks are internal links, never sources")
  func wikilinks() throws {
    let harvest = try Self.harvest()
    let wikilinks = harvest.links.filter(\.isInternal)
    #expect(
      wikilinks.map(\.url) == [
        "Transformers", "1.3 — Production Possibilities Curve", "3.3 — Short-Run Aggregate Supply (SRAS)",
        "Reinforcement Learning (RL)", "Dario Amodei — Lex Fridman Podcast",
      ])
    #expect(wikilinks.allSatisfy { $0.kind == .wikilink && $0.key == nil && !$0.isFetchable })
    #expect(wikilinks[1].text == "Production Possibilities Curve")
    #expect(wikilinks.map { $0.flags.contains(.insideQuote) } == [false, false, false, true, false])
    let quote = try Self.quote(harvest, startingWith: "from 2020-2023")
    #expect(quote.text.contains("the idea of using Reinforcement Learning (RL) to train models"))
  }

  @Test("\"bipolar world\" is listed but not checkable; every other quote is")
  func scareQuote() throws {
    let harvest = try Self.harvest()
    let short = harvest.quotes.filter { !$0.checkable }
    #expect(short.map(\.text) == ["bipolar world"])
    #expect(short.first?.start == SourcePosition(line: 32, column: 151))
    #expect(short.first?.end == SourcePosition(line: 32, column: 163))
    #expect(short.first?.source == Self.essay)
  }

  @Test("exact positions and texts of blockquotes and inline quotes")
  func positions() throws {
    let harvest = try Self.harvest()
    let first = try Self.quote(harvest, startingWith: "Export controls serve")
    #expect(first.kind == .block)
    #expect(first.text == "Export controls serve a vital purpose: keeping democratic nations at the forefront of AI development.")
    #expect(first.start == SourcePosition(line: 8, column: 4))  // after `> "`
    #expect(first.end == SourcePosition(line: 8, column: 104))  // the final `.`, before the closing mark

    let apostrophe = try Self.quote(harvest, startingWith: "It’s worth noting")
    #expect(apostrophe.kind == .inline)
    #expect(apostrophe.start == SourcePosition(line: 12, column: 5))  // tab, `-`, space, `"`
    #expect(apostrophe.end == SourcePosition(line: 12, column: 243))

    let emphasised = try Self.quote(harvest, startingWith: "DeepSeek-V3 was the real innovation")
    #expect(emphasised.text.contains("innovation and what should have made people"))
    #expect(emphasised.text.contains("it appears to come close to the performance of state of the art"))
    #expect(emphasised.hadEmphasis)
    #expect(emphasised.start == SourcePosition(line: 19, column: 2))
    #expect(emphasised.end == SourcePosition(line: 19, column: 279))

    let plain = try Self.quote(harvest, startingWith: "Given my focus")
    #expect(plain.kind == .block)
    #expect(plain.start == SourcePosition(line: 39, column: 3))
    #expect(plain.end == SourcePosition(line: 39, column: 302))
    #expect(plain.raw.hasSuffix("who just want to make useful technology."))

    let dashes = try Self.quote(harvest, startingWith: "It adds the second phase")
    #expect(
      dashes.text
        == "It adds the second phase of training — reinforcement learning, described in #3 in the previous section — and essentially replicates what OpenAI has done with o1"
    )
    #expect(dashes.start == SourcePosition(line: 26, column: 185))
  }
}
