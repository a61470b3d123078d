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
}
