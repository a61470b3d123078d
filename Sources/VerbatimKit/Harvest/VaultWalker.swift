import Foundation

/// Finds the notes of a vault: every `*.md` file below the root, in a stable order.
///
/// Skips `.git`, `.obsidian`, `.trash`, `node_modules` and Verbatim's own `.verbatim` folder.
/// Symbolic links are followed only while they stay inside the vault, and a directory is
/// never entered twice (symlink loops end there).
struct VaultWalker {
  static let skippedDirectories: Set<String> = [".git", ".obsidian", ".trash", "node_modules", ".verbatim"]

  let root: URL
  private(set) var diagnostics: [Diagnostic] = []

  init(root: URL) {
    self.root = root.standardizedFileURL.resolvingSymlinksInPath()
  }

  /// Relative paths of the notes, sorted.
  mutating func notes() -> [String] {
    var result: [String] = []
    var visited = Set<String>()
    var pending: [String] = [""]
    let fm = FileManager.default
    let rootPath = root.path
    while let relative = pending.popLast() {
      let absolute = relative.isEmpty ? rootPath : rootPath + "/" + relative
      let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
      guard visited.insert(real).inserted else { continue }
      let entries: [String]
      do {
        entries = try fm.contentsOfDirectory(atPath: absolute)
      } catch {
        diagnostics.append(Diagnostic(.warning, file: relative.isEmpty ? "." : relative, "cannot read folder: \(Self.reason(error))"))
        continue
      }
      for name in entries.sorted() {
        let childRelative = relative.isEmpty ? name : relative + "/" + name
        let childPath = rootPath + "/" + childRelative
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: childPath, isDirectory: &isDirectory) else {
          if (try? fm.destinationOfSymbolicLink(atPath: childPath)) != nil, name.lowercased().hasSuffix(".md") {
            diagnostics.append(Diagnostic(.warning, file: childRelative, "broken symbolic link; skipped"))
          }
          continue
        }
        let isLink = (try? fm.destinationOfSymbolicLink(atPath: childPath)) != nil
        if isLink {
          let target = URL(fileURLWithPath: childPath).resolvingSymlinksInPath().path
          guard target == rootPath || target.hasPrefix(rootPath + "/") else {
            if isDirectory.boolValue || name.lowercased().hasSuffix(".md") {
              diagnostics.append(Diagnostic(.warning, file: childRelative, "symbolic link leads outside the vault; not followed"))
            }
            continue
          }
        }
        if isDirectory.boolValue {
          if !Self.skippedDirectories.contains(name) { pending.append(childRelative) }
        } else if name.lowercased().hasSuffix(".md") {
          result.append(childRelative)
        }
      }
    }
    return result.sorted()
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
