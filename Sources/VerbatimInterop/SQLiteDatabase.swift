internal import CSQLite

/// An error SQLite reported: its (extended) result code and message.
///
/// Exists so callers never see a C result code without its explanation, and can tell "the
/// database is busy" or "a constraint failed" apart without importing SQLite.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The extended result code (`SQLITE_BUSY_SNAPSHOT`, …); its low byte is the primary code.
  public var code: Int
  /// `sqlite3_errmsg` at the time of the failure, or a description of the misuse.
  public var message: String

  public init(code: Int, message: String) {
    self.code = code
    self.message = message
  }

  /// The primary result code (`SQLITE_BUSY` = 5, `SQLITE_CONSTRAINT` = 19, …).
  public var primaryCode: Int { code & 0xFF }
  /// Another connection held a lock for longer than the busy timeout.
  public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }
  /// A UNIQUE, NOT NULL, CHECK or foreign-key constraint failed.
  public var isConstraint: Bool { primaryCode == 19 }

  public var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite value, as bound to a statement or read from a column.
public enum SQLiteValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

/// One SQLite connection: the only owner of its `sqlite3*`.
///
/// Exists so the rest of Verbatim uses SQLite through Swift values and typed errors (the
/// SwiftPM `Basics/SQLite.swift` model) and never touches a C pointer. A connection is not
/// thread-safe: use it from one thread at a time (callers wrap it in a `Mutex`).
public final class SQLiteDatabase {
  /// `sqlite3_open_v2` flags.
  public struct OpenFlags: OptionSet, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
    public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
    public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
    /// Multi-thread mode: the connection is used by one thread at a time, no internal mutex.
    public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
    public static let fullMutex = OpenFlags(rawValue: SQLITE_OPEN_FULLMUTEX)
  }

  /// How `transaction` begins: `immediate` takes the write lock up front, so a writer waits
  /// on the busy timeout instead of failing when it upgrades a read lock.
  public enum TransactionKind: String, Sendable {
    case deferred = "DEFERRED"
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
  }

  /// The database file's path, as opened.
  public let path: String
  let handle: OpaquePointer

  /// Opens (or with `.create`, creates) the database at `path`.
  public init(path: String, flags: OpenFlags = [.readWrite, .create, .noMutex]) throws(SQLiteError) {
    var db: OpaquePointer?
    let rc = sqlite3_open_v2(path, &db, flags.rawValue | SQLITE_OPEN_EXRESCODE, nil)
    guard rc == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_close_v2(db)
      throw SQLiteError(code: Int(rc), message: message)
    }
    sqlite3_extended_result_codes(db, 1)
    self.path = path
    self.handle = db
  }

  deinit {
    for statement in cachedStatements.values { sqlite3_finalize(statement) }
    sqlite3_close_v2(handle)
  }

  /// Statements `query` compiled, by SQL text: compiled once, reset and reused (the ledger runs the same
  /// few statements for each of tens of thousands of sources).
  private var cachedStatements: [String: OpaquePointer] = [:]

  /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
  public func setBusyTimeout(milliseconds: Int) throws(SQLiteError) {
    try check(sqlite3_busy_timeout(handle, Int32(clamping: milliseconds)))
  }

  /// Runs one or more statements that return no rows of interest.
  public func exec(_ sql: String) throws(SQLiteError) {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if rc != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? currentMessage
      sqlite3_free(errorMessage)
      throw SQLiteError(code: Int(sqlite3_extended_errcode(handle)), message: message)
    }
  }

  /// Compiles one statement.
  public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil))
    guard let statement else { throw SQLiteError(code: Int(SQLITE_MISUSE), message: "empty statement: \(sql)") }
    return SQLiteStatement(database: self, handle: statement)
  }

  /// Prepares, binds and runs a statement, returning every row.
  @discardableResult
  public func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
    let handle: OpaquePointer
    if let cached = cachedStatements[sql] {
      handle = cached
    } else {
      var compiled: OpaquePointer?
      try check(sqlite3_prepare_v2(self.handle, sql, -1, &compiled, nil))
      guard let compiled else { throw SQLiteError(code: Int(SQLITE_MISUSE), message: "empty statement: \(sql)") }
      cachedStatements[sql] = compiled
      handle = compiled
    }
    let statement = SQLiteStatement(database: self, handle: handle, owned: false)
    defer {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    }
    try statement.bind(values)
    var rows: [[SQLiteValue]] = []
    while try statement.step() { rows.append(statement.row()) }
    return rows
  }

  /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
  public func transaction<Result>(
    _ kind: TransactionKind = .immediate, _ body: () throws(SQLiteError) -> Result
  ) throws(SQLiteError) -> Result {
    try exec("BEGIN \(kind.rawValue)")
    let result: Result
    do throws(SQLiteError) {
      result = try body()
      try exec("COMMIT")
    } catch {
      if sqlite3_get_autocommit(handle) == 0 { try? exec("ROLLBACK") }
      throw error
    }
    return result
  }

  /// Switches to write-ahead logging (readers do not block the writer and vice versa); the
  /// mode is persistent in the file. Throws if SQLite refuses (for example on a read-only file).
  public func enableWAL() throws(SQLiteError) {
    let rows = try query("PRAGMA journal_mode=WAL")
    guard case .text(let mode)? = rows.first?.first, mode.lowercased() == "wal" else {
      throw SQLiteError(code: Int(SQLITE_ERROR), message: "journal_mode=WAL refused: \(rows)")
    }
  }

  /// The current journal mode (`wal`, `delete`, …).
  public func journalMode() throws(SQLiteError) -> String {
    guard case .text(let mode)? = try query("PRAGMA journal_mode").first?.first else { return "" }
    return mode.lowercased()
  }

  /// `PRAGMA user_version`: the application's schema version, 0 in a new database.
  public func userVersion() throws(SQLiteError) -> Int {
    guard case .integer(let version)? = try query("PRAGMA user_version").first?.first else { return 0 }
    return Int(version)
  }

  public func setUserVersion(_ version: Int) throws(SQLiteError) {
    try exec("PRAGMA user_version = \(version)")
  }

  /// The rowid of the last successful INSERT on this connection.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  var currentMessage: String { String(cString: sqlite3_errmsg(handle)) }

  func check(_ rc: Int32) throws(SQLiteError) {
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: Int(sqlite3_extended_errcode(handle)), message: currentMessage)
    }
  }
}

@available(*, unavailable)
extension SQLiteDatabase: Sendable {}

/// One compiled statement, owned by Swift and finalized on deinit. Keeps its connection alive.
public final class SQLiteStatement {
  private let database: SQLiteDatabase
  private let handle: OpaquePointer
  /// False for the connection's cached statements, which the connection finalizes.
  private let owned: Bool

  init(database: SQLiteDatabase, handle: OpaquePointer, owned: Bool = true) {
    self.database = database
    self.handle = handle
    self.owned = owned
  }

  deinit { if owned { sqlite3_finalize(handle) } }

  /// Binds `values` to parameters 1, 2, …
  public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
    for (i, value) in values.enumerated() { try bind(value, at: i + 1) }
  }

  /// Binds one value to the 1-based parameter `index`. Text and blobs are copied.
  public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
    let i = Int32(index)
    let rc: Int32
    switch value {
    case .null: rc = sqlite3_bind_null(handle, i)
    case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
    case .real(let v): rc = sqlite3_bind_double(handle, i, v)
    case .text(let s):
      let count = s.utf8.count
      rc = s.withCString { sqlite3_bind_text(handle, i, $0, Int32(count), csqlite_transient()) }
    case .blob(let bytes):
      if bytes.isEmpty {
        // A NULL pointer would bind SQL NULL; an empty blob is a zero-length zeroblob.
        rc = sqlite3_bind_zeroblob(handle, i, 0)
      } else {
        rc = bytes.withUnsafeBytes {
          sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count), csqlite_transient())
        }
      }
    }
    try database.check(rc)
  }

  /// Advances: true when a row is available, false when the statement is done.
  public func step() throws(SQLiteError) -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      throw SQLiteError(
        code: Int(sqlite3_extended_errcode(sqlite3_db_handle(handle))), message: database.currentMessage)
    }
  }

  /// Makes the statement runnable again, keeping its bindings.
  public func reset() throws(SQLiteError) { try database.check(sqlite3_reset(handle)) }

  public func clearBindings() { sqlite3_clear_bindings(handle) }

  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  public func columnName(_ column: Int) -> String {
    sqlite3_column_name(handle, Int32(column)).map { String(cString: $0) } ?? ""
  }

  public func isNull(_ column: Int) -> Bool { sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL }

  public func int64(_ column: Int) -> Int64 { sqlite3_column_int64(handle, Int32(column)) }

  public func int(_ column: Int) -> Int { Int(int64(column)) }

  public func double(_ column: Int) -> Double { sqlite3_column_double(handle, Int32(column)) }

  /// The column as UTF-8 text; nil when NULL.
  public func string(_ column: Int) -> String? {
    let c = Int32(column)
    guard !isNull(column), let text = sqlite3_column_text(handle, c) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, c))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  /// The column as bytes; nil when NULL.
  public func blob(_ column: Int) -> [UInt8]? {
    let c = Int32(column)
    guard !isNull(column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, c))
    guard count > 0, let bytes = sqlite3_column_blob(handle, c) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: count))
  }

  /// The column as a value of its storage class.
  public func value(_ column: Int) -> SQLiteValue {
    switch sqlite3_column_type(handle, Int32(column)) {
    case SQLITE_INTEGER: return .integer(int64(column))
    case SQLITE_FLOAT: return .real(double(column))
    case SQLITE_TEXT: return .text(string(column) ?? "")
    case SQLITE_BLOB: return .blob(blob(column) ?? [])
    default: return .null
    }
  }

  /// Every column of the current row.
  public func row() -> [SQLiteValue] { (0..<columnCount).map { value($0) } }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
