import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// `verbatim audit` as a user runs it: the bundled example, offline, from its committed archive.
@Suite("AuditCommand")
struct AuditCommandTests {
  static let enabled = VerbatimBinary.path != nil

  /// A copy of `Examples/vault` (with its archive, without any ledger), so the test writes nothing into
  /// the checkout.
  static func exampleCopy() throws -> URL {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-example-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: root.appendingPathComponent("Examples/vault"), to: copy)
    for name in ["ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm"] {
      try? FileManager.default.removeItem(at: copy.appendingPathComponent(".verbatim/" + name))
    }
    return copy
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func exampleShowsEveryKindOfFinding() async throws {
    let vault = try Self.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let run = try await VerbatimBinary.run(["audit", vault.path, "--offline", "--format", "json", "--quiet"])
    #expect(run.status == 1, "\(run.stderr)")  // the example has findings at the default --fail-on
    let report = try run.json()
    let quotes = try #require(report["quotes"] as? [[String: Any]])
    let verdicts = Set(quotes.compactMap { $0["verdict"] as? String })
    #expect(verdicts == ["verified", "altered", "not-found", "outside-article", "uncheckable", "too-short"])
    let sources = try #require(report["sources"] as? [[String: Any]])
    #expect(sources.contains { $0["health"] as? String == "dead" && $0["http_status"] as? Int == 410 })
    #expect(
      sources.contains {
        $0["health"] as? String == "redirected"
          && $0["final_url"] as? String == "https://brenner.example/press/2026/storage-tender-opens"
      })
    // Nothing outside the archive: no source needed the network.
    #expect(!sources.contains { $0["health"] as? String == "not-archived" })
    // The example's Sources.yml is found at the vault's root: every kind of conflict shows, with evidence.
    let conflicts = quotes.flatMap { ($0["annotations"] as? [String: Any])?["conflicts"] as? [[String: Any]] ?? [] }
    #expect(
      Set(conflicts.compactMap { $0["kind"] as? String })
        == ["self-interest", "competitor", "financial", "commercial", "indirect", "publisher-owned", "self-published"])
    let essay = quotes.first {
      ($0["text"] as? String)?.hasPrefix("Voltaic Systems builds excellent batteries") == true
    }
    let essayConflicts = (essay?["annotations"] as? [String: Any])?["conflicts"] as? [[String: Any]] ?? []
    #expect(essayConflicts.map { $0["kind"] as? String } == ["competitor", "self-published"])
    // The shipped schema accepts the real report.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let schema = try JSONSerialization.jsonObject(
      with: Data(contentsOf: root.appendingPathComponent("docs/audit.schema.json")))
    #expect(try JSONSchemaValidator(schema: schema).validate(report) == [])
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func failOnNoneExitsZeroAndTextIsGroupedByNote() async throws {
    let vault = try Self.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let run = try await VerbatimBinary.run(["audit", vault.path, "--offline", "--fail-on", "none", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.text.contains("Interviews/Lena Ortiz interview.md\n"))
    #expect(run.text.contains("altered (material)"))
    #expect(run.text.contains("note “40” → page “14”"))
    #expect(!run.text.contains("\u{1B}["))  // no colours when not on a terminal
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func unknownFailOnWordIsAUsageError() async throws {
    let run = try await VerbatimBinary.run(["audit", ".", "--offline", "--fail-on", "typos"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("'typos'"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func everyFormatWritesItsFile() async throws {
    let vault = try Self.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let expectations: [(format: String, marker: String)] = [
      ("html", "<!DOCTYPE html>"), ("html", "site of Mira Castellanos (personal site)"),
      ("html", "Conflict: competitor"), ("markdown", "# Verbatim audit"),
      ("markdown", "speaker: Mira Castellanos — chief executive officer, Halvard Energy (registry)"),
      ("junit", "<testsuites"),
      ("sarif", "\"version\": \"2.1.0\""), ("json", "\"schema\":1"),
    ]
    for (format, marker) in expectations {
      let output = vault.appendingPathComponent("report.\(format)")
      let run = try await VerbatimBinary.run([
        "audit", vault.path, "--offline", "--quiet", "--format", format, "--output", output.path,
      ])
      #expect(run.status == 1, "\(format): \(run.stderr)")
      #expect(run.text.isEmpty, "\(format): the report goes to the file")
      let written = try String(contentsOf: output, encoding: .utf8)
      #expect(written.contains(marker), "\(format)")
    }
  }

  /// The JSON report is streamed into a temporary file that replaces the target only when complete.
  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func jsonOutputIsStreamedAtomically() async throws {
    let vault = try Self.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let folder = vault.appendingPathComponent("reports")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = folder.appendingPathComponent("audit.json")
    try Data("old".utf8).write(to: output)
    let run = try await VerbatimBinary.run(["audit", vault.path, "--offline", "--quiet", "--format", "json", "--output", output.path])
    #expect(run.status == 1, "\(run.stderr)")
    let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
    #expect((written["quotes"] as? [Any])?.isEmpty == false)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["audit.json"])  // no temporary left
    let missing = vault.appendingPathComponent("no-such-folder/audit.json")
    let failed = try await VerbatimBinary.run(["audit", vault.path, "--offline", "--quiet", "--format", "json", "--output", missing.path])
    #expect(failed.status == 2)
    #expect(failed.stderr.contains("\(missing.path): cannot write the report: No such file or directory"))
  }
}
