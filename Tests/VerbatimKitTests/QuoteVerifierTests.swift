import Testing

@testable import VerbatimKit

/// Verdicts that depend on the page rather than the words: where the match lies, and pages that
/// cannot be checked.
@Suite("QuoteVerifier")
struct QuoteVerifierTests {
  static func verify(_ quote: String, on html: String) -> QuoteVerdict {
    QuoteVerifier(page: PageExtractor.extract(Array(html.utf8))).verify(quote)
  }

  static let article = """
    <html><body><article><h1>Storage should be boring</h1>
    <p>Utilities have spent a decade treating grid batteries as a technology bet, and the bet has not paid.</p>
    <p>A battery between a wind farm and a city is infrastructure, and infrastructure is bought on measured performance.</p>
    </article>
    <section id="comments"><div class="comment"><p>Voltaic's cells fail every winter and nobody says so.</p></div></section>
    </body></html>
    """

  @Test("a quote found only in the comments is outside the article")
  func onlyInComments() {
    let verdict = Self.verify("Voltaic's cells fail every winter and nobody says so", on: Self.article)
    #expect(verdict.status == .outsideArticle)
    #expect(verdict.detail == "comments")
    #expect(verdict.view == .full)
  }

  @Test("a quote in the article is verified from the main text view")
  func inTheArticle() {
    let verdict = Self.verify("infrastructure is bought on measured performance", on: Self.article)
    #expect(verdict.status == .verified)
    #expect(verdict.view == .main)
    #expect(verdict.passage == "infrastructure is bought on measured performance")
  }

  @Test("a page with no text is uncheckable, never not-found")
  func noText() {
    let verdict = Self.verify("the bet has not paid off at all", on: "<html><body><script>app()</script></body></html>")
    #expect(verdict.status == .uncheckable)
  }

  @Test("three words and under twenty characters are too short to check")
  func tooShort() {
    #expect(Self.verify("a technology bet", on: Self.article).status == .tooShort)
  }

  @Test("a negation added is altered and material")
  func negationAdded() {
    let verdict = Self.verify(
      "A battery between a wind farm and a city is not infrastructure, and infrastructure is bought on measured performance",
      on: Self.article)
    #expect(verdict.status == .altered)
    #expect(verdict.detail == "material")
    #expect(verdict.edits.contains { $0.classes.contains("negation") })
  }

  @Test("a sentence from elsewhere is not found")
  func foreignSentence() {
    let verdict = Self.verify("The council approved the new tram line after a long debate on costs", on: Self.article)
    #expect(verdict.status == .notFound)
  }

  @Test("words cut from the middle without an elision mark are a splice")
  func spliceWithoutElision() {
    let verdict = Self.verify(
      "A battery between a wind farm and a city is infrastructure, bought on measured performance",
      on: Self.article)
    #expect(verdict.status == .spliced)
  }

  @Test("the same cut with an elision mark is verified as editorial")
  func elisionMarked() {
    let verdict = Self.verify(
      "A battery between a wind farm and a city is infrastructure, … bought on measured performance",
      on: Self.article)
    #expect(verdict.status == .verified)
    #expect(verdict.detail == "editorial")
  }

  /// A related-stories block sits between the article's two paragraphs, and a teaser repeats a sentence
  /// of the article before the article starts.
  static let gapped = """
    <html><body><div class="related"><a href="/a">Utilities have spent a decade treating grid batteries as a bet</a></div>
    <article><h1>Storage should be boring</h1>
    <p>Utilities have spent a decade treating grid batteries as a bet. Mr. Smith said so at length.</p>
    <aside class="related"><a href="/x">Read more: the cheapest batteries of 2025</a></aside>
    <p>Infrastructure is bought on measured performance, said the grid's operator, and nothing else.</p>
    </article><footer>© 2025 Power Weekly</footer></body></html>
    """

  @Test("a quote across two paragraphs with a teaser between them is verified in the main text")
  func acrossALeftOutBlock() {
    let page = PageExtractor.extract(Array(Self.gapped.utf8))
    #expect(page.text.blocks.contains { !$0.isMain && $0.text.hasPrefix("Read more") })
    let verdict = Self.verify(
      "Mr. Smith said so at length. Infrastructure is bought on measured performance", on: Self.gapped)
    #expect(verdict.status == .verified)
    #expect(verdict.view == .main)
    #expect(verdict.passage == "Mr. Smith said so at length.\nInfrastructure is bought on measured performance")
  }

  @Test("a sentence a teaser repeats is attributed to the article, with main-text offsets")
  func teaserRepeatsTheArticle() throws {
    let page = PageExtractor.extract(Array(Self.gapped.utf8))
    // The teaser is on the page, before the article: the first occurrence in the full text is not the article's.
    #expect(page.text.blocks.first { $0.text.hasPrefix("Utilities") }?.isMain == false)
    let verdict = QuoteVerifier(page: page).verify("Utilities have spent a decade treating grid batteries as a bet")
    #expect(verdict.status == .verified)
    #expect(verdict.view == .main)
    #expect(verdict.occurrences == 1)
    let range = try #require(verdict.range)
    #expect(
      QuoteVerifier.slice(page.text.mainText, range) == "Utilities have spent a decade treating grid batteries as a bet"
    )
    // The anchor is the article's sentence in the full text, not the teaser's.
    let anchor = try #require(verdict.anchor)
    let articleOffset = try #require(page.text.blocks.first { $0.isMain && $0.text.hasPrefix("Utilities") }?.offset)
    #expect(anchor.start == articleOffset)
  }

  @Test("main-text offsets of full-text ranges, and none for a range that leaves the main blocks")
  func mainTextMap() {
    let page = PageExtractor.extract(Array(Self.gapped.utf8))
    let map = MainTextMap(page.text.blocks)
    let full = Array(page.text.fullText.unicodeScalars)
    let main = Array(page.text.mainText.unicodeScalars)
    func find(_ needle: String, in text: [Unicode.Scalar]) -> Range<Int> {
      let n = Array(needle.unicodeScalars)
      let start = (0...(text.count - n.count)).first { Array(text[$0..<($0 + n.count)]) == n }!
      return start..<(start + n.count)
    }
    let sentence = "Infrastructure is bought on measured performance"
    #expect(map.mainRange(find(sentence, in: full)) == find(sentence, in: main))
    #expect(map.mainRange(find("the cheapest batteries", in: full)) == nil)
    #expect(map.mainRange(find("at length.\nRead more", in: full)) == nil)
  }

  @Test("a quote ending in a question mark still gets a text-fragment link that lands on it")
  func questionGetsALink() throws {
    let html = """
      <html><body><article><h1>Where is the money?</h1>
      <p>Who knows where you will discover hidden or lost valuables and money? Start in the garage.</p>
      </article></body></html>
      """
    let verdict = Self.verify("Who knows where you will discover hidden or lost valuables and money?", on: html)
    #expect(verdict.status == .verified)
    let anchor = try #require(verdict.anchor)
    #expect(anchor.exact == "Who knows where you will discover hidden or lost valuables and money?")
    #expect(
      anchor.textDirective
        == "text=Who%20knows%20where%20you%20will%20discover%20hidden%20or%20lost%20valuables%20and%20money%3F")
  }
}
