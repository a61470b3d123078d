import Foundation
import Testing

@testable import VerbatimKit

/// `verbatim annotate` as a user runs it, on a copy of the bundled example, offline.
@Suite("AnnotateCommand")
struct AnnotateCommandTests {
  static let enabled = VerbatimBinary.path != nil

  /// Every note of the vault (the evidence store left out), by vault-relative path.
  static func notes(_ vault: URL) throws -> [String: Data] {
    var notes: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: vault.path) where path.hasSuffix(".md") {
      notes[path] = try Data(contentsOf: vault.appendingPathComponent(path))
    }
    return notes
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func printsADiffAndChangesNothing() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let before = try Self.notes(vault)
    let run = try await VerbatimBinary.run(["annotate", vault.path, "--offline", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.text.contains("--- a/Interviews/Lena Ortiz interview.md\n+++ b/Interviews/Lena Ortiz interview.md\n@@ -"))
    #expect(
      run.text.contains(
        "\n+> [!verbatim] verbatim: verified (typographic) · Lena Ortiz, director, Brenner Public Utility\n"))
    #expect(run.text.contains("”[^1][^verbatim-1]\n"))
    #expect(
      run.text.contains("\n+[^verbatim-2]: verbatim: altered (material) · Paul Hegarty, city editor, Brenner Courier"))
    #expect(!run.text.contains("Reading list.md"))  // no checked quote: nothing to change
    #expect(try Self.notes(vault) == before)
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func writeTwiceChangesNothingTheSecondTimeAndRemoveRestores() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let interview = vault.appendingPathComponent("Interviews/Lena Ortiz interview.md").path
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: interview)
    let original = try Self.notes(vault)

    let first = try await VerbatimBinary.run(["annotate", vault.path, "--offline", "--quiet", "--write"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.text.contains("wrote Interviews/Lena Ortiz interview.md\n"))
    let annotated = try Self.notes(vault)
    #expect(annotated != original)
    #expect(annotated["Reading list.md"] == original["Reading list.md"])
    let text = String(decoding: try #require(annotated["Interviews/Lena Ortiz interview.md"]), as: UTF8.self)
    #expect(
      text.contains("\n\n[^verbatim-1]: verbatim: verified (exact) · Anneliese Vogt, council clerk, City of Brenner"))
    #expect(text.contains("\n[^verbatim-2]: verbatim: altered (material) · Paul Hegarty, city editor, Brenner Courier"))
    #expect(text.hasSuffix("published on Brenner Courier's own site\n"))
    let permissions = try FileManager.default.attributesOfItem(atPath: interview)[.posixPermissions] as? Int
    #expect(permissions == 0o640)
    // No temporary file is left behind.
    #expect(
      try FileManager.default.subpathsOfDirectory(atPath: vault.path).filter { $0.contains(".verbatim-") }.isEmpty)

    let second = try await VerbatimBinary.run(["annotate", vault.path, "--offline", "--quiet", "--write"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.text == "")
    #expect(try Self.notes(vault) == annotated)
    let diff = try await VerbatimBinary.run(["annotate", vault.path, "--offline", "--quiet"])
    #expect(diff.status == 0 && diff.text == "", "\(diff.text)")

    // The audit of the annotated vault sees the same quotes, sources and verdicts.
    let audit = try await VerbatimBinary.run(["audit", vault.path, "--offline", "--quiet", "--fail-on", "none"])
    #expect(audit.status == 0, "\(audit.stderr)")
    #expect(audit.text.contains("25 quotes: 19 verified, 1 altered (1 material), 1 not found"))

    let preview = try await VerbatimBinary.run(["annotate", vault.path, "--remove"])
    #expect(preview.status == 0, "\(preview.stderr)")
    #expect(preview.text.contains("\n-[^verbatim-1]: verbatim: verified (exact) · Anneliese Vogt, council clerk"))
    #expect(try Self.notes(vault) == annotated)
    let removed = try await VerbatimBinary.run(["annotate", vault.path, "--remove", "--write"])
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(try Self.notes(vault) == original)
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func oneNoteAndNotesGlob() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let run = try await VerbatimBinary.run(["annotate", vault.path, "--offline", "--quiet", "--notes", "Policy/*"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.text.hasPrefix("--- a/Policy/Brenner storage tender.md\n"))
    #expect(!run.text.contains("Interviews/"))
    let note = vault.appendingPathComponent("Policy/Brenner storage tender.md").path
    let single = try await VerbatimBinary.run(["annotate", note, "--offline", "--quiet", "--write"])
    #expect(single.status == 0, "\(single.stderr)")
    #expect(single.text == "wrote Brenner storage tender.md\n")
    let text = try String(contentsOfFile: note, encoding: .utf8)
    #expect(
      text.contains(
        "(https://brenner.example/council/2026-04-02#:~:text=tender%20for%20long%2Dduration%20storage)[^verbatim-2]."))
  }
}
