internal import VerbatimInterop

/// Reads records from a `.warc.gz` file written one gzip member per record.
///
/// Exists for the store's read paths (a capture's body, the ledger rebuild, `verbatim store`
/// tools) and to tell a torn tail — a crash cut the last append short — from damage inside
/// the file, which must never be "repaired" by truncation.
public final class WARCReader {
  /// How a scan of the file ended.
  public enum Ending: Sendable, Hashable {
    /// Every byte belongs to a complete record; `end` is the file size scanned.
    case clean(end: Int)
    /// The file ends in a partial gzip member starting at `offset` (with no complete member
    /// after it): what an interrupted append leaves. The writer truncates it.
    case torn(offset: Int)
    /// The bytes at `offset` are not a complete record, but complete members follow: damage
    /// inside the file. Reading stops there; nothing is truncated.
    case damaged(offset: Int)
  }

  /// One record and where it lies: `offset` and `length` of its gzip member in the file.
  public struct Entry: Sendable, Hashable {
    public var record: WARCRecord
    public var offset: Int
    public var length: Int
  }

  public let path: String
  /// The name used in errors (the store-relative name when the store opened it).
  public let name: String
  private let gzip: GzipMemberReader
  private let recordLimit: Int

  /// Opens `path`. Records whose decompressed size exceeds `recordLimit` fail to read.
  public init(path: String, name: String? = nil, recordLimit: Int = 1 << 32) throws(StoreError) {
    do {
      gzip = try GzipMemberReader(path: path)
    } catch {
      throw .io(path: path, message: "\(error)")
    }
    self.path = path
    self.name = name ?? path
    self.recordLimit = recordLimit
  }

  /// The record whose gzip member starts at `offset`.
  public func record(at offset: Int) throws(StoreError) -> Entry {
    let member: GzipMemberReader.Member?
    do throws(GzipError) {
      member = try gzip.member(at: offset, limit: recordLimit)
    } catch {
      throw failure(error, at: offset)
    }
    guard let member else { throw .damagedArchive(file: name, offset: offset, reason: "offset at or past end of file") }
    let record = try WARCRecord(parsing: member.bytes, place: (name, offset))
    return Entry(record: record, offset: offset, length: member.compressedLength)
  }

  /// Calls `body` with each complete record from `offset` on, in file order, and says how the
  /// file ended. Stops at the first torn or damaged member.
  @discardableResult
  public func forEach(from offset: Int = 0, _ body: (Entry) throws(StoreError) -> Void) throws(StoreError) -> Ending {
    var offset = offset
    while true {
      let member: GzipMemberReader.Member?
      do throws(GzipError) {
        member = try gzip.member(at: offset, limit: recordLimit)
      } catch {
        switch error {
        case .truncated: return .torn(offset: offset)
        case .corrupt: return try Self.classifyFailure(gzip, at: offset, name: name)
        default: throw failure(error, at: offset)
        }
      }
      guard let member else { return .clean(end: offset) }
      guard let record = try? WARCRecord(parsing: member.bytes, place: (name, offset)) else {
        return .damaged(offset: offset)
      }
      try body(Entry(record: record, offset: offset, length: member.compressedLength))
      offset += member.compressedLength
    }
  }

  /// Every complete record, and how the file ended.
  public func readAll() throws(StoreError) -> (entries: [Entry], ending: Ending) {
    var entries: [Entry] = []
    let ending = try forEach { entries.append($0) }
    return (entries, ending)
  }

  /// Checks member boundaries from `offset` to the end without parsing records (the writer's
  /// tail check): `.clean(end:)` or where the first bad member starts.
  static func scanMembers(_ gzip: GzipMemberReader, from offset: Int, name: String) throws(StoreError) -> Ending {
    var offset = offset
    while true {
      do throws(GzipError) {
        guard let length = try gzip.memberLength(at: offset) else { return .clean(end: offset) }
        offset += length
      } catch {
        switch error {
        case .truncated: return .torn(offset: offset)
        case .corrupt: return try classifyFailure(gzip, at: offset, name: name)
        default: throw .io(path: name, message: "\(error)")
        }
      }
    }
  }

  /// A bad member at `offset` is a torn tail only when no complete member follows it anywhere;
  /// otherwise it is damage in the middle of the file.
  static func classifyFailure(_ gzip: GzipMemberReader, at offset: Int, name: String) throws(StoreError) -> Ending {
    let candidates: [Int]
    do {
      candidates = try gzip.candidateMemberStarts(after: offset)
    } catch {
      throw .io(path: name, message: "\(error)")
    }
    for candidate in candidates {
      if (try? gzip.memberLength(at: candidate)) != nil { return .damaged(offset: offset) }
    }
    return .torn(offset: offset)
  }

  private func failure(_ error: GzipError, at offset: Int) -> StoreError {
    switch error {
    case .io(let message): .io(path: path, message: message)
    case .truncated: .damagedArchive(file: name, offset: offset, reason: "gzip member cut short")
    case .corrupt(let reason): .damagedArchive(file: name, offset: offset, reason: reason)
    case .tooLarge(let limit): .malformedRecord(file: name, offset: offset, reason: "record larger than \(limit) bytes")
    }
  }
}

@available(*, unavailable)
extension WARCReader: Sendable {}

extension WARCReader.Ending: CustomStringConvertible {
  public var description: String {
    switch self {
    case .clean(let end): "complete (\(end) bytes)"
    case .torn(let offset): "torn tail at byte \(offset) (an interrupted append; cut before the next one)"
    case .damaged(let offset): "damaged at byte \(offset); records after it are not read"
    }
  }
}
