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

  /// Top-level keys whose values describe the clipped source, for the bibliography.
  static let citationKeys: Set<String> = [
    "title", "author", "authors", "published", "citekey", "citation-key", "citationkey", "doi",
    "accessed", "created", "date",
  ]

  static func harvest(
    _ note: NoteSource, into links: inout [Link], diagnostics: inout [Diagnostic], fastPath: Bool = true
  ) {
    var values: [FrontMatterValue] = []
    harvest(note, into: &links, values: &values, diagnostics: &diagnostics, fastPath: fastPath)
  }

  /// - Parameters:
  ///   - values: receives the scalars under `citationKeys` (front matter describing the source).
  ///   - fastPath: read plain front matter with `SimpleFrontMatter` (tests compare both).
  static func harvest(
    _ note: NoteSource, into links: inout [Link], values: inout [FrontMatterValue], diagnostics: inout [Diagnostic],
    fastPath: Bool = true
  ) {
    guard let range = note.frontMatter, !range.isEmpty else { return }
    // Without `:` (URL schemes) or `[[`/`www.` there can be no link: skip the YAML parse.
    guard note.text[range].contains(0x3A) || note.text[range].contains(0x5B) else { return }
    let firstLine = note.lines.lineIndex(of: range.lowerBound) + 1
    if fastPath, let simple = SimpleFrontMatter.parse(note.text[range]) {
      for scalar in simple {
        collect(scalar.value, key: scalar.key, line: scalar.line + firstLine - 1, into: &values)
        add(
          value: scalar.value, markLine: scalar.line, markColumn: scalar.column, quoted: scalar.quoted,
          key: scalar.key, note: note, firstLine: firstLine, into: &links)
      }
      return
    }
    let yaml = String(decoding: note.text[range], as: UTF8.self)
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
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
        guard let mark = scalar.mark else { continue }
        collect(scalar.string, key: key, line: mark.line + firstLine - 1, into: &values)
        add(
          value: scalar.string, markLine: mark.line, markColumn: mark.column,
          quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted, key: key, note: note,
          firstLine: firstLine, into: &links)
      case .alias:
        continue
      }
    }
  }

  private static func collect(_ value: String, key: String?, line: Int, into values: inout [FrontMatterValue]) {
    // Keys are almost always lower-case already: lower-case only those that are not (this runs per scalar).
    guard let written = key else { return }
    let key = written.utf8.contains(where: { (65...90).contains($0) }) ? written.lowercased() : written
    guard citationKeys.contains(key) else { return }
    let text = value.trimmingWhitespace()
    guard !text.isEmpty else { return }
    values.append(FrontMatterValue(key: key, value: text, line: line))
  }

  /// Harvests one scalar whose token starts at `markLine`:`markColumn` of the block (where a
  /// YAML parser's mark points: at the opening quote of a quoted scalar).
  private static func add(
    value raw: String, markLine: Int, markColumn: Int, quoted: Bool, key: String?, note: NoteSource,
    firstLine: Int, into links: inout [Link]
  ) {
    let value = raw.trimmingWhitespace()
    guard !value.isEmpty else { return }
    let mark = (line: markLine, column: markColumn)
    let line = mark.line + firstLine - 1
    let markOffset = note.lines.offset(line: line, scalarColumn: mark.column)
    let valueBytes = Array(value.utf8)
    let isWikilink = value.hasPrefix("[[") || value.hasPrefix("![[")
    let isURL = !isWikilink && URLIdentity(value).scheme != .relative && !value.contains(where: { $0 == " " || $0 == "\n" })
    let found = isWikilink || isURL ? [] : BareURLScanner.scan(valueBytes, in: 0..<valueBytes.count)
    guard isWikilink || isURL || !found.isEmpty else { return }
    // Where the value is written: right at the mark (after a quote) for most scalars, further on
    // for block scalars (`>`, `|`); nil when YAML rewrote it (escapes, folded lines).
    let written = locate(valueBytes, in: note, from: markOffset)
    // Otherwise positions are counted from the mark, on its line.
    let fallback = note.lines.offset(line: line, scalarColumn: mark.column + (quoted ? 1 : 0))
    func offset(of range: Range<Int>) -> Int {
      if let written { return written + range.lowerBound }
      let prefix = String(decoding: valueBytes[0..<range.lowerBound], as: UTF8.self).unicodeScalars.count
      return note.lines.offset(line: line, scalarColumn: mark.column + (quoted ? 1 : 0) + prefix)
    }
    func link(_ url: String, at start: Int, length: Int, kind: Link.Kind, text: String? = nil) {
      var flags: [Link.Flag] = []
      if kind == .frontMatter, let hash = url.utf8.firstIndex(of: 0x23),
        url.utf8[hash...].containsSequence(LinkHarvester.directiveDelimiter)
      {
        flags.append(.textFragment)
      }
      links.append(
        Link(
          url: url, note: note.path, position: note.lines.position(of: start), kind: kind, text: text, field: key,
          flags: flags, span: start..<min(note.text.count, start + length)))
    }
    // `related: "[[Other note]]"`: an internal link (Obsidian requires the quotes).
    if isWikilink {
      for wikilink in WikilinkScanner.scan(valueBytes, in: 0..<valueBytes.count) {
        link(
          wikilink.target, at: offset(of: wikilink.targetRange), length: wikilink.targetRange.count,
          kind: wikilink.isEmbed ? .wikiEmbed : .wikilink, text: wikilink.alias)
      }
      return
    }
    if isURL {
      link(value, at: written ?? fallback, length: valueBytes.count, kind: .frontMatter)
      return
    }
    // Prose values (`description: "See https://…"`): find URLs inside the string, each where it
    // is written (block scalars span lines).
    var cursor = markOffset
    for found in found {
      let urlBytes = Array(valueBytes[found.range])
      let url = (found.form == .email ? "mailto:" : "") + String(decoding: urlBytes, as: UTF8.self)
      let start =
        written.map { $0 + found.range.lowerBound } ?? locate(urlBytes, in: note, from: cursor)
        ?? offset(of: found.range)
      cursor = start + urlBytes.count
      link(url, at: start, length: urlBytes.count, kind: .frontMatter)
    }
  }

  /// First place at or after `start` in the front matter where `needle` is written (looked for
  /// within a bounded distance: a scalar's value starts near its mark).
  private static func locate(_ needle: [UInt8], in note: NoteSource, from start: Int) -> Int? {
    guard let block = note.frontMatter, let first = needle.first else { return nil }
    var i = max(start, block.lowerBound)
    let end = min(block.upperBound - needle.count, i + needle.count + 65_536)
    while i <= end {
      if note.text[i] == first, note.text[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
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
