import Testing
import VerbatimTestSupport

@testable import VerbatimKit

// Variants of the links.md §2 forms that the harvester once got wrong, each with its exact links.
@Suite("Link syntax variants")
struct LinkSyntaxTests {
  static let fixtures: [LinkFixture] = [
    // Wikilinks
    LinkFixture(
      "`\\|` outside a table is still the alias separator",
      #"See [[1️⃣Paper\|short]] now"#,
      [.keyless("1️⃣", "Paper", .wikilink, scheme: .relative, text: "short")]),
    LinkFixture(
      "spaces inside [[ ]] are not the target",
      "[[ 1️⃣Spaced note | alias ]]",
      [.keyless("1️⃣", "Spaced note", .wikilink, scheme: .relative, text: "alias")]),
    // Images
    LinkFixture(
      "Obsidian width×height suffix in alt text",
      "![chart|400x300](1️⃣https://cdn.org/chart.png) ![a|b](2️⃣https://cdn.org/ab.png)",
      [
        .web("1️⃣", "https://cdn.org/chart.png", .image, text: "chart"),
        .web("2️⃣", "https://cdn.org/ab.png", .image, text: "a|b"),
      ]),
    // Bare URLs
    LinkFixture(
      "escapes and entities in a bare URL are resolved",
      #"1️⃣https://x.org/a\_b?c=1&amp;d=2 and 2️⃣https://x.org/e\"#,
      [
        .web("1️⃣", "https://x.org/a_b?c=1&d=2", .bare),
        .web("2️⃣", "https://x.org/e", .bare),
      ]),
    LinkFixture(
      "bare URLs in emphasis (GFM allows `*`, `_`, `~` before one)",
      "*1️⃣https://x.org/a* **2️⃣https://x.org/b** _3️⃣https://x.org/c_ ~~4️⃣https://x.org/d~~ caféhttps://x.org/e",
      [
        .web("1️⃣", "https://x.org/a", .bare),
        .web("2️⃣", "https://x.org/b", .bare),
        .web("3️⃣", "https://x.org/c", .bare),
        .web("4️⃣", "https://x.org/d", .bare, flags: [.struck]),
      ]),
    LinkFixture(
      "bare non-web URLs are counted, file:/// included",
      "1️⃣file:///Users/me/a.pdf and 2️⃣zotero://select/items/ABC.",
      [
        .keyless("1️⃣", "file:///Users/me/a.pdf", .bare, scheme: .nonWeb),
        .keyless("2️⃣", "zotero://select/items/ABC", .bare, scheme: .nonWeb),
      ]),
    // Raw HTML
    LinkFixture(
      "an attribute inside another attribute's value is not an attribute",
      #"<img alt="a src=https://evil.org/x" src=" 1️⃣https://cdn.org/i.png " title='href=https://evil.org/y'>"#,
      [.web("1️⃣", "https://cdn.org/i.png", .html, field: "src")]),
    LinkFixture(
      "attributes over several lines of an HTML block",
      "<div>\n<a class=\"x\"\n   href='1️⃣https://shop.org/p?a=1&amp;b=2'>x</a>\n</div>",
      [.web("1️⃣", "https://shop.org/p?a=1&b=2", .html, field: "href")]),
    // Obsidian comments
    LinkFixture(
      "every link form inside a %% comment is hidden",
      "%% <1️⃣editor@paper.org> [x](2️⃣https://rumor.org/y) [[3️⃣Hidden note]] <4️⃣https://rumor.org/z> %%",
      [
        .keyless("1️⃣", "mailto:editor@paper.org", .autolink, scheme: .mailto, flags: [.hidden]),
        .web("2️⃣", "https://rumor.org/y", .inline, flags: [.hidden]),
        .keyless("3️⃣", "Hidden note", .wikilink, scheme: .relative, flags: [.hidden]),
        .web("4️⃣", "https://rumor.org/z", .autolink, flags: [.hidden]),
      ]),
    LinkFixture(
      "a comment over several lines",
      "Kept 1️⃣https://kept.org/a\n%%\nold 2️⃣https://rumor.org/b\n%%\nKept 3️⃣https://kept.org/c",
      [
        .web("1️⃣", "https://kept.org/a", .bare),
        .web("2️⃣", "https://rumor.org/b", .bare, flags: [.hidden]),
        .web("3️⃣", "https://kept.org/c", .bare),
      ]),
    // Dataview
    LinkFixture(
      "a Dataview field whose value is a Markdown link or an autolink",
      "source:: [Title](1️⃣https://dv.org/x)\n\n- via:: <2️⃣https://dv.org/y>\n\n(cite:: 3️⃣https://dv.org/z)",
      [
        .web("1️⃣", "https://dv.org/x", .dataview, text: "Title", field: "source"),
        .web("2️⃣", "https://dv.org/y", .dataview, field: "via"),
        .web("3️⃣", "https://dv.org/z", .dataview, field: "cite"),
      ]),
    // Footnotes and strikethrough
    LinkFixture(
      "a link in an inline footnote and a struck bare URL",
      "Claim.^[See [paper](1️⃣https://journal.org/a3)] ~~old 2️⃣https://journal.org/old~~",
      [
        .web("1️⃣", "https://journal.org/a3", .inlineFootnote, text: "paper"),
        .web("2️⃣", "https://journal.org/old", .bare, flags: [.struck]),
      ]),
    // Text fragments
    LinkFixture(
      "`:~:` outside the fragment is not a text fragment",
      "1️⃣https://x.org/a:~:b and [y](2️⃣https://x.org/c#:~:text=word)",
      [
        .web("1️⃣", "https://x.org/a:~:b", .bare),
        .web("2️⃣", "https://x.org/c#:~:text=word", .inline, key: "https://x.org/c", text: "y", flags: [.textFragment]),
      ]),
    // Front matter
    LinkFixture(
      "several wikilinks in one front-matter value, and an embed",
      "---\nrelated: \"[[1️⃣A|alias]] and [[2️⃣B]]\"\ncover: \"![[3️⃣pic.png]]\"\n---\nBody",
      [
        .keyless("1️⃣", "A", .wikilink, scheme: .relative, text: "alias", field: "related"),
        .keyless("2️⃣", "B", .wikilink, scheme: .relative, field: "related"),
        .keyless("3️⃣", "pic.png", .wikiEmbed, scheme: .relative, field: "cover"),
      ]),
    LinkFixture(
      "a front-matter text fragment is flagged",
      "---\nsource: 1️⃣https://news.org/a#:~:text=rate\n---\nBody",
      [.web("1️⃣", "https://news.org/a#:~:text=rate", .frontMatter, key: "https://news.org/a", field: "source", flags: [.textFragment])]),
    LinkFixture(
      "URLs in folded and literal block scalars",
      "---\ndescription: >\n  See 1️⃣https://fold.org/x\n  and more\nnotes: |\n  line one\n  2️⃣https://lit.org/y\n---\nBody",
      [
        .web("1️⃣", "https://fold.org/x", .frontMatter, field: "description"),
        .web("2️⃣", "https://lit.org/y", .frontMatter, field: "notes"),
      ]),
    LinkFixture(
      "a multi-line JSON front matter",
      "---\n{\n  \"source\": \"1️⃣https://json-fm.org/c\",\n  \"links\": [\"2️⃣https://json-fm.org/d\"]\n}\n---\nBody",
      [
        .web("1️⃣", "https://json-fm.org/c", .frontMatter, field: "source"),
        .web("2️⃣", "https://json-fm.org/d", .frontMatter, field: "links"),
      ]),
  ]

  @Test("variant", arguments: fixtures)
  func variant(_ f: LinkFixture) {
    expectLinks(f.fixture, f.expected)
  }

  @Test("a front-matter text fragment is also a quote")
  func frontMatterFragmentQuote() {
    let fixture = MarkedText("---\nsource: 1️⃣https://news.org/a#:~:text=2️⃣rate%20rose\n---\nBody")
    let harvest = fixture.harvest()
    let quotes = harvest.quotes.filter { $0.kind == .textFragment }
    #expect(quotes.map(\.text) == ["rate rose"])
    #expect(quotes.map(\.sourceKey) == ["https://news.org/a"])
    #expect(quotes.map(\.start) == [fixture["2️⃣"]])
    #expect(harvest.links.map(\.position) == [fixture["1️⃣"]])
  }

  // MARK: Reference definitions, read as cmark-gfm reads them

  @Test(
    "definition parser agrees with cmark-gfm",
    arguments: [
      ("[a]: https://x.org", ["a"], 1),
      ("[a]: <https://x.org/a b> 'T'", ["a"], 1),
      ("[a]:\nhttps://x.org\n\"title\"\nrest", ["a"], 3),
      ("[a]: https://x.org\n\"t\" junk", ["a"], 1),
      ("[a]: https://x.org \"t\" junk", [], 0),
      ("[a]: https://x.org junk", [], 0),
      ("[a]: https://x.org\n[b]: https://y.org (T)\nrest", ["a", "b"], 2),
      ("[^1]: https://x.org", [], 0),
      ("[]: https://x.org", [], 0),
      ("[a]:", [], 0),
      ("[a] : https://x.org", [], 0),
    ])
  func definitionParser(_ text: String, _ labels: [String], _ lines: Int) {
    let bytes = Array(text.utf8)
    let index = LineIndex(bytes)
    let result = ReferenceDefinitions.parseLeading(bytes, lines: (1...index.lineCount).map { index.lineRange($0) })
    #expect(result.definitions.map(\.label) == labels)
    #expect(result.lines == lines)
  }
}
