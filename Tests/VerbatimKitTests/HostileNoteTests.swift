import Foundation
import Testing

@testable import VerbatimKit

/// Nesting the block-quote cases of `BadInputTests` do not reach: lists, emphasis, links, raw HTML
/// and code spans, each ten thousand deep or long, around one quote that must come out whole.
@Suite("Hostile note content")
struct HostileNoteTests {
  @Test("deep nesting of other constructs: the one quote among them is harvested, exactly", arguments: [
    ("lists.md", String(repeating: "- ", count: 10_000) + "He said \"a quote in a deep list item\".\n", "a quote in a deep list item"),
    ("emphasis.md", String(repeating: "*", count: 20_000) + " \"a quote among emphasis marks\" " + String(repeating: "_", count: 20_000) + "\n",
     "a quote among emphasis marks"),
    ("links.md", String(repeating: "[", count: 5_000) + "x" + String(repeating: "](y)", count: 5_000) + "\n\n\"a quote after nested links\"\n",
     "a quote after nested links"),
    ("html.md", String(repeating: "<div>", count: 10_000) + "\n\n\"a quote after ten thousand divs\"\n", "a quote after ten thousand divs"),
    ("code.md", String(repeating: "`", count: 10_000) + " \"a quote among backticks here\" " + String(repeating: "``x", count: 5_000) + "\n",
     "a quote among backticks here"),
  ])
  func deepNesting(name: String, note: String, quote: String) throws {
    let harvest = try BadInputTests.harvest([name: Array(note.utf8)])
    #expect(try BadInputTests.note(harvest, name).quotes.map(\.text) == [quote])
    #expect(harvest.allDiagnostics.isEmpty)
  }
}
