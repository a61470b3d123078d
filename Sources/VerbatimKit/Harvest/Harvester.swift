import Foundation

/// What a vault cites and quotes: the harvest stage's output, the input of every later stage.
public struct VaultHarvest: Sendable {
  /// The vault folder as given.
  public var vault: String
  public var notes: [NoteHarvest]
  /// Problems with files that are not one note's content (unreadable folders, skipped files).
  public var diagnostics: [Diagnostic]

  public var links: [Link] { notes.flatMap(\.links) }
  public var quotes: [Quote] { notes.flatMap(\.quotes) }
  public var allDiagnostics: [Diagnostic] { diagnostics + notes.flatMap(\.diagnostics) }
}

/// Why a vault could not be harvested at all (a usage error: exit code 2).
public enum HarvestError: Error, Equatable, CustomStringConvertible {
  case vaultNotFound(String)
  case notAFolder(String)

  public var description: String {
    switch self {
    case .vaultNotFound(let path): "\(path): no such folder"
    case .notAFolder(let path): "\(path): not a folder or a Markdown file"
    }
  }
}

/// Harvests a whole vault (or one note), reading notes in parallel on every core.
public enum Harvester {
  /// Notes larger than this are skipped with a warning.
  public static let maximumNoteSize = 10 * 1024 * 1024

  public static func harvest(vault path: String) throws(HarvestError) -> VaultHarvest {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .vaultNotFound(path)
    }
    if !isDirectory.boolValue {
      guard path.lowercased().hasSuffix(".md") else { throw .notAFolder(path) }
      let url = URL(fileURLWithPath: path)
      let note = read(path: Array(url.path.utf8), relative: url.lastPathComponent)
      return VaultHarvest(vault: path, notes: note.harvest.map { [$0] } ?? [], diagnostics: note.diagnostics)
    }
    var walker = VaultWalker(root: URL(fileURLWithPath: path))
    let paths = walker.notes()
    let results = ParallelMap.map(paths) { [walker] relative in
      // Plain byte paths: `URL.appendingPathComponent` cost more per note than reading it, and a
      // name that is not UTF-8 opens only by its bytes.
      read(path: walker.fileSystemPath(of: relative), relative: relative)
    }
    var diagnostics = walker.diagnostics
    var notes: [NoteHarvest] = []
    notes.reserveCapacity(results.count)
    for result in results {
      diagnostics.append(contentsOf: result.diagnostics)
      if let harvest = result.harvest { notes.append(harvest) }
    }
    return VaultHarvest(vault: path, notes: notes, diagnostics: diagnostics)
  }

  private struct ReadResult: Sendable {
    var harvest: NoteHarvest?
    var diagnostics: [Diagnostic]
  }

  private static func read(path: [UInt8], relative: String) -> ReadResult {
    let bytes: [UInt8]
    switch FileBytes.read(path: path, limit: maximumNoteSize) {
    case .success(let read):
      bytes = read
    case .failure(.tooLarge(let size)):
      return ReadResult(
        diagnostics: [Diagnostic(.warning, file: relative, "larger than 10 MB (\(size) bytes); skipped")])
    case .failure(.system(let reason)):
      return ReadResult(diagnostics: [Diagnostic(.warning, file: relative, "cannot read: \(reason)")])
    }
    if bytes.prefix(8192).contains(0) {
      return ReadResult(diagnostics: [Diagnostic(.warning, file: relative, "binary file (NUL bytes), not Markdown; skipped")])
    }
    return ReadResult(harvest: NoteHarvester.harvest(path: relative, bytes: bytes), diagnostics: [])
  }
}

/// Maps over an array on every core, keeping the order.
enum ParallelMap {
  static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeResultBuffer<R>(count: items.count)
    let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
    let next = AtomicCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let i = next.increment()
        guard i < items.count else { break }
        results.set(i, transform(items[i]))
      }
    }
    return results.values()
  }
}

/// Each slot is written by exactly one worker before `values()` is read: no two threads touch
/// the same slot, and `concurrentPerform` returns only after every worker is done.
private final class UnsafeResultBuffer<R>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<R?>
  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
  func set(_ i: Int, _ value: R) { slots[i] = value }
  func values() -> [R] { slots.map { $0! } }
}

private final class AtomicCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value - 1
  }
}
