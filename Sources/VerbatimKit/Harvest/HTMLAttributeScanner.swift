/// `href` and `src` attributes in raw HTML that a note embeds (cmark-gfm gives only an HTML node).
/// HTML comments are skipped; `&amp;`-style entities in values are decoded.
enum HTMLAttributeScanner {
  struct Attribute: Equatable {
    var name: String
    var value: String
    /// Byte range of the value as written (without quotes).
    var range: Range<Int>
  }

  static let names: [[UInt8]] = [Array("href".utf8), Array("src".utf8)]

  static func scan(_ bytes: [UInt8], in range: Range<Int>) -> [Attribute] {
    var result: [Attribute] = []
    var i = range.lowerBound
    var inTag = false
    while i < range.upperBound {
      let c = bytes[i]
      if !inTag {
        if c == 0x3C {
          if bytes[i..<range.upperBound].starts(with: Array("<!--".utf8)) {
            let rest = bytes[(i + 4)..<range.upperBound]
            guard let close = rest.firstRange(of: Array("-->".utf8)) else { return result }
            i = close.upperBound
            continue
          }
          inTag = true
        }
        i += 1
        continue
      }
      if c == 0x3E {
        inTag = false
        i += 1
        continue
      }
      // Another attribute's quoted value (`alt="a src=b"`) holds no attributes.
      if c == 0x22 || c == 0x27 {
        guard let close = bytes[(i + 1)..<range.upperBound].firstIndex(of: c) else { return result }
        i = close + 1
        continue
      }
      // An attribute name starts after whitespace.
      guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else {
        i += 1
        continue
      }
      i += 1
      for name in names {
        guard i + name.count < range.upperBound,
          zip(bytes[i..<(i + name.count)], name).allSatisfy({ ($0 | 0x20) == $1 })
        else { continue }
        var j = i + name.count
        while j < range.upperBound, isSpace(bytes[j]) { j += 1 }
        guard j < range.upperBound, bytes[j] == 0x3D else { continue }
        j += 1
        while j < range.upperBound, isSpace(bytes[j]) { j += 1 }
        guard j < range.upperBound else { continue }
        let quote = bytes[j]
        var valueRange: Range<Int>
        // Where scanning resumes: past the closing quote, so it is not read as an opening one.
        let next: Int
        if quote == 0x22 || quote == 0x27 {
          guard let close = bytes[(j + 1)..<range.upperBound].firstIndex(of: quote) else { continue }
          valueRange = (j + 1)..<close
          next = close + 1
        } else {
          var e = j
          while e < range.upperBound, bytes[e] > 0x20, bytes[e] != 0x3E { e += 1 }
          valueRange = j..<e
          next = e
        }
        // Browsers ignore spaces around a URL attribute's value.
        var (from, to) = (valueRange.lowerBound, valueRange.upperBound)
        while from < to, isSpace(bytes[from]) { from += 1 }
        while to > from, isSpace(bytes[to - 1]) { to -= 1 }
        valueRange = from..<to
        let raw = Array(bytes[valueRange])
        let value = MarkdownPlainText.decodeEntities(raw)
        if !value.isEmpty {
          result.append(Attribute(name: String(decoding: name, as: UTF8.self), value: value, range: valueRange))
        }
        i = next
        break
      }
    }
    return result
  }

  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
