import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Quote ids: FNV-1a of note, kind, text and occurrence index, so they survive edits elsewhere
/// in the note and tell identical quotes apart.
@Suite("Quote ids")
struct QuoteIDTests {
  static let note = """
    Intro [Src](https://src.example/a).

    He said "the first quoted sentence is here" and later "a second quoted sentence".

    > A blockquote of several words here.
    """

  static func ids(_ text: String, path: String = "note.md") -> [String] {
    NoteHarvester.harvest(path: path, bytes: Array(text.utf8)).quotes.map(\.id)
  }

  @Test("stable across two harvests, unique, `q` and 16 hex digits")
  func stable() {
    let first = Self.ids(Self.note)
    #expect(first.count == 3)
    #expect(first == Self.ids(Self.note))
    #expect(Set(first).count == 3)
    #expect(first.allSatisfy { $0.count == 15 && $0.hasPrefix("q") && $0.dropFirst().allSatisfy(\.isHexDigit) })
  }

  @Test("the id is the FNV-1a hash of note, kind, text and occurrence")
  func definition() throws {
    let q = try #require(NoteHarvester.harvest(path: "n.md", bytes: Array("\"one two three four\"".utf8)).quotes.first)
    var expected = StableHash()
    for part in ["n.md", "inline", "one two three four", "0"] { expected.combine(part) }
    #expect(q.id == "q" + expected.hex)
    #expect(StableHash().value == 0xcbf2_9ce4_8422_2325)
    var a = StableHash()
    a.combine("a")  // FNV-1a of "a" then the 0x1F separator
    #expect(a.value == 0x089b_e907_b544_fdc9)
    #expect(a.hex == "089be907b544fd")
  }

  @Test("unchanged when an unrelated line is inserted above")
  func insertAbove() {
    let before = Self.ids(Self.note)
    let after = Self.ids("# A new heading\n\nA new unrelated paragraph.\n\n" + Self.note)
    #expect(after == before)
  }

  @Test("two identical quotes in one note get different ids (occurrence index)")
  func identical() {
    let h = MarkedText("He said \"the same words again\" twice: \"the same words again\".").harvest()
    #expect(h.quotes.count == 2)
    #expect(h.quotes[0].text == h.quotes[1].text)
    #expect(h.quotes[0].id != h.quotes[1].id)
    var expected = StableHash()
    for part in ["note.md", "inline", "the same words again", "1"] { expected.combine(part) }
    #expect(h.quotes[1].id == "q" + expected.hex)
  }

  @Test("changed when the quote text changes; the others stay")
  func textChange() {
    let before = Self.ids(Self.note)
    let after = Self.ids(Self.note.replacingOccurrences(of: "first quoted sentence", with: "first quoted sentences"))
    #expect(after[0] != before[0])
    #expect(after[1...] == before[1...])
  }

  @Test("changed in another note, and between kinds with the same text")
  func noteAndKind() {
    #expect(Self.ids(Self.note, path: "a.md") != Self.ids(Self.note, path: "b.md"))
    let h = MarkedText("> the same words in both kinds\n\n\"the same words in both kinds\"\n").harvest()
    #expect(h.quotes.map(\.kind) == [.block, .inline])
    #expect(h.quotes[0].id != h.quotes[1].id)
  }
}
