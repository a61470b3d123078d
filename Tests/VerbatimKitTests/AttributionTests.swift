import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Which link a quote is attributed to, and how (quotes.md §2).
@Suite("Quote attribution")
struct AttributionTests {
  /// (text, source, attribution) of every quote, for one exact comparison.
  static func attributions(_ marked: String) -> [Attributed] {
    MarkedText(marked).harvest().quotes.map { Attributed($0.text, $0.source, $0.attribution) }
  }

  struct Attributed: Equatable, CustomStringConvertible {
    var text: String
    var source: String?
    var attribution: Quote.Attribution
    init(_ text: String, _ source: String?, _ attribution: Quote.Attribution) {
      self.text = text
      self.source = source
      self.attribution = attribution
    }
    var description: String { "\(text) ← \(source ?? "nil") [\(attribution.rawValue)]" }
  }

  @Test("a link right after an inline quote, in parentheses")
  func adjacentLink() {
    let result = Self.attributions(
      "Intro words here, and more words.\n\nThe minister said \"we will not raise taxes this year\" ([Reuters](https://reuters.example/a)) today.\n"
    )
    #expect(result == [Attributed("we will not raise taxes this year", "https://reuters.example/a", .adjacentLink)])
  }

  @Test("a bare URL right after a curly quote")
  func adjacentBareURL() {
    let result = Self.attributions("Intro.\n\nShe said “the results were clear and strong” — https://news.example/b\n")
    #expect(result == [Attributed("the results were clear and strong", "https://news.example/b", .adjacentLink)])
  }

  @Test("a link after the next quote belongs to that quote, not to the first")
  func adjacentLinkBelongsToLaterQuote() {
    let result = Self.attributions(
      "Intro.\n\nHe said \"the first quote is here\" and \"the second quote is here\" ([Src](https://src.example/2)).\n")
    #expect(
      result == [
        Attributed("the first quote is here", nil, .none),
        Attributed("the second quote is here", "https://src.example/2", .adjacentLink),
      ])
  }

  @Test("a quote that is a link's text quotes that link")
  func quoteAsLinkText() {
    let result = Self.attributions(
      "Intro [other](https://other.example/o).\n\nAs [“we will not raise taxes this year”](https://reuters.example/a) showed.\n")
    #expect(result == [Attributed("we will not raise taxes this year", "https://reuters.example/a", .adjacentLink)])
  }

  @Test("a link far after the quote is not adjacent")
  func farLinkIsNotAdjacent() {
    let result = Self.attributions(
      "Intro.\n\nHe said \"the words of the quote here\" and then much later in the same long paragraph he linked [x](https://far.example/x).\n"
    )
    #expect(result == [Attributed("the words of the quote here", nil, .none)])
  }

  @Test("a footnote reference after the quote: the footnote's first web link")
  func footnote() {
    let result = Self.attributions(
      "Some prose first here.\n\nThe study found \"a strong effect in all the groups\"[^1] overall.\n\n[^1]: Smith, https://journal.example/a\n"
    )
    #expect(result == [Attributed("a strong effect in all the groups", "https://journal.example/a", .footnote)])
  }

  @Test("a footnote reference just inside the closing mark")
  func footnoteInsideMarks() {
    let result = Self.attributions(
      "Prose.\n\nProse \"quote with ref inside the marks.[^n]\" end.\n\n[^n]: See [the paper](https://fn.example/a).\n")
    #expect(result == [Attributed("quote with ref inside the marks.", "https://fn.example/a", .footnote)])
  }

  @Test("a footnote reference in a blockquote")
  func footnoteInBlockquote() {
    let result = Self.attributions(
      "Prose.\n\n> The blockquote words that cite a note.[^src]\n\n[^src]: https://fn.example/block\n")
    #expect(result == [Attributed("The blockquote words that cite a note.", "https://fn.example/block", .footnote)])
  }

  @Test("the nearest preceding link in the same section, not one from a previous section")
  func nearestPreceding() {
    let result = Self.attributions(
      """
      # One
      Read [the paper](https://one.example/paper) and [the other](https://one.example/other) first.

      Then "quote in same section as the papers" here.

      # Two
      And "quote in the next section without links" here.
      """)
    #expect(
      result == [
        Attributed("quote in same section as the papers", "https://one.example/other", .nearestPreceding),
        Attributed("quote in the next section without links", nil, .none),
      ])
  }

  @Test("a subsection heading ends the section too")
  func subsection() {
    let result = Self.attributions(
      "# One\nSee [a](https://a.example/) here.\n\n## Sub\n\n\"A quote in the subsection after the link\"\n")
    #expect(result == [Attributed("A quote in the subsection after the link", nil, .none)])
  }

  @Test("a link inside another quote is never used")
  func linkInsideAnotherQuote() {
    let f = MarkedText(
      "Some words first.\n\nHe wrote \"see [this](https://inner.example/x) for the details here\" and then \"another long quote comes after that\" end.\n"
    )
    let h = f.harvest()
    #expect(
      h.quotes.map { Attributed($0.text, $0.source, $0.attribution) } == [
        Attributed("see this for the details here", nil, .none),
        Attributed("another long quote comes after that", nil, .none),
      ])
    #expect(h.links.map(\.flags) == [[.insideQuote]])
  }

  @Test("a link that is another blockquote's source is not a later quote's nearest preceding link")
  func linkOfAnotherBlockquote() {
    let result = Self.attributions(
      "> [!cite] [Talk](https://talk.example/t)\n> Body of the cite.\n> — John Smith, [Blog](https://blog.example/j)\n\n> Text of a later quote with a name\n> – Mary Major (2020)\n"
    )
    #expect(
      result == [
        Attributed("Body of the cite.", "https://talk.example/t", .calloutTitle),
        Attributed("Text of a later quote with a name", nil, .none),
      ])
  }

  @Test("the front matter's source key")
  func frontMatter() {
    let result = Self.attributions(
      "---\ntitle: Clip\nsource: https://fm.example/article\n---\nSome prose words here.\n\n\"A quote attributed by the front matter key\"\n"
    )
    #expect(result == [Attributed("A quote attributed by the front matter key", "https://fm.example/article", .frontMatter)])
  }

  @Test("the front matter key comes after a nearer link")
  func frontMatterAfterNearest() {
    let result = Self.attributions(
      "---\nurl: https://fm.example/article\n---\nSee [other](https://body.example/o).\n\n\"A quote after a body link in the section\"\n")
    #expect(result == [Attributed("A quote after a body link in the section", "https://body.example/o", .nearestPreceding)])
  }

  @Test("a primary source: the first link, alone near the top, covers quotes after headings")
  func primarySource() {
    let result = Self.attributions(
      "Source: [Article](https://primary.example/a)\n\n# Notes\n\"A quote in another section than the link\"\n")
    #expect(result == [Attributed("A quote in another section than the link", "https://primary.example/a", .primarySource)])
  }

  @Test("no primary source when the first link sits inside prose")
  func noPrimarySource() {
    let result = Self.attributions(
      "I read the piece at [Example](https://prose.example/a) yesterday and liked it a lot.\n\n# Notes\n\"A quote in another section than the link\"\n"
    )
    #expect(result == [Attributed("A quote in another section than the link", nil, .none)])
  }

  @Test("no primary source when the first standalone link comes after a heading")
  func noPrimarySourceAfterHeading() {
    let result = Self.attributions(
      "# Notes\n\n[Article](https://late.example/a)\n\n## Quotes\n\"A quote in another section than the link\"\n")
    #expect(result == [Attributed("A quote in another section than the link", nil, .none)])
  }

  @Test("a source line right after a blockquote", arguments: [
    "> The blockquote words from the source go here.\n— [Source](https://after.example/s)\n",
    "> The blockquote words from the source go here.\n>\n— [Source](https://after.example/s)\n",
    "> The blockquote words from the source go here.\n\n— [Source](https://after.example/s)\n",
    "> The blockquote words from the source go here.\n\nSource: https://after.example/s\n",
  ])
  func sourceLineAfterBlockquote(note: String) {
    let harvest = MarkedText("Intro prose without links.\n\n" + note).harvest()
    let result = harvest.quotes.map { Attributed($0.text, $0.source, $0.attribution) }
    #expect(harvest.quotes.map(\.speaker) == [nil])
    let expected: Quote.Attribution = note.contains(">\n— ") || note.contains("\n\n") ? .adjacentLink : .attributionLine
    #expect(result == [Attributed("The blockquote words from the source go here.", "https://after.example/s", expected)])
  }

  @Test("a paragraph after a blank line that is more than a source line is not the source")
  func proseAfterBlockquote() {
    let result = Self.attributions(
      "Intro prose without links.\n\n> The blockquote words from the source go here.\n\n[This article](https://after.example/s) argues something else entirely about it.\n"
    )
    #expect(result == [Attributed("The blockquote words from the source go here.", nil, .none)])
  }

  @Test("own links win: a callout title over an adjacent source line")
  func ownLinkFirst() {
    let result = Self.attributions(
      "Intro.\n\n> [!quote] [Speech](https://gov.example/speech)\n> We choose to go to the moon.\n\n— [Elsewhere](https://other.example/x)\n")
    #expect(result == [Attributed("We choose to go to the moon.", "https://gov.example/speech", .calloutTitle)])
  }

  @Test("a hidden link (in %% comment %%) or an image is never a source")
  func hiddenAndImages() {
    let result = Self.attributions(
      "# S\n%% https://hidden.example/h %% ![img](https://img.example/i.png)\n\n\"A quote after a hidden link and an image\"\n")
    #expect(result == [Attributed("A quote after a hidden link and an image", nil, .none)])
  }
}
