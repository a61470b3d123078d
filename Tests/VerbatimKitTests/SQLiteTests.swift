import Foundation
import Testing
import VerbatimInterop

@Suite struct SQLiteTests {
  static func database(_ dir: StoreScratch, _ name: String = "t.sqlite") throws -> SQLiteDatabase {
    try SQLiteDatabase(path: dir.path + "/" + name)
  }

  @Test func bindsAndReadsEveryStorageClass() throws {
    let dir = try StoreScratch()
    let db = try Self.database(dir)
    try db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)")
    let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
    try insert.bind([.integer(Int64.min), .real(-0.25), .text("naïve – ✓\u{0}end"), .blob([0, 1, 255]), .null])
    #expect(try insert.step() == false)
    #expect(db.changes == 1)
    #expect(db.lastInsertRowID == 1)
    try insert.reset()
    insert.clearBindings()
    try insert.bind(.integer(7), at: 1)
    try insert.bind(.text(""), at: 3)
    try insert.bind(.blob([]), at: 4)
    #expect(try insert.step() == false)

    let select = try db.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
    #expect(try select.step())
    #expect(select.columnCount == 5)
    #expect(select.columnName(2) == "s")
    #expect(select.int64(0) == Int64.min)
    #expect(select.double(1) == -0.25)
    #expect(select.string(2) == "naïve – ✓\u{0}end")
    #expect(select.blob(3) == [0, 1, 255])
    #expect(select.isNull(4))
    #expect(select.string(4) == nil && select.blob(4) == nil)
    #expect(try select.step())
    #expect(select.row() == [.integer(7), .null, .text(""), .blob([]), .null])
    #expect(try select.step() == false)
    #expect(
      try db.query("SELECT count(*), typeof(b) FROM t WHERE i = ?", [.integer(7)]) == [[.integer(1), .text("blob")]])
  }

  @Test func errorsCarryCodeAndMessage() throws {
    let dir = try StoreScratch()
    let db = try Self.database(dir)
    #expect(throws: SQLiteError(code: 1, message: "near \"SELEC\": syntax error")) { try db.exec("SELEC 1") }
    #expect(throws: SQLiteError(code: 1, message: "no such table: missing")) { try db.prepare("SELECT * FROM missing") }
    try db.exec("CREATE TABLE u (k TEXT UNIQUE NOT NULL)")
    try db.query("INSERT INTO u VALUES (?)", [.text("a")])
    do throws(SQLiteError) {
      try db.query("INSERT INTO u VALUES (?)", [.text("a")])
      Issue.record("expected a constraint error")
    } catch {
      #expect(error == SQLiteError(code: 2067, message: "UNIQUE constraint failed: u.k"))
      #expect(error.isConstraint && !error.isBusy)
      #expect(error.description == "SQLite error 2067: UNIQUE constraint failed: u.k")
    }
    #expect(throws: SQLiteError(code: 14, message: "unable to open database file")) {
      try SQLiteDatabase(path: dir.path + "/no/such/dir.sqlite")
    }
  }

  @Test func transactionsCommitOrRollBack() throws {
    let dir = try StoreScratch()
    let db = try Self.database(dir)
    try db.exec("CREATE TABLE t (v INTEGER)")
    let id = try db.transaction { () throws(SQLiteError) in
      try db.query("INSERT INTO t VALUES (1)")
      return db.lastInsertRowID
    }
    #expect(id == 1)
    #expect(throws: SQLiteError.self) {
      try db.transaction(.deferred) { () throws(SQLiteError) in
        try db.query("INSERT INTO t VALUES (2)")
        try db.exec("INSERT INTO nowhere VALUES (3)")
      }
    }
    #expect(try db.query("SELECT v FROM t") == [[.integer(1)]])
  }

  @Test func walModeAndUserVersionPersist() throws {
    let dir = try StoreScratch()
    do {
      let db = try Self.database(dir)
      #expect(try db.journalMode() == "delete")
      try db.enableWAL()
      #expect(try db.userVersion() == 0)
      try db.setUserVersion(3)
      try db.exec("CREATE TABLE t (v)")
    }
    let again = try Self.database(dir)
    #expect(try again.journalMode() == "wal")
    #expect(try again.userVersion() == 3)
    let readOnly = try SQLiteDatabase(path: dir.path + "/t.sqlite", flags: [.readOnly])
    #expect(throws: SQLiteError.self) { try readOnly.exec("INSERT INTO t VALUES (1)") }
  }

  @Test func aHeldWriteLockMakesOthersWaitThenFailBusy() throws {
    let dir = try StoreScratch()
    let holder = try Self.database(dir)
    try holder.enableWAL()
    try holder.exec("CREATE TABLE t (v)")
    let waiter = try Self.database(dir)
    try waiter.setBusyTimeout(milliseconds: 200)
    try holder.exec("BEGIN IMMEDIATE")
    let start = Date()
    do throws(SQLiteError) {
      try waiter.exec("INSERT INTO t VALUES (1)")
      Issue.record("expected SQLITE_BUSY")
    } catch {
      #expect(error.isBusy)
      #expect(error.primaryCode == 5)
    }
    #expect(Date().timeIntervalSince(start) >= 0.15)
    try holder.exec("COMMIT")
    try waiter.exec("INSERT INTO t VALUES (1)")
    // Readers are not blocked by a writer in WAL mode.
    try holder.exec("BEGIN IMMEDIATE")
    #expect(try waiter.query("SELECT count(*) FROM t") == [[.integer(1)]])
    try holder.exec("ROLLBACK")
  }
}
