/// Turns a Markdown fragment (the words between quote marks, or blockquote lines without `>`)
/// into the plain words a reader sees: links become their text, images, footnote references
/// and inline footnotes disappear, code spans keep their content, emphasis markers are removed
/// (and remembered, for "emphasis added"), escapes and common entities are resolved, and
/// whitespace runs collapse to one space.
enum MarkdownPlainText {
  struct Result: Equatable {
    var text: String
    var hadEmphasis: Bool
  }

  static func plain(_ raw: [UInt8]) -> Result {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var emphasis = false
    render(raw, 0..<raw.count, into: &out, emphasis: &emphasis, depth: 0)
    return Result(text: collapse(out), hadEmphasis: emphasis)
  }

  private static func render(
    _ s: [UInt8], _ range: Range<Int>, into out: inout [UInt8], emphasis: inout Bool, depth: Int
  ) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let c = s[i]
      switch c {
      case 0x5C where i + 1 < end && isASCIIPunctuation(s[i + 1]):
        out.append(s[i + 1])
        i += 2
      case 0x60:  // code span
        var run = 0
        while i + run < end, s[i + run] == 0x60 { run += 1 }
        if let close = findRun(s, of: 0x60, length: run, from: i + run, to: end) {
          out.append(contentsOf: s[(i + run)..<close])
          i = close + run
        } else {
          out.append(contentsOf: s[i..<(i + run)])
          i += run
        }
      case 0x21 where i + 1 < end && s[i + 1] == 0x5B:  // image or embed: dropped
        if i + 2 < end, s[i + 2] == 0x5B, let close = findWikiClose(s, from: i + 3, to: end) {
          i = close + 2
        } else if let close = InlineSyntax.closingBracket(s, openAt: i + 1, limit: end) {
          i = skipLinkTail(s, after: close + 1, end: end)
        } else {
          out.append(c)
          i += 1
        }
      case 0x5E where i + 1 < end && s[i + 1] == 0x5B:  // inline footnote ^[...]
        if let close = InlineSyntax.closingBracket(s, openAt: i + 1, limit: end) {
          i = close + 1
        } else {
          out.append(c)
          i += 1
        }
      case 0x5B:
        if i + 1 < end, s[i + 1] == 0x5E, let close = s[i..<end].firstIndex(of: 0x5D) {
          i = close + 1  // footnote reference [^n]
        } else if i + 1 < end, s[i + 1] == 0x5B, let close = findWikiClose(s, from: i + 2, to: end) {
          let inner = Array(s[(i + 2)..<close])
          if let bar = inner.lastIndex(of: 0x7C) {
            out.append(contentsOf: inner[(bar + 1)...])
          } else {
            out.append(contentsOf: inner)
          }
          i = close + 2
        } else if let close = InlineSyntax.closingBracket(s, openAt: i, limit: end),
          close + 1 < end, s[close + 1] == 0x28 || s[close + 1] == 0x5B
        {
          if depth < 8 { render(s, (i + 1)..<close, into: &out, emphasis: &emphasis, depth: depth + 1) }
          i = skipLinkTail(s, after: close + 1, end: end)
        } else {
          out.append(c)
          i += 1
        }
      case 0x2A, 0x7E, 0x3D:  // * ~ = runs (emphasis, strikethrough, highlight)
        var run = 0
        while i + run < end, s[i + run] == c { run += 1 }
        if c == 0x2A || run >= 2 {
          emphasis = true
        } else {
          out.append(contentsOf: s[i..<(i + run)])
        }
        i += run
      case 0x5F:  // `_` only delimits emphasis at word edges (snake_case stays)
        var run = 0
        while i + run < end, s[i + run] == 0x5F { run += 1 }
        let before = i > range.lowerBound ? s[i - 1] : 0x20
        let after = i + run < end ? s[i + run] : 0x20
        if isAlphanumeric(before) && isAlphanumeric(after) {
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
      case 0x3C:  // inline HTML tag: dropped (`<br>` becomes a space)
        if i + 1 < end, isASCIILetter(s[i + 1]) || s[i + 1] == 0x2F,
          let close = s[i..<end].firstIndex(of: 0x3E)
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

  private static func findRun(_ s: [UInt8], of c: UInt8, length: Int, from: Int, to end: Int) -> Int? {
    var j = from
    while j < end {
      if s[j] == c {
        var r = 0
        while j + r < end, s[j + r] == c { r += 1 }
        if r == length { return j }
        j += r
      } else {
        j += 1
      }
    }
    return nil
  }

  private static func findWikiClose(_ s: [UInt8], from: Int, to end: Int) -> Int? {
    var j = from
    while j + 1 < end {
      if s[j] == 0x5D, s[j + 1] == 0x5D { return j }
      if s[j] == 0x0A { return nil }
      j += 1
    }
    return nil
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

  /// Collapses runs of ASCII whitespace to one space and trims the ends.
  static func collapse(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    for b in bytes {
      if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  @inline(__always) private static func isASCIILetter(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
  }
  @inline(__always) private static func isAlphanumeric(_ c: UInt8) -> Bool {
    isASCIILetter(c) || (c >= 0x30 && c <= 0x39) || c >= 0x80
  }
  @inline(__always) static func isASCIIPunctuation(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
  }
}
