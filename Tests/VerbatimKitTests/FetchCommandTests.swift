import Foundation
import Synchronization
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

#if canImport(Glibc)
  import Glibc
#endif

/// `verbatim fetch` as a user runs it: the built binary as a subprocess, against a temporary
/// vault citing the loopback server, checked by its JSON, text and exit codes.
@Suite struct FetchCommandTests {
  static let binary = VerbatimBinary.path
  typealias Run = VerbatimBinary.Run

  /// Runs `verbatim ARGS`; `whileRunning` is called with the process once it has started.
  static func run(
    _ arguments: [String], whileRunning: (@Sendable (Process) -> Void)? = nil
  ) async throws -> Run {
    try await VerbatimBinary.run(arguments, whileRunning: whileRunning)
  }

  /// A temporary vault with `notes` (name → Markdown), and a store folder beside it.
  struct Vault {
    let root: URL
    var path: String { root.appendingPathComponent("vault").path }
    var store: String { root.appendingPathComponent("store").path }

    init(_ notes: [String: String]) throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-cli-\(UUID().uuidString)")
      let vault = root.appendingPathComponent("vault")
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      for (name, text) in notes {
        let url = vault.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  static func sources(_ json: [String: Any]) -> [[String: Any]] { json["sources"] as? [[String: Any]] ?? [] }

  static func source(_ json: [String: Any], url: String) -> [String: Any]? {
    sources(json).first { $0["url"] as? String == url }
  }

  static let enabled = binary != nil

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func jsonReportAndExitCodeOneWithADeadLink() async throws {
    try await FetchHarness.with { h in
      let ok = h.server.url("/ok")
      let dead = h.server.url("/status/404")
      let moved = h.server.url("/redirect/301?to=/ok")
      let vault = try Vault([
        "a.md": "# A\n\nSee [the article](\(ok)).\n\nAnd [a gone page](\(dead)).\n",
        "sub/b.md": "Also <\(ok)> and\n[moved](\(moved)) and [gone again](\(dead)).\n",
      ])
      defer { vault.remove() }
      let run = try await Self.run([
        "fetch", vault.path, "--allow-private", "--store", vault.store, "--format", "json", "--host-interval", "0",
        "--quiet",
      ])
      #expect(run.status == 1, "\(run.stderr)")
      let json = try run.json()
      #expect(json["schema"] as? Int == 1)
      #expect(Self.sources(json).count == 3)

      let okEntry = try #require(Self.source(json, url: ok))
      #expect(okEntry["key"] as? String == URLIdentity(ok).key)
      #expect(okEntry["final_url"] as? String == ok)
      #expect(okEntry["status"] as? String == "ok")
      #expect(okEntry["http_status"] as? Int == 200)
      #expect((okEntry["redirects"] as? [Any])?.isEmpty == true)
      #expect((okEntry["content_type"] as? String)?.hasPrefix("text/html") == true)
      #expect(okEntry["sha256"] as? String == SHA256.hash(LoopbackContent.okPage).hexString)
      #expect(okEntry["captured_at"] is String)
      let health = try #require(okEntry["health"] as? [String: Any])
      #expect(health["healthy"] as? Bool == true)
      let citedBy = try #require(okEntry["cited_by"] as? [[String: Any]])
      #expect(citedBy.map { "\($0["note"] ?? ""):\($0["line"] ?? "")" } == ["a.md:3", "sub/b.md:1"])

      let deadEntry = try #require(Self.source(json, url: dead))
      #expect(deadEntry["status"] as? String == "dead")
      #expect(deadEntry["http_status"] as? Int == 404)
      #expect(deadEntry["sha256"] is NSNull)
      #expect(deadEntry["captured_at"] is NSNull)
      #expect((deadEntry["cited_by"] as? [Any])?.count == 2)

      let movedEntry = try #require(Self.source(json, url: moved))
      #expect(movedEntry["status"] as? String == "redirected")
      let hops = try #require(movedEntry["redirects"] as? [[String: Any]])
      #expect(hops.count == 1)
      #expect(hops.first?["status"] as? Int == 301)
      #expect(hops.first?["location"] as? String == ok)
      #expect((movedEntry["health"] as? [String: Any])?["redirect_classes"] as? [String] == ["permanent"])

      // The store was written where asked, and reads back.
      let store = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
      #expect(try store.ledger.allCaptures().count == 2)
      #expect(h.hits("/status/404").count == 1)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func exitCodeZeroWhenEveryLinkIsHealthy() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault([
        "note.md": "[one](\(h.server.url("/ok"))) [two](\(h.server.url("/charset/utf-8"))) [pdf](\(h.server.url("/pdf")))\n"
      ])
      defer { vault.remove() }
      let run = try await Self.run([
        "fetch", vault.path, "--allow-private", "--store", vault.store, "--format", "json", "--host-interval", "0",
      ])
      #expect(run.status == 0, "\(run.text)\n\(run.stderr)")
      let json = try run.json()
      #expect(Self.sources(json).map { $0["status"] as? String } == ["ok", "ok", "unsupported"])
      // Not a terminal: no progress line on stderr.
      #expect(!run.stderr.contains("/3 sources"))

      // A second run reuses the captures without a request; the default store is untouched.
      h.server.reset()
      let again = try await Self.run([
        "fetch", vault.path, "--allow-private", "--store", vault.store, "--format", "json",
      ])
      #expect(again.status == 0)
      #expect(h.server.requests.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: vault.path + "/.verbatim"))
      let reused = try again.json()
      #expect(Self.sources(reused).allSatisfy { ($0["health"] as? [String: Any])?["from_store"] as? Bool == true })
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func defaultStoreIsInTheVault() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault(["note.md": "[one](\(h.server.url("/ok")))\n"])
      defer { vault.remove() }
      let run = try await Self.run(["fetch", vault.path, "--allow-private", "--format", "json"])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(FileManager.default.fileExists(atPath: vault.path + "/.verbatim/ledger.sqlite"))
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func withoutAllowPrivateLoopbackIsBlocked() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault(["note.md": "[one](\(h.server.url("/ok")))\n"])
      defer { vault.remove() }
      let run = try await Self.run(["fetch", vault.path, "--store", vault.store, "--format", "json"])
      #expect(run.status == 1)
      #expect(Self.sources(try run.json()).first?["status"] as? String == "blocked-by-policy")
      #expect(h.server.requests.isEmpty)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func textReportGroupsFailuresWithTheirCitations() async throws {
    try await FetchHarness.with { h in
      let dead = h.server.url("/status/410")
      let vault = try Vault(["n.md": "line one\n[gone](\(dead))\n[ok](\(h.server.url("/ok")))\n"])
      defer { vault.remove() }
      let run = try await Self.run(["fetch", vault.path, "--allow-private", "--store", vault.store, "--host-interval", "0"])
      #expect(run.status == 1)
      #expect(run.text.contains("dead (1)"), "\(run.text)")
      #expect(run.text.contains(dead))
      #expect(run.text.contains("cited in n.md:2"))
      #expect(run.text.contains("2 sources · 1 healthy · 1 failing"))
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func remapKeepsTheCitedURL() async throws {
    try await FetchHarness.with { h in
      let cited = "https://docs.example.org/guide/ok"
      let rule = "^https://docs\\.example\\.org/guide/ \(h.server.url("/"))"
      try #require(FetchHarness.isLoopback(URLRemap.apply([try URLRemap(rule)], to: cited)))
      let vault = try Vault(["n.md": "[guide](\(cited))\n"])
      defer { vault.remove() }
      let run = try await Self.run([
        "fetch", vault.path, "--allow-private", "--store", vault.store, "--format", "json", "--remap", rule,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      let entry = try #require(Self.sources(try run.json()).first)
      #expect(entry["url"] as? String == cited)
      #expect(entry["key"] as? String == URLIdentity(cited).key)
      #expect(entry["status"] as? String == "ok")
      #expect(h.hits("/ok").count == 1)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"), arguments: [
    ["--remap", "onlyapattern"], ["--remap", "([ broken"], ["--max-body", "lots"], ["--max-age", "soon"],
    ["--per-host", "0"], ["--deny", "not-a-range"], ["--cacert", "/nonexistent/ca.pem"], ["--format", "yaml"],
    ["--timeout", "nan"], ["--timeout", "0"], ["--connect-timeout", "-1"], ["--timeout", "inf"],
    ["--max-body", "99999999999G"], ["--max-age", "nand"], ["--max-age", "infs"], ["--host-interval", "-5"],
  ])
  func usageErrorsExitTwo(arguments: [String]) async throws {
    let vault = try Vault(["n.md": "[x](http://127.0.0.1:9/never)\n"])
    defer { vault.remove() }
    let run = try await Self.run(["fetch", vault.path, "--store", vault.store] + arguments)
    #expect(run.status == 2, "\(arguments): \(run.status) \(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(!run.stderr.isEmpty)
    // Nothing was fetched or written.
    #expect(!FileManager.default.fileExists(atPath: vault.store + "/ledger.sqlite"))
  }

  static let scriptAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  /// Runs `verbatim ARGS` on a pseudo-terminal (util-linux `script`); returns everything it wrote.
  static func runOnTerminal(_ arguments: [String]) async throws -> Run {
    let path = try #require(binary)
    let quoted = ([path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qefc", quoted.joined(separator: " "), "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: [UInt8](output), stderr: "")
          })
      }
    }
  }

  @Test(.enabled(if: enabled && scriptAvailable, "needs the verbatim binary and util-linux script"))
  func progressLineOnATerminalOnly() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault(["n.md": "[a](\(h.server.url("/ok"))) [b](\(h.server.url("/status/404")))\n"])
      defer { vault.remove() }
      let common = ["fetch", vault.path, "--allow-private", "--store", vault.store, "--max-age", "0"]
      let shown = try await Self.runOnTerminal(common)
      #expect(shown.status == 1)
      #expect(shown.text.contains("2/2 sources · 1 failing"), "\(shown.text.debugDescription)")
      #expect(shown.text.contains("\u{1B}[2K"))
      let quiet = try await Self.runOnTerminal(common + ["--quiet"])
      #expect(quiet.status == 1)
      #expect(!quiet.text.contains("2/2 sources"), "\(quiet.text.debugDescription)")
      #expect(!quiet.text.contains("\u{1B}[2K"))
      #expect(quiet.text.contains("dead (1)"))
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func missingVaultExitsTwo() async throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-missing-\(UUID().uuidString)")
    let run = try await Self.run(["fetch", missing.path, "--store", missing.path + "-store", "--format", "json"])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: missing.path + "-store"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func denyRefusesARedirectTarget() async throws {
    try await FetchHarness.with { h in
      let cited = h.server.url("/redirect/302?to=http://127.0.0.2:\(h.server.port)/ok")
      let vault = try Vault(["n.md": "[x](\(cited))\n"])
      defer { vault.remove() }
      let run = try await Self.run([
        "fetch", vault.path, "--allow-private", "--deny", "127.0.0.2/32", "--store", vault.store, "--format", "json",
      ])
      #expect(run.status == 1)
      #expect(Self.sources(try run.json()).first?["status"] as? String == "blocked-by-policy")
      #expect(h.server.requests.count == 1)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func offlineWithoutAStoreIsNotArchived() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault(["n.md": "[x](\(h.server.url("/ok")))\n"])
      defer { vault.remove() }
      let run = try await Self.run(["fetch", vault.path, "--offline", "--store", vault.store, "--format", "json"])
      #expect(run.status == 1)
      #expect(Self.sources(try run.json()).first?["status"] as? String == "not-archived")
      #expect(h.server.requests.isEmpty)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func interruptStopsCleanly() async throws {
    try await FetchHarness.with { h in
      let vault = try Vault([
        "n.md": "[ok](\(h.server.url("/ok")))\n[stall](\(h.server.url("/stall?bytes=100")))\n"
      ])
      defer { vault.remove() }
      let server = h.server
      let run = try await Self.run([
        "fetch", vault.path, "--allow-private", "--store", vault.store, "--format", "json", "--timeout", "60",
        "--host-interval", "0",
      ]) { process in
        let deadline = Date().addingTimeInterval(10)
        while server.requests(to: "/stall").isEmpty && Date() < deadline { usleep(10_000) }
        usleep(200_000)
        process.interrupt()
      }
      #expect(run.status == 130, "\(run.stderr)")
      #expect(run.stderr.contains("interrupted"))
      let store = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
      for file in store.archiveFiles() {
        let path = vault.store + "/" + file
        let (_, ending) = try WARCReader(path: path).readAll()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(ending == .clean(end: size ?? -1))
      }
      for capture in try store.ledger.allCaptures() { _ = try store.readBody(of: capture) }

      // What was captured before the interrupt is there for the next run.
      let next = try await Self.run(["fetch", vault.path, "--offline", "--store", vault.store, "--format", "json"])
      let okEntry = try #require(Self.source(try next.json(), url: h.server.url("/ok")))
      #expect(okEntry["status"] as? String == "ok")
      #expect((okEntry["health"] as? [String: Any])?["from_store"] as? Bool == true)
    }
  }
}
