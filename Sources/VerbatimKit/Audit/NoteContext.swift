import Foundation

/// The words around a quote in its note: the line it starts on and the heading of its section.
///
/// Exists because a note often says what a quote is about just beside it ("a strong claim from a direct
/// competitor", "## About Voltaic"), and the conflict rule weighs those words as well as the quote's.
final class NoteContext: @unchecked Sendable {
  private let vault: String
  private var lines: [String: [Substring]] = [:]
  private let lock = NSLock()

  /// `bytes`: notes' contents when they are not the files' (by note path); others are read from disk.
  init(vault: String, bytes: [String: [UInt8]] = [:]) {
    self.vault = vault
    for (note, content) in bytes {
      lines[note] = String(decoding: content, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }
  }

  /// The note's line `line` (1-based) and the nearest Markdown heading above it.
  func around(note: String, line: Int) -> (line: String?, heading: String?) {
    let all = noteLines(note)
    guard line >= 1, line <= all.count else { return (nil, nil) }
    var heading: String?
    for k in stride(from: line - 1, through: 0, by: -1) where all[k].hasPrefix("#") {
      heading = String(all[k].drop { $0 == "#" || $0 == " " })
      break
    }
    return (String(all[line - 1]), heading)
  }

  private func noteLines(_ note: String) -> [Substring] {
    lock.withLock {
      if let cached = lines[note] { return cached }
      var isDirectory: ObjCBool = false
      let root =
        FileManager.default.fileExists(atPath: vault, isDirectory: &isDirectory) && !isDirectory.boolValue
        ? (vault as NSString).deletingLastPathComponent : vault
      let path = (root as NSString).appendingPathComponent(note)
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      let split = text.split(separator: "\n", omittingEmptySubsequences: false)
      lines[note] = split
      return split
    }
  }
}
