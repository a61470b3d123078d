/// Finds Obsidian `[[wikilinks]]` and `![[embeds]]`, which cmark-gfm leaves as plain text.
enum WikilinkScanner {
  struct Found: Equatable {
    /// Whole construct, `![[`/`[[` to `]]`.
    var span: Range<Int>
    /// Byte range of the target text (before `|`, `#` kept).
    var targetRange: Range<Int>
    /// Target with `\|` unescaped (table cells) and whitespace trimmed.
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
      let inner = Array(bytes[(i + 2)..<close])
      // The alias separator is the first `|` not escaped by a backslash.
      var bar: Int?
      var k = 0
      while k < inner.count {
        if inner[k] == 0x7C && (k == 0 || inner[k - 1] != 0x5C) {
          bar = k
          break
        }
        k += 1
      }
      var targetBytes = bar.map { Array(inner[0..<$0]) } ?? inner
      if targetBytes.last == 0x5C { targetBytes.removeLast() }  // `Paper\|short` in tables
      let target = String(decoding: targetBytes, as: UTF8.self).trimmingWhitespace()
      let alias = bar.map { String(decoding: inner[($0 + 1)...], as: UTF8.self).trimmingWhitespace() }
      found.append(
        Found(
          span: (embed ? i - 1 : i)..<(close + 2),
          targetRange: (i + 2)..<(i + 2 + targetBytes.count),
          target: target, alias: alias, isEmbed: embed))
      i = close + 2
    }
    return found
  }
}
