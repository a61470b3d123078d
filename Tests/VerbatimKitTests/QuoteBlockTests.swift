import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Blockquotes and callouts (quotes.md §1): one quote per outermost block quote, `>` markers
/// stripped, lines joined, callout headers and attribution lines split off.
@Suite("Quotes: blockquotes")
struct QuoteBlockTests {
  /// The harvest's only quote; records an issue when there is not exactly one.
  static func only(_ harvest: NoteHarvest) throws -> Quote {
    try #require(harvest.quotes.count == 1, "\(harvest.quotes.count) quotes: \(harvest.quotes.map(\.text))")
    return harvest.quotes[0]
  }

  @Test("a lazy continuation line is joined with a space")
  func lazyContinuation() throws {
    let f = MarkedText("> 1️⃣First line of the quote\ncontinues lazily here\n> and ends2️⃣.\n")
    let q = try Self.only(f.harvest())
    #expect(q.kind == .block)
    #expect(q.text == "First line of the quote continues lazily here and ends.")
    #expect(q.raw == "First line of the quote\ncontinues lazily here\nand ends.")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
    #expect(q.attribution == .none)
    #expect(q.source == nil)
  }

  @Test("nested `> >` levels belong to the same quote")
  func nestedLevels() throws {
    let f = MarkedText("> 1️⃣Outer words start here\n> > inner level words\n> > > third level\n> back to outer word2️⃣s\n")
    let h = f.harvest()
    let q = try Self.only(h)
    #expect(q.text == "Outer words start here inner level words third level back to outer words")
    #expect(q.raw == "Outer words start here\ninner level words\nthird level\nback to outer words")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("paragraphs of one blockquote are one quote, separated by a line break")
  func paragraphs() throws {
    let f = MarkedText("> 1️⃣First paragraph of the quote.\n>\n> Second paragraph,\n> wrapped here2️⃣.\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "First paragraph of the quote.\nSecond paragraph, wrapped here.")
    #expect(q.raw == "First paragraph of the quote.\n\nSecond paragraph,\nwrapped here.")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("two blockquotes separated by a blank line are two quotes")
  func twoBlockquotes() throws {
    let f = MarkedText("> 1️⃣One quote here.\n\n> 2️⃣Another quote here.\n")
    let h = f.harvest()
    #expect(h.quotes.map(\.text) == ["One quote here.", "Another quote here."])
    #expect(h.quotes.map(\.start) == [f["1️⃣"], f["2️⃣"]])
  }

  @Test(
    "a quote callout header is dropped, with or without a fold marker",
    arguments: ["[!quote] Some Title", "[!quote]+ Some Title", "[!QUOTE]- Some Title", "[!cite]", "[!quote]"])
  func calloutHeader(header: String) throws {
    let f = MarkedText("> \(header)\n> 1️⃣The body of the callout quote goes here2️⃣.\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "The body of the callout quote goes here.")
    #expect(q.raw == "The body of the callout quote goes here.")
    #expect(q.callout == (header.lowercased().hasPrefix("[!cite]") ? "cite" : "quote"))
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
    #expect(q.attribution == .none)
  }

  @Test("a link in the callout title is the quote's source")
  func calloutTitleLink() throws {
    let f = MarkedText("> [!quote] [Speech](https://gov.example/speech)\n> 1️⃣We choose to go to the moon in this decade.\n")
    let h = f.harvest()
    let q = try Self.only(h)
    #expect(q.text == "We choose to go to the moon in this decade.")
    #expect(q.start == f["1️⃣"])
    #expect(q.source == "https://gov.example/speech")
    #expect(q.attribution == .calloutTitle)
    #expect(h.links.map(\.flags) == [[]])
  }

  @Test("an attribution line `— Name, *Outlet*` is split off: speaker, no source")
  func attributionLine() throws {
    let f = MarkedText("> 1️⃣The words that Jane said at the conference2️⃣.\n> — Jane Doe, *Acme Blog*\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "The words that Jane said at the conference.")
    #expect(q.raw == "The words that Jane said at the conference.")
    #expect(q.speaker == "Jane Doe")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
    #expect(q.source == nil)
    #expect(q.attribution == .none)
    #expect(!q.hadEmphasis)
  }

  @Test("a link in the attribution line is the quote's source")
  func attributionLineLink() throws {
    let f = MarkedText("> The words that Jane said at the conference.\n> — Jane Doe, [Acme](1️⃣https://acme.example/post)\n")
    let h = f.harvest()
    let q = try Self.only(h)
    #expect(q.text == "The words that Jane said at the conference.")
    #expect(q.speaker == "Jane Doe")
    #expect(q.source == "https://acme.example/post")
    #expect(q.attribution == .attributionLine)
    let link = try #require(h.links.first)
    #expect(link.position == f["1️⃣"])
    #expect(!link.flags.contains(.insideQuote))
  }

  @Test(
    "attribution dashes: em, en, horizontal bar and `--`",
    arguments: ["— ", "– ", "― ", "-- ", "—"])
  func attributionDashes(dash: String) throws {
    let q = try Self.only(MarkedText("> Words of the quoted person go here.\n> \(dash)Mary Major (2020)\n").harvest())
    #expect(q.text == "Words of the quoted person go here.")
    #expect(q.speaker == "Mary Major")
  }

  @Test("a blockquote that is only a dash line keeps it: there is nothing to attribute")
  func dashOnlyQuote() throws {
    let q = try Self.only(MarkedText("> — The whole quote starts with a dash\n").harvest())
    #expect(q.text == "— The whole quote starts with a dash")
    #expect(q.speaker == nil)
  }

  @Test("a dash line that is not the last line is quoted text")
  func dashLineInside() throws {
    let q = try Self.only(MarkedText("> — Not an attribution\n> but the quote goes on\n").harvest())
    #expect(q.text == "— Not an attribution but the quote goes on")
    #expect(q.speaker == nil)
  }

  @Test("a note callout is the note-taker's own words: no block quote, its inline quotes harvested")
  func noteCallout() throws {
    let f = MarkedText("> [!note] My thoughts\n> I think \"1️⃣this is a real quote insid2️⃣e\" my note.\n")
    let h = f.harvest()
    let q = try Self.only(h)
    #expect(q.kind == .inline)
    #expect(q.text == "this is a real quote inside")
    #expect(q.callout == nil)
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("other callout types are not quotes either", arguments: ["note", "info", "tip", "warning", "abstract", "todo"])
  func otherCallouts(type: String) {
    let h = MarkedText("> [!\(type)]- Title\n> Body text of the callout is not a quote.\n").harvest()
    #expect(h.quotes.isEmpty)
  }

  @Test("outer quotation marks around a whole blockquote are stripped")
  func outerMarks() throws {
    let f = MarkedText("> \"1️⃣The whole blockquote is wrapped in marks2️⃣.\"\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "The whole blockquote is wrapped in marks.")
    #expect(q.raw == "The whole blockquote is wrapped in marks.")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("outer curly marks spanning lines are stripped; inner ones stay")
  func outerCurlyMarksMultiline() throws {
    let f = MarkedText("> “1️⃣He said ‘never’ twice,\n> and meant it2️⃣.”\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "He said ‘never’ twice, and meant it.")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("marks that do not wrap the whole blockquote stay")
  func partialMarks() throws {
    let q = try Self.only(MarkedText("> \"Yes,\" she said, \"we will.\"\n").harvest())
    #expect(q.text == "\"Yes,\" she said, \"we will.\"")
  }

  @Test("a blockquote inside a list item")
  func insideListItem() throws {
    let f = MarkedText("- item one\n  > 1️⃣The blockquote inside a list item2️⃣.\n- item two\n")
    let q = try Self.only(f.harvest())
    #expect(q.kind == .block)
    #expect(q.text == "The blockquote inside a list item.")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("a multi-line blockquote inside an ordered list item")
  func insideOrderedListItem() throws {
    let f = MarkedText("1. Intro:\n   > 1️⃣First quoted line\n   > second quoted lin2️⃣e\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "First quoted line second quoted line")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("code blocks inside a blockquote are not quoted words; list markers and `#`s are dropped")
  func structureInsideBlockquote() throws {
    let f = MarkedText(
      "> 1️⃣Quote has code\n> ```\n> \"code in quote\"\n> ```\n> and a list:\n> - item one\n> 1. numbered item\n>\n> ## A heading in the quot2️⃣e\n")
    let h = f.harvest()
    let q = try Self.only(h)
    #expect(q.text == "Quote has code\nand a list: item one numbered item\nA heading in the quote")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("emphasis inside a blockquote is dropped and remembered")
  func emphasis() throws {
    let q = try Self.only(MarkedText("> We *must* act **now**, not ~~later~~.\n").harvest())
    #expect(q.text == "We must act now, not later.")
    #expect(q.hadEmphasis)
  }

  @Test("a link inside the blockquote's words is flagged and is not its source")
  func linkInsideBlockquote() throws {
    let h = MarkedText("> Blockquote, two lines with\n> a link [x](https://a.example/) inside.\n").harvest()
    let q = try Self.only(h)
    #expect(q.text == "Blockquote, two lines with a link x inside.")
    #expect(q.source == nil)
    #expect(h.links.first?.flags == [.insideQuote])
  }

  @Test("comments inside a blockquote are dropped from the text, kept in the raw words")
  func comments() throws {
    let q = try Self.only(MarkedText("> Words %% a private aside %% and <!-- hidden --> more words.\n").harvest())
    #expect(q.text == "Words and more words.")
    #expect(q.raw == "Words %% a private aside %% and <!-- hidden --> more words.")
  }

  @Test("hard line breaks (backslash or two spaces) join lines like soft ones")
  func hardBreaks() throws {
    let f = MarkedText("> 1️⃣First line\\\n> second line  \n> third lin2️⃣e\n")
    let q = try Self.only(f.harvest())
    #expect(q.text == "First line second line third line")
    #expect(q.raw == "First line\nsecond line\nthird line")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("a blockquote with no words is no quote")
  func empty() {
    #expect(MarkedText(">\n>\n").harvest().quotes.isEmpty)
    #expect(MarkedText("> [!quote] Only a title\n").harvest().quotes.isEmpty)
  }
}
