import Foundation
import Testing
import VerbatimInterop

@testable import VerbatimKit

@Suite struct LedgerTests {
  static func capture(key: String = "https://example.org/", at seconds: Double = 1_795_927_212, offset: Int = 0)
    -> CaptureRecord
  {
    CaptureRecord(
      key: key, originalURL: key, requestedURL: key, finalURL: key + "final", httpStatus: 200,
      contentType: "text/html", etag: "\"e\"", lastModified: nil,
      responseHeaders: [HTTPHeader("Content-Type", "text/html"), HTTPHeader("X-A", "1/2")],
      capturedAt: Date(timeIntervalSince1970: seconds), sha256: String(repeating: "ab", count: 32), bodyLength: 42,
      warcFile: "archive/verbatim-00001.warc.gz", warcOffset: offset, warcLength: 100,
      redirects: [
        .init(url: key, status: 301, location: key + "final"), .init(url: key + "x", status: 302, location: nil),
      ])
  }

  static func ledger(_ dir: StoreScratch) throws -> Ledger {
    try Ledger.open(at: dir.url.appendingPathComponent("ledger.sqlite"))
  }

  @Test func createsAVersionedSchemaInWALMode() throws {
    let dir = try StoreScratch()
    _ = try Self.ledger(dir)
    let db = try SQLiteDatabase(path: dir.path + "/ledger.sqlite")
    #expect(try db.userVersion() == Ledger.schemaVersion)
    #expect(try db.journalMode() == "wal")
    let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    #expect(tables == [[.text("captures")], [.text("checks")], [.text("results")]])
    let columns = try db.query("SELECT name FROM pragma_table_info('captures')").map { $0[0] }
    #expect(
      columns
        == [
          "id", "key", "original_url", "requested_url", "final_url", "http_status", "content_type", "etag",
          "last_modified", "response_headers", "captured_at", "sha256", "body_length", "warc_file", "warc_offset",
          "warc_length", "redirects",
        ].map { SQLiteValue.text($0) })
    let checkColumns = try db.query("SELECT name FROM pragma_table_info('checks')").map { $0[0] }
    #expect(
      checkColumns
        == ["id", "key", "checked_at", "health", "http_status", "detail", "capture_id"].map { SQLiteValue.text($0) })
  }

  @Test func refusesANewerSchema() throws {
    let dir = try StoreScratch()
    _ = try Self.ledger(dir)
    try SQLiteDatabase(path: dir.path + "/ledger.sqlite").setUserVersion(99)
    #expect(throws: StoreError.ledgerTooNew(version: 99, supported: Ledger.schemaVersion)) { try Self.ledger(dir) }
  }

  @Test func aVersionOneLedgerGainsTheResultsTable() throws {
    let dir = try StoreScratch()
    _ = try Self.ledger(dir)
    let db = try SQLiteDatabase(path: dir.path + "/ledger.sqlite")
    try db.exec("DROP TABLE results")
    try db.setUserVersion(1)
    let ledger = try Self.ledger(dir)
    #expect(try db.userVersion() == 2)
    try ledger.record(results: [("page", "{}")], sha256: "abc", tool: "t")
    #expect(try ledger.results(sha256: "abc", tool: "t") == ["page": "{}"])
  }

  @Test func capturesRoundTripWithJSONColumns() throws {
    let dir = try StoreScratch()
    let ledger = try Self.ledger(dir)
    let capture = Self.capture()
    let id = try ledger.record(capture: capture)
    #expect(id == 1)
    var expected = capture
    expected.id = 1
    #expect(try ledger.latestCapture(key: capture.key) == expected)
    #expect(try ledger.capture(id: 1) == expected)
    #expect(try ledger.latestCapture(key: "https://other.example/") == nil)

    let db = try SQLiteDatabase(path: dir.path + "/ledger.sqlite")
    let row = try db.query("SELECT response_headers, redirects, captured_at FROM captures")
    #expect(
      row == [
        [
          .text(#"[{"name":"Content-Type","value":"text/html"},{"name":"X-A","value":"1/2"}]"#),
          .text(
            #"[{"location":"https://example.org/final","status":301,"url":"https://example.org/"},"#
              + #"{"status":302,"url":"https://example.org/x"}]"#),
          .real(1_795_927_212),
        ]
      ])

    // Reopened (another process), the data is there.
    #expect(try Self.ledger(dir).allCaptures() == [expected])
  }

  @Test func latestCaptureIsTheNewest() throws {
    let dir = try StoreScratch()
    let ledger = try Self.ledger(dir)
    try ledger.record(capture: Self.capture(at: 100, offset: 0))
    try ledger.record(capture: Self.capture(at: 300, offset: 100))
    try ledger.record(capture: Self.capture(at: 200, offset: 200))
    try ledger.record(capture: Self.capture(key: "https://b.example/", at: 400, offset: 300))
    #expect(try ledger.latestCapture(key: "https://example.org/")?.id == 2)
    #expect(try ledger.captures(key: "https://example.org/").map(\.id) == [2, 3, 1])
    #expect(ledger.recordedEnd(of: "archive/verbatim-00001.warc.gz") == 400)
    #expect(ledger.recordedEnd(of: "archive/verbatim-00002.warc.gz") == nil)
    // One capture per place in the archive.
    #expect(throws: StoreError.self) { try ledger.record(capture: Self.capture(at: 500, offset: 0)) }
  }

  @Test func checksComeBackNewestFirst() throws {
    let dir = try StoreScratch()
    let ledger = try Self.ledger(dir)
    let captureID = try ledger.record(capture: Self.capture())
    let key = "https://example.org/"
    let checks = [
      CheckRecord(
        key: key, checkedAt: Date(timeIntervalSince1970: 1_000.5), health: .ok, httpStatus: 200, captureID: captureID),
      CheckRecord(
        key: key, checkedAt: Date(timeIntervalSince1970: 3_000), health: .timeout, detail: "connection refused"),
      CheckRecord(
        key: key, checkedAt: Date(timeIntervalSince1970: 2_000), health: .dead, httpStatus: 404,
        detail: "404 Not Found"),
      CheckRecord(key: "https://other.example/", checkedAt: Date(timeIntervalSince1970: 4_000), health: "custom"),
    ]
    var ids: [Int64] = []
    for check in checks { ids.append(try ledger.record(check: check)) }
    #expect(ids == [1, 2, 3, 4])
    let read = try ledger.checks(key: key)
    #expect(read.map(\.id) == [2, 3, 1])
    var first = checks[1]
    first.id = 2
    #expect(read[0] == first)
    #expect(read[2].captureID == captureID)
    #expect(try ledger.checks(key: "https://other.example/").map(\.health) == ["custom"])
  }

  @Test func failureHistorySaysHowLongASourceHasBeenFailing() throws {
    let dir = try StoreScratch()
    let ledger = try Self.ledger(dir)
    let day = 86_400.0
    let start = 1_790_928_000.0  // 2026-10-02T08:00:00Z
    func check(_ key: String, _ days: Double, _ health: CheckRecord.Health) throws {
      try ledger.record(
        check: CheckRecord(key: key, checkedAt: Date(timeIntervalSince1970: start + days * day), health: health))
    }
    #expect(
      try ledger.failureHistory(key: "none") == FailureHistory(firstFailure: nil, consecutiveFailures: 0, lastOK: nil))

    // OK, OK, then failing since 2026-10-02 for three checks.
    try check("a", -20, .ok)
    try check("a", -10, .redirected)
    try check("a", 0, .dead)
    try check("a", 7, .timeout)
    try check("a", 14, .blocked)
    #expect(
      try ledger.failureHistory(key: "a")
        == FailureHistory(
          firstFailure: Date(timeIntervalSince1970: start), consecutiveFailures: 3,
          lastOK: Date(timeIntervalSince1970: start - 10 * day)))

    // Never OK.
    try check("b", 1, .dead)
    try check("b", 2, .dead)
    #expect(
      try ledger.failureHistory(key: "b")
        == FailureHistory(firstFailure: Date(timeIntervalSince1970: start + day), consecutiveFailures: 2, lastOK: nil))

    // Checks that made no request neither extend nor end a run; non-HTML answers are OK.
    try check("d", 1, .unsupported)
    try check("d", 2, .dead)
    try check("d", 3, .blockedByPolicy)
    try check("d", 4, .dead)
    try check("d", 5, .notArchived)
    #expect(
      try ledger.failureHistory(key: "d")
        == FailureHistory(
          firstFailure: Date(timeIntervalSince1970: start + 2 * day), consecutiveFailures: 2,
          lastOK: Date(timeIntervalSince1970: start + day)))
    #expect(CheckRecord.Health(rawValue: "tls-error").outcome == .failure)

    // Failed, then recovered.
    try check("c", 1, .dead)
    try check("c", 2, .ok)
    #expect(
      try ledger.failureHistory(key: "c")
        == FailureHistory(
          firstFailure: nil, consecutiveFailures: 0, lastOK: Date(timeIntervalSince1970: start + 2 * day)))
  }
}
