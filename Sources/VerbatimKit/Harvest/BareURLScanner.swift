/// Finds URLs written as plain text: `https://…`, `www.…`, and `<scheme:…>` autolinks.
///
/// cmark-gfm's autolink extension finds these too, but reports no positions (0:0), keeps curly
/// quotes and `>` in URLs, and is off by one for `www.` links. This scanner works on the note's
/// own bytes, so positions are exact, and applies the trailing-punctuation rules readers expect.
enum BareURLScanner {
  struct Found: Equatable {
    enum Form: Equatable { case bare, www, angle, email }
    /// Byte range of the URL text (inside the angle brackets for autolinks).
    var range: Range<Int>
    /// Byte range of the whole construct (with angle brackets).
    var span: Range<Int>
    var form: Form
  }

  /// Scans `range` of `bytes`, skipping the sorted, non-overlapping `excluded` ranges.
  static func scan(_ bytes: [UInt8], in range: Range<Int>, excluding excluded: [Range<Int>] = [])
    -> [Found]
  {
    var found: [Found] = []
    var i = range.lowerBound
    var next = 0  // index into `excluded`
    let end = range.upperBound
    while i < end {
      while next < excluded.count, excluded[next].upperBound <= i { next += 1 }
      if next < excluded.count, excluded[next].contains(i) {
        i = excluded[next].upperBound
        continue
      }
      let b = bytes[i]
      let limit = next < excluded.count ? min(end, excluded[next].lowerBound) : end
      if b == 0x3C {
        if let auto = angleAutolink(bytes, at: i, limit: limit) {
          found.append(auto)
          i = auto.span.upperBound
        } else {
          i += 1
        }
        continue
      }
      // URLs start at a word start: an ASCII letter not preceded by an ASCII letter or digit.
      guard isASCIILetter(b) else {
        i += 1
        continue
      }
      if i > range.lowerBound, isASCIILetter(bytes[i - 1]) || isASCIIDigit(bytes[i - 1]) {
        i += 1
        continue
      }
      // Only a `www.` or a run of scheme characters ending in `:` can start a URL here; any
      // other word is skipped in one pass.
      var candidate = i + 4 <= limit && (b | 0x20) == 0x77 && (bytes[i + 1] | 0x20) == 0x77
        && (bytes[i + 2] | 0x20) == 0x77 && bytes[i + 3] == 0x2E
      var wordEnd = i + 1
      if !candidate {
        while wordEnd < limit, isSchemeByte(bytes[wordEnd]) { wordEnd += 1 }
        candidate = wordEnd < limit && bytes[wordEnd] == 0x3A
      }
      if candidate, let url = bareURL(bytes, at: i, limit: limit),
        !(i > range.lowerBound && endsWithWordScalar(bytes, before: i, floor: range.lowerBound))
      {
        found.append(url)
        i = url.range.upperBound
        continue
      }
      // Not a URL: skip the rest of this word.
      i = max(i + 1, candidate ? i + 1 : wordEnd)
      while i < end, isASCIILetter(bytes[i]) || isASCIIDigit(bytes[i]) { i += 1 }
    }
    return found
  }

  // MARK: - Forms

  private static func angleAutolink(_ bytes: [UInt8], at start: Int, limit: Int) -> Found? {
    var j = start + 1
    while j < limit, bytes[j] != 0x3E {
      let c = bytes[j]
      if c <= 0x20 || c == 0x3C { return nil }
      j += 1
    }
    guard j < limit, j > start + 1 else { return nil }
    let inner = (start + 1)..<j
    if schemeLength(bytes, at: inner.lowerBound, limit: j) != nil {
      return Found(range: inner, span: start..<(j + 1), form: .angle)
    }
    if bytes[inner].contains(0x40), !bytes[inner].contains(0x2F) {
      return Found(range: inner, span: start..<(j + 1), form: .email)
    }
    return nil
  }

  private static func bareURL(_ bytes: [UInt8], at start: Int, limit: Int) -> Found? {
    var hostStart: Int
    var form = Found.Form.bare
    if let scheme = schemeLength(bytes, at: start, limit: limit),
      start + scheme + 2 < limit, bytes[start + scheme] == 0x2F, bytes[start + scheme + 1] == 0x2F
    {
      hostStart = start + scheme + 2
    } else if start + 4 < limit, lower(bytes[start]) == 0x77, lower(bytes[start + 1]) == 0x77,
      lower(bytes[start + 2]) == 0x77, bytes[start + 3] == 0x2E
    {
      hostStart = start + 4
      form = .www
    } else {
      return nil
    }
    // A host needs at least one character that is not a terminator or punctuation; only
    // `file:///path` has an empty one.
    let isFile = form == .bare && hostStart - start == 7 && (bytes[start] | 0x20) == 0x66
      && (bytes[start + 1] | 0x20) == 0x69 && (bytes[start + 2] | 0x20) == 0x6C && (bytes[start + 3] | 0x20) == 0x65
    guard hostStart < limit, !isTerminator(bytes, hostStart), bytes[hostStart] != 0x2F || isFile else {
      return nil
    }
    var j = hostStart
    while j < limit, !isTerminator(bytes, j) { j += 1 }
    var endIndex = trimTrailing(bytes, start..<j)
    // Trailing punctuation may be trimmed back into the `www.` prefix ("www.)"): no host is left.
    if endIndex <= hostStart { return nil }
    if form == .www, !bytes[hostStart..<endIndex].contains(0x2E) { return nil }
    endIndex = max(endIndex, hostStart + 1)
    return Found(range: start..<endIndex, span: start..<endIndex, form: form)
  }

  /// Length of `scheme:` (without the colon's successor) when `bytes[at...]` starts a URL scheme
  /// followed by `:`; returns the index distance to just after the colon.
  private static func schemeLength(_ bytes: [UInt8], at start: Int, limit: Int) -> Int? {
    guard start < limit, isASCIILetter(bytes[start]) else { return nil }
    var j = start + 1
    while j < limit, j - start <= 32 {
      let c = bytes[j]
      if c == 0x3A { return j - start >= 2 ? j + 1 - start : nil }
      guard isASCIILetter(c) || isASCIIDigit(c) || c == 0x2B || c == 0x2D || c == 0x2E else {
        return nil
      }
      j += 1
    }
    return nil
  }

  /// Drops trailing punctuation that ends a sentence rather than the URL, and a closing
  /// bracket that has no opening partner inside the URL.
  static func trimTrailing(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
    var end = range.upperBound
    while end > range.lowerBound {
      let c = bytes[end - 1]
      switch c {
      case 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0x27, 0x2A, 0x5F, 0x7E, 0x5C:  // . , : ; ! ? ' * _ ~ \ (hard break)
        end -= 1
        continue
      case 0x29, 0x5D, 0x7D:  // ) ] }
        let open: UInt8 = c == 0x29 ? 0x28 : (c == 0x5D ? 0x5B : 0x7B)
        var balance = 0
        for k in range.lowerBound..<end {
          if bytes[k] == open { balance += 1 } else if bytes[k] == c { balance -= 1 }
        }
        if balance < 0 {
          end -= 1
          continue
        }
      default:
        break
      }
      break
    }
    return end
  }

  /// Where a bare URL stops: ASCII whitespace and controls, `<`, `>`, `"`, backtick, and the
  /// Unicode quotation marks and spaces that people type around URLs.
  private static func isTerminator(_ bytes: [UInt8], _ i: Int) -> Bool {
    let c = bytes[i]
    if c <= 0x20 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x60 || c == 0x7F { return true }
    if c < 0x80 { return false }
    guard c == 0xE2 || c == 0xC2 || c == 0xE3 || c == 0xEF, i + 1 < bytes.count else { return false }
    let d = bytes[i + 1]
    if c == 0xC2 { return d == 0xA0 || d == 0xAB || d == 0xBB }  // NBSP « »
    if c == 0xE3 { return d == 0x80 && i + 2 < bytes.count && (bytes[i + 2] == 0x80 || (0x8C...0x8F).contains(bytes[i + 2])) }
    if c == 0xEF { return d == 0xBC && i + 2 < bytes.count && bytes[i + 2] == 0x82 }  // ＂
    guard i + 2 < bytes.count else { return false }
    let e = bytes[i + 2]
    if d == 0x80 {
      // U+2000–U+200B spaces, U+2018–U+201F quotes, U+2028/9, U+202F, U+2039/A
      return (0x80...0x8B).contains(e) || (0x98...0x9F).contains(e) || e == 0xA8 || e == 0xA9
        || e == 0xAF || e == 0xB9 || e == 0xBA
    }
    if d == 0x81 { return e == 0x9F || e == 0xA0 }  // U+205F, U+2060
    return false
  }

  /// Letters, digits, `+`, `-` and `.`: what a URL scheme is made of.
  @inline(__always) static func isSchemeByte(_ c: UInt8) -> Bool {
    isASCIILetter(c) || isASCIIDigit(c) || c == 0x2B || c == 0x2D || c == 0x2E
  }
  @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
  @inline(__always) static func isASCIIDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
  @inline(__always) private static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
  /// Whether the scalar ending just before `i` is a letter or digit: such a scalar glues itself
  /// to what follows (`xhttps://` is not a URL), while `“`, `(`, a space or an emphasis
  /// delimiter (`*`, `_`, `~`, as in GFM) do not.
  static func endsWithWordScalar(_ bytes: [UInt8], before i: Int, floor: Int) -> Bool {
    let c = bytes[i - 1]
    if c < 0x80 { return isASCIILetter(c) || isASCIIDigit(c) }
    var start = i - 1
    while start > floor, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    guard let scalar = String(decoding: bytes[start..<i], as: UTF8.self).unicodeScalars.first else {
      return false
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }
}
