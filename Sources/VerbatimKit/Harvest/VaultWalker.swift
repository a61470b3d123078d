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

  init(root: URL) {
    self.root = root.standardizedFileURL.resolvingSymlinksInPath()
  }

  /// Relative paths of the notes, sorted.
  ///
  /// Real folders are walked first and folders reached through symbolic links afterwards, so a
  /// note is listed under its real path; a note reached twice (through a linked folder or a
  /// linked file) is listed once.
  mutating func notes() -> [String] {
    // Each found note with its resolved path; a real (unlinked) path wins over a linked one.
    var found: [String: (relative: String, viaLink: Bool)] = [:]
    var visited = Set<String>()
    // Folders to walk: path relative to the root, resolved path, reached through a link.
    var pending: [(relative: String, real: String, viaLink: Bool)] = [("", root.path, false)]
    var deferred: [(relative: String, real: String, viaLink: Bool)] = []
    let fm = FileManager.default
    let rootPath = root.path
    while true {
      if pending.isEmpty {
        guard !deferred.isEmpty else { break }
        pending = deferred.reversed()
        deferred = []
      }
      let folder = pending.removeLast()
      guard visited.insert(folder.real).inserted else { continue }
      let absolute = folder.relative.isEmpty ? rootPath : rootPath + "/" + folder.relative
      let entries: [String]
      do {
        entries = try fm.contentsOfDirectory(atPath: absolute)
      } catch {
        diagnostics.append(
          Diagnostic(.warning, file: folder.relative.isEmpty ? "." : folder.relative, "cannot read folder: \(Self.reason(error))"))
        continue
      }
      var folders: [(relative: String, real: String, viaLink: Bool)] = []
      for name in entries.sorted() {
        let childRelative = folder.relative.isEmpty ? name : folder.relative + "/" + name
        let childPath = rootPath + "/" + childRelative
        let isNote = name.lowercased().hasSuffix(".md")
        var isDirectory: ObjCBool = false
        let isLink = (try? fm.destinationOfSymbolicLink(atPath: childPath)) != nil
        guard fm.fileExists(atPath: childPath, isDirectory: &isDirectory) else {
          if isLink, isNote {
            diagnostics.append(Diagnostic(.warning, file: childRelative, "broken symbolic link; skipped"))
          }
          continue
        }
        var real = folder.real + "/" + name
        if isLink {
          real = URL(fileURLWithPath: childPath).resolvingSymlinksInPath().path
          guard real == rootPath || real.hasPrefix(rootPath + "/") else {
            if isDirectory.boolValue || isNote {
              diagnostics.append(Diagnostic(.warning, file: childRelative, "symbolic link leads outside the vault; not followed"))
            }
            continue
          }
        }
        let viaLink = folder.viaLink || isLink
        if isDirectory.boolValue {
          guard !Self.skippedDirectories.contains(name) else { continue }
          if viaLink {
            deferred.append((childRelative, real, true))
          } else {
            folders.append((childRelative, real, false))
          }
        } else if isNote {
          if let existing = found[real], !existing.viaLink || viaLink { continue }
          found[real] = (childRelative, viaLink)
        }
      }
      pending.append(contentsOf: folders.reversed())
    }
    return found.values.map(\.relative).sorted()
  }

  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoPermissionError { return "permission denied" }
    return ns.localizedDescription
  }
}
