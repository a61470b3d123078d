#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads whole files with plain POSIX calls.
///
/// `FileManager.attributesOfItem` resolves owner and group names (it opens /etc/passwd and
/// /etc/group under glibc's NSS lock for every file), which serialised a 10,000-note harvest;
/// `open`/`fstat`/`read` do only what is needed.
enum FileBytes {
  enum Failure: Error, Equatable {
    /// The file is larger than the limit; its size in bytes.
    case tooLarge(Int)
    /// A system error, as `strerror` words it.
    case system(String)
  }

  static func read(path: String, limit: Int) -> Result<[UInt8], Failure> {
    read(path: Array(path.utf8), limit: limit)
  }

  /// The file at `path` given as bytes (a name that is not UTF-8 opens only this way).
  static func read(path: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
    let fd = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
    guard fd >= 0 else { return .failure(.system(String(cString: strerror(errno)))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.system(String(cString: strerror(errno)))) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.system("is a folder")) }
    let size = Int(info.st_size)
    if size > limit { return .failure(.tooLarge(size)) }
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    while true {
      if filled == bytes.count {
        // The file grew since fstat (or reports size 0, like /proc files): read on, to the limit.
        guard bytes.count < limit + 1 else { return .failure(.tooLarge(bytes.count)) }
        bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
      }
      let n = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(.system(String(cString: strerror(errno))))
      }
      if n == 0 { break }
      filled += n
    }
    bytes.removeSubrange(filled...)
    if filled > limit { return .failure(.tooLarge(filled)) }
    return .success(bytes)
  }
}

extension Collection where Element == UInt8 {
  /// Whether `needle` occurs in these bytes (a plain byte search, without Foundation's
  /// Unicode-aware `range(of:)`, which dominated profiles on hot paths).
  func containsSequence(_ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    var i = startIndex
    while i != endIndex {
      if self[i] == first {
        var j = i
        var k = 0
        while k < needle.count, j != endIndex, self[j] == needle[k] {
          formIndex(after: &j)
          k += 1
        }
        if k == needle.count { return true }
      }
      formIndex(after: &i)
    }
    return false
  }
}
