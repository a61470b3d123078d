import Foundation  // only for NFC / NFKC / NFD (precomposed…/decomposed… mappings)

/// A normalised matching key with a map from each key scalar back to the source scalar it came from.
struct QuoteKey: Sendable, Equatable {
  var scalars: [Unicode.Scalar]
  /// For each key scalar, the index (in `Array(source.unicodeScalars)`) of the source scalar it came from.
  var sourceIndex: [Int]
  /// For each key scalar, the exclusive end of its source span. Longer than one scalar when a step merged
  /// several source scalars (an NFC cluster such as `e`+U+0301, a whitespace run, `--`).
  var sourceEnd: [Int]

  var count: Int { scalars.count }
  /// The key as a string (for tests and diagnostics).
  var string: String { QuoteNormalizer.string(scalars[...]) }
  /// At least one letter or digit: the key holds a word.
  var hasWord: Bool { scalars.contains(where: Chars.isAlnum) }

  /// The source scalar range covered by key range `r` (from the first key scalar's source to the last's, inclusive).
  func sourceRange(_ r: Range<Int>) -> Range<Int> {
    guard !r.isEmpty else {
      let p = r.lowerBound < count ? sourceIndex[r.lowerBound] : (sourceEnd.last ?? 0)
      return p..<p
    }
    let a = sourceIndex[r.lowerBound]
    return a..<max(a + 1, sourceEnd[r.upperBound - 1])
  }
}

enum KeyLevel: Int, Sendable, Comparable {
  case exact = 0  // N0 only
  case typographic  // N0–N8
  case folded  // N0–N11
  static func < (a: KeyLevel, b: KeyLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Work buffer of one pipeline: scalars plus the source span each one came from.
struct KeyBuffer {
  var s: [Unicode.Scalar] = []
  var lo: [Int] = []
  var hi: [Int] = []

  init(reserving n: Int) {
    s.reserveCapacity(n)
    lo.reserveCapacity(n)
    hi.reserveCapacity(n)
  }
  init(source: [Unicode.Scalar]) {
    s = source
    lo = Array(0..<source.count)
    hi = Array(1..<(source.count + 1))
  }
  mutating func add(_ c: Unicode.Scalar, _ l: Int, _ h: Int) {
    s.append(c)
    lo.append(l)
    hi.append(h)
  }
  mutating func copy(_ b: KeyBuffer, _ i: Int) { add(b.s[i], b.lo[i], b.hi[i]) }
  mutating func extendLast(to h: Int) { hi[hi.count - 1] = max(hi[hi.count - 1], h) }
  mutating func removeLast() {
    s.removeLast()
    lo.removeLast()
    hi.removeLast()
  }
  var key: QuoteKey { QuoteKey(scalars: s, sourceIndex: lo, sourceEnd: hi) }
}

/// Scalar classes used by the pipeline (design §3) and by the matcher.
enum Chars {
  /// N1: invisible format characters that are deleted.
  static func isInvisible(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0xAD, 0x34F, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069,
      0xFE00...0xFE0F, 0xFEFF:
      return true
    default: return false
    }
  }
  /// N2: Unicode `White_Space`.
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default: return false
    }
  }
  /// N4: double quotation marks.
  static func isDoubleQuote(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x22, 0xAB, 0xBB, 0x201C...0x201F, 0x2039, 0x203A, 0x300C...0x300F, 0x301D...0x301F, 0xFF02:
      return true
    default: return false
    }
  }
  /// N5: single quotation marks and apostrophes.
  static func isSingleQuote(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x27, 0x60, 0xB4, 0x2BC, 0x2018...0x201B, 0x2032, 0xFF07: return true
    default: return false
    }
  }
  static func isQuote(_ c: Unicode.Scalar) -> Bool { isDoubleQuote(c) || isSingleQuote(c) }
  /// N7: dashes, hyphens and minus signs.
  static func isDash(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return true
    default: return false
    }
  }
  /// N8: punctuation trimmed at segment ends.
  static func isEdgePunct(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F: return true
    default: return false
    }
  }
  /// Letters (and combining marks, which belong to the letter before them).
  static func isLetter(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    if v < 0x80 { return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
    switch c.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark:
      return true
    default: return false
    }
  }
  static func isAlnum(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    if v < 0x80 { return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
    if isLetter(c) { return true }
    let g = c.properties.generalCategory
    return g == .decimalNumber || g == .letterNumber || g == .otherNumber
  }
}

enum QuoteNormalizer {
  enum Form { case nfc, nfkc, stripMarks }

  static func key(_ text: String, level: KeyLevel) -> QuoteKey {
    var b = exactBuffer(Array(text.unicodeScalars))
    if level >= .typographic { b = typographic(b) }
    if level >= .folded { b = folded(b) }
    return b.key
  }

  static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.count + 8)
    for c in s {
      if c.value < 0x80 { bytes.append(UInt8(c.value)) } else { UTF8.encode(c) { bytes.append($0) } }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The note's own outer marks are not part of the quote: trim whitespace, invisibles and quote marks at both ends.
  static func stripOuter(_ a: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
    let skip: (Unicode.Scalar) -> Bool = { Chars.isSpace($0) || Chars.isInvisible($0) || Chars.isQuote($0) }
    var i = 0
    var j = a.count
    while i < j && skip(a[i]) { i += 1 }
    while j > i && skip(a[j - 1]) { j -= 1 }
    return a[i..<j]
  }

  // MARK: Levels

  /// N0: canonical composition.
  static func exactBuffer(_ source: [Unicode.Scalar]) -> KeyBuffer {
    normalize(KeyBuffer(source: source), .nfc)
  }

  /// N1–N8 on an N0 buffer.
  static func typographic(_ b0: KeyBuffer) -> KeyBuffer {
    var b = deleteInvisibles(b0)  // N1
    b = collapseSpaces(b)  // N2
    b = mapQuotes(b)  // N4/N5 early: NFKC would turn U+00B4 into space + accent
    if b.s.contains(where: { !isStable($0.value, .nfkc) }) {
      b = collapseSpaces(normalize(b, .nfkc))  // N3
      b = mapQuotes(b)  // N4, N5
    }
    let dropped = dropOptionalQuotes(b)  // N6
    b = dropped.s.count == b.s.count ? dropped : collapseSpaces(dropped)
    b = dashes(b)  // N7
    return trimEdges(b)  // N8
  }

  /// N9–N11 on a typographic buffer.
  static func folded(_ b0: KeyBuffer) -> KeyBuffer {
    joinLetters(normalize(caseFold(b0), .stripMarks))  // N9, N10, N11
  }

  // MARK: Steps

  /// Scalars that a form leaves alone and that never combine with a neighbour, so they skip Foundation.
  static func isStable(_ v: UInt32, _ form: Form) -> Bool {
    switch form {
    case .nfc:
      return v < 0x300 || (0x2002...0x206F).contains(v) || (0x3000...0x3029).contains(v)
        || (0x4E00...0x9FFF).contains(v)
    case .nfkc:
      return v < 0xA0 || (0xC0...0x131).contains(v) || v == 0x2010 || (0x2012...0x2016).contains(v)
        || (0x2018...0x2023).contains(v) || (0x4E00...0x9FFF).contains(v)
    case .stripMarks:
      return v < 0x80 || (0x2000...0x206F).contains(v) || (0x3000...0x3029).contains(v)
        || (0x4E00...0x9FFF).contains(v)
    }
  }

  static func transform(_ s: String, _ form: Form) -> [Unicode.Scalar] {
    switch form {
    case .nfc: return Array(s.precomposedStringWithCanonicalMapping.unicodeScalars)
    case .nfkc: return Array(s.precomposedStringWithCompatibilityMapping.unicodeScalars)
    case .stripMarks:
      var v = String.UnicodeScalarView()
      for u in s.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(u.value) {
        v.append(u)
      }
      return Array(String(v).precomposedStringWithCanonicalMapping.unicodeScalars)
    }
  }

  /// N0 / N3 / N10: normalise runs of unstable scalars cluster by cluster (grapheme clusters of the run,
  /// which starts at the base before the first unstable scalar). Changed clusters map to their whole span.
  static func normalize(_ b: KeyBuffer, _ form: Form) -> KeyBuffer {
    let n = b.s.count
    guard b.s.contains(where: { !isStable($0.value, form) }) else { return b }
    var out = KeyBuffer(reserving: n + 8)
    var cache: [String: [Unicode.Scalar]] = [:]
    var i = 0
    while i < n {
      if isStable(b.s[i].value, form) && (i + 1 == n || isStable(b.s[i + 1].value, form)) {
        out.copy(b, i)
        i += 1
        continue
      }
      var j = i + 1
      while j < n && !isStable(b.s[j].value, form) { j += 1 }
      var k = i
      for ch in string(b.s[i..<j]) {
        let cs = ch.unicodeScalars
        let cnt = cs.count
        let str = String(ch)
        let res: [Unicode.Scalar]
        if cs.allSatisfy({ isStable($0.value, form) }) {
          res = Array(cs)
        } else if let r = cache[str] {
          res = r
        } else {
          res = transform(str, form)
          cache[str] = res
        }
        if res.elementsEqual(cs) {
          for t in k..<(k + cnt) { out.copy(b, t) }
        } else {
          let l = b.lo[k]
          let h = b.hi[k + cnt - 1]
          for r in res { out.add(r, l, h) }
        }
        k += cnt
      }
      i = j
    }
    return out
  }

  /// N1.
  static func deleteInvisibles(_ b: KeyBuffer) -> KeyBuffer {
    guard b.s.contains(where: Chars.isInvisible) else { return b }
    var out = KeyBuffer(reserving: b.s.count)
    for i in b.s.indices where !Chars.isInvisible(b.s[i]) { out.copy(b, i) }
    return out
  }

  /// N2: every White_Space scalar → one space per run (the space spans the run); trim both ends.
  static func collapseSpaces(_ b: KeyBuffer) -> KeyBuffer {
    if isCollapsed(b.s) { return b }
    var out = KeyBuffer(reserving: b.s.count)
    for i in b.s.indices {
      if Chars.isSpace(b.s[i]) {
        if out.s.isEmpty { continue }
        if out.s[out.s.count - 1] == " " { out.extendLast(to: b.hi[i]) } else { out.add(" ", b.lo[i], b.hi[i]) }
      } else {
        out.copy(b, i)
      }
    }
    if out.s.last == " " { out.removeLast() }
    return out
  }

  /// Already N2-clean: only U+0020 spaces, never two together, none at either end.
  static func isCollapsed(_ s: [Unicode.Scalar]) -> Bool {
    if s.first == " " || s.last == " " { return false }
    var previousSpace = false
    for c in s {
      if c == " " {
        if previousSpace { return false }
        previousSpace = true
      } else {
        if Chars.isSpace(c) { return false }
        previousSpace = false
      }
    }
    return true
  }

  /// N4, N5.
  static func mapQuotes(_ b: KeyBuffer) -> KeyBuffer {
    var out = b
    for i in out.s.indices {
      let c = out.s[i]
      if c.value < 0x80 && c != "`" { continue }
      if Chars.isDoubleQuote(c) { out.s[i] = "\"" } else if Chars.isSingleQuote(c) { out.s[i] = "'" }
    }
    return out
  }

  /// N6: drop `"` and any `'` not between two letters.
  static func dropOptionalQuotes(_ b: KeyBuffer) -> KeyBuffer {
    guard b.s.contains(where: { $0 == "\"" || $0 == "'" }) else { return b }
    var out = KeyBuffer(reserving: b.s.count)
    let n = b.s.count
    for i in 0..<n {
      let c = b.s[i]
      if c == "\"" { continue }
      if c == "'" && !(i > 0 && i + 1 < n && Chars.isLetter(b.s[i - 1]) && Chars.isLetter(b.s[i + 1])) {
        continue
      }
      out.copy(b, i)
    }
    return out
  }

  /// N7: every dash → `-`, runs of dashes → one, no spaces around a dash.
  static func dashes(_ b: KeyBuffer) -> KeyBuffer {
    guard b.s.contains(where: Chars.isDash) else { return b }
    var out = KeyBuffer(reserving: b.s.count)
    for i in b.s.indices {
      let c = b.s[i]
      if Chars.isDash(c) {
        if out.s.last == "-" {
          out.extendLast(to: b.hi[i])
          continue
        }
        if out.s.last == " " { out.removeLast() }
        out.add("-", b.lo[i], b.hi[i])
      } else if c == " " && out.s.last == "-" {
        continue
      } else {
        out.copy(b, i)
      }
    }
    return out
  }

  /// N8: trim `.,;:!?` (and the spaces they leave) at both ends.
  static func trimEdges(_ b: KeyBuffer) -> KeyBuffer {
    let trim: (Unicode.Scalar) -> Bool = { Chars.isEdgePunct($0) || $0 == " " }
    var i = 0
    var j = b.s.count
    while i < j && trim(b.s[i]) { i += 1 }
    while j > i && trim(b.s[j - 1]) { j -= 1 }
    if i == 0 && j == b.s.count { return b }
    var out = KeyBuffer(reserving: j - i)
    for k in i..<j { out.copy(b, k) }
    return out
  }

  /// N9: full case folding, computed as lowercase(uppercase(c)) (ß → ss, ς → σ, ſ → s).
  static func caseFold(_ b: KeyBuffer) -> KeyBuffer {
    var out = KeyBuffer(reserving: b.s.count + 8)
    var cache: [UInt32: [Unicode.Scalar]] = [:]
    for i in b.s.indices {
      let c = b.s[i]
      let v = c.value
      if v < 0x80 {
        out.add((0x41...0x5A).contains(v) ? Unicode.Scalar(UInt8(v + 0x20)) : c, b.lo[i], b.hi[i])
        continue
      }
      guard c.properties.changesWhenCaseFolded else {
        out.copy(b, i)
        continue
      }
      let m: [Unicode.Scalar]
      if let r = cache[v] {
        m = r
      } else {
        m = Array(c.properties.uppercaseMapping.lowercased().unicodeScalars)
        cache[v] = m
      }
      for r in m { out.add(r, b.lo[i], b.hi[i]) }
    }
    return out
  }

  /// N11: between letters, `-` ≡ space ≡ nothing (also joins `letter-⏎lowercase` after N2/N7).
  static func joinLetters(_ b: KeyBuffer) -> KeyBuffer {
    var out = KeyBuffer(reserving: b.s.count)
    let n = b.s.count
    for i in 0..<n {
      let c = b.s[i]
      if c == " " || c == "-", i > 0, i + 1 < n, Chars.isLetter(b.s[i - 1]), Chars.isLetter(b.s[i + 1]) {
        continue
      }
      out.copy(b, i)
    }
    return out
  }
}

extension QuoteNormalizer {
  static func nfkc(_ text: String) -> String { text.precomposedStringWithCompatibilityMapping }
  /// N10 on a whole string: decompose, drop U+0300–U+036F, recompose.
  static func stripMarks(_ text: String) -> String { string(transform(text, .stripMarks)[...]) }
}
