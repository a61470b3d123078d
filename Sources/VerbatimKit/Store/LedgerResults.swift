internal import VerbatimInterop

/// Results derived from a capture (a page's facts, a quote's verdict), kept beside the captures so an
/// unchanged vault re-audits without extracting or checking anything again.
///
/// Keyed by the capture's SHA-256, the producing tool's version (a new version recomputes everything)
/// and an item name; values are opaque JSON text.
extension Ledger {
  static let resultsSchema = """
    CREATE TABLE IF NOT EXISTS results (
      sha256 TEXT NOT NULL, tool TEXT NOT NULL, item TEXT NOT NULL, value TEXT NOT NULL,
      PRIMARY KEY (sha256, tool, item)) WITHOUT ROWID;
    """

  /// Every result stored for the capture with `sha256` by `tool`, by item.
  public func results(sha256: String, tool: String) throws(StoreError) -> [String: String] {
    let rows = try locked { db throws(SQLiteError) in
      try db.query("SELECT item, value FROM results WHERE sha256 = ? AND tool = ?", [.text(sha256), .text(tool)])
    }
    var out: [String: String] = [:]
    for row in rows { if let item = row[0].text, let value = row[1].text { out[item] = value } }
    return out
  }

  /// Stores (or replaces) results of the capture with `sha256`, in one transaction.
  public func record(results: [(item: String, value: String)], sha256: String, tool: String) throws(StoreError) {
    guard !results.isEmpty else { return }
    try locked { db throws(SQLiteError) in
      try db.transaction { () throws(SQLiteError) in
        for (item, value) in results {
          try db.query(
            "INSERT OR REPLACE INTO results (sha256, tool, item, value) VALUES (?, ?, ?, ?)",
            [.text(sha256), .text(tool), .text(item), .text(value)])
        }
      }
    }
  }
}
