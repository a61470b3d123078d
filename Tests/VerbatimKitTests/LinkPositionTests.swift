import Testing
import VerbatimTestSupport

@testable import VerbatimKit

// Positions where cmark-gfm's own are wrong (swift-interop.md §6) or where byte and scalar
// columns differ: each fixture's links must come out exactly, at the markers.
@Suite("Link positions")
struct LinkPositionTests {
  // MARK: Reference definitions at the start of a paragraph

  static let definitionShiftFixtures: [LinkFixture] = [
    LinkFixture(
      "one definition, then references and a bare URL",
      "[r1]: 1️⃣https://def.org/1\nSee 2️⃣[the report][r1] and 3️⃣[r1] here, also 4️⃣https://bare.org/x.",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "the report", field: "r1"),
        .web("3️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
        .web("4️⃣", "https://bare.org/x", .bare),
      ]),
    LinkFixture(
      "two definitions, then an inline link",
      "[r1]: 1️⃣https://def.org/1\n[r2]: 2️⃣https://def.org/2 \"Two\"\nSee [x](3️⃣https://x.org/a) and 4️⃣[r2].",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/2", .definition, field: "r2"),
        .web("3️⃣", "https://x.org/a", .inline, text: "x"),
        .web("4️⃣", "https://def.org/2", .reference, text: "r2", field: "r2"),
      ]),
    LinkFixture(
      "definition whose title is on the next line",
      "[r1]: 1️⃣https://def.org/1\n  \"Title on its own line\"\nSee 2️⃣[r1] and [x](3️⃣https://x.org/a).",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
        .web("3️⃣", "https://x.org/a", .inline, text: "x"),
      ]),
    LinkFixture(
      "definition whose destination is on the next line",
      "[r1]:\n  1️⃣https://def.org/1\nSee 2️⃣[r1] and [x](3️⃣https://x.org/a).",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
        .web("3️⃣", "https://x.org/a", .inline, text: "x"),
      ]),
    LinkFixture(
      "a title followed by junk is text, the definition before it stands",
      "[r1]: 1️⃣https://def.org/1\n\"t\" junk 2️⃣[r1]",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
      ]),
    LinkFixture(
      "junk after the destination: not a definition, no shift",
      "[foo]: 1️⃣https://x.org junk\nnext [l](2️⃣https://y.org) and 3️⃣https://z.org",
      [
        .web("1️⃣", "https://x.org", .bare, key: "https://x.org/"),
        .web("2️⃣", "https://y.org", .inline, key: "https://y.org/", text: "l"),
        .web("3️⃣", "https://z.org", .bare, key: "https://z.org/"),
      ]),
    LinkFixture(
      "in a block quote, with an angle autolink after",
      "> [r1]: 1️⃣https://def.org/1\n> See 2️⃣[the report][r1] and <3️⃣https://auto.org/q>.",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "the report", field: "r1"),
        .web("3️⃣", "https://auto.org/q", .autolink),
      ]),
    LinkFixture(
      "in a block quote, continued by a lazy line",
      "> [r1]: 1️⃣https://def.org/1\nlazy 2️⃣[r1] and [x](3️⃣https://x.org/a)",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
        .web("3️⃣", "https://x.org/a", .inline, text: "x"),
      ]),
    LinkFixture(
      "in an ordered list item",
      "1. Intro\n\n   [a]: 1️⃣https://list-def.org\n   See 2️⃣[a] now.",
      [
        .web("1️⃣", "https://list-def.org", .definition, key: "https://list-def.org/", field: "a"),
        .web("2️⃣", "https://list-def.org", .reference, key: "https://list-def.org/", text: "a", field: "a"),
      ]),
    LinkFixture(
      "alone in a bullet item (cmark-gfm drops the paragraph)",
      "- [a]: 1️⃣https://list-def.org\n- b 2️⃣[a]",
      [
        .web("1️⃣", "https://list-def.org", .definition, key: "https://list-def.org/", field: "a"),
        .web("2️⃣", "https://list-def.org", .reference, key: "https://list-def.org/", text: "a", field: "a"),
      ]),
    LinkFixture(
      "with CRLF line ends",
      "[r1]: 1️⃣https://def.org/1\r\nSee 2️⃣[r1] and [x](3️⃣https://x.org/a).\r\n",
      [
        .web("1️⃣", "https://def.org/1", .definition, field: "r1"),
        .web("2️⃣", "https://def.org/1", .reference, text: "r1", field: "r1"),
        .web("3️⃣", "https://x.org/a", .inline, text: "x"),
      ]),
  ]

  @Test("reference definitions at a paragraph's start (lineShift repair)", arguments: definitionShiftFixtures)
  func definitionShift(_ f: LinkFixture) {
    expectLinks(f.fixture, f.expected)
  }

  // MARK: Angle autolinks (cmark-gfm misplaces them off a paragraph's first line)

  static let angleAutolinksFixtures: [LinkFixture] = [
    LinkFixture(
      "on a paragraph's second line",
      "First line\nsecond <1️⃣https://auto.org/2> line",
      [.web("1️⃣", "https://auto.org/2", .autolink)]),
    LinkFixture(
      "alone in a block quote",
      "> <1️⃣https://auto.org/4>",
      [.web("1️⃣", "https://auto.org/4", .autolink)]),
    LinkFixture(
      "on a block quote's second line",
      "> Quoted\n> second <1️⃣https://auto.org/3> line",
      [.web("1️⃣", "https://auto.org/3", .autolink)]),
    LinkFixture(
      "in a nested block quote",
      "> > nested <1️⃣https://auto.org/5>",
      [.web("1️⃣", "https://auto.org/5", .autolink)]),
    LinkFixture(
      "misplaced onto another link's bracket: no phantom link",
      "12345678901234567\n<1️⃣https://a.org/x> [t](2️⃣https://b.org)",
      [
        .web("1️⃣", "https://a.org/x", .autolink),
        .web("2️⃣", "https://b.org", .inline, key: "https://b.org/", text: "t"),
      ]),
    LinkFixture(
      "misplaced in a block quote before an inline link",
      "> <1️⃣https://a.org/x> [t](2️⃣https://b.org)",
      [
        .web("1️⃣", "https://a.org/x", .autolink),
        .web("2️⃣", "https://b.org", .inline, key: "https://b.org/", text: "t"),
      ]),
    LinkFixture(
      "an email autolink on a second line",
      "Write\nto <1️⃣editor@paper.org> today",
      [.keyless("1️⃣", "mailto:editor@paper.org", .autolink, scheme: .mailto)]),
    LinkFixture(
      "on a list item's third line",
      "- item one\n  line two\n  line three <1️⃣https://third.org/y>",
      [.web("1️⃣", "https://third.org/y", .autolink)]),
  ]

  @Test("angle autolinks are placed by Verbatim's own scan", arguments: angleAutolinksFixtures)
  func angleAutolinks(_ f: LinkFixture) {
    expectLinks(f.fixture, f.expected)
  }

  // MARK: Continuation lines, lists, tables, headings

  static let containersFixtures: [LinkFixture] = [
    LinkFixture(
      "bare URL on a list item's third line",
      "- item one\n  line two\n  line three 1️⃣https://third.org/x",
      [.web("1️⃣", "https://third.org/x", .bare)]),
    LinkFixture(
      "bare URL and link deep in a nested list",
      "- a\n  - b\n    c\n    d 1️⃣https://nested.org/x [n](2️⃣https://nested.org/y)",
      [.web("1️⃣", "https://nested.org/x", .bare), .web("2️⃣", "https://nested.org/y", .inline, text: "n")]),
    LinkFixture(
      "inline link on a lazy block-quote line",
      "> a\nlazy [x](1️⃣https://lazy.org/a) and 2️⃣https://lazy.org/b",
      [.web("1️⃣", "https://lazy.org/a", .inline, text: "x"), .web("2️⃣", "https://lazy.org/b", .bare)]),
    LinkFixture(
      "code span on a lazy line stays code",
      "> a\nlazy `https://code.org/x` 1️⃣https://lazy.org/after",
      [.web("1️⃣", "https://lazy.org/after", .bare)]),
    LinkFixture(
      "tab-indented continuation line",
      "- a\n\tcontinued [x](1️⃣https://tab.org/b) `https://code.org/y` ~~2️⃣https://tab.org/c~~",
      [.web("1️⃣", "https://tab.org/b", .inline, text: "x"), .web("2️⃣", "https://tab.org/c", .bare, flags: [.struck])]),
    LinkFixture(
      "link text across two lines",
      "[multi\nline](1️⃣https://a.org/m) then [d](2️⃣https://d.org/n)",
      [.web("1️⃣", "https://a.org/m", .inline, text: "multi line"), .web("2️⃣", "https://d.org/n", .inline, text: "d")]),
    LinkFixture(
      "destination on a block quote's next line",
      "> [x](\n> 1️⃣https://ml.org/x)",
      [.web("1️⃣", "https://ml.org/x", .inline, text: "x")]),
    LinkFixture(
      "links after a label and a title that span lines",
      "See 4️⃣[b][multi\nline] and [c](2️⃣https://c.org/t\n\"title\") and [d](3️⃣https://d.org/u)\n\n[multi line]: 1️⃣https://ml.org/def",
      [
        .web("1️⃣", "https://ml.org/def", .definition, field: "multi line"),
        .web("2️⃣", "https://c.org/t", .inline, text: "c"),
        .web("3️⃣", "https://d.org/u", .inline, text: "d"),
        .web("4️⃣", "https://ml.org/def", .reference, text: "b", field: "multi line"),
      ]),
    LinkFixture(
      "table cells: `|` ends a bare URL, `\\|` does not shift later links",
      "| a | b |\n|---|---|\n"
        + #"| 1️⃣https://cell.org/x| [[2️⃣A\|b]] [PDF](3️⃣https://gov.org/r.pdf) `a\|b` [Q](4️⃣https://q.org) |"#,
      [
        .web("1️⃣", "https://cell.org/x", .bare),
        .keyless("2️⃣", "A", .wikilink, scheme: .relative, text: "b"),
        .web("3️⃣", "https://gov.org/r.pdf", .inline, text: "PDF"),
        .web("4️⃣", "https://q.org", .inline, key: "https://q.org/", text: "Q"),
      ]),
    LinkFixture(
      "ATX heading",
      "# Heading 1️⃣https://head.org/x [y](2️⃣https://head.org/y)",
      [.web("1️⃣", "https://head.org/x", .bare), .web("2️⃣", "https://head.org/y", .inline, text: "y")]),
    LinkFixture(
      "setext heading over two lines",
      "Title [a](1️⃣https://a.org/s)\n  more [b](2️⃣https://b.org/t)\n===",
      [.web("1️⃣", "https://a.org/s", .inline, text: "a"), .web("2️⃣", "https://b.org/t", .inline, text: "b")]),
    LinkFixture(
      "footnote definition with a continuation line",
      "Text[^n] here.\n\n[^n]: See [a](1️⃣https://fn.org/1) and 2️⃣https://fn.org/2\n    and 3️⃣https://fn.org/3 too.",
      [
        .web("1️⃣", "https://fn.org/1", .footnote, text: "a", field: "n"),
        .web("2️⃣", "https://fn.org/2", .footnote, field: "n"),
        .web("3️⃣", "https://fn.org/3", .footnote, field: "n"),
      ]),
  ]

  @Test("containers and continuation lines", arguments: containersFixtures)
  func containers(_ f: LinkFixture) {
    expectLinks(f.fixture, f.expected)
  }

  // MARK: Characters and line ends

  static let charactersFixtures: [LinkFixture] = [
    LinkFixture(
      "multi-byte text before a bare URL",
      "Ünïcödé 日本語 1️⃣https://multi.org/x",
      [.web("1️⃣", "https://multi.org/x", .bare)]),
    LinkFixture(
      "an emoji before an inline link",
      "Big 😀 news: [x](1️⃣https://multi.org/y)",
      [.web("1️⃣", "https://multi.org/y", .inline, text: "x")]),
    LinkFixture(
      "a combining accent counts as its own column",
      "Cafe\u{301} 1️⃣https://multi.org/z and [[2️⃣Café note]]",
      [
        .web("1️⃣", "https://multi.org/z", .bare),
        .keyless("2️⃣", "Café note", .wikilink, scheme: .relative),
      ]),
    LinkFixture(
      "multi-byte text on a block quote's second line, then an autolink",
      "> Zitat\n> „Grüße“ <1️⃣https://multi.org/q> und [Qü](2️⃣https://multi.org/r)",
      [.web("1️⃣", "https://multi.org/q", .autolink), .web("2️⃣", "https://multi.org/r", .inline, text: "Qü")]),
    LinkFixture(
      "multi-byte text in a table cell",
      "| Naïve | Lien |\n|---|---|\n| Ça 😀 | [Été](1️⃣https://multi.org/t) 2️⃣https://multi.org/u |",
      [.web("1️⃣", "https://multi.org/t", .inline, text: "Été"), .web("2️⃣", "https://multi.org/u", .bare)]),
    LinkFixture(
      "multi-byte front-matter key",
      "---\n\"Quelle für\": 1️⃣https://multi.org/fm\n---\nBody",
      [.web("1️⃣", "https://multi.org/fm", .frontMatter, field: "Quelle für")]),
    LinkFixture(
      "CRLF line ends throughout a note",
      "---\r\nsource: 1️⃣https://crlf.org/fm\r\n---\r\n[d]: 2️⃣https://crlf.org/def\r\nSee 3️⃣[d] and [x](4️⃣https://crlf.org/in).\r\n"
        + "Next <5️⃣https://crlf.org/auto> and 6️⃣https://crlf.org/bare\r\n\r\n> [[7️⃣Note]] 8️⃣https://crlf.org/q\r\n",
      [
        .web("1️⃣", "https://crlf.org/fm", .frontMatter, field: "source"),
        .web("2️⃣", "https://crlf.org/def", .definition, field: "d"),
        .web("3️⃣", "https://crlf.org/def", .reference, text: "d", field: "d"),
        .web("4️⃣", "https://crlf.org/in", .inline, text: "x"),
        .web("5️⃣", "https://crlf.org/auto", .autolink),
        .web("6️⃣", "https://crlf.org/bare", .bare),
        .keyless("7️⃣", "Note", .wikilink, scheme: .relative),
        .web("8️⃣", "https://crlf.org/q", .bare),
      ]),
  ]

  @Test("columns count Unicode scalars; CR is never part of a URL", arguments: charactersFixtures)
  func characters(_ f: LinkFixture) {
    expectLinks(f.fixture, f.expected)
  }

  @Test("a UTF-8 byte-order mark is not a column", arguments: [
    LinkFixture(
      "body only", "1️⃣https://bom.org/x and [y](2️⃣https://bom.org/y)",
      [.web("1️⃣", "https://bom.org/x", .bare), .web("2️⃣", "https://bom.org/y", .inline, text: "y")]),
    LinkFixture(
      "front matter first", "---\nsource: 1️⃣https://bom.org/fm\n---\n[x](2️⃣https://bom.org/z)",
      [.web("1️⃣", "https://bom.org/fm", .frontMatter, field: "source"), .web("2️⃣", "https://bom.org/z", .inline, text: "x")]),
  ])
  func byteOrderMark(_ f: LinkFixture) {
    let harvest = NoteHarvester.harvest(path: "bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array(f.fixture.text.utf8))
    #expect(
      LinkSummary.sorted(harvest.links.map(LinkSummary.init))
        == LinkSummary.sorted(f.expected.map { $0.summary(in: f.fixture) }))
    #expect(harvest.diagnostics.isEmpty)
  }
}
