/// A glob over note paths relative to the vault (`--notes`): `*` matches within one folder name, `**`
/// across folders, `?` one character; a pattern without `/` matches the file name in any folder.
///
/// Exists so an audit can be limited to some notes (`--notes 'Energy/**'`, `--notes '*interview*'`).
public struct NoteGlob: Sendable {
  private let pattern: [Character]
  private let anyFolder: Bool

  public init(_ pattern: String) {
    self.pattern = Array(pattern)
    anyFolder = !pattern.contains("/")
  }

  public func matches(_ path: String) -> Bool {
    let name = anyFolder ? Substring(path.split(separator: "/").last ?? Substring(path)) : Substring(path)
    return Self.match(pattern[...], Array(name)[...])
  }

  private static func match(_ p: ArraySlice<Character>, _ s: ArraySlice<Character>) -> Bool {
    guard let first = p.first else { return s.isEmpty }
    if first == "*" {
      let deep = p.dropFirst().first == "*"
      var rest = p.dropFirst(deep ? 2 : 1)
      if deep, rest.first == "/" { rest = rest.dropFirst() }  // `**/` also matches no folder at all
      var i = s.startIndex
      while true {
        if match(rest, s[i...]) { return true }
        guard i < s.endIndex, deep || s[i] != "/" else { return false }
        i += 1
      }
    }
    guard let c = s.first, first == "?" ? c != "/" : first == c else { return false }
    return match(p.dropFirst(), s.dropFirst())
  }
}
