internal import CZlib

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Why gzip data could not be read.
public enum GzipError: Error, Hashable, Sendable {
  /// The data (or file) ended inside a member: a torn write, or a short read.
  case truncated
  /// The bytes are not a valid gzip member (bad magic, bad deflate data, CRC or size mismatch).
  case corrupt(String)
  /// Decompressing would produce more than `limit` bytes.
  case tooLarge(limit: Int)
  /// A system call failed; `strerror`'s wording.
  case io(String)
}

/// gzip compression over zlib, for WARC files (one gzip member per record).
///
/// Exists so VerbatimKit can write and read `.warc.gz` files without touching `z_stream`:
/// every zlib pointer is allocated, used and freed inside this file.
public enum Gzip {
  /// Compresses `bytes` into one complete gzip member (header, deflate data, CRC-32, size).
  public static func compress(_ bytes: [UInt8], level: Int = 6) -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
      deflateEnd(stream)
      stream.deinitialize(count: 1)
      stream.deallocate()
    }
    // Only fails for a bad level or out of memory; a clamped level leaves the latter.
    let rc = czlib_deflate_init_gzip(stream, Int32(min(max(level, 0), 9)))
    precondition(rc == Z_OK, "deflateInit2 failed: \(rc)")
    var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(bytes.count))) + 64)
    var produced = 0
    bytes.withUnsafeBufferPointer { input in
      var consumed = 0
      while true {
        let chunk = min(input.count - consumed, Int(Int32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
        stream.pointee.avail_in = UInt32(chunk)
        let flush = consumed + chunk == input.count ? Z_FINISH : Z_NO_FLUSH
        var status: Int32 = Z_OK
        repeat {
          if produced == output.count {
            output.append(contentsOf: repeatElement(0, count: max(4096, output.count / 2)))
          }
          let room = min(output.count - produced, Int(Int32.max))
          status = output.withUnsafeMutableBufferPointer { out in
            stream.pointee.next_out = out.baseAddress! + produced
            stream.pointee.avail_out = UInt32(room)
            let status = deflate(stream, flush)
            produced += room - Int(stream.pointee.avail_out)
            return status
          }
          precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "deflate: \(status)")
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
        consumed += chunk
        if flush == Z_FINISH { break }
      }
    }
    output.removeSubrange(produced...)
    return output
  }

  /// Decompresses gzip (or zlib) data, every concatenated member, to at most `limit` bytes.
  public static func decompress(_ bytes: [UInt8], limit: Int = 1 << 30) throws(GzipError) -> [UInt8] {
    var output: [UInt8] = []
    var offset = 0
    repeat {
      let result = bytes.withUnsafeBufferPointer { input in
        Result { () throws(GzipError) in
          try inflateMember(UnsafeBufferPointer(rebasing: input[offset...]), limit: limit - output.count, into: &output)
        }
      }
      switch result {
      case .success(let member):
        guard let consumed = member.consumed else { throw .truncated }
        offset += consumed
      case .failure(let error): throw error
      }
    } while offset < bytes.count
    return output
  }

  /// What `inflateMember` reached: bytes consumed when the member ended, nil when input ran out.
  private struct Progress { var consumed: Int? }

  /// Inflates one member from `input` (all of it available), appending to `output`.
  private static func inflateMember(
    _ input: UnsafeBufferPointer<UInt8>, limit: Int, into output: inout [UInt8]
  ) throws(GzipError) -> Progress {
    let inflater = try Inflater()
    let consumed = try inflater.feed(input, final: true, limit: limit) { output.append(contentsOf: $0) }
    return Progress(consumed: consumed)
  }
}

/// One inflate stream: owns its heap-allocated `z_stream` (zlib keeps a pointer back to it,
/// so it must not move).
private final class Inflater {
  let stream: UnsafeMutablePointer<z_stream>
  var produced = 0
  private var scratch = [UInt8](repeating: 0, count: 1 << 16)

  init() throws(GzipError) {
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let rc = czlib_inflate_init_auto(stream)
    guard rc == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw .corrupt("inflateInit2 failed: \(rc)")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Total compressed bytes consumed so far.
  var consumedTotal: Int { Int(stream.pointee.total_in) }

  /// Feeds `input`; returns the bytes of `input` consumed when the member ended there, or nil
  /// when all of `input` was consumed and the member continues. `final` means no more input.
  func feed(
    _ input: UnsafeBufferPointer<UInt8>, final: Bool, limit: Int, sink: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(GzipError) -> Int? {
    if input.isEmpty {
      if final { throw .truncated }
      return nil
    }
    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
    stream.pointee.avail_in = UInt32(input.count)
    while true {
      var status: Int32 = Z_OK
      var made = 0
      scratch.withUnsafeMutableBufferPointer { out in
        stream.pointee.next_out = out.baseAddress!
        stream.pointee.avail_out = UInt32(out.count)
        status = inflate(stream, Z_NO_FLUSH)
        made = out.count - Int(stream.pointee.avail_out)
        if made > 0 { sink(UnsafeBufferPointer(rebasing: out[..<made])) }
      }
      produced += made
      if produced > limit { throw .tooLarge(limit: limit) }
      switch status {
      case Z_STREAM_END:
        return input.count - Int(stream.pointee.avail_in)
      case Z_OK:
        continue
      case Z_BUF_ERROR:
        // No progress possible: input exhausted (output room was available).
        if stream.pointee.avail_in == 0 {
          if final { throw .truncated }
          return nil
        }
        continue
      default:
        let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        throw .corrupt(message)
      }
    }
  }
}

/// Reads single gzip members out of a file at given offsets, as a `.warc.gz` reader does.
///
/// Exists because a gzipped WARC is a concatenation of independent members, one per record:
/// reading "the record at offset N" means inflating exactly one member starting there and
/// knowing where it ended. Reads with `pread`, so one reader can serve any offset.
public final class GzipMemberReader {
  /// One member: its decompressed bytes and how many compressed bytes it spans in the file.
  public struct Member: Sendable, Hashable {
    public var bytes: [UInt8]
    public var compressedLength: Int
  }

  public let path: String
  private let fd: Int32
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  /// Opens `path` for reading.
  public init(path: String) throws(GzipError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
    self.path = path
    self.fd = fd
  }

  deinit { close(fd) }

  /// The file's current size in bytes.
  public func fileSize() throws(GzipError) -> Int {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .io(String(cString: strerror(errno))) }
    return Int(info.st_size)
  }

  /// Inflates the member starting at `offset`. Returns nil at end of file; throws `.truncated`
  /// when the file ends inside the member and `.corrupt` when it is not valid gzip.
  public func member(at offset: Int, limit: Int = 1 << 30) throws(GzipError) -> Member? {
    var bytes: [UInt8] = []
    guard let length = try inflate(at: offset, limit: limit, sink: { bytes.append(contentsOf: $0) }) else {
      return nil
    }
    return Member(bytes: bytes, compressedLength: length)
  }

  /// The compressed length of the member at `offset` (inflated and checked, output discarded);
  /// nil at end of file. Throws like `member(at:limit:)`.
  public func memberLength(at offset: Int) throws(GzipError) -> Int? {
    try inflate(at: offset, limit: Int.max, sink: { _ in })
  }

  /// Offsets after `offset` where a gzip member header (1f 8b 08) starts, in order.
  public func candidateMemberStarts(after offset: Int) throws(GzipError) -> [Int] {
    var found: [Int] = []
    var position = offset + 1
    var previous: [UInt8] = []
    while true {
      let n = try read(at: position)
      if n == 0 { break }
      let window = previous + buffer[0..<n]
      let base = position - previous.count
      if window.count >= 3 {
        for i in 0..<(window.count - 2) where window[i] == 0x1F && window[i + 1] == 0x8B && window[i + 2] == 0x08 {
          found.append(base + i)
        }
      }
      previous = Array(window.suffix(2))
      position += n
    }
    return found
  }

  private func inflate(
    at offset: Int, limit: Int, sink: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(GzipError) -> Int? {
    var position = offset
    var n = try read(at: position)
    if n == 0 { return nil }
    // inflate_init_auto also accepts zlib streams: a WARC member must be gzip.
    if n >= 2, buffer[0] != 0x1F || buffer[1] != 0x8B { throw .corrupt("not a gzip member") }
    let inflater = try Inflater()
    while true {
      let result = buffer.withUnsafeBufferPointer { all in
        Result { () throws(GzipError) in
          try inflater.feed(UnsafeBufferPointer(rebasing: all[..<n]), final: false, limit: limit, sink: sink)
        }
      }
      switch result {
      case .success(let consumed?): return position + consumed - offset
      case .success(nil): break
      case .failure(let error): throw error
      }
      position += n
      n = try read(at: position)
      if n == 0 { throw .truncated }
    }
  }

  private func read(at offset: Int) throws(GzipError) -> Int {
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .io("\(path): \(String(cString: strerror(errno)))")
    }
  }
}

@available(*, unavailable)
extension GzipMemberReader: Sendable {}
