internal import Yams

/// Links in a note's YAML (or JSON) front matter, each with the key it was found under.
///
/// The block is decoded with a YAML parser, never matched with patterns (a regex leaks quotes and
/// brackets into URLs). Aliases are not followed, so an alias bomb cannot expand here.
enum FrontMatterLinks {
  /// Keys whose URL is the note's own source (Obsidian Web Clipper writes `source`).
  static let sourceKeys: Set<String> = [
    "source", "sources", "url", "link", "links", "canonical", "source_url", "sourceurl", "original",
  ]

  /// Upper bound on YAML nodes visited: front matter is small; anything larger is hostile.
  private static let nodeBudget = 20_000

  static func harvest(_ note: NoteSource, into links: inout [Link], diagnostics: inout [Diagnostic]) {
    guard let range = note.frontMatter, !range.isEmpty else { return }
    let yaml = String(decoding: note.text[range], as: UTF8.self)
    let firstLine = note.lines.lineIndex(of: range.lowerBound) + 1
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      let (line, message) = describe(error)
      diagnostics.append(
        Diagnostic(
          .warning, file: note.path, line: line.map { $0 + firstLine - 1 } ?? firstLine,
          "front matter is not valid YAML (\(message)); its links were skipped"))
      return
    } catch {
      diagnostics.append(
        Diagnostic(.warning, file: note.path, line: firstLine, "front matter could not be read: \(error)"))
      return
    }
    guard let root else { return }
    var budget = nodeBudget
    var stack: [(node: Node, key: String?)] = [(root, nil)]
    while let (node, key) = stack.popLast() {
      budget -= 1
      if budget < 0 {
        diagnostics.append(
          Diagnostic(.warning, file: note.path, line: firstLine, "front matter too large; the rest was skipped"))
        return
      }
      switch node {
      case .mapping(let mapping):
        for (k, v) in mapping.reversed() {
          let name = k.scalar?.string
          stack.append((v, key.map { outer in name.map { "\(outer).\($0)" } ?? outer } ?? name))
        }
      case .sequence(let sequence):
        for item in sequence.reversed() { stack.append((item, key)) }
      case .scalar(let scalar):
        add(scalar, key: key, note: note, firstLine: firstLine, into: &links)
      case .alias:
        continue
      }
    }
  }

  private static func add(
    _ scalar: Node.Scalar, key: String?, note: NoteSource, firstLine: Int, into links: inout [Link]
  ) {
    let value = scalar.string.trimmingWhitespace()
    guard !value.isEmpty, let mark = scalar.mark else { return }
    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    let line = mark.line + firstLine - 1
    let column = mark.column + (quoted ? 1 : 0)
    let start = note.lines.offset(line: line, scalarColumn: column)
    let span = start..<min(note.text.count, start + value.utf8.count)
    let position = SourcePosition(line: line, column: column)
    // `related: "[[Other note]]"`: an internal link (Obsidian requires the quotes).
    if value.hasPrefix("[[") || value.hasPrefix("![[") {
      for wikilink in WikilinkScanner.scan(Array(value.utf8), in: 0..<value.utf8.count) {
        links.append(
          Link(
            url: wikilink.target, note: note.path, position: position,
            kind: .wikilink, text: wikilink.alias, field: key, span: span))
      }
      return
    }
    let identity = URLIdentity(value)
    if identity.scheme != .relative, !value.contains(where: { $0 == " " || $0 == "\n" }) {
      links.append(
        Link(url: value, note: note.path, position: position, kind: .frontMatter, field: key, span: span))
      return
    }
    // Prose values (`description: "See https://…"`): find URLs inside the string.
    let bytes = Array(value.utf8)
    for found in BareURLScanner.scan(bytes, in: 0..<bytes.count) {
      let url = String(decoding: bytes[found.range], as: UTF8.self)
      let prefix = String(decoding: bytes[0..<found.range.lowerBound], as: UTF8.self)
      let pos = SourcePosition(line: line, column: column + prefix.unicodeScalars.count)
      links.append(
        Link(
          url: url, note: note.path, position: pos, kind: .frontMatter, field: key,
          span: (start + found.range.lowerBound)..<(start + found.range.upperBound)))
    }
  }

  private static func describe(_ error: YamlError) -> (Int?, String) {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return (mark.line, problem)
    default:
      return (nil, "\(error)")
    }
  }
}

extension String {
  /// Trims ASCII and Unicode whitespace and newlines.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}
