import Foundation
import Synchronization
import Testing
import VerbatimInterop

@testable import VerbatimKit

@Suite struct StoreTests {
  @Test func openCreatesTheStoreLayout() throws {
    let dir = try StoreScratch()
    let store = try EvidenceStore.open(at: dir.url.appendingPathComponent(".verbatim"))
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: dir.path + "/.verbatim/archive", isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
    #expect(FileManager.default.fileExists(atPath: dir.path + "/.verbatim/ledger.sqlite"))
    #expect(store.archiveFiles() == [])
    #expect(EvidenceStore.defaultDirectory(vault: URL(fileURLWithPath: "/v")).path == "/v/.verbatim")
  }

  @Test func captureRecordsTheFinalResponseAndReadsItBack() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let capture = try store.capture(key: "https://example.org/a/b?x=1", chain: [Sample.exchange()])
    #expect(capture.id == 1)
    #expect(capture.warcFile == "archive/verbatim-00001.warc.gz")
    #expect(capture.sha256 == "620d5e4a7c941a3a44ecaaa1d365c586ce6ecf5ff7361b8ee704d215e20643e1")
    #expect(capture.bodyLength == 21)
    #expect(capture.httpStatus == 200)
    #expect(capture.contentType == "text/html; charset=utf-8")
    #expect(capture.etag == "\"abc\"")
    #expect(capture.lastModified == nil)
    #expect(capture.capturedAt == Date(timeIntervalSince1970: 1_795_927_212))
    #expect(capture.redirects == [])
    #expect(capture.originalURL == "https://example.org/a/b?x=1")
    #expect(capture.responseHeaders.value(of: "X-Verbatim-Original-Content-Encoding") == "gzip")
    #expect(try store.ledger.latestCapture(key: capture.key) == capture)
    #expect(try store.readBody(of: capture) == Sample.body)
    // The response record is the second exchange record, after the warcinfo and the request.
    let entries = try WARCReader(path: dir.path + "/" + capture.warcFile).readAll().entries
    #expect(entries.map(\.record.type) == ["warcinfo", "request", "response"])
    #expect(entries[2].offset == capture.warcOffset && entries[2].length == capture.warcLength)
  }

  @Test func redirectChainBecomesOneCaptureWithItsHops() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let chain = Sample.redirectChain()
    let capture = try store.capture(key: "http://old.example/x", chain: chain)
    #expect(capture.originalURL == "http://old.example/x")
    #expect(capture.requestedURL == "http://old.example/x")
    #expect(capture.finalURL == "https://new.example/y")
    #expect(capture.httpStatus == 200)
    #expect(
      capture.redirects == [
        .init(url: "http://old.example/x", status: 301, location: "https://old.example/x"),
        .init(url: "https://old.example/x", status: 302, location: "https://new.example/y"),
      ])
    let entries = try WARCReader(path: dir.path + "/" + capture.warcFile).readAll().entries
    #expect(
      entries.map(\.record.type) == ["warcinfo", "request", "response", "request", "response", "request", "response"])
    #expect(entries.compactMap { $0.record[field: "Verbatim-Chain"] } == ["1/3", "2/3", "3/3"])
    #expect(entries.last?.offset == capture.warcOffset)
    #expect(try store.readBody(of: capture) == Array("final".utf8))
  }

  @Test func remappedCaptureKeepsTheCitedURL() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    var exchange = Sample.exchange(url: "https://mirror.example/page")
    exchange.originalURL = "https://gone.example/page"
    let capture = try store.capture(key: "https://gone.example/page", chain: [exchange])
    #expect(capture.originalURL == "https://gone.example/page")
    #expect(capture.requestedURL == "https://mirror.example/page")
    #expect(capture.finalURL == "https://mirror.example/page")
  }

  @Test func readBodyRejectsADifferentDigestOrPlace() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let capture = try store.capture(key: "k", chain: [Sample.exchange()])
    var tampered = capture
    tampered.sha256 = String(repeating: "0", count: 64)
    #expect(
      throws: StoreError.digestMismatch(
        file: capture.warcFile, offset: capture.warcOffset, expected: tampered.sha256, actual: capture.sha256)
    ) {
      try store.readBody(of: tampered)
    }
    var misplaced = capture
    misplaced.warcOffset += 1
    #expect(throws: StoreError.self) { try store.readBody(of: misplaced) }
    var escaped = capture
    escaped.warcFile = "archive/../../etc/passwd"
    #expect(throws: StoreError.invalidInput("not a store WARC file: archive/../../etc/passwd")) {
      try store.readBody(of: escaped)
    }
    #expect(throws: StoreError.invalidInput(#"invalid source key "a\nb""#)) {
      try store.capture(key: "a\nb", chain: [Sample.exchange()])
    }
    #expect(throws: StoreError.invalidInput(#"invalid source key " k""#)) {
      try store.capture(key: " k", chain: [Sample.exchange()])
    }
    #expect(throws: StoreError.invalidInput("a capture needs at least one exchange")) {
      try store.capture(key: "k", chain: [])
    }
  }

  @Test func archiveWithoutKeyWritesRecordsButNoCapture() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let placed = try store.archive([Sample.exchange()])
    #expect(placed.map(\.type) == ["request", "response"])
    #expect(try store.ledger.allCaptures() == [])
    #expect(try store.rebuildLedger().captures == 0)
  }

  @Test func rebuildRecreatesTheSameCapturesAndKeepsChecks() throws {
    let dir = try StoreScratch()
    let store = try dir.store(sizeLimit: 2_000)
    let recorded = try Sample.populate(store)
    let check = CheckRecord(
      key: recorded[0].key, checkedAt: Sample.date, health: .ok, httpStatus: 200, captureID: recorded[0].id)
    try store.ledger.record(check: check)
    #expect(store.archiveFiles().count > 1)

    // Damage the ledger: change one row, delete one, add one pointing at nothing.
    let db = try SQLiteDatabase(path: dir.path + "/ledger.sqlite")
    try db.setBusyTimeout(milliseconds: 10_000)
    try db.exec("UPDATE captures SET sha256 = 'x', http_status = 500 WHERE id = 1")
    try db.exec("DELETE FROM captures WHERE id = 3")
    try db.query(
      "INSERT INTO captures VALUES (99, 'bogus', 'u', 'u', 'u', 200, NULL, NULL, NULL, '[]', 0, 'x', 0, ?, 12345, 1, "
        + "'[]')", [.text(recorded[0].warcFile)])
    try store.ledger.record(check: CheckRecord(key: "bogus", checkedAt: Sample.date, health: .dead, captureID: 99))

    let summary = try store.rebuildLedger()
    #expect(summary.captures == recorded.count)
    #expect(summary.problems == [:])
    #expect(summary.files == store.archiveFiles())
    // Rows at a scanned place keep their ids; the deleted one comes back with a new id.
    let afterRebuild = try store.ledger.allCaptures()
    #expect(afterRebuild.map(\.id) == [1, 2, 4, 5, 6])
    #expect(Set(afterRebuild.map(\.withoutID)) == Set(recorded.map(\.withoutID)))
    #expect(afterRebuild.filter { $0.id != 6 } == recorded.filter { $0.id != 3 })
    #expect(try store.ledger.checks(key: recorded[0].key).map { $0.captureID } == [recorded[0].id])
    // The check of the capture that went keeps its row, without the dangling reference.
    #expect(try store.ledger.checks(key: "bogus").map { $0.captureID } == [nil])

    // From nothing: a deleted ledger is rebuilt with ids in file order, equal to the originals.
    let fresh = try StoreScratch()
    try FileManager.default.removeItem(at: fresh.url)
    try FileManager.default.createDirectory(at: fresh.url, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: dir.path + "/archive", toPath: fresh.path + "/archive")
    let copy = try fresh.store()
    try copy.rebuildLedger()
    #expect(try copy.ledger.allCaptures() == recorded)
  }

  @Test func aTornTailIsRepairedBeforeTheNextCapture() throws {
    let dir = try StoreScratch()
    let first = try dir.store().capture(key: "k1", chain: [Sample.exchange()])
    let path = dir.path + "/" + first.warcFile
    let goodEnd = first.warcOffset + first.warcLength
    // A crash mid-append: the first half of a member.
    let member = Gzip.compress(Array(repeating: 0x41, count: 500))
    try appendBytes(Array(member.prefix(member.count / 2)), to: path)
    #expect(try WARCReader(path: path).readAll().ending == .torn(offset: goodEnd))

    let store = try dir.store()  // a new process: knows only the ledger's hint
    let second = try store.capture(key: "k2", chain: [Sample.exchange()])
    let (entries, ending) = try WARCReader(path: path).readAll()
    #expect(ending == .clean(end: second.warcOffset + second.warcLength))
    #expect(entries.map(\.record.type) == ["warcinfo", "request", "response", "request", "response"])
    #expect(entries[3].offset == goodEnd)
    #expect(try store.readBody(of: first) == Sample.body)
    #expect(try store.readBody(of: second) == Sample.body)
  }

  @Test func twoWritersShareOneStore() throws {
    let dir = try StoreScratch()
    let perWriter = 50
    // Each writer has its own store object (its own descriptors and SQLite connection), as
    // two processes would; a small size limit makes them race on rotation too.
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { writer in
      do {
        let store = try dir.store(sizeLimit: 16_384)
        for i in 0..<perWriter {
          var exchange = Sample.exchange(url: "https://w\(writer).example/\(i)")
          exchange.body = Array("writer \(writer) item \(i) ".utf8) + Array(repeating: UInt8(i), count: 300)
          _ = try store.capture(key: "https://w\(writer).example/\(i)", chain: [exchange])
        }
      } catch {
        failures.withLock { $0.append("\(error)") }
      }
    }
    #expect(failures.withLock { $0 } == [])
    let store = try dir.store()
    let captures = try store.ledger.allCaptures()
    #expect(captures.count == 2 * perWriter)
    for capture in captures {
      let body = try store.readBody(of: capture)
      #expect(body.starts(with: Array("writer ".utf8)))
    }
    var responses = 0
    for file in store.archiveFiles() {
      let (entries, ending) = try WARCReader(path: dir.path + "/" + file).readAll()
      #expect(ending == .clean(end: entries.last.map { $0.offset + $0.length } ?? 0))
      #expect(entries.first?.record.type == "warcinfo")
      #expect(entries.filter { $0.record.type == "warcinfo" }.count == 1)
      responses += entries.filter { $0.record.type == "response" }.count
    }
    #expect(responses == 2 * perWriter)
    #expect(store.archiveFiles().count > 1)
    // The ledger can be rebuilt from what the two writers left.
    try store.rebuildLedger()
    #expect(Set(try store.ledger.allCaptures()) == Set(captures))
  }

  @Test func concurrentCapturesPointAtTheWarcinfoOfTheirFile() throws {
    let dir = try StoreScratch()
    // One store shared by threads: records are prepared outside the writer lock, and a small
    // size limit makes rotations happen between preparing and writing.
    let store = try dir.store(sizeLimit: 8_192)
    let failures = Mutex<[String]>([])
    let threads = 4
    let perThread = 40
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      for i in 0..<perThread {
        var exchange = Sample.exchange(url: "https://t\(thread).example/\(i)")
        exchange.body = Array("thread \(thread) item \(i) ".utf8) + Array(repeating: UInt8(i), count: 400)
        do {
          _ = try store.capture(key: "https://t\(thread).example/\(i)", chain: [exchange, exchange])
        } catch {
          failures.withLock { $0.append("\(error)") }
        }
      }
    }
    #expect(failures.withLock { $0 } == [])
    let captures = try store.ledger.allCaptures()
    #expect(captures.count == threads * perThread)
    for capture in captures { #expect(try store.readBody(of: capture).starts(with: Array("thread ".utf8))) }
    #expect(store.archiveFiles().count > 2)
    var responses = 0
    for file in store.archiveFiles() {
      let (entries, ending) = try WARCReader(path: dir.path + "/" + file).readAll()
      #expect(ending == .clean(end: entries.last.map { $0.offset + $0.length } ?? 0))
      #expect(entries.first?.record.type == "warcinfo")
      let warcinfo = try #require(entries.first?.record.recordID)
      for entry in entries.dropFirst() {
        #expect(entry.record.type != "warcinfo")
        #expect(entry.record[field: "WARC-Warcinfo-ID"] == "<\(warcinfo)>")
      }
      responses += entries.filter { $0.record.type == "response" }.count
    }
    #expect(responses == 2 * threads * perThread)
    try store.rebuildLedger()
    #expect(Set(try store.ledger.allCaptures()) == Set(captures))
  }
}

// MARK: - Test support

/// A folder for one test under the system's temporary folder, removed when released.
final class StoreScratch: Sendable {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  enum IDs { case sequential, random }

  func store(sizeLimit: Int = 1 << 30, ids: IDs = .random) throws -> EvidenceStore {
    var warc = WARCWriter.Options(sizeLimit: sizeLimit, now: { Sample.date })
    if ids == .sequential { warc.makeRecordID = SequentialIDs().next }
    return try EvidenceStore.open(at: url, options: .init(warc: warc))
  }

  func writer(sizeLimit: Int = 1 << 30) throws -> WARCWriter {
    try WARCWriter(
      storeDirectory: path,
      options: .init(sizeLimit: sizeLimit, makeRecordID: SequentialIDs().next, now: { Sample.date }))
  }
}

/// `urn:uuid:00000000-0000-4000-8000-000000000001`, `…02`, …
final class SequentialIDs: Sendable {
  private let counter = Mutex(0)
  var next: @Sendable () -> String {
    { [self] in
      let n = counter.withLock {
        $0 += 1
        return $0
      }
      let digits = String(n)
      return "urn:uuid:00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }
  }
  static func id(_ n: Int) -> String {
    let digits = String(n)
    return "urn:uuid:00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
  }
}

extension CaptureRecord {
  var withoutID: CaptureRecord {
    var copy = self
    copy.id = nil
    return copy
  }
}

func appendBytes(_ bytes: [UInt8], to path: String) throws {
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  try handle.seekToEnd()
  try handle.write(contentsOf: Data(bytes))
}

func fileSize(_ path: String) throws -> Int {
  (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
}

enum Sample {
  /// 2026-11-29T04:40:12.750Z
  static let date = Date(timeIntervalSince1970: 1_795_927_212.75)
  static let body = Array("<p>Hello, world.</p>\n".utf8)

  static func exchange(url: String = "https://example.org/a/b?x=1") -> HTTPExchange {
    HTTPExchange(
      url: url, requestHeaders: [HTTPHeader("User-Agent", "Verbatim/0.1.0"), HTTPHeader("Accept", "*/*")],
      httpVersion: "HTTP/1.1", status: 200, reason: "OK",
      responseHeaders: [
        HTTPHeader("Content-Type", "text/html; charset=utf-8"), HTTPHeader("Content-Length", "41"),
        HTTPHeader("Content-Encoding", "gzip"), HTTPHeader("ETag", "\"abc\""),
        HTTPHeader("Transfer-Encoding", "chunked"),
      ],
      body: body, contentEncoding: "gzip", date: date, remoteAddress: "93.184.216.34")
  }

  static func redirectChain() -> [HTTPExchange] {
    func hop(_ url: String, _ status: Int, _ reason: String, _ location: String?, _ body: String) -> HTTPExchange {
      HTTPExchange(
        url: url, requestHeaders: [HTTPHeader("Accept", "*/*")], httpVersion: "HTTP/1.1", status: status,
        reason: reason,
        responseHeaders: location.map { [HTTPHeader("Location", $0)] } ?? [HTTPHeader("Content-Type", "text/plain")],
        body: Array(body.utf8), date: date)
    }
    return [
      hop("http://old.example/x", 301, "Moved Permanently", "https://old.example/x", ""),
      hop("https://old.example/x", 302, "Found", "https://new.example/y", "moved"),
      hop("https://new.example/y", 200, "OK", nil, "final"),
    ]
  }

  /// Several kinds of capture: plain, redirect chain, remapped, HTTP/2, binary; returns them as recorded.
  static func populate(_ store: EvidenceStore) throws -> [CaptureRecord] {
    var recorded: [CaptureRecord] = []
    recorded.append(try store.capture(key: "https://example.org/a/b?x=1", chain: [exchange()]))
    recorded.append(try store.capture(key: "http://old.example/x", chain: redirectChain()))
    var remapped = exchange(url: "https://mirror.example/p")
    remapped.originalURL = "https://gone.example/p"
    recorded.append(try store.capture(key: "https://gone.example/p", chain: [remapped]))
    _ = try store.archive([exchange(url: "https://not-a-capture.example/")])
    var h2 = exchange(url: "https://h2.example/")
    h2.httpVersion = "HTTP/2"
    h2.reason = ""
    h2.responseHeaders = [
      HTTPHeader("content-type", "application/pdf"), HTTPHeader("last-modified", "Mon, 02 Oct 2026 08:00:00 GMT"),
    ]
    h2.body = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
    h2.contentEncoding = nil
    h2.date = date.addingTimeInterval(60)
    recorded.append(try store.capture(key: "https://h2.example/", chain: [h2]))
    var empty = exchange(url: "https://empty.example/")
    empty.status = 204
    empty.reason = "No Content"
    empty.body = []
    recorded.append(try store.capture(key: "https://empty.example/", chain: [empty]))
    return recorded
  }
}
