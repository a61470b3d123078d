public import Foundation
internal import VerbatimInterop

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where one record landed: the store-relative file, and the offset and length of its gzip
/// member — what a CDX index or the ledger needs to read it back.
public struct ArchivedRecord: Sendable, Hashable {
  /// `request` or `response`.
  public var type: String
  /// `urn:uuid:…`, without angle brackets.
  public var recordID: String
  public var targetURI: String
  /// Relative to the store directory: `archive/verbatim-00001.warc.gz`.
  public var file: String
  public var offset: Int
  public var length: Int

  public init(type: String, recordID: String, targetURI: String, file: String, offset: Int, length: Int) {
    self.type = type
    self.recordID = recordID
    self.targetURI = targetURI
    self.file = file
    self.offset = offset
    self.length = length
  }
}

/// Appends exchanges to the store's rotating `archive/verbatim-NNNNN.warc.gz` files.
///
/// Exists to make appends safe when several Verbatim processes share one store: each append
/// holds an exclusive `flock` on the current file, repairs a torn tail left by a crashed
/// writer, rotates when the file has reached the size limit, and writes all of its gzip
/// members (one per record) in a single write loop. Not thread-safe: one thread at a time
/// (`EvidenceStore` keeps it behind a mutex).
public final class WARCWriter {
  public struct Options: Sendable {
    /// A new file is started once the current one has reached this size (default 1 GiB);
    /// a file exceeds it by at most one append.
    public var sizeLimit: Int
    /// `fsync` each append before reporting it written. Off by default: every append is one
    /// `write` loop under `flock`, so a killed process leaves at most a torn tail that the next
    /// append repairs; `fsync` only adds safety against power loss, at one disk flush per
    /// source (it made a 2,000-page fetch ten times slower).
    public var durable: Bool
    public var compressionLevel: Int
    /// Record ids (`urn:uuid:…`); replaceable so tests can assert exact records.
    public var makeRecordID: @Sendable () -> String
    /// The clock for `warcinfo` records.
    public var now: @Sendable () -> Date

    public init(
      sizeLimit: Int = 1 << 30, durable: Bool = false, compressionLevel: Int = 1,
      makeRecordID: @escaping @Sendable () -> String = { "urn:uuid:" + UUID().uuidString.lowercased() },
      now: @escaping @Sendable () -> Date = { Date() }
    ) {
      self.sizeLimit = sizeLimit
      self.durable = durable
      self.compressionLevel = compressionLevel
      self.makeRecordID = makeRecordID
      self.now = now
    }
  }

  /// The folder inside the store that holds the WARC files.
  public static let archiveFolder = "archive"

  public let storeDirectory: String
  public let options: Options
  private var current: OpenFile?

  /// The open, current file: its descriptor, and what this writer already knows about it.
  private struct OpenFile {
    var number: Int
    var fd: Int32
    /// A member boundary up to which the file was verified (by this writer).
    var verifiedEnd: Int?
    var warcinfoID: String?
  }

  /// Prepares to write under `storeDirectory/archive`, creating the folder.
  public init(storeDirectory: String, options: Options = Options()) throws(StoreError) {
    self.storeDirectory = storeDirectory
    self.options = options
    let folder = storeDirectory + "/" + Self.archiveFolder
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw .io(path: folder, message: error.localizedDescription)
    }
  }

  deinit { if let current { close(current.fd) } }

  /// The store-relative name of file `number`: `archive/verbatim-00001.warc.gz`.
  public static func fileName(_ number: Int) -> String {
    let digits = String(number)
    return archiveFolder + "/verbatim-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".warc.gz"
  }

  /// The numbers of the WARC files in `storeDirectory/archive`, ascending.
  public static func fileNumbers(storeDirectory: String) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: storeDirectory + "/" + archiveFolder)) ?? []
    return names.compactMap { name -> Int? in
      guard name.hasPrefix("verbatim-"), name.hasSuffix(".warc.gz") else { return nil }
      let digits = name.dropFirst("verbatim-".count).dropLast(".warc.gz".count)
      return !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(digits) : nil
    }.sorted()
  }

  /// Appends a request and a response record for each exchange, in order, as one locked write.
  ///
  /// - Parameters:
  ///   - key: the source identity key, written on response records (with each response's
  ///     place in the chain) so the ledger can be rebuilt from the files alone; nil for
  ///     exchanges that are not a capture.
  ///   - knownEnd: a member boundary the caller knows of in a file (the ledger's last
  ///     recorded record end), so a new process need not re-inflate the whole file to check
  ///     its tail. Checked before use; a wrong hint costs a full scan, never data.
  /// - Returns: where each request and response record landed, in write order.
  public func append(
    _ exchanges: [HTTPExchange], key: String? = nil, knownEnd: (String) -> Int? = { _ in nil }
  ) throws(StoreError) -> [ArchivedRecord] {
    guard !exchanges.isEmpty else { return [] }
    return try append(exchanges, key: key, prepared: nil, knownEnd: knownEnd)
  }

  /// Records serialised, digested and gzipped ahead of the locked write (`prepare`), so that
  /// work can run on several threads while only the write itself is serialised.
  ///
  /// Each record names the `warcinfo` record of the file it lands in; the members are only
  /// used if that is still `warcinfoID` when they are written (otherwise the writer builds them
  /// again, with the same record ids, under its lock: after a rotation, or on the first append).
  public struct PreparedAppend: Sendable {
    public let exchanges: [HTTPExchange]
    public let key: String?
    /// The `warcinfo` record id the members point at.
    public let warcinfoID: String?
    /// The request and response record ids, one pair per exchange.
    let ids: [(request: String, response: String)]
    /// One gzip member per record, in write order.
    let members: [Member]

    struct Member: Sendable {
      var type: String
      var recordID: String
      var targetURI: String
      var bytes: [UInt8]
    }
  }

  /// Builds the request and response records of `exchanges` (as `append` writes them) against
  /// the `warcinfo` record `warcinfoID`, without touching any file. Thread-safe.
  public static func prepare(
    _ exchanges: [HTTPExchange], key: String? = nil, warcinfoID: String?, options: Options
  ) -> PreparedAppend {
    prepare(
      exchanges, key: key, warcinfoID: warcinfoID,
      ids: exchanges.map { _ in (options.makeRecordID(), options.makeRecordID()) }, options: options)
  }

  private static func prepare(
    _ exchanges: [HTTPExchange], key: String?, warcinfoID: String?, ids: [(request: String, response: String)],
    options: Options
  ) -> PreparedAppend {
    var members: [PreparedAppend.Member] = []
    members.reserveCapacity(exchanges.count * 2)
    for (index, exchange) in exchanges.enumerated() {
      let (requestID, responseID) = ids[index]
      let (request, response) = ExchangeRecords.records(
        for: exchange, requestID: requestID, responseID: responseID, warcinfoID: warcinfoID, key: key,
        chain: key == nil ? nil : (index + 1, exchanges.count))
      for (record, id) in [(request, requestID), (response, responseID)] {
        members.append(
          PreparedAppend.Member(
            type: record.type ?? "", recordID: id, targetURI: exchange.url,
            bytes: Gzip.compress(record.serialized(), level: options.compressionLevel)))
      }
    }
    return PreparedAppend(exchanges: exchanges, key: key, warcinfoID: warcinfoID, ids: ids, members: members)
  }

  /// Writes records built by `prepare` as one locked write, like `append(_:key:knownEnd:)`;
  /// rebuilds them under the lock if the file they land in has another `warcinfo` record.
  ///
  /// - Parameter truncated: called with the file and offset where a torn tail was cut, while the file
  ///   is still locked (no other writer can have appended past the cut yet).
  public func append(
    _ prepared: PreparedAppend, knownEnd: (String) -> Int? = { _ in nil },
    truncated: (String, Int) throws(StoreError) -> Void = { _, _ in }
  ) throws(StoreError) -> [ArchivedRecord] {
    guard !prepared.exchanges.isEmpty else { return [] }
    return try append(
      prepared.exchanges, key: prepared.key, prepared: prepared, knownEnd: knownEnd, truncated: truncated)
  }

  /// Cuts a torn tail off the newest WARC file now, instead of at the next append, which may never
  /// come (a run that reuses every capture writes nothing). Creates, rotates and changes nothing else:
  /// a damaged file is left as it is. `knownEnd` and `truncated` are as for `append`.
  public func repairTail(
    knownEnd: (String) -> Int? = { _ in nil }, truncated: (String, Int) throws(StoreError) -> Void = { _, _ in }
  ) throws(StoreError) {
    guard current != nil || !Self.fileNumbers(storeDirectory: storeDirectory).isEmpty else { return }
    let (file, _) = try lockCurrentFile(knownEnd: knownEnd, truncated: truncated, rotating: false)
    unlock(file.fd)
  }

  /// The `warcinfo` record id of the file the last append went to (nil before any append, or
  /// if that file has none): what records prepared for the next append should point at.
  public var currentWarcinfoID: String? { current?.warcinfoID }

  private func append(
    _ exchanges: [HTTPExchange], key: String?, prepared: PreparedAppend?, knownEnd: (String) -> Int?,
    truncated: (String, Int) throws(StoreError) -> Void = { _, _ in }
  ) throws(StoreError) -> [ArchivedRecord] {
    let (file, start) = try lockCurrentFile(knownEnd: knownEnd, truncated: truncated, rotating: true)
    defer { unlock(file.fd) }
    let name = Self.fileName(file.number)

    var bytes: [UInt8] = []
    var warcinfoID = file.warcinfoID
    if start == 0 {
      let id = options.makeRecordID()
      let info = ExchangeRecords.warcinfo(
        id: id, date: options.now(), filename: String(name.dropFirst(Self.archiveFolder.count + 1)))
      bytes = Gzip.compress(info.serialized(), level: options.compressionLevel)
      warcinfoID = id
    }
    let records: PreparedAppend
    if let prepared, prepared.warcinfoID == warcinfoID {
      records = prepared
    } else {
      // Not prepared, or prepared for another file (a rotation since): build under the lock.
      records = Self.prepare(
        exchanges, key: key, warcinfoID: warcinfoID,
        ids: prepared?.ids ?? exchanges.map { _ in (options.makeRecordID(), options.makeRecordID()) },
        options: options)
    }
    var placed: [ArchivedRecord] = []
    placed.reserveCapacity(records.members.count)
    bytes.reserveCapacity(bytes.count + records.members.reduce(0) { $0 + $1.bytes.count })
    for member in records.members {
      placed.append(
        ArchivedRecord(
          type: member.type, recordID: member.recordID, targetURI: member.targetURI, file: name,
          offset: start + bytes.count, length: member.bytes.count))
      bytes.append(contentsOf: member.bytes)
    }

    try write(bytes, to: file.fd, at: start)
    current?.verifiedEnd = start + bytes.count
    current?.warcinfoID = warcinfoID
    return placed
  }

  /// Opens and locks the file to append to, repairing as needed, and rotating unless `rotating` is
  /// false (a repair only: a full or damaged file is then returned as it is); returns it, locked, and
  /// the offset to write at.
  private func lockCurrentFile(
    knownEnd: (String) -> Int?, truncated: (String, Int) throws(StoreError) -> Void, rotating: Bool
  ) throws(StoreError) -> (OpenFile, Int) {
    var number = current?.number ?? Self.fileNumbers(storeDirectory: storeDirectory).last ?? 1
    while true {
      if current?.number != number {
        if let current { close(current.fd) }
        current = nil
        let path = self.path(number)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        current = OpenFile(number: number, fd: fd)
      }
      let fd = current!.fd
      try lock(fd, number)
      // Another process rotated past this file while we waited for the lock.
      if access(path(number + 1), F_OK) == 0 {
        unlock(fd)
        number = max(number + 1, Self.fileNumbers(storeDirectory: storeDirectory).last ?? 0)
        continue
      }
      do throws(StoreError) {
        var size = try fileSize(fd, number)
        let alreadyVerified = current!.verifiedEnd == size
        switch try checkTail(size: size, knownEnd: knownEnd) {
        case .clean: break
        case .torn(let offset):
          guard ftruncate(fd, off_t(offset)) == 0 else {
            throw .io(path: path(number), message: String(cString: strerror(errno)))
          }
          size = offset
          current!.verifiedEnd = offset
          try truncated(Self.fileName(number), offset)
        case .damaged:
          // Never truncate good records after damage: leave the file as it is, start the next.
          guard rotating else { return (current!, size) }
          unlock(fd)
          number += 1
          continue
        }
        if rotating, size >= options.sizeLimit {
          unlock(fd)
          number += 1
          continue
        }
        // Another writer may have appended (or rewritten a torn first record) since.
        if size > 0, current!.warcinfoID == nil || !alreadyVerified { current!.warcinfoID = warcinfoID(number) }
        return (current!, size)
      } catch {
        unlock(fd)
        throw error
      }
    }
  }

  /// Verifies the members after the last known boundary. An external hint is trusted only
  /// if a member starts there, and a torn tail found from a hint is confirmed by a full scan
  /// before anything is truncated.
  private func checkTail(size: Int, knownEnd: (String) -> Int?) throws(StoreError) -> WARCReader.Ending {
    let number = current!.number
    if let verified = current!.verifiedEnd, verified == size { return .clean(end: size) }
    let name = Self.fileName(number)
    let gzip: GzipMemberReader
    do {
      gzip = try GzipMemberReader(path: path(number))
    } catch {
      throw .io(path: path(number), message: "\(error)")
    }
    var start = 0
    if let verified = current!.verifiedEnd, verified <= size {
      start = verified
    } else if let hint = knownEnd(name), hint > 0, hint <= size,
      hint == size || (try? gzip.memberLength(at: hint)) != nil
    {
      start = hint
    }
    var ending = try WARCReader.scanMembers(gzip, from: start, name: name)
    if start > 0, current!.verifiedEnd != start, ending != .clean(end: size) {
      ending = try WARCReader.scanMembers(gzip, from: 0, name: name)
    }
    if case .clean(let end) = ending { current!.verifiedEnd = end }
    return ending
  }

  /// The record id of the `warcinfo` record that starts file `number`, if it starts with one.
  private func warcinfoID(_ number: Int) -> String? {
    guard let reader = try? WARCReader(path: path(number)), let first = try? reader.record(at: 0),
      first.record.type == "warcinfo"
    else { return nil }
    return first.record.recordID
  }

  private func write(_ bytes: [UInt8], to fd: Int32, at start: Int) throws(StoreError) {
    var written = 0
    var failure: String?
    bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let n = pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(start + written))
        if n < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        written += n
      }
    }
    if failure == nil, options.durable, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      // Leave no partial members behind (if this fails too, the next append's tail check will).
      _ = ftruncate(fd, off_t(start))
      throw .io(path: path(current!.number), message: failure)
    }
  }

  private func path(_ number: Int) -> String { storeDirectory + "/" + Self.fileName(number) }

  private func fileSize(_ fd: Int32, _ number: Int) throws(StoreError) -> Int {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .io(path: path(number), message: String(cString: strerror(errno))) }
    return Int(info.st_size)
  }

  private func lock(_ fd: Int32, _ number: Int) throws(StoreError) {
    while flock(fd, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      throw .io(path: path(number), message: "flock: " + String(cString: strerror(errno)))
    }
  }

  private func unlock(_ fd: Int32) { _ = flock(fd, LOCK_UN) }
}

@available(*, unavailable)
extension WARCWriter: Sendable {}
