/// Pairs quotation marks in a run of prose and returns the outermost quoted spans.
///
/// Unambiguous pairs (`“…”`, `‘…’`, `«…»`, `‹…›`, `„…“`, `「…」`, `『…』`) pair by kind; straight
/// `"` and `'` pair by flanking (quotes.md §1): an opening mark follows the start, whitespace or
/// an opening bracket or dash and precedes a non-space; a closing mark follows a non-space. A
/// straight `'` between two letters is an apostrophe, as is `’` there. Inner pairs stay inside
/// the outer quote's text (`"a 2x "compute multiplier" (CM)…"` is one quote).
enum InlineQuoteScanner {
  struct Span: Equatable {
    /// Byte range of the opening mark.
    var open: Range<Int>
    /// Byte range of the closing mark.
    var close: Range<Int>
    /// The quoted words between the marks.
    var inner: Range<Int> { open.upperBound..<close.lowerBound }
  }

  private enum Family: CaseIterable { case double, single, guillemet, singleGuillemet, corner, whiteCorner }

  private struct Mark {
    var range: Range<Int>
    var family: Family
    var canOpen: Bool
    var canClose: Bool
    /// `„` and `‚` open German-style quotes that `“`/`‘` close.
    var low: Bool = false
    /// `“` and `‘` close only a German-style low opener; elsewhere they open.
    var closesLowOnly: Bool = false
  }

  /// Scans `range`, skipping the sorted, non-overlapping `excluded` ranges (which may cover the
  /// whole note: the first relevant one is found by binary search).
  static func scan(_ bytes: [UInt8], in range: Range<Int>, excluding excluded: [Range<Int>]) -> [Span] {
    // Open marks, innermost last, and for each family (and low/high opener) the stack indices of
    // its open marks: a closer finds its opener in O(1) instead of searching the whole stack,
    // which is quadratic for thousands of unpaired marks.
    var stack: [Mark] = []
    var openers = [[Int]](repeating: [], count: Family.allCases.count * 2)
    var pairs: [Span] = []
    var i = range.lowerBound
    var next = firstExcluded(excluded, endingAfter: range.lowerBound)
    while i < range.upperBound {
      while next < excluded.count, excluded[next].upperBound <= i { next += 1 }
      if next < excluded.count, excluded[next].contains(i) {
        i = excluded[next].upperBound
        continue
      }
      let b = bytes[i]
      guard b == 0x22 || b == 0x27 || b == 0xE2 || b == 0xC2 || b == 0xE3 else {
        i += 1
        continue
      }
      guard let mark = classify(bytes, at: i, range: range) else {
        i += 1
        continue
      }
      i = mark.range.upperBound
      if mark.canClose, let openerIndex = opener(for: mark, openers) {
        let opener = stack[openerIndex]
        stack.removeSubrange(openerIndex...)
        for k in openers.indices {
          while let last = openers[k].last, last >= openerIndex { openers[k].removeLast() }
        }
        pairs.append(Span(open: opener.range, close: mark.range))
      } else if mark.canOpen {
        openers[slot(mark.family, low: mark.low)].append(stack.count)
        stack.append(mark)
      }
    }
    // Keep only the outermost pairs, in document order.
    pairs.sort { $0.open.lowerBound < $1.open.lowerBound }
    var outer: [Span] = []
    for pair in pairs {
      if let last = outer.last, pair.open.lowerBound < last.close.upperBound { continue }
      outer.append(pair)
    }
    return outer
  }

  private static func slot(_ family: Family, low: Bool) -> Int {
    Family.allCases.firstIndex(of: family)! * 2 + (low ? 1 : 0)
  }

  /// Stack index of the innermost open mark `closer` closes: same family, and a low opener
  /// (`„`, `‚`) for a closer that closes only those.
  private static func opener(for closer: Mark, _ openers: [[Int]]) -> Int? {
    let low = openers[slot(closer.family, low: true)].last
    if closer.closesLowOnly { return low }
    let high = openers[slot(closer.family, low: false)].last
    switch (low, high) {
    case (let l?, let h?): return max(l, h)
    default: return low ?? high
    }
  }

  /// Index of the first range in sorted, disjoint `ranges` that ends after `offset`.
  static func firstExcluded(_ ranges: [Range<Int>], endingAfter offset: Int) -> Int {
    var lo = 0
    var hi = ranges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if ranges[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  private static func classify(_ bytes: [UInt8], at i: Int, range: Range<Int>) -> Mark? {
    let b = bytes[i]
    if b == 0x22 || b == 0x27 {
      let before = scalar(before: i, bytes, floor: range.lowerBound)
      let after = scalar(at: i + 1, bytes, limit: range.upperBound)
      let family: Family = b == 0x22 ? .double : .single
      let prevSpace = before.map(isSpaceOrOpening) ?? true
      let nextSpace = after.map { $0.properties.isWhitespace } ?? true
      let nextClosing = after.map(isSpaceOrClosing) ?? true
      if family == .single, let p = before, let n = after, isWord(p), isWord(n) { return nil }
      var canOpen = prevSpace && !nextSpace
      var canClose = !(before.map { $0.properties.isWhitespace } ?? true) && nextClosing
      if family == .single {
        canOpen = canOpen && after.map(isWord) == true
        canClose = canClose && before.map { isWord($0) || ".,!?;:".unicodeScalars.contains($0) } == true
      }
      if !canOpen && !canClose, before != nil, after != nil, family == .double {
        canClose = true  // `a"b`: close an open quote if there is one
      }
      return Mark(range: i..<(i + 1), family: family, canOpen: canOpen, canClose: canClose)
    }
    guard let s = scalar(at: i, bytes, limit: range.upperBound) else { return nil }
    let length = String(s).utf8.count
    let r = i..<(i + length)
    switch s.value {
    case 0x201C:
      return Mark(range: r, family: .double, canOpen: true, canClose: true, closesLowOnly: true)
    case 0x201D: return Mark(range: r, family: .double, canOpen: false, canClose: true)
    case 0x201E: return Mark(range: r, family: .double, canOpen: true, canClose: false, low: true)
    case 0x2018:
      return Mark(range: r, family: .single, canOpen: true, canClose: true, closesLowOnly: true)
    case 0x201A: return Mark(range: r, family: .single, canOpen: true, canClose: false, low: true)
    case 0x2019:
      let before = scalar(before: i, bytes, floor: range.lowerBound)
      let after = scalar(at: i + length, bytes, limit: range.upperBound)
      if let p = before, let n = after, isWord(p), isWord(n) { return nil }  // apostrophe
      if before.map({ $0.properties.isWhitespace }) ?? true { return nil }
      return Mark(range: r, family: .single, canOpen: false, canClose: true)
    case 0x00AB: return Mark(range: r, family: .guillemet, canOpen: true, canClose: false)
    case 0x00BB: return Mark(range: r, family: .guillemet, canOpen: false, canClose: true)
    case 0x2039: return Mark(range: r, family: .singleGuillemet, canOpen: true, canClose: false)
    case 0x203A: return Mark(range: r, family: .singleGuillemet, canOpen: false, canClose: true)
    case 0x300C: return Mark(range: r, family: .corner, canOpen: true, canClose: false)
    case 0x300D: return Mark(range: r, family: .corner, canOpen: false, canClose: true)
    case 0x300E: return Mark(range: r, family: .whiteCorner, canOpen: true, canClose: false)
    case 0x300F: return Mark(range: r, family: .whiteCorner, canOpen: false, canClose: true)
    default: return nil
    }
  }

  private static func isWord(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || s.properties.numericType != nil
  }

  private static func isSpaceOrOpening(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || "([{<—–-/*_~>".unicodeScalars.contains(s)
      || s.value == 0x201C || s.value == 0x2018 || s.value == 0xAB
  }

  private static func isSpaceOrClosing(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || ".,;:!?)]}—–-/*_~\"'[<".unicodeScalars.contains(s)
      || s.value == 0x201D || s.value == 0x2019 || s.value == 0xBB || s.value == 0x2026
  }

  /// The scalar starting at byte `i`, nil at or past `limit`.
  static func scalar(at i: Int, _ bytes: [UInt8], limit: Int) -> Unicode.Scalar? {
    guard i < limit else { return nil }
    let b = bytes[i]
    if b < 0x80 { return Unicode.Scalar(b) }
    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    guard i + length <= limit else { return nil }
    return String(decoding: bytes[i..<(i + length)], as: UTF8.self).unicodeScalars.first
  }

  /// The scalar ending just before byte `i`, nil at `floor`.
  static func scalar(before i: Int, _ bytes: [UInt8], floor: Int) -> Unicode.Scalar? {
    guard i > floor else { return nil }
    var start = i - 1
    while start > floor, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return String(decoding: bytes[start..<i], as: UTF8.self).unicodeScalars.first
  }
}
