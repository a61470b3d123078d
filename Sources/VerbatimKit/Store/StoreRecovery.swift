public import Foundation
internal import VerbatimInterop

/// What `EvidenceStore.recover()` found and repaired.
public struct StoreRecovery: Sendable, Hashable {
  /// Where a torn tail was cut: a store-relative WARC file and the offset it now ends at.
  public struct Cut: Sendable, Hashable {
    public var file: String
    public var offset: Int
  }

  /// The torn tail cut off the newest WARC file, if there was one.
  public var truncated: Cut?
  /// Ledger captures removed because their record lies (partly) past the end of their WARC file.
  public var droppedCaptures = 0
}

/// Crash recovery of the evidence store, run each time it is opened.
///
/// Exists because a Verbatim process can be killed at any point of an append. What that can leave,
/// and what is done about it:
/// - a torn tail (the killed append's partial gzip member) on the newest WARC file: cut off here, under
///   the file's `flock`, so the file reads cleanly to its end even when this run appends nothing;
/// - a record written without its ledger row (killed between the two): left as evidence; the source has
///   no capture, so it is fetched again (`verbatim store rebuild` would index it);
/// - a ledger row whose record lies past the end of its file (only possible if the file lost data the
///   ledger had seen, e.g. power loss without `durable`, or a file replaced by hand): the row is dropped,
///   so the source is fetched again instead of being read from nowhere.
/// The record is always written before its row, so a row that any process can see has its record on
/// disk: rows are read before file sizes, and a row inserted meanwhile is never mistaken for a dangling one.
extension EvidenceStore {
  /// Repairs what a killed process left (see the type's comment). Safe while other processes use the store.
  @discardableResult
  public func recover() throws(StoreError) -> StoreRecovery {
    var recovery = StoreRecovery()
    let ledger = self.ledger
    try writer.withLock { writer throws(StoreError) in
      try writer.repairTail(
        knownEnd: { ledger.recordedEnd(of: $0) },
        truncated: { (file, offset) throws(StoreError) in
          recovery.truncated = StoreRecovery.Cut(file: file, offset: offset)
          recovery.droppedCaptures += try ledger.dropCaptures(in: file, endingAfter: offset)
        })
    }
    // Rows first, then sizes: a record is on disk before its row is inserted.
    for (file, end) in try ledger.recordedEnds() {
      let size = (try? FileManager.default.attributesOfItem(atPath: directory.path + "/" + file))?[.size] as? Int ?? 0
      if end > size { recovery.droppedCaptures += try ledger.dropCaptures(in: file, endingAfter: size) }
    }
    return recovery
  }
}

extension Ledger {
  /// Deletes the captures of `file` whose record ends after `offset`; returns how many. Their checks stay,
  /// without a `capture_id`.
  func dropCaptures(in file: String, endingAfter offset: Int) throws(StoreError) -> Int {
    try locked { db throws(SQLiteError) in
      try db.transaction { () throws(SQLiteError) in
        let doomed = try db.query(
          "SELECT COUNT(*) FROM captures WHERE warc_file = ? AND warc_offset + warc_length > ?",
          [.text(file), .integer(Int64(offset))])
        let count = Int(doomed.first?.first?.int64 ?? 0)
        if count > 0 {
          try db.query(
            "DELETE FROM captures WHERE warc_file = ? AND warc_offset + warc_length > ?",
            [.text(file), .integer(Int64(offset))])
        }
        return count
      }
    }
  }

  /// The end of the last recorded record of every WARC file the ledger names.
  func recordedEnds() throws(StoreError) -> [(file: String, end: Int)] {
    let rows = try locked { db throws(SQLiteError) in
      try db.query("SELECT warc_file, MAX(warc_offset + warc_length) FROM captures GROUP BY warc_file")
    }
    return rows.compactMap { row in
      guard let file = row[0].text, let end = row[1].int64 else { return nil }
      return (file, Int(end))
    }
  }
}
