import Testing

@testable import VerbatimKit

/// The fast front-matter reader must agree with the YAML parser wherever it answers, and
/// decline (nil) whatever it does not fully understand.
@Suite("SimpleFrontMatter")
struct SimpleFrontMatterTests {
  static let agreeing: [String] = [
    "title: Note\nsource: https://news.example/a?utm_source=x\n",
    "url: \"https://news.example/b\"\nlink: 'https://news.example/c'\n",
    "links: [https://flow.example/1, https://flow.example/2]\ntags: [a, b]\n",
    "links:\n  - https://news.example/c\n  - www.news.example/d\n",
    "links:\n- https://news.example/e\n",
    "related: \"[[Other note]]\"\nup: \"[[Index|home]]\"\n",
    "date: 2026-03-14\ncreated: 2026-03-14T10:00\n",
    "source: https://news.example/a#:~:text=rate%20rose\n",
    "author: Ana Müller\nsource: https://bücher.example/buch\n",
  ]

  @Test("agrees with the YAML parser", arguments: agreeing)
  func agrees(frontMatter: String) {
    let text = "---\n\(frontMatter)---\nBody.\n"
    #expect(SimpleFrontMatter.parse(ArraySlice(Array(frontMatter.utf8))) != nil)
    let note = NoteSource(path: "n.md", bytes: Array(text.utf8))
    var fast: [Link] = []
    var slow: [Link] = []
    var diagnostics: [Diagnostic] = []
    FrontMatterLinks.harvest(note, into: &fast, diagnostics: &diagnostics, fastPath: true)
    FrontMatterLinks.harvest(note, into: &slow, diagnostics: &diagnostics, fastPath: false)
    #expect(!fast.isEmpty || frontMatter.hasPrefix("date"))
    #expect(fast.map(\.url) == slow.map(\.url))
    #expect(fast.map(\.position) == slow.map(\.position))
    #expect(fast.map(\.field) == slow.map(\.field))
    #expect(fast.map(\.kind) == slow.map(\.kind))
    #expect(fast.map(\.flags) == slow.map(\.flags))
    #expect(diagnostics.isEmpty)
  }

  static let declined: [String] = [
    "base: &b https://x.example\nurl: *b\n",  // anchors and aliases
    "note: |\n  see https://x.example\n",  // block scalar
    "source:\n  url: https://x.example\n",  // nesting
    "url: \"https://x.example/\\u0041\"\n",  // escapes
    "url: https://x.example # comment\n",  // comments
    "{\"source\": \"https://json.example/c\"}\n",  // JSON front matter
    "meta: {a: b}\n",  // flow mapping
    "title: a: b\n",  // `: ` inside a plain scalar
  ]

  @Test("declines what it does not fully understand", arguments: declined)
  func declines(frontMatter: String) {
    #expect(SimpleFrontMatter.parse(ArraySlice(Array(frontMatter.utf8))) == nil)
  }

  @Test("records where each scalar's token starts")
  func marks() throws {
    let scalars = try #require(SimpleFrontMatter.parse(ArraySlice(Array("a: x\nb: \"y z\"\nc: [p, q]\nd:\n  - r\n".utf8))))
    #expect(
      scalars == [
        .init(key: "a", value: "x", line: 1, column: 4, quoted: false),
        .init(key: "b", value: "y z", line: 2, column: 4, quoted: true),
        .init(key: "c", value: "p", line: 3, column: 5, quoted: false),
        .init(key: "c", value: "q", line: 3, column: 8, quoted: false),
        .init(key: "d", value: "r", line: 5, column: 5, quoted: false),
      ])
  }
}
