import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Text fragments (`#:~:text=`) in links are quotes of the linked page (quotes.md §8): one per
/// valid directive, positioned on the directive's value in the URL, attributed to the URL.
@Suite("Quotes: text fragments")
struct QuoteFragmentTests {
  static func fragments(_ h: NoteHarvest) -> [Quote] { h.quotes.filter { $0.kind == .textFragment } }

  @Test("an exact-match directive")
  func exact() throws {
    let url = "https://a.example/p#:~:text=the%20quoted%20words%20here"
    let f = MarkedText("See [a](https://a.example/p#:~:text=1️⃣the%20quoted%20words%20her2️⃣e) now.")
    let h = f.harvest()
    #expect(h.quotes.count == 1)
    let q = try #require(Self.fragments(h).first)
    #expect(q.text == "the quoted words here")
    #expect(q.directive == TextDirective(start: "the quoted words here"))
    #expect(q.source == url)
    #expect(q.sourceKey == "https://a.example/p")
    #expect(q.attribution == .textFragment)
    #expect(q.checkable)
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
    #expect(h.links.first?.flags == [.textFragment])
  }

  @Test("prefix, range and suffix")
  func prefixRangeSuffix() throws {
    let f = MarkedText(
      "See [a](https://frag.example/p#:~:text=1️⃣an%20example-,first%20words,last%20words,-after%20i2️⃣t) here.")
    let q = try #require(Self.fragments(f.harvest()).first)
    #expect(q.directive == TextDirective(prefix: "an example", start: "first words", end: "last words", suffix: "after it"))
    #expect(q.text == "first words … last words")
    #expect(q.raw == "first words … last words")
    #expect(q.start == f["1️⃣"])
    #expect(q.end == f["2️⃣"])
  }

  @Test("two directives in one URL are two quotes of the same source")
  func twoDirectives() {
    let url = "https://two.example/p#sec:~:text=alpha%20beta&text=gamma%20delta%20epsilon%20zeta"
    let f = MarkedText("And [b](https://two.example/p#sec:~:text=1️⃣alpha%20bet2️⃣a&text=3️⃣gamma%20delta%20epsilon%20zet4️⃣a) too.")
    let quotes = Self.fragments(f.harvest())
    #expect(quotes.map(\.text) == ["alpha beta", "gamma delta epsilon zeta"])
    #expect(quotes.map(\.start) == [f["1️⃣"], f["3️⃣"]])
    #expect(quotes.map(\.end) == [f["2️⃣"], f["4️⃣"]])
    #expect(quotes.map(\.source) == [url, url])
    #expect(quotes.map(\.checkable) == [false, true])
    #expect(quotes[0].id != quotes[1].id)
  }

  @Test("an invalid directive is dropped, the valid ones kept")
  func invalidDirective() {
    let f = MarkedText("See https://c.example/p#:~:text=bad-term&text=1️⃣good%20term%20here%20no2️⃣w ok.")
    let quotes = Self.fragments(f.harvest())
    #expect(quotes.map(\.text) == ["good term here now"])
    #expect(quotes.map(\.start) == [f["1️⃣"]])
    #expect(quotes.map(\.end) == [f["2️⃣"]])
  }

  @Test("a bare URL and an angle autolink with fragments")
  func bareAndAutolink() {
    let f = MarkedText(
      "Bare https://bare.example/x#:~:text=1️⃣bare%20fragment%20quote%20tex2️⃣t end, and <https://angle.example/y#:~:text=3️⃣angle%20fragment%20quote%20her4️⃣e>."
    )
    let quotes = Self.fragments(f.harvest())
    #expect(quotes.map(\.text) == ["bare fragment quote text", "angle fragment quote here"])
    #expect(quotes.map(\.start) == [f["1️⃣"], f["3️⃣"]])
    #expect(quotes.map(\.end) == [f["2️⃣"], f["4️⃣"]])
  }

  @Test("a reference link's fragment is harvested once, at its definition")
  func referenceLink() {
    let f = MarkedText("Ref [c][r] here.\n\n[r]: https://ref.example/x#:~:text=1️⃣reference%20fragment%20word2️⃣s\n")
    let h = f.harvest()
    #expect(h.quotes.count == 1)
    #expect(h.quotes.map(\.text) == ["reference fragment words"])
    #expect(h.quotes.map(\.start) == [f["1️⃣"]])
    #expect(h.quotes.map(\.end) == [f["2️⃣"]])
  }

  @Test("a fragment link inside a quote: the link is the quoted author's, its fragment still a quote")
  func insideQuote() {
    let url = "https://epoch.example/b#:~:text=cost%20of%20training%20frontier%20models"
    let h = MarkedText(
      "Source: [Essay](https://essay.example/e)\n\n\"Companies [spend more](\(url)), not less, on training models.\"\n"
    ).harvest()
    #expect(h.quotes.map(\.kind) == [.inline, .textFragment])
    #expect(h.quotes.map(\.source) == ["https://essay.example/e", url])
    #expect(h.quotes.map(\.attribution) == [.nearestPreceding, .textFragment])
    #expect(h.quotes.first?.text == "Companies spend more, not less, on training models.")
  }

  @Test("a fragment in the front matter's source key")
  func frontMatter() {
    let h = MarkedText("---\nsource: https://fm.example/a#:~:text=front%20matter%20fragment%20words\n---\nBody.\n").harvest()
    let quotes = Self.fragments(h)
    #expect(quotes.map(\.text) == ["front matter fragment words"])
    #expect(quotes.map(\.start) == [SourcePosition(line: 2, column: 38)])
    #expect(quotes.map(\.attribution) == [.textFragment])
  }

  @Test("no directive, an empty directive or a plain anchor: no quote")
  func noDirective() {
    let h = MarkedText(
      "A [x](https://a.example/p#intro) and https://b.example/q#:~: and https://c.example/r#:~:note=x here.").harvest()
    #expect(h.quotes.isEmpty)
  }
}
