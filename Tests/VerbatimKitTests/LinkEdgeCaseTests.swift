import Testing
import VerbatimTestSupport

@testable import VerbatimKit

// The 52 link-syntax edge cases of links.md §2, one fixture each. Every link the harvester finds
// is compared field by field (position, url, kind, scheme, key, text, field, flags) and the whole
// list must match, so a missing, extra or misplaced link fails the case.

/// One link as the tests see it: every public field that describes where and how it was written.
struct LinkSummary: Equatable, Sendable, CustomStringConvertible {
  var position: SourcePosition
  var url: String
  var kind: Link.Kind
  var scheme: URLScheme
  var key: String?
  var text: String?
  var field: String?
  /// Without `.insideQuote`: that flag is the quote harvester's decision and is tested with quotes.
  var flags: Set<Link.Flag>

  init(_ link: Link) {
    position = link.position
    url = link.url
    kind = link.kind
    scheme = link.scheme
    key = link.key
    text = link.text
    field = link.field
    flags = Set(link.flags).subtracting([.insideQuote])
  }

  init(
    position: SourcePosition, url: String, kind: Link.Kind, scheme: URLScheme, key: String?, text: String?,
    field: String?, flags: Set<Link.Flag>
  ) {
    self.position = position
    self.url = url
    self.kind = kind
    self.scheme = scheme
    self.key = key
    self.text = text
    self.field = field
    self.flags = flags
  }

  /// Document order (kind breaks ties, for a stable comparison).
  static func sorted(_ links: [LinkSummary]) -> [LinkSummary] {
    links.sorted { ($0.position, $0.kind.rawValue) < ($1.position, $1.kind.rawValue) }
  }

  var description: String {
    let extras = [
      key.map { "key=\($0)" }, text.map { "text=\($0)" }, field.map { "field=\($0)" },
      flags.isEmpty ? nil : "flags=\(flags.map(\.rawValue).sorted())",
    ].compactMap { $0 }
    return "\(position.line):\(position.column) \(kind.rawValue) \(scheme.rawValue) \(url) \(extras.joined(separator: " "))"
  }
}

/// What one link must be; its position is a marker of the fixture.
struct ExpectedLink: Sendable {
  var marker: String
  var url: String
  var kind: Link.Kind
  var scheme: URLScheme
  var key: String?
  var text: String?
  var field: String?
  var flags: Set<Link.Flag>

  /// A web link. Its key is `url` unless given: the key is checked for every web link.
  static func web(
    _ marker: String, _ url: String, _ kind: Link.Kind, key: String? = nil, text: String? = nil,
    field: String? = nil, flags: Set<Link.Flag> = []
  ) -> ExpectedLink {
    ExpectedLink(
      marker: marker, url: url, kind: kind, scheme: .web, key: key ?? url, text: text, field: field, flags: flags)
  }

  /// A link without a key: internal (wikilinks), `mailto:` or another non-web scheme.
  static func keyless(
    _ marker: String, _ url: String, _ kind: Link.Kind, scheme: URLScheme, text: String? = nil,
    field: String? = nil, flags: Set<Link.Flag> = []
  ) -> ExpectedLink {
    ExpectedLink(
      marker: marker, url: url, kind: kind, scheme: scheme, key: nil, text: text, field: field, flags: flags)
  }

  func summary(in fixture: MarkedText) -> LinkSummary {
    LinkSummary(
      position: fixture[marker], url: url, kind: kind, scheme: scheme, key: key, text: text, field: field,
      flags: flags)
  }
}

/// Harvests `fixture` and checks that its links are exactly `expected`, in document order.
@discardableResult
func expectLinks(
  _ fixture: MarkedText, _ expected: [ExpectedLink], path: String = "note.md",
  sourceLocation: SourceLocation = #_sourceLocation
) -> NoteHarvest {
  let harvest = fixture.harvest(path: path)
  #expect(
    LinkSummary.sorted(harvest.links.map(LinkSummary.init)) == LinkSummary.sorted(expected.map { $0.summary(in: fixture) }),
    sourceLocation: sourceLocation)
  #expect(harvest.links.allSatisfy { $0.note == path }, sourceLocation: sourceLocation)
  return harvest
}

/// A fixture and the exact links it must yield, named after its test, or after its number for
/// the edge cases of links.md §2.
struct LinkFixture: Sendable, CustomTestStringConvertible {
  var name: String
  var number: Int?
  var fixture: MarkedText
  var expected: [ExpectedLink]

  init(_ name: String, _ marked: String, _ expected: [ExpectedLink]) {
    self.name = name
    self.fixture = MarkedText(marked)
    self.expected = expected
  }

  init(_ number: Int, _ marked: String, _ expected: [ExpectedLink]) {
    self.init("case \(number)", marked, expected)
    self.number = number
  }

  var testDescription: String { name }
}

/// The edge cases of links.md §2, one fixture each.
typealias LinkEdgeCase = LinkFixture

extension LinkEdgeCase {
  static func number(_ n: Int) -> LinkEdgeCase { all.first { $0.number == n }! }


  static let all: [LinkEdgeCase] = [
    // Markdown link forms
    LinkEdgeCase(
      1, #"[Annual report](1️⃣https://agency.org/r/2024 "Report 2024")"#,
      [.web("1️⃣", "https://agency.org/r/2024", .inline, text: "Annual report")]),
    LinkEdgeCase(
      2, #"[Memo](1️⃣https://agency.org/memo 'Draft') · [Memo](2️⃣https://agency.org/memo (Draft))"#,
      [
        .web("1️⃣", "https://agency.org/memo", .inline, text: "Memo"),
        .web("2️⃣", "https://agency.org/memo", .inline, text: "Memo"),
      ]),
    LinkEdgeCase(
      3, "[Scan](<1️⃣https://archive.org/files/old scan.pdf>)",
      [
        .web(
          "1️⃣", "https://archive.org/files/old scan.pdf", .inline, key: "https://archive.org/files/old%20scan.pdf",
          text: "Scan")
      ]),
    LinkEdgeCase(
      4, "[Mercury](1️⃣https://en.wikipedia.org/wiki/Mercury_(planet))",
      [.web("1️⃣", "https://en.wikipedia.org/wiki/Mercury_(planet)", .inline, text: "Mercury")]),
    LinkEdgeCase(
      5, #"[Odd](1️⃣https://site.org/a\))"#,
      [.web("1️⃣", "https://site.org/a)", .inline, text: "Odd")]),
    LinkEdgeCase(
      6, "[see [1] here](1️⃣https://journal.org/p1)",
      [.web("1️⃣", "https://journal.org/p1", .inline, text: "see [1] here")]),
    LinkEdgeCase(
      7, #"[nyt1]: 1️⃣https://news.org/2024/05/story "Story""#,
      [.web("1️⃣", "https://news.org/2024/05/story", .definition, field: "nyt1")]),
    LinkEdgeCase(
      8, "[nyt1]: 1️⃣https://news.org/2024/05/story\n\nAs reported 2️⃣[nyt1][] and again 3️⃣[NYT1].",
      [
        .web("1️⃣", "https://news.org/2024/05/story", .definition, field: "nyt1"),
        .web("2️⃣", "https://news.org/2024/05/story", .reference, text: "nyt1", field: "nyt1"),
        .web("3️⃣", "https://news.org/2024/05/story", .reference, text: "NYT1", field: "NYT1"),
      ]),
    LinkEdgeCase(
      9, "[scan2]: <1️⃣https://archive.org/files/scan two.pdf>",
      [
        .web(
          "1️⃣", "https://archive.org/files/scan two.pdf", .definition,
          key: "https://archive.org/files/scan%20two.pdf", field: "scan2")
      ]),
    LinkEdgeCase(
      10, "> [q1]: 1️⃣https://quotes.org/t",
      [.web("1️⃣", "https://quotes.org/t", .definition, field: "q1")]),
    LinkEdgeCase(
      11, "![Chart](1️⃣https://cdn.org/chart.png)",
      [.web("1️⃣", "https://cdn.org/chart.png", .image, text: "Chart")]),
    LinkEdgeCase(
      12, "![chart|400](1️⃣https://cdn.org/chart.png)",
      [.web("1️⃣", "https://cdn.org/chart.png", .image, text: "chart")]),
    LinkEdgeCase(
      13, "![](1️⃣https://www.youtube.com/watch?v=abc123)",
      [.web("1️⃣", "https://www.youtube.com/watch?v=abc123", .embed)]),

    // Autolinks and bare URLs
    LinkEdgeCase(14, "<1️⃣https://feeds.org/rss>", [.web("1️⃣", "https://feeds.org/rss", .autolink)]),
    LinkEdgeCase(
      15, "<1️⃣editor@paper.org>", [.keyless("1️⃣", "mailto:editor@paper.org", .autolink, scheme: .mailto)]),
    LinkEdgeCase(16, "Source: 1️⃣https://news.org/story.", [.web("1️⃣", "https://news.org/story", .bare)]),
    LinkEdgeCase(17, "(1️⃣https://news.org/story)", [.web("1️⃣", "https://news.org/story", .bare)]),
    LinkEdgeCase(
      18, "1️⃣https://en.wikipedia.org/wiki/Mercury_(planet)",
      [.web("1️⃣", "https://en.wikipedia.org/wiki/Mercury_(planet)", .bare)]),
    LinkEdgeCase(19, "“1️⃣https://news.org/quote”", [.web("1️⃣", "https://news.org/quote", .bare)]),
    LinkEdgeCase(20, "1️⃣https://news.org/f>x", [.web("1️⃣", "https://news.org/f", .bare)]),
    LinkEdgeCase(
      21, "1️⃣www.news.org/story", [.web("1️⃣", "www.news.org/story", .bare, key: "http://www.news.org/story")]),
    LinkEdgeCase(
      22, "1️⃣HTTPS://NEWS.ORG/Story", [.web("1️⃣", "HTTPS://NEWS.ORG/Story", .bare, key: "https://news.org/Story")]),
    LinkEdgeCase(
      23, "1️⃣https://bücher.org/buch",
      [.web("1️⃣", "https://bücher.org/buch", .bare, key: "https://xn--bcher-kva.org/buch")]),
    LinkEdgeCase(
      24, #"<a href="1️⃣https://shop.org/p?a=1&amp;b=2">x</a>"#,
      [.web("1️⃣", "https://shop.org/p?a=1&b=2", .html, field: "href")]),
    LinkEdgeCase(
      25, #"<iframe src="1️⃣https://video.org/embed/9"></iframe> · <img src="2️⃣https://cdn.org/i.png">"#,
      [
        .web("1️⃣", "https://video.org/embed/9", .html, field: "src"),
        .web("2️⃣", "https://cdn.org/i.png", .html, field: "src"),
      ]),
    LinkEdgeCase(
      26, "1️⃣https://news.org/s?id=7&utm_source=rss",
      [.web("1️⃣", "https://news.org/s?id=7&utm_source=rss", .bare, key: "https://news.org/s?id=7")]),

    // Obsidian constructs
    LinkEdgeCase(
      27, "[[1️⃣Source notes#Methods|methods]]",
      [.keyless("1️⃣", "Source notes#Methods", .wikilink, scheme: .relative, text: "methods")]),
    LinkEdgeCase(28, "[[1️⃣2024-03-01#^q7]]", [.keyless("1️⃣", "2024-03-01#^q7", .wikilink, scheme: .relative)]),
    LinkEdgeCase(
      29, "![[1️⃣chart.png|300]]", [.keyless("1️⃣", "chart.png", .wikiEmbed, scheme: .relative, text: "300")]),
    LinkEdgeCase(
      30, "[[1️⃣https://news.org/x]]",
      [.keyless("1️⃣", "https://news.org/x", .wikilink, scheme: .relative, flags: [.probablyExternal])]),
    LinkEdgeCase(
      31, "| Note | Source |\n|---|---|\n" + #"| [[1️⃣Paper\|short]] | [PDF](2️⃣https://gov.org/r.pdf) |"#,
      [
        .keyless("1️⃣", "Paper", .wikilink, scheme: .relative, text: "short"),
        .web("2️⃣", "https://gov.org/r.pdf", .inline, text: "PDF"),
      ]),
    LinkEdgeCase(
      32, "%% verify later 1️⃣https://rumor.org/x %%", [.web("1️⃣", "https://rumor.org/x", .bare, flags: [.hidden])]),
    LinkEdgeCase(33, "<!-- https://old.org/removed -->", []),
    LinkEdgeCase(
      34, "> [!quote] [Speech](1️⃣https://gov.org/speech) 2️⃣https://gov.org/tx\n> We choose to go. 3️⃣https://gov.org/body",
      [
        .web("1️⃣", "https://gov.org/speech", .inline, text: "Speech"),
        .web("2️⃣", "https://gov.org/tx", .bare),
        .web("3️⃣", "https://gov.org/body", .bare),
      ]),
    LinkEdgeCase(
      35, "Smith argues so.[^2]\n\n[^2]: Smith, “Title”, 1️⃣https://journal.org/a1",
      [.web("1️⃣", "https://journal.org/a1", .footnote, field: "2")]),
    LinkEdgeCase(
      36, "Claim.^[Per 1️⃣https://journal.org/a2]", [.web("1️⃣", "https://journal.org/a2", .inlineFootnote)]),
    LinkEdgeCase(
      37, "source:: 1️⃣https://news.org/y\n\nSee [via:: 2️⃣https://news.org/z] here.",
      [
        .web("1️⃣", "https://news.org/y", .dataview, field: "source"),
        .web("2️⃣", "https://news.org/z", .dataview, field: "via"),
      ]),
    LinkEdgeCase(
      38,
      "[open](1️⃣obsidian://open?vault=V&file=N) · [ref](2️⃣zotero://select/items/ABC) · [pdf](3️⃣file:///Users/me/a.pdf)",
      [
        .keyless("1️⃣", "obsidian://open?vault=V&file=N", .inline, scheme: .nonWeb, text: "open"),
        .keyless("2️⃣", "zotero://select/items/ABC", .inline, scheme: .nonWeb, text: "ref"),
        .keyless("3️⃣", "file:///Users/me/a.pdf", .inline, scheme: .nonWeb, text: "pdf"),
      ]),
    LinkEdgeCase(
      39, "~~[retracted](1️⃣https://journal.org/retracted)~~",
      [.web("1️⃣", "https://journal.org/retracted", .inline, text: "retracted", flags: [.struck])]),

    // Verbatim content (ignore)
    LinkEdgeCase(40, "Run `curl https://api.org/v1` first.", []),
    LinkEdgeCase(41, "Fetch it:\n\n```bash\nwget https://data.org/file.csv\n```\n", []),
    LinkEdgeCase(
      42, "    https://indented.org/x\n\n- Sources:\n\n    1️⃣https://in-item.org/x",
      [.web("1️⃣", "https://in-item.org/x", .bare)]),

    // Front matter
    LinkEdgeCase(
      43, "---\nsource: 1️⃣https://news.org/a\n---\nBody",
      [.web("1️⃣", "https://news.org/a", .frontMatter, field: "source")]),
    LinkEdgeCase(
      44, "---\nurl: \"1️⃣https://news.org/b\"\n---\nBody",
      [.web("1️⃣", "https://news.org/b", .frontMatter, field: "url")]),
    LinkEdgeCase(
      45, "---\nlinks:\n  - \"1️⃣https://news.org/c\"\n---\nBody",
      [.web("1️⃣", "https://news.org/c", .frontMatter, field: "links")]),
    LinkEdgeCase(
      46, "---\nlinks: [1️⃣https://flow.org/1, \"2️⃣https://flow.org/2\"]\n---\nBody",
      [
        .web("1️⃣", "https://flow.org/1", .frontMatter, field: "links"),
        .web("2️⃣", "https://flow.org/2", .frontMatter, field: "links"),
      ]),
    LinkEdgeCase(
      47, "---\nrelated: \"[[1️⃣Other note]]\"\n---\nBody",
      [.keyless("1️⃣", "Other note", .wikilink, scheme: .relative, field: "related")]),
    LinkEdgeCase(
      48, "---\n{\"source\": \"1️⃣https://json-fm.org/c\"}\n---\nBody",
      [.web("1️⃣", "https://json-fm.org/c", .frontMatter, field: "source")]),

    // Fragments
    LinkEdgeCase(
      49, "1️⃣https://news.org/a#:~:text=rate%20rose,by%203%25",
      [
        .web(
          "1️⃣", "https://news.org/a#:~:text=rate%20rose,by%203%25", .bare, key: "https://news.org/a",
          flags: [.textFragment])
      ]),
    LinkEdgeCase(
      50, "1️⃣https://docs.org/guide#install:~:text=brew",
      [.web("1️⃣", "https://docs.org/guide#install:~:text=brew", .bare, key: "https://docs.org/guide", flags: [.textFragment])]),
    LinkEdgeCase(
      51, "1️⃣https://docs.org/guide#install",
      [.web("1️⃣", "https://docs.org/guide#install", .bare, key: "https://docs.org/guide")]),
    LinkEdgeCase(
      52, "1️⃣https://app.org/#/settings", [.web("1️⃣", "https://app.org/#/settings", .bare, key: "https://app.org/")]),
  ]
}

@Suite("Link edge cases (links.md §2)")
struct LinkEdgeCaseTests {
  @Test("the table covers cases 1–52 once each") func tableIsComplete() {
    #expect(LinkEdgeCase.all.compactMap(\.number) == Array(1...52))
  }

  @Test("edge case", arguments: LinkEdgeCase.all)
  func edgeCase(_ c: LinkEdgeCase) {
    expectLinks(c.fixture, c.expected)
  }

  // MARK: What the table cannot say

  @Test("cases 3 and 9: a space in <…> is kept in the URL and encoded only for fetching")
  func spacesEncodedForFetching() {
    let inline = LinkEdgeCase.number(3).fixture.harvest().links
    let definition = LinkEdgeCase.number(9).fixture.harvest().links
    #expect(inline.map { URLIdentity($0.url).fetchURL } == ["https://archive.org/files/old%20scan.pdf"])
    #expect(definition.map { URLIdentity($0.url).fetchURL } == ["https://archive.org/files/scan%20two.pdf"])
    #expect((inline + definition).allSatisfy { $0.isFetchable })
  }

  @Test("case 7: an unused definition is kept even though nothing references it")
  func unusedDefinitionKept() {
    let links = MarkedText("Text without references.\n\n[nyt1]: https://news.org/story \"Story\"").harvest().links
    #expect(links.map(\.kind) == [.definition])
    #expect(links.map(\.field) == ["nyt1"])
  }

  @Test("case 15: mailto and case 38: non-web schemes are recorded, never fetched")
  func neverFetched() {
    let mail = LinkEdgeCase.number(15).fixture.harvest().links
    let nonWeb = LinkEdgeCase.number(38).fixture.harvest().links
    #expect(mail.count == 1 && nonWeb.count == 3)
    #expect((mail + nonWeb).allSatisfy { !$0.isFetchable && $0.key == nil && !$0.isInternal })
  }

  @Test("case 23: the fetch URL carries the punycode host")
  func punycodeFetchURL() {
    let links = LinkEdgeCase.number(23).fixture.harvest().links
    #expect(links.map { URLIdentity($0.url).fetchURL } == ["https://xn--bcher-kva.org/buch"])
  }

  @Test("cases 27–31, 47: wikilinks are internal and never fetched", arguments: [27, 28, 29, 30, 31, 47])
  func wikilinksInternal(_ number: Int) {
    let links = LinkEdgeCase.number(number).fixture.harvest().links.filter { $0.kind == .wikilink || $0.kind == .wikiEmbed }
    #expect(links.count == 1)
    #expect(links.allSatisfy { $0.isInternal && !$0.isFetchable && $0.key == nil })
  }

  @Test("cases 33, 40, 41: nothing inside a comment, code span or fence", arguments: [33, 40, 41])
  func nothingHarvested(_ number: Int) {
    let harvest = LinkEdgeCase.number(number).fixture.harvest()
    #expect(harvest.links.isEmpty)
  }

  @Test("case 49: a text fragment is also a quote of the page, attributed to its URL")
  func textFragmentQuote() {
    // The quote is placed on the directive's value (the quote harvester's choice).
    let fixture = MarkedText("1️⃣https://news.org/a#:~:text=2️⃣rate%20rose,by%203%25")
    #expect(fixture.text == LinkEdgeCase.number(49).fixture.text)
    let harvest = fixture.harvest()
    let quotes = harvest.quotes.filter { $0.kind == .textFragment }
    #expect(quotes.count == 1)
    let quote = quotes.first
    #expect(quote?.text == "rate rose … by 3%")
    #expect(quote?.directive == TextDirective(start: "rate rose", end: "by 3%"))
    #expect(quote?.source == "https://news.org/a#:~:text=rate%20rose,by%203%25")
    #expect(quote?.sourceKey == "https://news.org/a")
    #expect(quote?.attribution == .textFragment)
    #expect(quote?.start == fixture["2️⃣"])
    #expect(harvest.links.map(\.position) == [fixture["1️⃣"]])
    #expect(URLIdentity(harvest.links[0].url).fetchURL == "https://news.org/a")
  }

  @Test("case 50: the element id and the directive are both kept")
  func idAndDirective() {
    let harvest = LinkEdgeCase.number(50).fixture.harvest()
    let url = harvest.links.first?.url ?? ""
    #expect(URLIdentity(url).fragment == "install:~:text=brew")
    #expect(TextDirective.elementID(url: url) == "install")
    #expect(harvest.quotes.filter { $0.kind == .textFragment }.map(\.directive) == [TextDirective(start: "brew")])
  }

  @Test("cases 51 and 52: a plain anchor or an app route yields no quote", arguments: [51, 52])
  func noFragmentQuote(_ number: Int) {
    let harvest = LinkEdgeCase.number(number).fixture.harvest()
    #expect(harvest.quotes.filter { $0.kind == .textFragment }.isEmpty)
    #expect(harvest.links.count == 1)
    #expect(harvest.links.allSatisfy { $0.flags.isEmpty })
  }

  @Test("case 49: the bare URL and its text-fragment spelling share a key")
  func fragmentGroupsWithBareURL() {
    let links = MarkedText("https://news.org/a#:~:text=rate%20rose,by%203%25 and https://news.org/a").harvest().links
    #expect(links.count == 2)
    #expect(Set(links.compactMap(\.key)) == ["https://news.org/a"])
  }
}
