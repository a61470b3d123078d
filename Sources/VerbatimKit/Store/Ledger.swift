public import Foundation
import Synchronization
internal import VerbatimInterop

/// The store's SQLite index (`ledger.sqlite`): every capture and every check, by source key.
///
/// Exists so questions like "latest capture of this source" or "failing since when" are one
/// indexed query instead of a WARC scan. The WARC files stay the evidence: `captures` can be
/// rebuilt from them (`EvidenceStore.rebuildLedger`). WAL mode and a 10 s busy timeout let
/// several Verbatim processes share it; one connection per `Ledger`, used under a mutex.
public final class Ledger: Sendable {
  /// The schema this code reads and writes (`PRAGMA user_version`).
  public static let schemaVersion = 2
  public static let busyTimeoutMilliseconds = 10_000

  public let path: String
  private let database: Mutex<SQLiteDatabase>

  private init(path: String, database: consuming sending SQLiteDatabase) {
    self.path = path
    self.database = Mutex(database)
  }

  /// Opens the ledger at `url`, creating the file and schema if needed.
  public static func open(at url: URL) throws(StoreError) -> Ledger {
    let path = url.path
    let db = try sql { () throws(SQLiteError) in
      let db = try SQLiteDatabase(path: path)
      try db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
      try db.enableWAL()
      try db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
      return db
    }
    let version = try sql { () throws(SQLiteError) in
      try db.transaction(.immediate) { () throws(SQLiteError) in
        let version = try db.userVersion()
        guard version <= schemaVersion else { return version }
        if version == 0 { try db.exec(schema) }
        if version < 2 { try db.exec(resultsSchema) }
        if version < schemaVersion { try db.setUserVersion(schemaVersion) }
        return version
      }
    }
    guard version <= schemaVersion else { throw .ledgerTooNew(version: version, supported: schemaVersion) }
    return Ledger(path: path, database: db)
  }

  private static let schema = """
    CREATE TABLE captures (
      id INTEGER PRIMARY KEY, key TEXT NOT NULL, original_url TEXT NOT NULL, requested_url TEXT NOT NULL,
      final_url TEXT NOT NULL, http_status INTEGER NOT NULL, content_type TEXT, etag TEXT, last_modified TEXT,
      response_headers TEXT NOT NULL, captured_at REAL NOT NULL, sha256 TEXT NOT NULL,
      body_length INTEGER NOT NULL, warc_file TEXT NOT NULL, warc_offset INTEGER NOT NULL,
      warc_length INTEGER NOT NULL, redirects TEXT NOT NULL);
    CREATE INDEX captures_by_key ON captures (key, captured_at);
    CREATE UNIQUE INDEX captures_by_location ON captures (warc_file, warc_offset);
    CREATE TABLE checks (
      id INTEGER PRIMARY KEY, key TEXT NOT NULL, checked_at REAL NOT NULL, health TEXT NOT NULL,
      http_status INTEGER, detail TEXT, capture_id INTEGER REFERENCES captures (id) ON DELETE SET NULL);
    CREATE INDEX checks_by_key ON checks (key, checked_at);
    """

  private static let captureColumns = """
    id, key, original_url, requested_url, final_url, http_status, content_type, etag, last_modified,
    response_headers, captured_at, sha256, body_length, warc_file, warc_offset, warc_length, redirects
    """

  // MARK: Captures

  /// Inserts a capture; returns its id.
  @discardableResult
  public func record(capture: CaptureRecord) throws(StoreError) -> Int64 {
    let values = try Self.values(of: capture)
    return try locked { db throws(SQLiteError) in
      try db.transaction { () throws(SQLiteError) in
        try db.query("INSERT INTO captures (\(Self.captureColumns)) VALUES (\(placeholders(17)))", [.null] + values)
        return db.lastInsertRowID
      }
    }
  }

  /// The newest capture of `key` (latest `captured_at`, then highest id).
  public func latestCapture(key: String) throws(StoreError) -> CaptureRecord? {
    try captures(where: "key = ? ORDER BY captured_at DESC, id DESC LIMIT 1", [.text(key)]).first
  }

  /// Every capture of `key`, newest first.
  public func captures(key: String) throws(StoreError) -> [CaptureRecord] {
    try captures(where: "key = ? ORDER BY captured_at DESC, id DESC", [.text(key)])
  }

  public func capture(id: Int64) throws(StoreError) -> CaptureRecord? {
    try captures(where: "id = ?", [.integer(id)]).first
  }

  /// Every capture, by id.
  public func allCaptures() throws(StoreError) -> [CaptureRecord] {
    try captures(where: "1 ORDER BY id", [])
  }

  private func captures(where clause: String, _ values: [SQLiteValue]) throws(StoreError) -> [CaptureRecord] {
    let rows = try locked { db throws(SQLiteError) in
      try db.query("SELECT \(Self.captureColumns) FROM captures WHERE \(clause)", values)
    }
    var records: [CaptureRecord] = []
    for row in rows { records.append(try Self.capture(from: row)) }
    return records
  }

  // MARK: Checks

  /// Inserts a check; returns its id.
  @discardableResult
  public func record(check: CheckRecord) throws(StoreError) -> Int64 {
    let values: [SQLiteValue] = [
      .text(check.key), .real(check.checkedAt.timeIntervalSince1970), .text(check.health.rawValue),
      check.httpStatus.map { .integer(Int64($0)) } ?? .null, check.detail.map { .text($0) } ?? .null,
      check.captureID.map { .integer($0) } ?? .null,
    ]
    return try locked { db throws(SQLiteError) in
      try db.transaction { () throws(SQLiteError) in
        try db.query(
          "INSERT INTO checks (key, checked_at, health, http_status, detail, capture_id) VALUES (?, ?, ?, ?, ?, ?)",
          values)
        return db.lastInsertRowID
      }
    }
  }

  /// Every check of `key`, newest first.
  public func checks(key: String) throws(StoreError) -> [CheckRecord] {
    let rows = try locked { db throws(SQLiteError) in
      try db.query(
        "SELECT id, key, checked_at, health, http_status, detail, capture_id FROM checks WHERE key = ? "
          + "ORDER BY checked_at DESC, id DESC", [.text(key)])
    }
    return rows.map { row in
      CheckRecord(
        id: row[0].int64, key: row[1].text ?? "", checkedAt: Date(timeIntervalSince1970: row[2].double ?? 0),
        health: .init(rawValue: row[3].text ?? ""), httpStatus: row[4].int64.map(Int.init), detail: row[5].text,
        captureID: row[6].int64)
    }
  }

  /// The current run of failures of `key` and its last OK check.
  public func failureHistory(key: String) throws(StoreError) -> FailureHistory {
    Self.failureHistory(of: try checks(key: key))
  }

  /// The same, from a source's checks as `checks(key:)` lists them (newest first).
  public static func failureHistory(of checks: [CheckRecord]) -> FailureHistory {
    var history = FailureHistory(firstFailure: nil, consecutiveFailures: 0, lastOK: nil)
    for check in checks {
      switch check.health.outcome {
      case .notChecked: continue
      case .ok: history.lastOK = check.checkedAt
      case .failure:
        history.consecutiveFailures += 1
        history.firstFailure = check.checkedAt
      }
      if history.lastOK != nil { break }
    }
    return history
  }

  // MARK: Store support

  /// The end of the last recorded response record in `file`: a member boundary the writer can
  /// start its tail check from.
  func recordedEnd(of file: String) -> Int? {
    let rows = try? locked { db throws(SQLiteError) in
      try db.query("SELECT MAX(warc_offset + warc_length) FROM captures WHERE warc_file = ?", [.text(file)])
    }
    return rows?.first?.first?.int64.map(Int.init)
  }

  /// Makes `captures` match `scanned` (captures read from the WARC files, in file order):
  /// rows at a scanned location keep their id and take the scanned values; other rows go,
  /// except those past `scannedEnds[file]` that lie within the file's current size (captures
  /// appended after the scan: their record is written before their row); new captures are
  /// inserted in file order. Checks stay; a deleted capture's checks lose their `capture_id`.
  func replaceCaptures(
    with scanned: [CaptureRecord], scannedEnds: [String: Int], currentSize: (String) -> Int?
  ) throws(StoreError) {
    var rows: [[SQLiteValue]] = []
    for capture in scanned { rows.append(try Self.values(of: capture)) }
    let placed = Set(scanned.map { Location(file: $0.warcFile, offset: $0.warcOffset) })
    try locked { db throws(SQLiteError) in
      try db.transaction { () throws(SQLiteError) in
        var existing: [Location: Int64] = [:]
        var sizes: [String: Int?] = [:]
        for row in try db.query("SELECT id, warc_file, warc_offset, warc_length FROM captures") {
          let location = Location(file: row[1].text ?? "", offset: Int(row[2].int64 ?? -1))
          guard let id = row[0].int64 else { continue }
          if sizes[location.file] == nil { sizes[location.file] = currentSize(location.file) }
          if placed.contains(location) {
            existing[location] = id
          } else if let end = scannedEnds[location.file], location.offset >= end,
            let size = sizes[location.file] ?? nil, location.offset + Int(row[3].int64 ?? 0) <= size
          {
            continue
          } else {
            try db.query("DELETE FROM captures WHERE id = ?", [.integer(id)])
          }
        }
        let columns = Self.captureColumns.split(separator: ",").dropFirst()
          .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        for (capture, values) in zip(scanned, rows) {
          if let id = existing[Location(file: capture.warcFile, offset: capture.warcOffset)] {
            let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
            try db.query("UPDATE captures SET \(assignments) WHERE id = ?", values + [.integer(id)])
          } else {
            try db.query("INSERT INTO captures (\(Self.captureColumns)) VALUES (\(placeholders(17)))", [.null] + values)
          }
        }
      }
    }
  }

  private struct Location: Hashable {
    var file: String
    var offset: Int
  }

  // MARK: Rows

  func locked<R: Sendable>(_ body: (SQLiteDatabase) throws(SQLiteError) -> R) throws(StoreError) -> R {
    try Self.sql { () throws(SQLiteError) in
      try database.withLock { db throws(SQLiteError) in try body(db) }
    }
  }

  static func sql<R>(_ body: () throws(SQLiteError) -> R) throws(StoreError) -> R {
    do throws(SQLiteError) {
      return try body()
    } catch {
      throw .ledger(code: error.code, message: error.message)
    }
  }

  private static func values(of capture: CaptureRecord) throws(StoreError) -> [SQLiteValue] {
    [
      .text(capture.key), .text(capture.originalURL), .text(capture.requestedURL), .text(capture.finalURL),
      .integer(Int64(capture.httpStatus)), optional(capture.contentType), optional(capture.etag),
      optional(capture.lastModified), .text(try json(capture.responseHeaders)),
      .real(capture.capturedAt.timeIntervalSince1970), .text(capture.sha256), .integer(Int64(capture.bodyLength)),
      .text(capture.warcFile), .integer(Int64(capture.warcOffset)), .integer(Int64(capture.warcLength)),
      .text(try json(capture.redirects)),
    ]
  }

  private static func capture(from row: [SQLiteValue]) throws(StoreError) -> CaptureRecord {
    CaptureRecord(
      id: row[0].int64, key: row[1].text ?? "", originalURL: row[2].text ?? "", requestedURL: row[3].text ?? "",
      finalURL: row[4].text ?? "", httpStatus: Int(row[5].int64 ?? 0), contentType: row[6].text,
      etag: row[7].text, lastModified: row[8].text,
      responseHeaders: try decode([HTTPHeader].self, row[9].text),
      capturedAt: Date(timeIntervalSince1970: row[10].double ?? 0), sha256: row[11].text ?? "",
      bodyLength: Int(row[12].int64 ?? 0), warcFile: row[13].text ?? "", warcOffset: Int(row[14].int64 ?? 0),
      warcLength: Int(row[15].int64 ?? 0), redirects: try decode([CaptureRecord.Redirect].self, row[16].text))
  }

  private static func optional(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }

  private static func json<T: Encodable>(_ value: T) throws(StoreError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      throw .ledger(code: -1, message: "cannot encode \(T.self): \(error)")
    }
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws(StoreError) -> T {
    do {
      return try JSONDecoder().decode(type, from: Data((text ?? "").utf8))
    } catch {
      throw .ledger(code: -1, message: "malformed \(T.self) JSON in the ledger: \(error)")
    }
  }
}

private func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

extension SQLiteValue {
  var int64: Int64? { if case .integer(let v) = self { v } else { nil } }
  var double: Double? {
    switch self {
    case .real(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }
  var text: String? { if case .text(let v) = self { v } else { nil } }
}
