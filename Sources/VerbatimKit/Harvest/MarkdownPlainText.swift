/// Turns a Markdown fragment (the words between quote marks, or blockquote lines without `>`)
/// into the plain words a reader sees: links become their text, images, footnote references
/// and inline footnotes disappear, code spans keep their content, HTML tags and comments are
/// dropped, emphasis markers are removed (and remembered, for "emphasis added"), escapes and
/// common entities are resolved, and whitespace runs (NBSP and other Unicode spaces included)
/// collapse to one space.
enum MarkdownPlainText {
  struct Result: Equatable {
    var text: String
    var hadEmphasis: Bool
  }

  static func plain(_ raw: [UInt8]) -> Result {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var emphasis = false
    var context = Context(raw)
    render(raw, 0..<raw.count, into: &out, emphasis: &emphasis, depth: 0, context: &context)
    return Result(text: collapse(out, unicodeSpaces: true), hadEmphasis: emphasis)
  }

  /// Lookups computed once per text, so that thousands of unclosed `[`, `[[`, `[^`, `<` or
  /// backtick runs cost linear time, not a rescan to the end of the text each.
  private struct Context {
    /// For each `[`, the index of its matching `]` (-1 when unmatched).
    var bracketClose: [Int] = []
    /// For each backtick run start, the start of the next run of the same length (-1 when none).
    var codeClose: [Int: Int] = [:]
    var closeBracket = ForwardSearch { s, j in s[j] == 0x5D }
    var closeAngle = ForwardSearch { s, j in s[j] == 0x3E }
    /// `-->`, the end of an HTML comment.
    var commentEnd = ForwardSearch { s, j in
      s[j] == 0x2D && j + 2 < s.count && s[j + 1] == 0x2D && s[j + 2] == 0x3E
    }
    /// `]]` or a line break, whichever comes first.
    var wikiStop = ForwardSearch { s, j in
      s[j] == 0x0A || (s[j] == 0x5D && j + 1 < s.count && s[j + 1] == 0x5D)
    }

    init(_ s: [UInt8]) {
      guard s.contains(0x5B) || s.contains(0x60) else { return }
      // Backtick runs, and for each the next run of the same length.
      var runs: [(start: Int, length: Int)] = []
      var i = 0
      while i < s.count {
        if s[i] == 0x5C {
          i += 2
          continue
        }
        if s[i] == 0x60 {
          var run = 0
          while i + run < s.count, s[i + run] == 0x60 { run += 1 }
          runs.append((i, run))
          i += run
          continue
        }
        i += 1
      }
      var nextOfLength: [Int: Int] = [:]
      for run in runs.reversed() {
        codeClose[run.start] = nextOfLength[run.length] ?? -1
        nextOfLength[run.length] = run.start
      }
      // Brackets, skipping escapes and code spans, matched with a stack.
      bracketClose = [Int](repeating: -1, count: s.count)
      var open: [Int] = []
      i = 0
      while i < s.count {
        switch s[i] {
        case 0x5C:
          i += 2
          continue
        case 0x60:
          var run = 0
          while i + run < s.count, s[i + run] == 0x60 { run += 1 }
          if let close = codeClose[i], close >= 0 {
            i = close + run
          } else {
            i += run
          }
          continue
        case 0x5B:
          open.append(i)
        case 0x5D:
          if let o = open.popLast() { bracketClose[o] = i }
        default:
          break
        }
        i += 1
      }
    }

    /// The `]` closing the `[` at `open`, if it lies before `end`.
    func closingBracket(_ open: Int, before end: Int) -> Int? {
      guard open < bracketClose.count else { return nil }
      let close = bracketClose[open]
      return close >= 0 && close < end ? close : nil
    }
  }

  /// "First index at or after `from` where the predicate holds", for queries whose `from` never
  /// decreases (rendering moves forward only): each byte is examined at most once.
  private struct ForwardSearch {
    let predicate: ([UInt8], Int) -> Bool
    /// Where the last scan started, and what it found (nil: nothing up to the end).
    private var last: (from: Int, found: Int?)?

    init(_ predicate: @escaping ([UInt8], Int) -> Bool) { self.predicate = predicate }

    mutating func first(in s: [UInt8], from start: Int) -> Int? {
      if let last, start >= last.from {
        guard let found = last.found else { return nil }
        if found >= start { return found }
      }
      var j = start
      while j < s.count, !predicate(s, j) { j += 1 }
      let found = j < s.count ? j : nil
      last = (start, found)
      return found
    }
  }

  private static func render(
    _ s: [UInt8], _ range: Range<Int>, into out: inout [UInt8], emphasis: inout Bool, depth: Int,
    context: inout Context
  ) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let c = s[i]
      switch c {
      case 0x5C where i + 1 < end && isASCIIPunctuation(s[i + 1]):
        out.append(s[i + 1])
        i += 2
      case 0x5C where i + 1 < end && (s[i + 1] == 0x0A || s[i + 1] == 0x0D):  // hard line break
        out.append(0x20)
        i += 1
      case 0x60:  // code span
        var run = 0
        while i + run < end, s[i + run] == 0x60 { run += 1 }
        if let close = context.codeClose[i], close >= 0, close + run <= end {
          out.append(contentsOf: s[(i + run)..<close])
          i = close + run
        } else {
          out.append(contentsOf: s[i..<(i + run)])
          i += run
        }
      case 0x21 where i + 1 < end && s[i + 1] == 0x5B:  // image or embed: dropped
        if i + 2 < end, s[i + 2] == 0x5B, let close = wikiClose(s, from: i + 3, to: end, &context) {
          i = close + 2
        } else if let close = context.closingBracket(i + 1, before: end) {
          i = skipLinkTail(s, after: close + 1, end: end)
        } else {
          out.append(c)
          i += 1
        }
      case 0x5E where i + 1 < end && s[i + 1] == 0x5B:  // inline footnote ^[...]
        if let close = context.closingBracket(i + 1, before: end) {
          i = close + 1
        } else {
          out.append(c)
          i += 1
        }
      case 0x5B:
        if i + 1 < end, s[i + 1] == 0x5E, let close = context.closeBracket.first(in: s, from: i), close < end {
          i = close + 1  // footnote reference [^n]
        } else if i + 1 < end, s[i + 1] == 0x5B, let close = wikiClose(s, from: i + 2, to: end, &context) {
          let inner = Array(s[(i + 2)..<close])
          if let bar = inner.lastIndex(of: 0x7C) {
            out.append(contentsOf: inner[(bar + 1)...])
          } else {
            out.append(contentsOf: inner)
          }
          i = close + 2
        } else if let close = context.closingBracket(i, before: end),
          close + 1 < end, s[close + 1] == 0x28 || s[close + 1] == 0x5B
        {
          if depth < 8 {
            render(s, (i + 1)..<close, into: &out, emphasis: &emphasis, depth: depth + 1, context: &context)
          }
          i = skipLinkTail(s, after: close + 1, end: end)
        } else {
          out.append(c)
          i += 1
        }
      case 0x2A, 0x7E, 0x3D:  // * ~ = runs (emphasis, strikethrough, highlight)
        var run = 0
        while i + run < end, s[i + run] == c { run += 1 }
        // A run with space (or nothing) on both sides delimits nothing: `2 * 3`, `a == b`.
        let before = InlineQuoteScanner.scalar(before: i, s, floor: range.lowerBound)
        let after = InlineQuoteScanner.scalar(at: i + run, s, limit: end)
        let loose = (before.map { $0.properties.isWhitespace } ?? true) && (after.map { $0.properties.isWhitespace } ?? true)
        if !loose && (c == 0x2A || run >= 2) {
          emphasis = true
        } else {
          out.append(contentsOf: s[i..<(i + run)])
        }
        i += run
      case 0x5F:  // `_` only delimits emphasis at word edges (snake_case stays)
        var run = 0
        while i + run < end, s[i + run] == 0x5F { run += 1 }
        let before = InlineQuoteScanner.scalar(before: i, s, floor: range.lowerBound)
        let after = InlineQuoteScanner.scalar(at: i + run, s, limit: end)
        let loose = (before.map { $0.properties.isWhitespace } ?? true) && (after.map { $0.properties.isWhitespace } ?? true)
        if loose || (before.map(isWordScalar) ?? false) && (after.map(isWordScalar) ?? false) {
          out.append(contentsOf: s[i..<(i + run)])
        } else {
          emphasis = true
        }
        i += run
      case 0x26:  // entity
        if let (scalar, length) = entity(s, at: i, end: end) {
          out.append(contentsOf: Array(String(scalar).utf8))
          i += length
        } else {
          out.append(c)
          i += 1
        }
      case 0x3C where i + 3 < end && s[i + 1] == 0x21 && s[i + 2] == 0x2D && s[i + 3] == 0x2D:  // <!-- comment -->
        if let close = context.commentEnd.first(in: s, from: i + 4), close + 3 <= end {
          out.append(0x20)
          i = close + 3
        } else {
          out.append(c)
          i += 1
        }
      case 0x3C:  // inline HTML tag: dropped (`<br>` becomes a space)
        if i + 1 < end, isASCIILetter(s[i + 1]) || s[i + 1] == 0x2F,
          let close = context.closeAngle.first(in: s, from: i), close < end
        {
          out.append(0x20)
          i = close + 1
        } else {
          out.append(c)
          i += 1
        }
      default:
        out.append(c)
        i += 1
      }
    }
  }

  /// The `]]` closing a wikilink opened before `from`, on the same line and before `end`.
  private static func wikiClose(_ s: [UInt8], from: Int, to end: Int, _ context: inout Context) -> Int? {
    guard let stop = context.wikiStop.first(in: s, from: from), s[stop] == 0x5D, stop + 1 < end else { return nil }
    return stop
  }

  private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || s.properties.numericType != nil
  }

  /// After `](…)` or `][…]`, the index just past the construct.
  private static func skipLinkTail(_ s: [UInt8], after: Int, end: Int) -> Int {
    guard after < end else { return after }
    if s[after] == 0x28 {
      var depth = 0
      var j = after
      while j < end {
        if s[j] == 0x5C { j += 2; continue }
        if s[j] == 0x28 { depth += 1 }
        if s[j] == 0x29 {
          depth -= 1
          if depth == 0 { return j + 1 }
        }
        j += 1
      }
      return end
    }
    if s[after] == 0x5B, let close = s[after..<end].firstIndex(of: 0x5D) { return close + 1 }
    return after
  }

  private static let namedEntities: [String: Unicode.Scalar] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "lsquo": "\u{2018}",
    "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "shy": "\u{AD}",
  ]

  private static func entity(_ s: [UInt8], at i: Int, end: Int) -> (Unicode.Scalar, Int)? {
    guard let semicolon = s[i..<min(end, i + 12)].firstIndex(of: 0x3B) else { return nil }
    let name = String(decoding: s[(i + 1)..<semicolon], as: UTF8.self)
    if name.hasPrefix("#") {
      let digits = name.dropFirst()
      let value = digits.first == "x" || digits.first == "X"
        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (scalar, semicolon + 1 - i)
    }
    guard let scalar = namedEntities[name] else { return nil }
    return (scalar, semicolon + 1 - i)
  }

  /// Decodes HTML character references (`&amp;`, `&#x2019;`) and nothing else.
  static func decodeEntities(_ raw: [UInt8]) -> String {
    guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    var i = 0
    while i < raw.count {
      if raw[i] == 0x26, let (scalar, length) = entity(raw, at: i, end: raw.count) {
        out.append(contentsOf: Array(String(scalar).utf8))
        i += length
      } else {
        out.append(raw[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Collapses runs of ASCII whitespace to one space and trims the ends; with `unicodeSpaces`,
  /// every other `White_Space` scalar (NBSP, narrow NBSP, the U+2000 spaces, ideographic space,
  /// line and paragraph separators) counts as whitespace too, as a reader sees it.
  static func collapse(_ bytes: [UInt8], unicodeSpaces: Bool = false) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      var spaceLength = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D ? 1 : 0
      if unicodeSpaces, spaceLength == 0, b >= 0xC2 { spaceLength = unicodeSpaceLength(bytes, at: i) }
      if spaceLength > 0 {
        pendingSpace = !out.isEmpty
        i += spaceLength
      } else {
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Length in bytes of the non-ASCII `White_Space` scalar at `i`, 0 when there is none.
  private static func unicodeSpaceLength(_ s: [UInt8], at i: Int) -> Int {
    let b = s[i]
    if b == 0xC2, i + 1 < s.count, s[i + 1] == 0xA0 || s[i + 1] == 0x85 { return 2 }  // U+00A0, U+0085
    guard i + 2 < s.count else { return 0 }
    let (b1, b2) = (s[i + 1], s[i + 2])
    switch b {
    case 0xE1 where b1 == 0x9A && b2 == 0x80: return 3  // U+1680
    case 0xE2 where b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF): return 3  // U+2000–200A, 2028, 2029, 202F
    case 0xE2 where b1 == 0x81 && b2 == 0x9F: return 3  // U+205F
    case 0xE3 where b1 == 0x80 && b2 == 0x80: return 3  // U+3000
    default: return 0
    }
  }

  @inline(__always) private static func isASCIILetter(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
  }
  @inline(__always) static func isASCIIPunctuation(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
  }
}
