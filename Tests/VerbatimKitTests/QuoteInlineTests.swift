import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Inline quotes (quotes.md §1): quotation-mark pairs in prose, with the flanking rules for
/// straight marks, apostrophes, skipped code and comments, and the Markdown cleanup of the text.
@Suite("Quotes: inline")
struct QuoteInlineTests {
  /// Texts and start/end markers of the fixture's quotes, compared in one expectation.
  static func check(
    _ marked: String, _ expected: [(text: String, start: String, end: String)],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let f = MarkedText(marked)
    let h = f.harvest()
    #expect(h.quotes.map(\.text) == expected.map(\.text), sourceLocation: sourceLocation)
    #expect(h.quotes.map(\.start) == expected.map { f[$0.start] }, sourceLocation: sourceLocation)
    #expect(h.quotes.map(\.end) == expected.map { f[$0.end] }, sourceLocation: sourceLocation)
    #expect(h.quotes.allSatisfy { $0.kind == .inline }, sourceLocation: sourceLocation)
  }

  @Test("a URL in quotation marks is a link, not a quote (links.md case 19)")
  func quotedURL() throws {
    let h = MarkedText("See “https://news.org/quote” and \"www.news.org/b\" here.").harvest()
    #expect(h.quotes.isEmpty)
    #expect(h.links.map(\.url) == ["https://news.org/quote", "www.news.org/b"])
    #expect(h.links.allSatisfy { !$0.flags.contains(.insideQuote) })
  }

  @Test("a reference definition inside a blockquote is not quoted words (links.md case 10)")
  func definitionInBlockquote() throws {
    let h = MarkedText("> [q1]: https://quotes.org/t\n").harvest()
    #expect(h.quotes.isEmpty)
    let link = try #require(h.links.first)
    #expect(link.kind == .definition)
    #expect(!link.flags.contains(.insideQuote))
  }

  @Test("curly double quotes")
  func curlyDouble() {
    Self.check("She said “1️⃣curly double quotes her2️⃣e” today.", [("curly double quotes here", "1️⃣", "2️⃣")])
  }

  @Test("curly single quotes with an apostrophe inside")
  func curlySingleWithApostrophe() {
    Self.check("He wrote ‘1️⃣single with don’t insid2️⃣e’ too.", [("single with don’t inside", "1️⃣", "2️⃣")])
  }

  @Test("guillemets, German low-high quotes, Japanese corner brackets")
  func otherPairs() {
    Self.check(
      "Then «1️⃣les guillemets sont l2️⃣à» and „3️⃣Deutsche Anführungszeiche4️⃣n“ and 「5️⃣日本語の引用で6️⃣す」 end.",
      [
        ("les guillemets sont là", "1️⃣", "2️⃣"), ("Deutsche Anführungszeichen", "3️⃣", "4️⃣"),
        ("日本語の引用です", "5️⃣", "6️⃣"),
      ])
  }

  @Test("single guillemets and white corner brackets")
  func moreUnambiguousPairs() {
    Self.check("A ‹1️⃣single guillemet quote her2️⃣e› and 『3️⃣二重かぎかっこで4️⃣す』.", [
      ("single guillemet quote here", "1️⃣", "2️⃣"), ("二重かぎかっこです", "3️⃣", "4️⃣"),
    ])
  }

  @Test("straight double quotes pair by flanking")
  func straightPairs() {
    Self.check(
      "Straight \"1️⃣pairs work fin2️⃣e\" and (\"3️⃣in parens to4️⃣o\") and —\"5️⃣after a das6️⃣h\".",
      [("pairs work fine", "1️⃣", "2️⃣"), ("in parens too", "3️⃣", "4️⃣"), ("after a dash", "5️⃣", "6️⃣")])
  }

  @Test("a straight mark followed by a space does not open; one after a letter does not open")
  func straightFlanking() {
    // `6" tall`: closes nothing and opens nothing; `" spaced "` never opens.
    Self.check("He is 6\" tall and \" spaced \" marks and \"1️⃣real quote her2️⃣e\" ok.", [("real quote here", "1️⃣", "2️⃣")])
  }

  @Test("apostrophes do not open quotes")
  func apostrophes() {
    Self.check("I don't think the students' books or the dogs' bark are quotes, it's fine.", [])
    Self.check("Tom's and the students’ books aren’t quotes either.", [])
  }

  @Test("straight single quotes pair only at word boundaries")
  func straightSingle() {
    Self.check(
      "She said '1️⃣single straight quoted word2️⃣s' and the dogs' bark isn't one.",
      [("single straight quoted words", "1️⃣", "2️⃣")])
  }

  @Test("unpaired marks are ignored")
  func unpaired() {
    Self.check("An unpaired \" mark and another “ unpaired and a » stray one.", [])
    Self.check("Opening \"but never closed, then “1️⃣a real pai2️⃣r” later.", [("a real pair", "1️⃣", "2️⃣")])
  }

  @Test("nested quotes: the outer pair delimits one quote")
  func nested() {
    Self.check(
      "Nested \"1️⃣He said 'never' twice toda2️⃣y\" end. Also ‘3️⃣outer “inner” word4️⃣s’ end.",
      [("He said 'never' twice today", "1️⃣", "2️⃣"), ("outer “inner” words", "3️⃣", "4️⃣")])
  }

  @Test("a quote spanning a soft line break")
  func softBreak() throws {
    let f = MarkedText("He wrote \"1️⃣a quote that spans\ntwo line2️⃣s\" in the text.")
    let q = try #require(f.harvest().quotes.first)
    #expect(q.text == "a quote that spans two lines")
    #expect(q.raw == "a quote that spans\ntwo lines")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("a quote spanning a backslash hard line break")
  func hardBreak() throws {
    let q = try #require(MarkedText("He wrote \"a quote that spans\\\ntwo lines\" here.").harvest().quotes.first)
    #expect(q.text == "a quote that spans two lines")
  }

  @Test("a quote does not span paragraphs")
  func noParagraphSpan() {
    Self.check("He wrote \"an opening\n\nand a closing\" later.", [])
  }

  @Test("quotes in headings, list items, task items and table cells")
  func blocks() {
    Self.check(
      "# Heading with \"1️⃣a quoted heading tex2️⃣t\"\n- list item with \"3️⃣quoted list item word4️⃣s\"\n- [ ] task with “5️⃣quoted task word6️⃣s”\n\n| a | b |\n|---|---|\n| “7️⃣quoted cell word8️⃣s” | x |\n",
      [
        ("a quoted heading text", "1️⃣", "2️⃣"), ("quoted list item words", "3️⃣", "4️⃣"),
        ("quoted task words", "5️⃣", "6️⃣"), ("quoted cell words", "7️⃣", "8️⃣"),
      ])
  }

  @Test("no quotes from code spans, fenced or indented code, HTML comments or %% comments %%")
  func skipped() {
    Self.check(
      """
      Code `"not a quote in code"` and <!-- "not in comment" --> and %% "not in obsidian comment" %% end.

      ```
      "not in fenced code"
      ```

          "not in indented code"

      <!--
      "not in a block comment"
      -->

      %%
      "not in a block obsidian comment"
      %%

      But "1️⃣this one count2️⃣s" here.
      """,
      [("this one counts", "1️⃣", "2️⃣")])
  }

  @Test("four spaces inside a list item are not code")
  func listContinuationIsNotCode() {
    Self.check("- item\n\n    \"1️⃣a quote in the item's second paragrap2️⃣h\"\n", [("a quote in the item's second paragraph", "1️⃣", "2️⃣")])
  }

  @Test("quote marks inside a link's destination or title are not quotes")
  func linkTails() {
    Self.check("See [the \"1️⃣linked word2️⃣s\"](https://x.example/a \"a title\") here.", [("linked words", "1️⃣", "2️⃣")])
  }

  @Test("Markdown is removed from the text: links, bold, footnotes, escapes, wikilink aliases, entities")
  func cleanup() throws {
    let f = MarkedText(
      "Clean \"1️⃣a [link text](https://x.example/a) and **bold** words[^1] with \\*escape\\* and [[Note|alias]] &amp; mor2️⃣e\" end.\n\n[^1]: A footnote.\n"
    )
    let h = f.harvest()
    let q = try #require(h.quotes.first)
    #expect(h.quotes.count == 1)
    #expect(q.text == "a link text and bold words with *escape* and alias & more")
    #expect(q.raw == "a [link text](https://x.example/a) and **bold** words[^1] with \\*escape\\* and [[Note|alias]] &amp; more")
    #expect(q.hadEmphasis)
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("more cleanup: images, inline footnotes, code spans, numeric entities, NBSP, snake_case")
  func moreCleanup() throws {
    let q = try #require(
      MarkedText(
        "It said \"an ![chart](https://x.example/c.png)image^[inline note] and `code` with &#x2019; and&nbsp;nbsp\u{A0}here and snake_case_name\" ok."
      ).harvest().quotes.first)
    #expect(q.text == "an image and code with ’ and nbsp here and snake_case_name")
    #expect(!q.hadEmphasis)
  }

  @Test("comments inside a quote are not quoted words; the raw text keeps them as written")
  func commentsInside() throws {
    let h = MarkedText("It said \"words <!-- an HTML comment --> and %% an Obsidian comment %% more words\" ok.").harvest()
    let q = try #require(h.quotes.first)
    #expect(h.quotes.count == 1)
    #expect(q.text == "words and more words")
    #expect(q.raw == "words <!-- an HTML comment --> and %% an Obsidian comment %% more words")
  }

  @Test("emphasis is noticed with `_` next to non-ASCII punctuation and spaces")
  func underscoreEmphasis() throws {
    let q = try #require(MarkedText("It said “what\u{A0}_should_\u{A0}have been _done_.”").harvest().quotes.first)
    #expect(q.text == "what should have been done.")
    #expect(q.hadEmphasis)
  }

  @Test("a lone `*` or `=` between spaces is a character, not emphasis")
  func looseAsterisk() throws {
    let q = try #require(MarkedText("It said \"two * three = six, and a == b\" ok.").harvest().quotes.first)
    #expect(q.text == "two * three = six, and a == b")
    #expect(!q.hadEmphasis)
  }

  @Test("short quotes are not checkable: under 4 words and under 20 characters")
  func checkable() {
    let h = MarkedText(
      "A \"scare quote\", a \"term of art here\", \"three long wordsxxxxxx\" and \"one two three four\".").harvest()
    #expect(h.quotes.map(\.text) == ["scare quote", "term of art here", "three long wordsxxxxxx", "one two three four"])
    #expect(h.quotes.map(\.checkable) == [false, true, true, true])
  }

  @Test("empty quotes and quotes of spaces are no quotes")
  func empty() {
    Self.check("Empty “” and “ ” and \"\" marks.", [])
  }
}
