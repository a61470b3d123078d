public import Foundation
import Synchronization

/// The evidence store: WARC files of everything fetched, and the ledger that indexes them.
///
/// ```
/// .verbatim/
///   archive/verbatim-00001.warc.gz   one gzip member per record, rotated at a size limit
///   ledger.sqlite                    captures and checks (WAL mode)
/// ```
///
/// Exists to keep every capture as evidence a third party can verify with standard WARC tools,
/// while Verbatim itself answers history questions from the ledger. Thread-safe; several
/// processes may share one store (appends take an exclusive `flock` on the WARC file, the
/// ledger relies on SQLite's locking).
public final class EvidenceStore: Sendable {
  public struct Options: Sendable {
    /// Options for the WARC files (size limit, durability, record ids).
    public var warc: WARCWriter.Options

    public init(warc: WARCWriter.Options = WARCWriter.Options()) {
      self.warc = warc
    }
  }

  /// Summary of `rebuildLedger()`.
  public struct RebuildSummary: Sendable, Hashable {
    /// Captures now in the ledger that were found in WARC files.
    public var captures: Int
    /// Files scanned, store-relative.
    public var files: [String]
    /// Files that did not end cleanly, and how they ended.
    public var problems: [String: WARCReader.Ending]
  }

  public let directory: URL
  public let ledger: Ledger
  /// Internal for `recover()` (StoreRecovery.swift).
  let writer: Mutex<WARCWriter>
  private let warcOptions: WARCWriter.Options
  /// The `warcinfo` record id of the file the last append went to: records are prepared
  /// against it outside the writer lock (the writer rebuilds them if the file changed since).
  private let warcinfoHint = Mutex<String?>(nil)

  /// `vault/.verbatim`, the default store location.
  public static func defaultDirectory(vault: URL) -> URL {
    vault.appendingPathComponent(".verbatim", isDirectory: true)
  }

  /// Opens the store at `directory`, creating it (and `archive/`, `ledger.sqlite`) if needed.
  /// A store whose ledger is missing but whose archive is not (a store kept in git with its WARC files
  /// only, or a deleted ledger) gets its ledger rebuilt from the archive first.
  public static func open(at directory: URL, options: Options = Options()) throws(StoreError) -> EvidenceStore {
    let ledgerURL = directory.appendingPathComponent("ledger.sqlite")
    let hadLedger = FileManager.default.fileExists(atPath: ledgerURL.path)
    let writer = try WARCWriter(storeDirectory: directory.path, options: options.warc)
    let ledger = try Ledger.open(at: ledgerURL)
    let store = EvidenceStore(directory: directory, ledger: ledger, writer: writer, warcOptions: options.warc)
    // After a crash: cut a torn tail now, and drop ledger rows that point past the end of a file.
    // Best effort: a store that cannot be written to still opens for reading.
    _ = try? store.recover()
    if !hadLedger, !store.archiveFiles().isEmpty { _ = try store.rebuildLedger() }
    return store
  }

  private init(
    directory: URL, ledger: Ledger, writer: consuming sending WARCWriter, warcOptions: WARCWriter.Options
  ) {
    self.directory = directory
    self.ledger = ledger
    self.writer = Mutex(writer)
    self.warcOptions = warcOptions
  }

  /// Appends the exchanges (a redirect chain, in order) as request/response record pairs in
  /// one locked append, without recording a capture. Returns where each record landed.
  ///
  /// The records are serialised, digested and gzipped before the writer lock is taken, so
  /// concurrent calls share that work across threads; only the write itself is serialised.
  public func archive(_ exchanges: [HTTPExchange], key: String? = nil) throws(StoreError) -> [ArchivedRecord] {
    guard !exchanges.isEmpty else { return [] }
    let ledger = self.ledger
    let prepared = WARCWriter.prepare(
      exchanges, key: key, warcinfoID: warcinfoHint.withLock { $0 }, options: warcOptions)
    return try writer.withLock { writer throws(StoreError) in
      defer {
        let id = writer.currentWarcinfoID
        warcinfoHint.withLock { $0 = id }
      }
      return try writer.append(
        prepared, knownEnd: { ledger.recordedEnd(of: $0) },
        truncated: { (file, offset) throws(StoreError) in _ = try ledger.dropCaptures(in: file, endingAfter: offset) })
    }
  }

  /// Archives a fetch — its redirect chain, final response last — and records the capture in
  /// the ledger. Returns the recorded capture (with its id).
  public func capture(key: String, chain: [HTTPExchange]) throws(StoreError) -> CaptureRecord {
    guard !chain.isEmpty else { throw .invalidInput("a capture needs at least one exchange") }
    // The key travels in a WARC field: it must survive being written on one line and trimmed.
    guard !key.isEmpty, key == trimmed(ExchangeRecords.sanitized(key)) else {
      throw .invalidInput("invalid source key \(key.debugDescription)")
    }
    let placed = try archive(chain, key: key)
    let final = placed[placed.count - 1]
    var capture = CaptureRecord(
      key: key, chain: chain.map(StoredResponse.init), location: (final.file, final.offset, final.length))
    capture.id = try ledger.record(capture: capture)
    return capture
  }

  /// Reads a capture's final response back from its WARC record and returns the stored body,
  /// after checking it is the record the ledger describes and hashes to the recorded SHA-256.
  public func readBody(of capture: CaptureRecord) throws(StoreError) -> [UInt8] {
    let entry = try readRecord(file: capture.warcFile, offset: capture.warcOffset)
    func mismatch(_ reason: String) -> StoreError {
      .malformedRecord(file: capture.warcFile, offset: capture.warcOffset, reason: reason)
    }
    guard entry.length == capture.warcLength else {
      throw mismatch("record is \(entry.length) bytes, ledger says \(capture.warcLength)")
    }
    guard entry.record.type == "response", entry.record.targetURI == capture.finalURL else {
      throw mismatch("not the response for \(capture.finalURL)")
    }
    let body = try HTTPBlock(parsing: entry.record.block).body
    let actual = SHA256.hash(body).hexString
    guard actual == capture.sha256 else {
      throw .digestMismatch(
        file: capture.warcFile, offset: capture.warcOffset, expected: capture.sha256, actual: actual)
    }
    return body
  }

  /// The record at `offset` of a store-relative WARC file.
  public func readRecord(file: String, offset: Int) throws(StoreError) -> WARCReader.Entry {
    try reader(file).record(at: offset)
  }

  /// The store's WARC files, store-relative, in write order.
  public func archiveFiles() -> [String] {
    WARCWriter.fileNumbers(storeDirectory: directory.path).map(WARCWriter.fileName)
  }

  /// Recreates the ledger's captures from the WARC files alone (`verbatim store rebuild`):
  /// every response chain written by `capture(key:chain:)` becomes a capture again, with its
  /// old id when the ledger had it. Checks are kept. Files are read up to any torn or damaged
  /// part, which is reported in the summary.
  @discardableResult
  public func rebuildLedger() throws(StoreError) -> RebuildSummary {
    var scanned: [CaptureRecord] = []
    var ends: [String: Int] = [:]
    var problems: [String: WARCReader.Ending] = [:]
    var errors: [CheckRecord] = []
    let files = archiveFiles()
    for file in files {
      var pending: [(key: String, response: StoredResponse)] = []
      let ending = try reader(file).forEach { (entry) throws(StoreError) in
        guard entry.record.type == "response" else { return }
        guard let key = entry.record[field: ExchangeRecords.keyField],
          let chain = entry.record[field: ExchangeRecords.chainField].flatMap(Self.chainPosition),
          let response = try? StoredResponse(record: entry.record)
        else {
          pending = []
          return
        }
        if chain.index == 1 { pending = [] }
        guard chain.index == pending.count + 1, pending.allSatisfy({ $0.key == key }) else {
          pending = []
          return
        }
        pending.append((key, response))
        if chain.index == chain.count {
          if (200...299).contains(response.status) {
            scanned.append(
              CaptureRecord(key: key, chain: pending.map(\.response), location: (file, entry.offset, entry.length)))
          } else {
            errors.append(Self.check(key: key, chain: pending.map(\.response)))
          }
          pending = []
        }
      }
      switch ending {
      case .clean(let end): ends[file] = end
      case .torn(let offset), .damaged(let offset):
        ends[file] = offset
        problems[file] = ending
      }
    }
    let directory = directory.path
    try ledger.replaceCaptures(with: scanned, scannedEnds: ends) { file in
      (try? FileManager.default.attributesOfItem(atPath: directory + "/" + file))?[.size] as? Int
    }
    // Error answers archived as evidence become checks again (once: a check already there is kept).
    for check in errors {
      let known = (try? ledger.checks(key: check.key)) ?? []
      if !known.contains(where: { $0.checkedAt == check.checkedAt && $0.httpStatus == check.httpStatus }) {
        _ = try ledger.record(check: check)
      }
    }
    return RebuildSummary(captures: scanned.count, files: files, problems: problems)
  }

  /// The check an archived error answer stands for (`dead` for 404/410, `server-error` for 5xx, …).
  private static func check(key: String, chain: [StoredResponse]) -> CheckRecord {
    let final = chain[chain.count - 1]
    let hops = chain.dropLast().map {
      RedirectHop(url: $0.url, status: $0.status, location: $0.headers.value(of: "Location") ?? "")
    }
    let health = FetchClassifier.health(
      status: final.status, headers: final.headers, body: [], hops: Array(hops), finalURL: final.url,
      firstURL: chain[0].url)
    return CheckRecord(
      key: key, checkedAt: final.date, health: CheckRecord.Health(rawValue: health.status.rawValue),
      httpStatus: final.status, detail: health.detail)
  }

  /// `2/3` → (2, 3).
  private static func chainPosition(_ text: String) -> (index: Int, count: Int)? {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), index >= 1, index <= count
    else { return nil }
    return (index, count)
  }

  private func reader(_ file: String) throws(StoreError) -> WARCReader {
    // Ledger rows name files inside the store; refuse anything that would leave it.
    guard file.hasPrefix(WARCWriter.archiveFolder + "/"), !file.split(separator: "/").contains("..") else {
      throw .invalidInput("not a store WARC file: \(file)")
    }
    return try WARCReader(path: directory.path + "/" + file, name: file)
  }
}
