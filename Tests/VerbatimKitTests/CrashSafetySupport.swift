import Foundation
import Synchronization
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

#if canImport(Glibc)
  import Glibc
#endif

/// The built `verbatim`, run as a child process that the test may kill with SIGKILL at a chosen moment:
/// what a crash, an out-of-memory kill or a power button does to a process, with no chance to clean up.
enum KillableRun {
  /// How one run ended.
  struct Outcome: Sendable {
    /// Whether SIGKILL ended it (false: it finished before the signal was due).
    var killed: Bool
    /// The exit status, or the signal number when killed.
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `verbatim ARGS`, asking `killWhen` every half millisecond, with the output so far and the
  /// seconds since the start, whether to send SIGKILL now.
  static func run(
    _ arguments: [String], killWhen: @escaping @Sendable (_ stdout: String, _ elapsed: Double) -> Bool
  ) async throws -> Outcome {
    let path = try #require(VerbatimBinary.path, "the verbatim binary was not built next to the tests")
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let (process, out, err) = VerbatimBinary.process(arguments, path: path)
            process.standardInput = FileHandle.nullDevice
            let stdout = SendableBox(Data())
            let stderr = SendableBox(Data())
            let readers = [(out, stdout), (err, stderr)].map { pipe, sink in
              Thread {
                while true {
                  let data = pipe.fileHandleForReading.availableData
                  if data.isEmpty { break }
                  sink.modify { $0.append(data) }
                }
              }
            }
            let started = Date()
            try process.run()
            readers.forEach { $0.start() }
            while process.isRunning {
              let text = String(decoding: stdout.value, as: UTF8.self)
              if killWhen(text, Date().timeIntervalSince(started)) {
                kill(process.processIdentifier, SIGKILL)
                break
              }
              usleep(500)
            }
            process.waitUntilExit()
            while readers.contains(where: { !$0.isFinished }) { usleep(1000) }
            return Outcome(
              killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
              status: process.terminationStatus,
              stdout: String(decoding: stdout.value, as: UTF8.self),
              stderr: String(decoding: stderr.value, as: UTF8.self))
          })
      }
    }
  }
}

/// A vault of notes that each cite one ~50 KB benchmark page of a loopback server (served after a short
/// delay, so a fetch is in progress for a while) and quote its lead sentence; one note also quotes words
/// that are on no page (a finding: the audit exits 1). The store and reports live beside the vault.
struct CrashVault {
  let root: URL
  /// Notes citing (and quoting) a benchmark page.
  private(set) var pages: Int
  var vault: String { root.appendingPathComponent("vault").path }
  var store: String { root.appendingPathComponent("store").path }
  var reports: String { root.appendingPathComponent("reports").path }

  /// `links`: more URLs, each cited (without a quote) by a note of its own, `links/linkN.md`.
  init(server: LoopbackServer, pages: Int, delayMilliseconds: Int, links: [String] = []) throws {
    var notes = Self.notes(server: server, pages: pages, delayMilliseconds: delayMilliseconds)
    for (n, url) in links.enumerated() { notes["links/link\(n).md"] = "# Link \(n)\n\nSee [this file](\(url)).\n" }
    try self.init(notes: notes)
    self.pages = pages
  }

  /// A vault of `notes` (path → Markdown).
  init(notes: [String: String]) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-crash-\(UUID().uuidString)")
    pages = notes.count
    try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
    try Self.write(notes.mapValues { Data($0.utf8) }, to: vault)
  }

  /// Writes each note (vault-relative path → bytes) under `folder`.
  static func write(_ notes: [String: Data], to folder: String) throws {
    for (name, bytes) in notes {
      let url = URL(fileURLWithPath: folder + "/" + name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try bytes.write(to: url)
    }
  }

  /// Note path → Markdown.
  static func notes(server: LoopbackServer, pages: Int, delayMilliseconds: Int) -> [String: String] {
    var notes: [String: String] = [:]
    for n in 0..<pages {
      let url = server.url("/pages/\(n).html?ms=\(delayMilliseconds)")
      var text = "---\ntags: [crash]\n---\n[Source](\(url))\n\n> \(LoopbackContent.benchmarkLead(n))\n"
      if n == 0 { text += "\nAs the page says, \"storage grids market every battery twice a day\" and more.\n" }
      notes["topic\(n % 4)/note\(n).md"] = text
    }
    return notes
  }

  /// The note files' bytes, by vault-relative path (`*.md` only, as the harvester reads them).
  func noteBytes() throws -> [String: Data] { try Self.noteBytes(in: vault) }

  static func noteBytes(in folder: String) throws -> [String: Data] {
    var notes: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder) where path.hasSuffix(".md") {
      notes[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
    }
    return notes
  }

  /// Every file in the vault whose name is not a note's, by vault-relative path.
  func strayFiles() throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: vault).filter { path in
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: vault + "/" + path, isDirectory: &isDirectory)
      return exists && !isDirectory.boolValue && !path.hasSuffix(".md")
    }.sorted()
  }

  /// Arguments of an audit of this vault into `store` (this vault's by default): loopback allowed, no host
  /// interval, one host's pages fetched eight at a time.
  func auditArguments(store: String? = nil, _ extra: [String]) -> [String] {
    ["audit", vault, "--allow-private", "--store", store ?? self.store, "--host-interval", "0", "--per-host", "8"]
      + ["--quiet"] + extra
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

/// What the audit JSON says that must not depend on the store's history: each source's health and the
/// digest of the page read, each quote's verdict and detail.
func verdicts(_ run: VerbatimBinary.Run) throws -> [String] {
  let json = try run.json()
  let sources = (json["sources"] as? [[String: Any]] ?? []).map {
    "source \($0["url"] ?? "") \($0["health"] ?? "") \($0["sha256"] ?? "") \($0["title"] ?? "")"
  }
  let quotes = (json["quotes"] as? [[String: Any]] ?? []).map {
    "quote \($0["id"] ?? "") \($0["note"] ?? "") \($0["verdict"] ?? "") \($0["detail"] ?? "")"
  }
  return sources.sorted() + quotes.sorted()
}

/// The crash-safety checks of an evidence store, as a third party would make them after a crash.
enum StoreInspection {
  /// How the WARC files read before anything repaired them.
  struct Files: CustomStringConvertible {
    /// Store-relative file → the offset of its torn tail, for files that end in one.
    var torn: [String: Int] = [:]
    /// Damage (a bad member with complete ones after it) or a torn tail anywhere but the newest file.
    var problems: [String] = []
    /// Store-relative file → where its complete records end (a torn tail starts there).
    var ends: [String: Int] = [:]
    var description: String { "torn \(torn), problems \(problems)" }
  }

  /// Reads every WARC file of the store with `WARCReader`, without opening the store (which repairs).
  /// A file is read from `from[file]` on, a member boundary an earlier call found (the files are only
  /// ever appended to, or cut back to a torn tail's start, which lies after it).
  static func files(store: String, from known: [String: Int] = [:]) throws -> Files {
    var result = Files()
    let names = WARCWriter.fileNumbers(storeDirectory: store).map(WARCWriter.fileName)
    for (index, name) in names.enumerated() {
      let path = store + "/" + name
      let size = try fileSize(path)
      let start = min(known[name] ?? 0, size)
      switch try WARCReader(path: path, name: name).forEach(from: start, { _ in }) {
      case .clean(let end):
        result.ends[name] = end
        if end != size { result.problems.append("\(name): read to \(end) of \(size) bytes") }
      case .torn(let offset):
        result.ends[name] = offset
        result.torn[name] = offset
        if index != names.count - 1 { result.problems.append("\(name): torn at \(offset) but not the newest file") }
      case .damaged(let offset): result.problems.append("\(name): damaged at \(offset)")
      }
    }
    return result
  }

  /// The size of the store's newest WARC file (0 before there is one).
  static func newestFileSize(store: String) -> Int {
    guard let last = WARCWriter.fileNumbers(storeDirectory: store).last else { return 0 }
    return (try? fileSize(store + "/" + WARCWriter.fileName(last))) ?? 0
  }

  /// Problems with the ledger: a capture whose record is not complete, not the response it names, or
  /// does not hash to its digest (`readBody` checks all three). `checked` holds the capture ids already
  /// read back whole by an earlier call: those are only checked to still lie within their file.
  static func ledgerProblems(_ store: EvidenceStore, checked: inout Set<Int64>) throws -> [String] {
    var problems: [String] = []
    for capture in try store.ledger.allCaptures() {
      guard let id = capture.id else { continue }
      if checked.contains(id) {
        let size = try fileSize(store.directory.path + "/" + capture.warcFile)
        if capture.warcOffset + capture.warcLength > size { problems.append("capture \(id) lies past its file's end") }
        continue
      }
      do {
        _ = try store.readBody(of: capture)
        checked.insert(id)
      } catch {
        problems.append("capture \(id) (\(capture.key)): \(error)")
      }
    }
    return problems
  }
}

/// A value shared with a `@Sendable` closure that changes it.
final class SendableBox<Value: Sendable>: Sendable {
  private let storage: Mutex<Value>
  init(_ value: Value) { storage = Mutex(value) }
  var value: Value {
    get { storage.withLock { $0 } }
    set { storage.withLock { $0 = newValue } }
  }
  func modify(_ body: (inout Value) -> Void) { storage.withLock { body(&$0) } }
}

/// Kill moments drawn from a seeded generator, so a failing round can be replayed.
extension SplitMix64 {
  /// A whole number in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  /// A fraction in [0, 1).
  mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
