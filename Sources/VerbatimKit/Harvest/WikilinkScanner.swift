/// Finds Obsidian `[[wikilinks]]` and `![[embeds]]`, which cmark-gfm leaves as plain text.
enum WikilinkScanner {
  struct Found: Equatable {
    /// Whole construct, `![[`/`[[` to `]]`.
    var span: Range<Int>
    /// Byte range of the target as written: before `|` (or `\|`), whitespace trimmed, `#` kept.
    var targetRange: Range<Int>
    /// The target text (the bytes of `targetRange`).
    var target: String
    var alias: String?
    var isEmbed: Bool
  }

  static func scan(_ bytes: [UInt8], in range: Range<Int>, excluding excluded: [Range<Int>] = [])
    -> [Found]
  {
    var found: [Found] = []
    var i = range.lowerBound
    var next = 0
    while i + 1 < range.upperBound {
      while next < excluded.count, excluded[next].upperBound <= i { next += 1 }
      if next < excluded.count, excluded[next].contains(i) {
        i = excluded[next].upperBound
        continue
      }
      guard bytes[i] == 0x5B, bytes[i + 1] == 0x5B else {
        i += 1
        continue
      }
      // Find the closing `]]` on the same line.
      var j = i + 2
      var close: Int?
      while j + 1 < range.upperBound, bytes[j] != 0x0A {
        if bytes[j] == 0x5D && bytes[j + 1] == 0x5D {
          close = j
          break
        }
        if bytes[j] == 0x5B && bytes[j + 1] == 0x5B { break }
        j += 1
      }
      guard let close, close > i + 2 else {
        i += 2
        continue
      }
      let embed = i > range.lowerBound && bytes[i - 1] == 0x21
      let innerStart = i + 2
      // The alias separator is the first `|`; in a table cell it is written `\|` (Obsidian's own
      // form), whose backslash belongs to neither side.
      let bar = bytes[innerStart..<close].firstIndex(of: 0x7C)
      var targetEnd = bar ?? close
      if bar != nil, targetEnd > innerStart, bytes[targetEnd - 1] == 0x5C { targetEnd -= 1 }
      // The target without surrounding whitespace: its range is where it starts as written.
      var targetStart = innerStart
      while targetStart < targetEnd, isSpace(bytes[targetStart]) { targetStart += 1 }
      while targetEnd > targetStart, isSpace(bytes[targetEnd - 1]) { targetEnd -= 1 }
      let target = String(decoding: bytes[targetStart..<targetEnd], as: UTF8.self)
      let alias = bar.map { String(decoding: bytes[($0 + 1)..<close], as: UTF8.self).trimmingWhitespace() }
      found.append(
        Found(
          span: (embed ? i - 1 : i)..<(close + 2), targetRange: targetStart..<targetEnd,
          target: target, alias: alias, isEmbed: embed))
      i = close + 2
    }
    return found
  }

  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
}
