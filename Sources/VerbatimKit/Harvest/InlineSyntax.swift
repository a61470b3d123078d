/// Small pieces of CommonMark inline syntax that Verbatim reads from raw bytes itself.
enum InlineSyntax {
  /// Drops the backslash of each backslash escape (`\\` before ASCII punctuation).
  static func resolveEscapes(_ bytes: [UInt8]) -> String {
    guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x5C, i + 1 < bytes.count, ReferenceDefinitions.isPunctuation(bytes[i + 1]) {
        out.append(bytes[i + 1])
        i += 2
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Index of the `]` closing the `[` at `open`, honouring nesting, backslash escapes and code
  /// spans; nil when there is none before `limit`.
  static func closingBracket(_ bytes: [UInt8], openAt open: Int, limit: Int) -> Int? {
    var depth = 0
    var i = open
    while i < limit {
      switch bytes[i] {
      case 0x5C:  // backslash escape
        i += 2
        continue
      case 0x60:  // code span: skip to the matching backtick run
        var run = 0
        while i + run < limit, bytes[i + run] == 0x60 { run += 1 }
        var j = i + run
        var closed = false
        while j < limit {
          if bytes[j] == 0x60 {
            var r = 0
            while j + r < limit, bytes[j + r] == 0x60 { r += 1 }
            if r == run {
              i = j + r
              closed = true
              break
            }
            j += r
          } else {
            j += 1
          }
        }
        if !closed { i += run }
        continue
      case 0x5B:
        depth += 1
      case 0x5D:
        depth -= 1
        if depth == 0 { return i }
      default:
        break
      }
      i += 1
    }
    return nil
  }
}

/// Link reference definitions (`[label]: url "title"`), which cmark-gfm consumes without a trace:
/// it drops them, used or not, from its tree, and counts the inline positions of the paragraph they
/// start from the first line after them. This parser follows cmark-gfm's
/// (`cmark_parse_reference_inline`) so both agree on where definitions end: a destination or title
/// may sit on the next line, and junk after the destination or title means "not a definition".
enum ReferenceDefinitions {
  struct Definition: Equatable {
    var label: String
    /// Byte range of the destination in the note (inside the brackets for `<…>`).
    var destination: Range<Int>
    /// From the label's `[` to the end of the definition (title included).
    var span: Range<Int>
  }

  /// Parses the definitions at the start of a paragraph, as cmark-gfm does. `lines` are the
  /// paragraph's lines as cmark-gfm sees them: byte ranges in the note without container prefixes
  /// (`>`, list indentation) or line terminators. Returns the definitions and how many whole
  /// lines they took.
  static func parseLeading(_ bytes: [UInt8], lines: [Range<Int>]) -> (definitions: [Definition], lines: Int) {
    let text = LogicalText(bytes, lines: lines)
    var definitions: [Definition] = []
    var pos = 0
    while pos < text.count, let parsed = parseOne(text.bytes, at: pos) {
      if let definition = text.definition(parsed) { definitions.append(definition) }
      pos = parsed.end
    }
    let consumed = text.bytes[0..<pos].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return (definitions, consumed)
  }

  /// Parses definitions from lines no block claimed (cmark-gfm removed the paragraph they formed);
  /// container prefixes and list markers are stripped here. A line that does not start a definition
  /// is skipped.
  static func parseUnclaimed(_ bytes: [UInt8], lines: [Range<Int>]) -> [Definition] {
    let stripped = lines.map { line -> Range<Int> in
      var i = line.lowerBound
      while i < line.upperBound {
        let c = bytes[i]
        if c == 0x20 || c == 0x09 || c == 0x3E {
          i += 1
        } else if let marker = listMarkerLength(bytes, at: i, limit: line.upperBound) {
          i += marker
        } else {
          break
        }
      }
      return i..<line.upperBound
    }
    let text = LogicalText(bytes, lines: stripped)
    var definitions: [Definition] = []
    var pos = 0
    while pos < text.count {
      if let parsed = parseOne(text.bytes, at: pos) {
        if let definition = text.definition(parsed) { definitions.append(definition) }
        pos = parsed.end
      } else {
        // Not a definition: go on with the next line.
        guard let newline = text.bytes[pos...].firstIndex(of: 0x0A) else { break }
        pos = newline + 1
      }
    }
    return definitions
  }

  /// `-`, `+`, `*` or `1.`/`1)` followed by a space, tab or the line end.
  private static func listMarkerLength(_ bytes: [UInt8], at i: Int, limit: Int) -> Int? {
    var j = i
    let c = bytes[i]
    if c == 0x2D || c == 0x2B || c == 0x2A {
      j += 1
    } else {
      while j < limit, j - i < 9, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
      guard j > i, j < limit, bytes[j] == 0x2E || bytes[j] == 0x29 else { return nil }
      j += 1
    }
    guard j == limit || bytes[j] == 0x20 || bytes[j] == 0x09 else { return nil }
    return j - i
  }

  /// Lines joined by `\n`, remembering where each byte came from in the note.
  private struct LogicalText {
    var bytes: [UInt8] = []
    /// Note offset of each logical byte (a line's `\n` maps to its line's end).
    var origin: [Int] = []
    var count: Int { bytes.count }
    let note: [UInt8]

    init(_ note: [UInt8], lines: [Range<Int>]) {
      self.note = note
      for line in lines {
        var end = line.upperBound
        while end > line.lowerBound, note[end - 1] == 0x0D { end -= 1 }
        for i in line.lowerBound..<end {
          bytes.append(note[i])
          origin.append(i)
        }
        bytes.append(0x0A)
        origin.append(end)
      }
    }

    func definition(_ parsed: Parsed) -> Definition? {
      guard !parsed.destination.isEmpty else { return nil }
      let labelBytes = Array(bytes[parsed.label])
      let label = String(decoding: labelBytes.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self).trimmingWhitespace()
      let destination = origin[parsed.destination.lowerBound]..<(origin[parsed.destination.upperBound - 1] + 1)
      var last = parsed.end - 1
      while last > parsed.start, bytes[last] == 0x0A || bytes[last] == 0x20 || bytes[last] == 0x09 { last -= 1 }
      return Definition(label: label, destination: destination, span: origin[parsed.start]..<(origin[last] + 1))
    }
  }

  private struct Parsed {
    var start: Int
    var label: Range<Int>
    var destination: Range<Int>
    /// Just after the definition's line end.
    var end: Int
  }

  /// One definition at `start` of logical text `s` (which ends with `\n`), or nil.
  private static func parseOne(_ s: [UInt8], at start: Int) -> Parsed? {
    let n = s.count
    var i = start
    // Label: `[`, at most 999 characters without unescaped brackets, `]`, not blank, not `^…`.
    guard i < n, s[i] == 0x5B else { return nil }
    i += 1
    let labelStart = i
    var length = 0
    while i < n, s[i] != 0x5B, s[i] != 0x5D {
      if s[i] == 0x5C, i + 1 < n, isPunctuation(s[i + 1]) {
        i += 2
        length += 2
      } else {
        i += 1
        length += 1
      }
      if length > 999 { return nil }
    }
    guard i < n, s[i] == 0x5D else { return nil }
    let label = labelStart..<i
    guard s[label].contains(where: { !isSpace($0) }), s[labelStart] != 0x5E else { return nil }
    i += 1
    guard i < n, s[i] == 0x3A else { return nil }
    i += 1
    // Destination, possibly on the next line.
    spacesAndOneNewline(s, &i)
    guard let (destination, next) = InlineSyntax.linkDestination(s, at: i, limit: n), !destination.isEmpty || s[i] == 0x3C,
      next < n || s[i] == 0x3C
    else { return nil }
    i = next
    // Optional title, then nothing but spaces to the line end; on junk after the title, retry
    // without the title.
    let beforeTitle = i
    spacesAndOneNewline(s, &i)
    let titleLength = i == beforeTitle ? 0 : titleLength(s, at: i)
    if titleLength > 0 { i += titleLength } else { i = beforeTitle }
    skipSpaces(s, &i)
    if !skipLineEnd(s, &i) {
      guard titleLength > 0 else { return nil }
      i = beforeTitle
      skipSpaces(s, &i)
      guard skipLineEnd(s, &i) else { return nil }
    }
    return Parsed(start: start, label: label, destination: destination, end: i)
  }

  /// Length of a `"…"`, `'…'` or `(…)` title at `i`, 0 when there is none.
  private static func titleLength(_ s: [UInt8], at i: Int) -> Int {
    guard i < s.count else { return 0 }
    let open = s[i]
    let close: UInt8
    switch open {
    case 0x22, 0x27: close = open
    case 0x28: close = 0x29
    default: return 0
    }
    var j = i + 1
    while j < s.count {
      let c = s[j]
      if c == 0x5C, j + 1 < s.count, isPunctuation(s[j + 1]) {
        j += 2
        continue
      }
      if c == close { return j + 1 - i }
      if open == 0x28, c == 0x28 { return 0 }
      j += 1
    }
    return 0
  }

  private static func skipSpaces(_ s: [UInt8], _ i: inout Int) {
    while i < s.count, s[i] == 0x20 || s[i] == 0x09 { i += 1 }
  }

  private static func skipLineEnd(_ s: [UInt8], _ i: inout Int) -> Bool {
    if i >= s.count { return true }
    if s[i] == 0x0A {
      i += 1
      return true
    }
    return false
  }

  private static func spacesAndOneNewline(_ s: [UInt8], _ i: inout Int) {
    skipSpaces(s, &i)
    if i < s.count, s[i] == 0x0A {
      i += 1
      skipSpaces(s, &i)
    }
  }

  private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D
  }

  /// ASCII punctuation (what a backslash can escape).
  static func isPunctuation(_ c: UInt8) -> Bool {
    (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
  }
}

extension InlineSyntax {
  /// A CommonMark link destination at `i`: `<…>` (no line break or `<` inside, escapes
  /// allowed) or a raw run without spaces or controls whose parentheses balance (at most 32
  /// deep). Returns the destination's bytes (inside any angle brackets) and where parsing
  /// continues; nil when there is none. Shared by inline links and reference definitions.
  static func linkDestination(_ s: [UInt8], at i: Int, limit n: Int) -> (Range<Int>, next: Int)? {
    guard i < n else { return nil }
    if s[i] == 0x3C {
      var j = i + 1
      while j < n {
        let c = s[j]
        if c == 0x3E { return ((i + 1)..<j, j + 1) }
        if c == 0x5C {
          j += 2
          continue
        }
        if c == 0x0A || c == 0x3C { return nil }
        j += 1
      }
      return nil
    }
    var j = i
    var parens = 0
    while j < n {
      let c = s[j]
      if c == 0x5C, j + 1 < n, MarkdownPlainText.isASCIIPunctuation(s[j + 1]) {
        j += 2
      } else if c == 0x28 {
        parens += 1
        if parens > 32 { return nil }
        j += 1
      } else if c == 0x29 {
        if parens == 0 { break }
        parens -= 1
        j += 1
      } else if c <= 0x20 || c == 0x7F {
        break
      } else {
        j += 1
      }
    }
    return (i..<j, j)
  }
}
