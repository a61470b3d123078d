import Testing

@testable import VerbatimKit

/// Text-fragment directives: encoding, the spec's parsing rules, and generation that always lands back
/// on the intended words.
@Suite("TextFragment")
struct TextFragmentTests {
  @Test("syntax characters and parentheses are percent-encoded; unreserved ones are not")
  func encoding() {
    #expect(TextFragment.encode("7-10, a&b (c) x.y_z~") == "7%2D10%2C%20a%26b%20%28c%29%20x.y_z~")
    #expect(TextFragment.encode("café") == "caf%C3%A9")
  }

  @Test("parsing: exact, range, prefix and suffix, and a literal hyphen rejects the directive")
  func parsing() {
    #expect(TextDirective.parse(url: "https://a.example/p#:~:text=a%20b") == [.init(start: "a b")])
    #expect(
      TextDirective.parse(url: "https://a.example/p#top:~:text=pre-,start,end,-suf")
        == [.init(prefix: "pre", start: "start", end: "end", suffix: "suf")])
    #expect(TextDirective.parse(url: "https://a.example/p#:~:text=7-10").isEmpty)
    #expect(TextDirective.parse(url: "https://a.example/p#:~:text=a&text=b&other=c").count == 2)
    #expect(TextDirective.parse(url: "https://a.example/p#:~:text=a,b,c,d,e").isEmpty)
  }

  static let page = """
    The council met on Monday and voted on the budget for next year.
    Later the mayor said the budget was fair. The council met on Monday and voted on the tram line.
    """

  @Test("a short, unique quote is its own directive")
  func uniqueQuote() throws {
    let locator = FragmentLocator(fullText: Self.page)
    let target = try #require(
      LadderMatcher.ranges(of: "the mayor said the budget was fair", in: PageKeys(Self.page)).first)
    let directive = try #require(locator.directive(for: target))
    #expect(directive == .init(start: "the mayor said the budget was fair"))
    #expect(TextFragment.serialize(directive) == "text=the%20mayor%20said%20the%20budget%20was%20fair")
  }

  @Test("a repeated sentence gets context words that single out the intended one")
  func ambiguousQuoteGetsContext() throws {
    let locator = FragmentLocator(fullText: Self.page)
    let occurrences = LadderMatcher.ranges(of: "The council met on Monday and voted on the", in: PageKeys(Self.page))
    #expect(occurrences.count == 2)
    let second = occurrences[1]
    let directive = try #require(locator.directive(for: second))
    #expect(directive.prefix != nil || directive.suffix != nil)
    #expect(locator.locate(directive) == second)
    let reparsed = try #require(TextDirective.parse(url: "#:~:" + TextFragment.serialize(directive)).first)
    #expect(locator.locate(reparsed) == second)
  }

  @Test("a quote across two blocks becomes a start,end range")
  func rangeAcrossBlocks() throws {
    let locator = FragmentLocator(fullText: Self.page)
    let scalars = Array(Self.page.unicodeScalars)
    let startOffset = try #require(
      LadderMatcher.ranges(of: "voted on the budget for next year", in: PageKeys(Self.page)).first)
    let endOffset = try #require(LadderMatcher.ranges(of: "said the budget was fair", in: PageKeys(Self.page)).first)
    let target = startOffset.lowerBound..<endOffset.upperBound
    #expect(String(String.UnicodeScalarView(scalars[target])).contains("\n"))
    let directive = try #require(locator.directive(for: target))
    #expect(directive.end != nil)
    #expect(locator.locate(directive) == target)
  }

  @Test("a verified quote carries its anchor, and its directive resolves back to it")
  func verifiedQuoteAnchor() throws {
    let html = """
      <html><body><article><h1>Budget</h1><p>\(Self.page.split(separator: "\n")[0])</p>
      <p>\(Self.page.split(separator: "\n")[1])</p></article></body></html>
      """
    let verdict = QuoteVerifier(page: PageExtractor.extract(Array(html.utf8))).verify(
      "the mayor said the budget was fair")
    let anchor = try #require(verdict.anchor)
    #expect(anchor.exact == "the mayor said the budget was fair")
    #expect(anchor.textDirective == "text=the%20mayor%20said%20the%20budget%20was%20fair")
    #expect(
      anchor.fragmentURL(for: "https://city.example/news#old:~:text=x")
        == "https://city.example/news#old:~:text=the%20mayor%20said%20the%20budget%20was%20fair")
  }
}
