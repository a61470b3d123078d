/// Why the evidence store (WARC files and ledger) could not do what was asked.
///
/// Exists so the store's callers get one typed error with the file, offset or SQLite message
/// that explains it, instead of zlib, SQLite or errno codes.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A file system call failed.
  case io(path: String, message: String)
  /// SQLite failed on the ledger (code is SQLite's extended result code; 5 = busy).
  case ledger(code: Int, message: String)
  /// The ledger was written by a newer Verbatim (its `user_version` is higher than supported).
  case ledgerTooNew(version: Int, supported: Int)
  /// A WARC record could not be parsed, or is not the record the ledger says is there.
  case malformedRecord(file: String, offset: Int, reason: String)
  /// No complete gzip member at that offset: a torn tail or a damaged file.
  case damagedArchive(file: String, offset: Int, reason: String)
  /// The stored payload no longer hashes to the digest recorded for it.
  case digestMismatch(file: String, offset: Int, expected: String, actual: String)
  /// The caller passed something the store cannot archive (an empty chain, a bad key).
  case invalidInput(String)

  public var description: String {
    switch self {
    case .io(let path, let message): "\(path): \(message)"
    case .ledger(let code, let message): "ledger: \(message) (SQLite \(code))"
    case .ledgerTooNew(let version, let supported):
      "ledger schema version \(version) is newer than this Verbatim supports (\(supported))"
    case .malformedRecord(let file, let offset, let reason): "\(file)@\(offset): malformed WARC record: \(reason)"
    case .damagedArchive(let file, let offset, let reason): "\(file)@\(offset): damaged archive: \(reason)"
    case .digestMismatch(let file, let offset, let expected, let actual):
      "\(file)@\(offset): payload sha256 is \(actual), ledger recorded \(expected)"
    case .invalidInput(let message): message
    }
  }
}
