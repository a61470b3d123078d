import Foundation

/// Finds the notes of a vault: every `*.md` file below the root, in a stable order.
///
/// Skips `.git`, `.obsidian`, `.trash`, `node_modules` and Verbatim's own `.verbatim` folder.
/// Symbolic links are followed only while they stay inside the vault, a directory is never
/// entered twice (symlink loops end there), and a note reached by two paths is listed once,
/// under its real path when it has one.
struct VaultWalker {
  static let skippedDirectories: Set<String> = [".git", ".obsidian", ".trash", "node_modules", ".verbatim"]

  let root: URL
  private(set) var diagnostics: [Diagnostic] = []
  /// The file-system bytes of each listed note whose shown path differs from them (names that are
  /// not UTF-8 or hold control characters; see `FileName.display`), relative to the root.
  private var rawRelative: [String: [UInt8]] = [:]

  init(root: URL) {
    self.root = root.standardizedFileURL.resolvingSymlinksInPath()
  }

  /// The path to open for a note listed by `notes()`: the root, then the note's own bytes.
  func fileSystemPath(of relative: String) -> [UInt8] {
    Array(root.path.utf8) + [0x2F] + (rawRelative[relative] ?? Array(relative.utf8))
  }

  /// A folder still to walk: its path relative to the root as shown and as bytes, its resolved
  /// path, and whether it was reached through a link.
  private struct Folder {
    var relative: String
    var raw: [UInt8]
    var real: [UInt8]
    var viaLink: Bool
  }

  /// Relative paths of the notes, sorted; names are listed as bytes (`readdir`) and shown as
  /// `FileName.display`, so a name that is not UTF-8 is neither lost nor confused with another.
  ///
  /// Real folders are walked first and folders reached through symbolic links afterwards, so a
  /// note is listed under its real path; a note reached twice (through a linked folder or a
  /// linked file) is listed once.
  mutating func notes() -> [String] {
    // Each found note by its resolved path; a real (unlinked) path wins over a linked one.
    var found: [[UInt8]: (relative: String, raw: [UInt8], viaLink: Bool)] = [:]
    var visited = Set<[UInt8]>()
    let rootBytes = Array(root.path.utf8)
    var pending = [Folder(relative: "", raw: [], real: rootBytes, viaLink: false)]
    var deferred: [Folder] = []
    while true {
      if pending.isEmpty {
        guard !deferred.isEmpty else { break }
        pending = deferred.reversed()
        deferred = []
      }
      let folder = pending.removeLast()
      guard visited.insert(folder.real).inserted else { continue }
      let absolute = folder.raw.isEmpty ? rootBytes : rootBytes + [0x2F] + folder.raw
      let entries: [FileName]
      switch FileName.entries(of: absolute) {
      case .success(let names): entries = names
      case .failure(let error):
        diagnostics.append(
          Diagnostic(.warning, file: folder.relative.isEmpty ? "." : folder.relative, "cannot read folder: \(error.reason)"))
        continue
      }
      var folders: [Folder] = []
      let named = entries.map { ($0, $0.display) }.sorted { a, b in
        a.1 != b.1 ? a.1 < b.1 : a.0.bytes.lexicographicallyPrecedes(b.0.bytes)
      }
      for (name, shown) in named {
        let childRelative = folder.relative.isEmpty ? shown : folder.relative + "/" + shown
        let childRaw = folder.raw.isEmpty ? name.bytes : folder.raw + [0x2F] + name.bytes
        let childPath = rootBytes + [0x2F] + childRaw
        let isNote = shown.lowercased().hasSuffix(".md")
        let kind = FileKind(childPath)
        guard let isDirectory = kind.isDirectory else {
          if kind.isLink, isNote {
            diagnostics.append(Diagnostic(.warning, file: childRelative, "broken symbolic link; skipped"))
          }
          continue
        }
        var real = folder.real + [0x2F] + name.bytes
        if kind.isLink {
          guard let resolved = FileKind.resolved(childPath),
            resolved == rootBytes || resolved.starts(with: rootBytes + [0x2F])
          else {
            if isDirectory || isNote {
              diagnostics.append(Diagnostic(.warning, file: childRelative, "symbolic link leads outside the vault; not followed"))
            }
            continue
          }
          real = resolved
        }
        let viaLink = folder.viaLink || kind.isLink
        if isDirectory {
          guard !Self.skippedDirectories.contains(shown) else { continue }
          let child = Folder(relative: childRelative, raw: childRaw, real: real, viaLink: viaLink)
          if viaLink {
            deferred.append(child)
          } else {
            folders.append(child)
          }
        } else if isNote {
          if let existing = found[real], !existing.viaLink || viaLink { continue }
          found[real] = (childRelative, childRaw, viaLink)
        }
      }
      pending.append(contentsOf: folders.reversed())
    }
    for note in found.values where Array(note.relative.utf8) != note.raw { rawRelative[note.relative] = note.raw }
    return found.values.map(\.relative).sorted()
  }
}
