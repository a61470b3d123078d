import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

#if canImport(Glibc)
  import Glibc
#endif

/// The built `verbatim` killed with SIGKILL at random moments (while fetching and archiving, while
/// `annotate --write` replaces notes), and two audits run at once on one store: afterwards the store opens,
/// its WARC files read to their last complete record (a torn tail only at the very end, cut when the
/// store is next opened), the ledger agrees with them, every note is wholly old or wholly new, and the next
/// run completes with the verdicts of an undisturbed run.
///
/// Kill moments come from a seeded generator: every failure names the seed, round and moment, and
/// `VERBATIM_CRASH_SEED=N` replays the same choices (the moments a loaded machine reaches may differ).
@Suite(.serialized) struct CrashSafetyTests {
  static let enabled = VerbatimBinary.path != nil
  static let rounds = 20

  static let seed: UInt64 = {
    if let text = ProcessInfo.processInfo.environment["VERBATIM_CRASH_SEED"], let seed = UInt64(text) { return seed }
    return UInt64(Date().timeIntervalSince1970 * 1000)
  }()

  /// 1.5 MB that do not compress: archiving one is a write long enough for a kill to tear it.
  static let noise: [UInt8] = {
    var generator = SplitMix64(seed: 7)
    return (0..<(3 << 19) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
  }()

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func auditKilledWhileFetchingLeavesAConsistentStore() async throws {
    try await FetchHarness.with { h in
      h.server.route("/noise") { _ in .bytes(Self.noise, contentType: "application/octet-stream") }
      let vault = try CrashVault(
        server: h.server, pages: 24, delayMilliseconds: 40, links: (0..<2).map { h.server.url("/noise?n=\($0)") })
      defer { vault.remove() }
      // An undisturbed audit into a store of its own: the verdicts every later run must reach.
      let started = Date()
      let clean = try await VerbatimBinary.run(
        vault.auditArguments(store: vault.root.appendingPathComponent("clean").path, ["--format", "json"]))
      let duration = Date().timeIntervalSince(started)
      #expect(clean.status == 1, "\(clean.stderr)")
      let expected = try verdicts(clean)
      #expect(expected.filter { $0.hasPrefix("source ") && $0.contains(" ok ") }.count == vault.pages)
      #expect(expected.filter { $0.hasPrefix("source ") && $0.contains(" unsupported ") }.count == 2)
      #expect(expected.filter { $0.hasPrefix("quote ") && $0.contains(" verified ") }.count == vault.pages)
      #expect(expected.filter { $0.hasPrefix("quote ") && $0.contains(" not-found ") }.count == 1)

      var choices = SplitMix64(seed: Self.seed)
      var checked = Set<Int64>()
      var ends: [String: Int] = [:]
      var killed = 0
      var tornTails = 0
      for round in 0..<Self.rounds {
        h.server.reset()
        // A third of the rounds die once k pages were requested (plus up to 30 ms), a third after a share
        // of the undisturbed run's time, a third as soon as the newest WARC file is seen growing by a large
        // record (most likely mid-write: the kill then tears it).
        let mode = choices.int(0...2)
        let k = choices.int(1...vault.pages)
        let extra = Double(choices.int(0...30)) / 1000
        let at = choices.fraction() * duration
        let moment = ["\(k) requests + \(Int(extra * 1000)) ms", "\(Int(at * 1000)) ms", "a large write"][mode]
        let context = "seed \(Self.seed) round \(round), SIGKILL at \(moment) (VERBATIM_CRASH_SEED=\(Self.seed))"
        let server = h.server
        let store = vault.store
        let reached = SendableBox<Double?>(nil)
        let size = SendableBox(StoreInspection.newestFileSize(store: store))
        let outcome = try await KillableRun.run(
          vault.auditArguments(["--max-age", "0", "--output", vault.reports + "/round\(round).txt"])
        ) { _, elapsed in
          switch mode {
          case 0:
            if reached.value == nil, server.requests.count >= k { reached.value = elapsed }
            return reached.value.map { elapsed >= $0 + extra } ?? false
          case 1: return elapsed >= at
          default:
            let now = StoreInspection.newestFileSize(store: store)
            defer { size.value = now }
            return now > size.value + 256 * 1024
          }
        }
        if outcome.killed { killed += 1 } else { #expect(outcome.status == 1, "\(context): \(outcome.stderr)") }

        // The files as the crash left them: complete records, then at most a torn tail on the newest file.
        let files = try StoreInspection.files(store: vault.store, from: ends)
        #expect(files.problems.isEmpty, "\(context): \(files.problems)")
        tornTails += files.torn.count
        // Opening the store (as the next run does) cuts the torn tail exactly there.
        let opened = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
        for (file, offset) in files.torn {
          #expect(try fileSize(vault.store + "/" + file) == offset, "\(context): \(file) not cut at \(offset)")
        }
        let repaired = try StoreInspection.files(store: vault.store, from: files.ends)
        #expect(repaired.torn.isEmpty && repaired.problems.isEmpty, "\(context): \(repaired)")
        ends = repaired.ends
        let ledger = try StoreInspection.ledgerProblems(opened, checked: &checked)
        #expect(ledger.isEmpty, "\(context): \(ledger)")
      }
      print(
        "CrashSafetyTests (seed \(Self.seed)): \(killed) of \(Self.rounds) audits killed, \(tornTails) torn tails cut")
      #expect(killed > 0, "no audit was killed: seed \(Self.seed)")

      // The next run, undisturbed, completes from what the crashes left, with the clean store's verdicts.
      let final = try await VerbatimBinary.run(vault.auditArguments(["--format", "json"]))
      #expect(final.status == 1, "\(final.stderr)")
      #expect(try verdicts(final) == expected, "seed \(Self.seed)")
      let files = try StoreInspection.files(store: vault.store)  // every file, from its start
      #expect(files.torn.isEmpty && files.problems.isEmpty, "\(files)")
      let opened = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
      #expect(try StoreInspection.ledgerProblems(opened, checked: &checked).isEmpty)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func theNextRunCutsATornTailEvenWhenItWritesNothing() async throws {
    let vault = try CrashVault(notes: ["a.md": "# A\n\nNo links.\n"])
    defer { vault.remove() }
    let first = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
      .capture(key: "k1", chain: [Sample.exchange()])
    let path = vault.store + "/" + first.warcFile
    try appendBytes(Array("the start of an append that never finished".utf8), to: path)
    #expect(try StoreInspection.files(store: vault.store).torn == [first.warcFile: first.warcOffset + first.warcLength])

    let run = try await VerbatimBinary.run(["audit", vault.vault, "--offline", "--quiet", "--store", vault.store])
    #expect(run.status == 0, "\(run.stderr)")
    let files = try StoreInspection.files(store: vault.store)
    #expect(files.torn.isEmpty && files.problems.isEmpty, "\(files)")
    #expect(try fileSize(path) == first.warcOffset + first.warcLength)
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func annotateKilledWhileWritingLeavesEachNoteOldOrNew() async throws {
    try await FetchHarness.with { h in
      let vault = try CrashVault(server: h.server, pages: 40, delayMilliseconds: 0)
      defer { vault.remove() }
      let warm = try await VerbatimBinary.run(vault.auditArguments(["--format", "json"]))
      #expect(warm.status == 1, "\(warm.stderr)")
      let original = try vault.noteBytes()
      #expect(original.count == vault.pages)

      // The reference: a copy of the vault annotated without interruption (offline, from the warm store).
      let copy = vault.root.appendingPathComponent("reference")
      try FileManager.default.copyItem(atPath: vault.vault, toPath: copy.path)
      let annotate = ["--offline", "--quiet", "--write", "--store", vault.store]
      let started = Date()
      let reference = try await VerbatimBinary.run(["annotate", copy.path] + annotate)
      let duration = Date().timeIntervalSince(started)
      #expect(reference.status == 0, "\(reference.stderr)")
      let annotated = try CrashVault.noteBytes(in: copy.path)
      #expect(annotated.keys.sorted() == original.keys.sorted())
      #expect(annotated.allSatisfy { original[$0.key] != $0.value }, "every note has a quote to annotate")

      var choices = SplitMix64(seed: Self.seed)
      var killed = 0
      var leftovers = Set<String>()
      for round in 0..<Self.rounds {
        if try vault.noteBytes() == annotated { try CrashVault.write(original, to: vault.vault) }
        let afterWrites = choices.int(0...1) == 0
        let k = choices.int(0...(vault.pages - 1))
        let at = choices.fraction() * duration
        let moment = afterWrites ? "after \(k) notes written" : "\(Int(at * 1000)) ms"
        let context = "seed \(Self.seed) round \(round), SIGKILL \(moment) (VERBATIM_CRASH_SEED=\(Self.seed))"
        let outcome = try await KillableRun.run(["annotate", vault.vault] + annotate) { stdout, elapsed in
          afterWrites ? stdout.utf8.count(where: { $0 == UInt8(ascii: "\n") }) >= k : elapsed >= at
        }
        if outcome.killed { killed += 1 } else { #expect(outcome.status == 0, "\(context): \(outcome.stderr)") }

        let now = try vault.noteBytes()
        #expect(now.keys.sorted() == original.keys.sorted(), "\(context)")
        for (path, bytes) in now {
          #expect(bytes == original[path] || bytes == annotated[path], "\(context): \(path) is neither version")
        }
        // A note reported written is the new version.
        for line in outcome.stdout.split(separator: "\n") where line.hasPrefix("wrote ") {
          let path = String(line.dropFirst("wrote ".count))
          #expect(now[path] == annotated[path], "\(context): \(path) reported written")
        }
        // Anything else in the vault is a temporary file of an interrupted write, which the harvester never
        // takes for a note.
        let stray = try vault.strayFiles()
        leftovers.formUnion(stray)
        #expect(stray.allSatisfy { Self.isAnnotateTemporary($0) }, "\(context): \(stray)")
        let harvested = try Harvester.harvest(vault: vault.vault).notes.map(\.path).sorted()
        #expect(harvested == original.keys.sorted(), "\(context)")
      }
      print(
        "CrashSafetyTests (seed \(Self.seed)): \(killed) of \(Self.rounds) annotate runs killed,",
        "\(leftovers.count) temporary files left behind")
      #expect(killed > 0, "no annotate run was killed: seed \(Self.seed)")

      // Re-running completes the rest, and removes what the killed runs left.
      let final = try await VerbatimBinary.run(["annotate", vault.vault] + annotate)
      #expect(final.status == 0, "\(final.stderr)")
      #expect(try vault.noteBytes() == annotated)
      #expect(try vault.strayFiles() == [])
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func annotateRemovesOnlyAbandonedTemporaryFiles() async throws {
    let vault = try CrashVault(notes: ["a.md": "# A\n", "sub/b.md": "# B\n"])
    defer { vault.remove() }
    let abandoned = ".a.md.verbatim-ABCDEF12.tmp"
    let inUse = "sub/.b.md.verbatim-0123ABCD.tmp"
    let others = [".a.md.verbatim-XYZ.tmp", "sub/notes.tmp"]
    for name in [abandoned, inUse] + others {
      try Data("partial".utf8).write(to: URL(fileURLWithPath: vault.vault + "/" + name))
    }
    // Another writer is still writing this one: it holds the lock.
    let held = open(vault.vault + "/" + inUse, O_RDONLY)
    defer { close(held) }
    #expect(held >= 0 && flock(held, LOCK_EX) == 0)
    #expect(try Harvester.harvest(vault: vault.vault).notes.map(\.path).sorted() == ["a.md", "sub/b.md"])

    let run = try await VerbatimBinary.run(["annotate", vault.vault, "--remove", "--write", "--store", vault.store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try vault.strayFiles() == ([inUse] + others).sorted())
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func twoAuditsAtOnceOnOneStoreBothFinish() async throws {
    try await FetchHarness.with { h in
      let vault = try CrashVault(server: h.server, pages: 30, delayMilliseconds: 20)
      defer { vault.remove() }
      var checked = Set<Int64>()
      // A fresh store (both create it), then a warm one both re-fetch into.
      for extra in [[], ["--max-age", "0"]] {
        let arguments = vault.auditArguments(["--format", "json"] + extra)
        async let first = VerbatimBinary.run(arguments)
        async let second = VerbatimBinary.run(arguments)
        let (a, b) = try await (first, second)
        #expect(a.status == 1 && b.status == 1, "\(a.stderr)\n\(b.stderr)")
        let expected = try verdicts(a)
        #expect(try verdicts(b) == expected)
        #expect(expected.filter { $0.hasPrefix("source ") && $0.contains(" ok ") }.count == vault.pages)
        #expect(expected.filter { $0.hasPrefix("quote ") && $0.contains(" verified ") }.count == vault.pages)
        #expect(expected.filter { $0.hasPrefix("quote ") && $0.contains(" not-found ") }.count == 1)

        let files = try StoreInspection.files(store: vault.store)
        #expect(files.torn.isEmpty && files.problems.isEmpty, "\(files)")
        let store = try EvidenceStore.open(at: URL(fileURLWithPath: vault.store))
        #expect(try StoreInspection.ledgerProblems(store, checked: &checked).isEmpty)
        let keys = Set(try store.ledger.allCaptures().map(\.key))
        #expect(keys.count == vault.pages)
      }
    }
  }

  static func isAnnotateTemporary(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent
    return name.hasPrefix(".") && name.contains(".md.verbatim-") && name.hasSuffix(".tmp")
  }
}
