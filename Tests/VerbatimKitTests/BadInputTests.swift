import Foundation
import Testing

@testable import VerbatimKit

/// Input that is not a well-formed vault or note: usage errors, broken files, hostile notes.
/// Every case is harvested through `Harvester.harvest(vault:)` on a real temporary folder.
@Suite("Bad input")
struct BadInputTests {
  @Test("a missing vault path is a usage error")
  func missingVault() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    let missing = vault.url("no/such/folder").path
    #expect(throws: HarvestError.vaultNotFound(missing)) { try Harvester.harvest(vault: missing) }
    #expect(HarvestError.vaultNotFound(missing).description == "\(missing): no such folder")
  }

  @Test("a file that is not Markdown, given as the vault, is a usage error")
  func notAFolder() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("notes.txt", "\"a quote in a text file\"")
    let file = vault.url("notes.txt").path
    #expect(throws: HarvestError.notAFolder(file)) { try Harvester.harvest(vault: file) }
  }

  @Test("one Markdown file given as the vault is harvested alone")
  func singleNote() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("One Note.md", "He said \"a quote in a single note\".")
    let harvest = try Harvester.harvest(vault: vault.url("One Note.md").path)
    #expect(harvest.notes.map(\.path) == ["One Note.md"])
    #expect(harvest.quotes.map(\.text) == ["a quote in a single note"])
  }

  @Test("invalid UTF-8: harvested with U+FFFD and a warning naming the file and line")
  func invalidUTF8() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("bad.md", Array("fine line\nHe said \"bad ".utf8) + [0xFF, 0xFE] + Array(" bytes in a quote\" here.\n".utf8))
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["bad.md"])
    #expect(
      harvest.allDiagnostics == [
        Diagnostic(.warning, file: "bad.md", line: 2, "invalid UTF-8; decoded with replacement characters (U+FFFD)")
      ])
    #expect(harvest.allDiagnostics.first?.description.hasPrefix("bad.md:2: warning: invalid UTF-8") == true)
    let quote = try #require(harvest.quotes.first)
    #expect(quote.text == "bad \u{FFFD}\u{FFFD} bytes in a quote")
    #expect(quote.start == SourcePosition(line: 2, column: 10))
  }

  @Test("a UTF-8 byte order mark is dropped without a warning")
  func byteOrderMark() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("bom.md", [0xEF, 0xBB, 0xBF] + Array("\"a quote right at the start\"".utf8))
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.allDiagnostics.isEmpty)
    #expect(harvest.quotes.map(\.start) == [SourcePosition(line: 1, column: 2)])
  }

  @Test("a binary file named .md (NUL bytes) is skipped with a warning")
  func binary() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("x.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x22, 0x61, 0x22])
    try vault.write("ok.md", "ok")
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["ok.md"])
    #expect(harvest.diagnostics == [Diagnostic(.warning, file: "x.md", "binary file (NUL bytes), not Markdown; skipped")])
  }

  @Test("a note over 10 MB is skipped with a warning; one of exactly 10 MB is harvested")
  func tooLarge() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    let limit = Harvester.maximumNoteSize
    #expect(limit == 10 * 1024 * 1024)
    var big = [UInt8](repeating: 0x61, count: limit + 1)
    for i in stride(from: 80, to: big.count, by: 81) { big[i] = 0x0A }
    try vault.write("big.md", big)
    try vault.write("limit.md", Array(big.prefix(limit)))
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["limit.md"])
    #expect(harvest.diagnostics == [Diagnostic(.warning, file: "big.md", "larger than 10 MB (10485761 bytes); skipped")])
  }

  @Test("an unreadable note and folder are skipped with warnings (unless running as root)")
  func unreadable() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("locked.md", "\"a quote nobody may read\"")
    try vault.write("closed/inner.md", "\"a quote in a closed folder\"")
    try vault.write("open.md", "open")
    try vault.lock("locked.md")
    try vault.lock("closed")
    let harvest = try Harvester.harvest(vault: vault.path)
    if ScratchVault.runsAsRoot {
      // Root reads through `chmod 000`: nothing to skip, and nothing may crash.
      #expect(harvest.notes.map(\.path) == ["closed/inner.md", "locked.md", "open.md"])
      #expect(harvest.allDiagnostics.isEmpty)
    } else {
      #expect(harvest.notes.map(\.path) == ["open.md"])
      let diagnostics = harvest.diagnostics.sorted { $0.file < $1.file }
      #expect(diagnostics.map(\.file) == ["closed", "locked.md"])
      #expect(diagnostics.map(\.severity) == [.warning, .warning])
      #expect(diagnostics.first?.message.hasPrefix("cannot read folder: ") == true)
      #expect(diagnostics.last?.message.hasPrefix("cannot read: ") == true)
    }
  }

  // MARK: - Pathological notes

  /// Harvests `notes` as one vault; each must come out (no crash, no hang).
  static func harvest(_ notes: [String: [UInt8]]) throws -> VaultHarvest {
    let vault = try ScratchVault()
    defer { vault.remove() }
    for (name, bytes) in notes { try vault.write(name, bytes) }
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == notes.keys.sorted())
    return harvest
  }

  static func note(_ harvest: VaultHarvest, _ path: String) throws -> NoteHarvest {
    try #require(harvest.notes.first { $0.path == path })
  }

  @Test("10,000 nested `>`: one quote")
  func deepBlockquote() throws {
    let harvest = try Self.harvest(["deep.md": Array((String(repeating: ">", count: 10_000) + " deep quote text here\n").utf8)])
    let note = try Self.note(harvest, "deep.md")
    #expect(note.quotes.map(\.kind) == [.block])
    #expect(note.quotes.first?.text.hasSuffix("deep quote text here") == true)
  }

  @Test("10,000 `[`, in prose and inside a quote")
  func brackets() throws {
    let open = String(repeating: "[", count: 10_000)
    let harvest = try Self.harvest([
      "prose.md": Array((open + " text\n").utf8),
      "quoted.md": Array(("\"" + open + " text\"\n").utf8),
      "mixed.md": Array(("\"" + String(repeating: "[a [^b [[c ![d <e `f ", count: 2_000) + "end\"\n").utf8),
    ])
    #expect(try Self.note(harvest, "prose.md").quotes.isEmpty)
    #expect(try Self.note(harvest, "quoted.md").quotes.map(\.text) == [open + " text"])
    #expect(try Self.note(harvest, "mixed.md").quotes.count == 1)
  }

  @Test("10,000 unmatched quotation marks")
  func unmatchedMarks() throws {
    let harvest = try Self.harvest([
      "run.md": Array((String(repeating: "\"", count: 10_000) + "\n").utf8),
      "openers.md": Array((String(repeating: "\"a ", count: 10_000) + "\n").utf8),
      "mixed.md": Array((String(repeating: "\"a ", count: 10_000) + String(repeating: "b’ ", count: 10_000) + "\n").utf8),
      "curly.md": Array((String(repeating: "“a ", count: 10_000) + "\n").utf8),
    ])
    for path in ["run.md", "openers.md", "mixed.md", "curly.md"] {
      #expect(try Self.note(harvest, path).quotes.isEmpty, "\(path)")
    }
  }

  @Test("a 1 MB single line with 19,000 quotes and links: every quote positioned and attributed")
  func megabyteLine() throws {
    let units = (0..<19_000).map { "word \"quoted words here\" [l](https://x.example/\(String(100_000 + $0).dropFirst())) " }
    let line = units.joined()
    #expect(line.utf8.count == 19_000 * 54)
    let harvest = try Self.harvest(["line.md": Array(line.utf8)])
    let note = try Self.note(harvest, "line.md")
    #expect(note.quotes.count == 19_000)
    #expect(note.links.count == 19_000)
    let last = try #require(note.quotes.last)
    #expect(last.start == SourcePosition(line: 1, column: 18_999 * 54 + 7))
    #expect(last.end == SourcePosition(line: 1, column: 18_999 * 54 + 23))
    #expect(last.source == "https://x.example/18999")
    #expect(note.quotes.allSatisfy { $0.attribution == .adjacentLink })
    #expect(Set(note.quotes.map(\.source)).count == 19_000)
  }

  @Test("a 1 MB single line of plain words and one of unclosed marks")
  func megabyteLines() throws {
    let harvest = try Self.harvest([
      "words.md": Array(String(repeating: "x ", count: 500_000).utf8),
      "marks.md": Array(String(repeating: "aaaa \"", count: 170_000).utf8),
    ])
    #expect(try Self.note(harvest, "words.md").quotes.isEmpty)
    #expect(try Self.note(harvest, "marks.md").quotes.isEmpty)
  }

  @Test("5,000 paragraphs, blockquotes and headings with quotes and links")
  func manyBlocks() throws {
    let paragraphs = (0..<5_000).map { "Para \"quoted words number \($0)\" [l](https://x.example/\($0)).\n\n" }.joined()
    let blockquotes = (0..<5_000).map { "> quote \($0) words here\n> — Speaker \($0), [Src](https://s.example/\($0))\n\n" }.joined()
    let headings = (0..<5_000).map { "# H\($0)\n\"quoted words \($0) here\"\n" }.joined()
    let harvest = try Self.harvest([
      "paragraphs.md": Array(paragraphs.utf8), "blockquotes.md": Array(blockquotes.utf8), "headings.md": Array(headings.utf8),
    ])
    let p = try Self.note(harvest, "paragraphs.md")
    #expect(p.quotes.count == 5_000)
    #expect(p.quotes.last?.source == "https://x.example/4999")
    let b = try Self.note(harvest, "blockquotes.md")
    #expect(b.quotes.count == 5_000)
    #expect(b.quotes.last?.speaker == "Speaker 4999")
    #expect(b.quotes.last?.attribution == .attributionLine)
    #expect(b.quotes.last?.source == "https://s.example/4999")
    let h = try Self.note(harvest, "headings.md")
    #expect(h.quotes.count == 5_000)
    #expect(h.quotes.allSatisfy { $0.attribution == .none })
  }
}
