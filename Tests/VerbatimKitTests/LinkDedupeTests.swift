import Testing
import VerbatimTestSupport

@testable import VerbatimKit

// Two spellings of one source must share a dedupe key wherever and however they are written;
// different sources must not.
@Suite("Link de-duplication keys")
struct LinkDedupeTests {
  struct Spellings: Sendable, CustomTestStringConvertible {
    var first: String
    var second: String
    var key: String
    var testDescription: String { "\(first) ~ \(second)" }
  }

  @Test(
    "two spellings in one note share a key",
    arguments: [
      Spellings(first: "HTTPS://NEWS.ORG/story", second: "https://news.org/story", key: "https://news.org/story"),
      Spellings(first: "www.news.org/story", second: "http://www.news.org/story", key: "http://www.news.org/story"),
      Spellings(first: "https://bücher.org/buch", second: "https://xn--bcher-kva.org/buch", key: "https://xn--bcher-kva.org/buch"),
      Spellings(first: "https://news.org:443/a", second: "https://news.org/a", key: "https://news.org/a"),
      Spellings(first: "https://news.org/s?utm_source=rss&id=7", second: "https://news.org/s?id=7&fbclid=x", key: "https://news.org/s?id=7"),
      Spellings(first: "https://news.org/a#methods", second: "https://news.org/a#:~:text=rate", key: "https://news.org/a"),
      Spellings(first: "https://news.org", second: "https://news.org/", key: "https://news.org/"),
    ])
  func spellingsShareKey(_ s: Spellings) {
    let fixture = MarkedText("First 1️⃣\(s.first) then 2️⃣\(s.second) again.")
    let links = fixture.harvest().links
    #expect(links.map(\.position) == [fixture["1️⃣"], fixture["2️⃣"]])
    #expect(links.map(\.url) == [s.first, s.second])
    #expect(links.map(\.key) == [s.key, s.key])
  }

  @Test("every syntax of one URL yields one key")
  func everySyntaxOneKey() {
    let fixture = MarkedText(
      """
      ---
      source: 1️⃣https://News.org/story?utm_medium=x
      ---
      [A](2️⃣https://news.org/story) <3️⃣HTTPS://news.org/story> 4️⃣https://news.org/story#top 5️⃣[ref]
      <a href="6️⃣https://news.org/story">a</a> source:: 7️⃣https://news.org:443/story

      [ref]: 8️⃣https://NEWS.org/story
      """)
    let links = fixture.harvest().links.sorted { $0.position < $1.position }
    #expect(links.map(\.position) == (1...8).map { fixture[MarkedText.emojiMarkers[$0 - 1]] })
    #expect(links.map(\.kind) == [.frontMatter, .inline, .autolink, .bare, .reference, .html, .dataview, .definition])
    #expect(Set(links.map(\.key)) == ["https://news.org/story"])
  }

  @Test("keys are the same across notes")
  func acrossNotes() {
    let a = MarkedText("See HTTPS://News.ORG/story?utm_source=a").harvest(path: "a.md")
    let b = MarkedText("[b](https://news.org/story#part)").harvest(path: "b.md")
    #expect(a.links.count == 1 && b.links.count == 1)
    #expect(a.links.first?.key == "https://news.org/story")
    #expect(a.links.first?.key == b.links.first?.key)
    #expect(a.links.first?.note == "a.md")
    #expect(b.links.first?.note == "b.md")
  }

  @Test(
    "different sources keep different keys",
    arguments: [
      ("https://news.org/Story", "https://news.org/story"),
      ("http://news.org/a", "https://news.org/a"),
      ("https://news.org/a?id=1", "https://news.org/a?id=2"),
      ("https://news.org:8443/a", "https://news.org/a"),
    ])
  func differentSources(_ first: String, _ second: String) {
    let links = MarkedText("\(first) and \(second)").harvest().links
    #expect(links.count == 2)
    #expect(links.map(\.url) == [first, second])
    #expect(links[0].key != links[1].key)
  }
}
