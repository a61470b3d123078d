import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads and replaces notes for `verbatim annotate`: the new bytes go to a temporary file in the note's
/// folder, which is renamed over the note (atomic) only while the note still has the bytes that were read.
///
/// Exists so that a process killed at any moment leaves every note either as it was or fully rewritten.
/// A killed writer can leave its temporary file (`.NAME.verbatim-XXXXXXXX.tmp`: never a `*.md`, so never
/// harvested); the writer holds an `flock` on it until the rename, so the next `annotate --write` can tell
/// an abandoned one (lockable) from one being written right now, and removes only the abandoned ones.
enum NoteFile {
  enum Outcome: Equatable {
    case written
    /// The note's bytes are no longer those that were read (the user saved it meanwhile).
    case changed
    case failed(String)
  }

  static let temporaryMarker = ".verbatim-"
  static let temporarySuffix = ".tmp"

  static func read(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }

  static func replace(_ path: String, with bytes: [UInt8], ifStill expected: [UInt8]) -> Outcome {
    // A symlinked note is written where it points, never over the link.
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    guard read(target) == expected else { return .changed }
    var info = stat()
    guard stat(target, &info) == 0 else { return .failed(Self.error()) }
    let mode = info.st_mode & 0o7777
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let temporary: String
    let fd: Int32
    switch createLocked(folder: folder, note: name, mode: mode) {
    case .success(let created): (temporary, fd) = created
    case .failure(let failure): return .failed(failure.reason)
    }
    // Closing the descriptor releases the lock: only after the rename (or the unlink).
    defer { close(fd) }
    var failure: String?
    let written = writeAll(fd, bytes[...])
    if written != 0 { failure = String(cString: strerror(written)) }
    _ = fchown(fd, info.st_uid, info.st_gid)  // keeps the owner where allowed (as root); harmless otherwise
    if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = Self.error() }
    if let failure {
      unlink(temporary)
      return .failed(failure)
    }
    // A last look just before the rename: a save that landed while the new version was written wins.
    guard read(target) == expected else {
      unlink(temporary)
      return .changed
    }
    guard rename(temporary, target) == 0 else {
      let failure = Self.error()
      unlink(temporary)
      return .failed(failure)
    }
    let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
    return .written
  }

  /// Creates the temporary file for `note` in `folder` and locks it; retries with another name if a
  /// cleaner removed it between the two steps.
  private static func createLocked(folder: String, note: String, mode: mode_t) -> Result<(String, Int32), Failure> {
    for _ in 0..<3 {
      let temporary = folder + "/." + note + temporaryMarker + UUID().uuidString.prefix(8) + temporarySuffix
      let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
      guard fd >= 0 else { return .failure(Failure(Self.error())) }
      if lock(fd, wait: true), isStill(fd, at: temporary) { return .success((temporary, fd)) }
      close(fd)
    }
    return .failure(Failure("cannot create a temporary file in \(folder)"))
  }

  struct Failure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
  }

  /// Whether `name` is one of this writer's temporary files.
  static func isTemporary(_ name: String) -> Bool {
    guard name.hasPrefix("."), name.hasSuffix(temporarySuffix),
      let marker = name.range(of: temporaryMarker, options: .backwards)
    else { return false }
    let id = name[marker.upperBound..<name.index(name.endIndex, offsetBy: -temporarySuffix.count)]
    return id.count == 8 && id.allSatisfy(\.isHexDigit)
  }

  /// Removes the temporary files in `folder` that an interrupted `annotate --write` left behind (those no
  /// process holds locked); returns their names.
  @discardableResult
  static func removeAbandonedTemporaries(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var removed: [String] = []
    for name in names.sorted() where isTemporary(name) {
      let path = folder + "/" + name
      let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else { continue }
      // Locked: a writer is using it. Renamed meanwhile (the name is another file now): not ours to touch.
      if lock(fd, wait: false), isStill(fd, at: path), unlink(path) == 0 { removed.append(name) }
      close(fd)
    }
    return removed
  }

  private static func lock(_ fd: Int32, wait: Bool) -> Bool {
    while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      if errno == EINTR { continue }
      return false
    }
    return true
  }

  /// Whether `path` still names the file open as `fd`.
  private static func isStill(_ fd: Int32, at path: String) -> Bool {
    var open = stat()
    var named = stat()
    return fstat(fd, &open) == 0 && lstat(path, &named) == 0 && open.st_dev == named.st_dev
      && open.st_ino == named.st_ino
  }

  private static func error() -> String { String(cString: strerror(errno)) }
}
