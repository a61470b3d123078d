#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A system call's failure, worded by `strerror`.
struct FileSystemError: Error, Sendable {
  var reason: String
  static var current: FileSystemError { FileSystemError(reason: String(cString: strerror(errno))) }
}

/// What a path is, by `lstat` (the link itself) and `stat` (where it leads): the vault walk works on
/// byte paths, because a file name that is not UTF-8 cannot round-trip through a `String`.
struct FileKind {
  var isLink: Bool
  /// nil when the path (or the link's target) does not exist.
  var isDirectory: Bool?

  init(_ path: [UInt8]) {
    var info = stat()
    isLink = withCPath(path) { lstat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    isDirectory = withCPath(path) { stat($0, &info) } == 0 ? (info.st_mode & S_IFMT) == S_IFDIR : nil
  }

  /// The path with every symbolic link resolved (`realpath`), or nil.
  static func resolved(_ path: [UInt8]) -> [UInt8]? {
    guard let real = withCPath(path, { realpath($0, nil) }) else { return nil }
    defer { free(real) }
    return Array(UnsafeRawBufferPointer(start: real, count: strlen(real)))
  }
}

/// Calls `body` with `path` as a NUL-terminated C string.
func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
  (path + [0]).withUnsafeBufferPointer { bytes in
    bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
  }
}
