import Testing

@testable import VerbatimKit

/// Quotes as the harvest stage finds them: text-fragment links checked by what their directive selects,
/// and straight-quoted spans whose inner marks pair two ways.
@Suite("Harvested quote checks")
struct HarvestedQuoteCheckTests {
  static let page = """
    <html><body><article><h1>Storage should be boring</h1>
    <p>Utilities have spent a decade treating grid batteries as a technology bet, and the bet has not paid.</p>
    <p>A battery between a wind farm and a city is infrastructure, and infrastructure is bought on measured performance.</p>
    <p>The model was trained for eleven weeks. It marks a turning point for the field.</p>
    </article>
    <section id="comments"><div class="comment"><p>Voltaic's cells fail every winter and nobody says so.</p></div></section>
    </body></html>
    """
  static let verifier = QuoteVerifier(page: PageExtractor.extract(Array(page.utf8)))

  /// The quotes a note with `markdown` yields, checked against the page.
  static func verdicts(_ markdown: String) -> [(Quote, QuoteVerdict)] {
    NoteHarvester.harvest(path: "note.md", bytes: Array(markdown.utf8)).quotes.map { ($0, verifier.verify($0)) }
  }

  static func directive(_ fragment: String) throws -> TextDirective {
    try #require(TextDirective.parse(url: "https://power.example/essay#:~:" + fragment).first)
  }

  @Test("a text fragment harvested from a note is verified where its directive lands")
  func harvestedFragment() throws {
    let results = Self.verdicts(
      "See [the essay](https://power.example/essay#:~:text=a%20decade%20treating%20grid%20batteries).\n")
    let (quote, verdict) = try #require(results.first)
    #expect(quote.kind == .textFragment)
    #expect(verdict.status == .verified)
    #expect(verdict.detail == "text-fragment")
    #expect(verdict.passage == "a decade treating grid batteries")
    #expect(verdict.differences.isEmpty)
    #expect(verdict.anchor?.exact == "a decade treating grid batteries")
  }

  @Test("a range fragment selects from its start to the first end after it")
  func rangeFragment() throws {
    let verdict = Self.verifier.verify(
      directive: try Self.directive("text=A%20battery%20between,measured%20performance"))
    #expect(verdict.status == .verified)
    #expect(
      verdict.passage
        == "A battery between a wind farm and a city is infrastructure, and infrastructure is bought on measured performance"
    )
  }

  @Test("prefix and suffix that touch the match verify with no difference")
  func contextMatches() throws {
    let verdict = Self.verifier.verify(directive: try Self.directive("text=spent-,a%20decade,-treating"))
    #expect(verdict.status == .verified)
    #expect(verdict.differences.isEmpty)
    #expect(verdict.passage == "a decade")
  }

  @Test("words on the page with context that is not: verified, and the link is flagged")
  func contextDiffers() throws {
    let verdict = Self.verifier.verify(directive: try Self.directive("text=wasted-,a%20decade%20treating%20grid"))
    #expect(verdict.status == .verified)
    #expect(verdict.differences == ["fragment-context"])
    #expect(verdict.passage == "a decade treating grid")
  }

  @Test("a range whose end is not on the page is not found")
  func rangeEndMissing() throws {
    let verdict = Self.verifier.verify(directive: try Self.directive("text=A%20battery%20between,solar%20farms"))
    #expect(verdict.status == .notFound)
    #expect(verdict.detail == "fragment end not on the page")
  }

  @Test("a reworded fragment is reported altered, with the edit")
  func alteredFragment() throws {
    let verdict = Self.verifier.verify(
      directive: try Self.directive(
        "text=Utilities%20have%20spent%20a%20century%20treating%20grid%20batteries%20as%20a%20technology%20bet"))
    #expect(verdict.status == .altered)
    #expect(verdict.detail == "fragment start: material")
    #expect(verdict.edits.contains { $0.classes.contains("number") })
  }

  @Test("a fragment landing in the comments is outside the article")
  func fragmentInComments() throws {
    let verdict = Self.verifier.verify(directive: try Self.directive("text=cells%20fail%20every%20winter"))
    #expect(verdict.status == .outsideArticle)
    #expect(verdict.detail == "comments")
  }

  @Test("inner straight quotes that verify only as two quotes are read that way")
  func sequentialPairing() {
    var quote = NoteHarvester.harvest(path: "n.md", bytes: Array("\"placeholder words for the quote\"\n".utf8)).quotes[
      0]
    quote.text = "The model was trained for eleven weeks \"the lab said\" It marks a turning point for the field"
    let verdict = Self.verifier.verify(quote)
    #expect(verdict.status == .verified)
    #expect(verdict.detail == "pairing")
    #expect(verdict.differences.contains("pairing"))
    #expect(verdict.passage == "The model was trained for eleven weeks … It marks a turning point for the field")
  }

  @Test("the nested reading wins when it verifies")
  func nestedPairing() throws {
    let results = Self.verdicts(
      "He wrote: \"A battery between a wind farm and a city is \"infrastructure\", and infrastructure is bought on measured performance\".\n"
    )
    let (_, verdict) = try #require(results.first)
    #expect(verdict.status == .verified)
    #expect(verdict.detail == "typographic")
  }

  @Test("alternative readings exist only for inner straight pairs")
  func readings() {
    #expect(StraightQuoteReadings.alternatives("no inner marks here at all") == [])
    #expect(
      StraightQuoteReadings.alternatives("first part of it \"middle\" and the last part")
        == [["first part of it", "and the last part"]])
    #expect(StraightQuoteReadings.alternatives("one \"unpaired mark in the text") == [])
  }
}
