/// A fast reader for the plain front matter almost every note has (`key: value` lines, flow
/// lists of plain words, `- item` lists, simply quoted strings).
///
/// It recognises only a strict subset of YAML whose meaning is unambiguous and answers nil for
/// anything else (anchors, block scalars, nesting, escapes, comments, flow mappings), so
/// `FrontMatterLinks` falls back to the full YAML parser whenever the subset does not fit.
/// Parsing front matter with the full parser cost more than parsing the note's Markdown.
enum SimpleFrontMatter {
  struct Scalar: Equatable {
    var key: String
    var value: String
    /// Where the scalar's token starts (the opening quote for quoted scalars), as a YAML
    /// parser's mark would say: 1-based line within the block, 1-based scalar column.
    var line: Int
    var column: Int
    var quoted: Bool
  }

  static func parse(_ bytes: ArraySlice<UInt8>) -> [Scalar]? {
    var scalars: [Scalar] = []
    var currentKey: String?  // key whose value is an indented `- item` list
    var lineNumber = 0
    var lineStart = bytes.startIndex
    while lineStart < bytes.endIndex {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.endIndex, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      var end = lineEnd
      while end > lineStart, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
      defer { lineStart = lineEnd + 1 }
      let line = bytes[lineStart..<end]
      guard let first = line.first else { continue }
      if first == 0x20 || first == 0x2D {  // `  - item` under a key with no value
        guard let key = currentKey else { return nil }
        var i = lineStart
        while i < end, bytes[i] == 0x20 { i += 1 }
        guard i + 1 < end, bytes[i] == 0x2D, bytes[i + 1] == 0x20 else { return nil }
        i += 2
        while i < end, bytes[i] == 0x20 { i += 1 }
        guard let scalar = value(bytes, i..<end, key: key, line: lineNumber, lineStart: lineStart) else { return nil }
        scalars.append(scalar)
        continue
      }
      currentKey = nil
      // `key:` then a space and a value, or nothing.
      var colon = lineStart
      while colon < end, bytes[colon] != 0x3A {
        let c = bytes[colon]
        guard isKeyByte(c) else { return nil }
        colon += 1
      }
      guard colon < end, colon > lineStart else { return nil }
      let key = String(decoding: bytes[lineStart..<colon], as: UTF8.self)
      var v = colon + 1
      if v == end {
        currentKey = key
        continue
      }
      guard bytes[v] == 0x20 else { return nil }
      while v < end, bytes[v] == 0x20 { v += 1 }
      if v == end {
        currentKey = key
        continue
      }
      if bytes[v] == 0x5B {  // flow list of plain items
        guard bytes[end - 1] == 0x5D else { return nil }
        var itemStart = v + 1
        while itemStart < end - 1 {
          while itemStart < end - 1, bytes[itemStart] == 0x20 { itemStart += 1 }
          var itemEnd = itemStart
          while itemEnd < end - 1, bytes[itemEnd] != 0x2C { itemEnd += 1 }
          var trimmed = itemEnd
          while trimmed > itemStart, bytes[trimmed - 1] == 0x20 { trimmed -= 1 }
          if trimmed > itemStart {
            guard let scalar = value(bytes, itemStart..<trimmed, key: key, line: lineNumber, lineStart: lineStart, inFlow: true)
            else { return nil }
            scalars.append(scalar)
          }
          itemStart = itemEnd + 1
        }
        continue
      }
      guard let scalar = value(bytes, v..<end, key: key, line: lineNumber, lineStart: lineStart) else { return nil }
      scalars.append(scalar)
    }
    return scalars
  }

  private static func value(
    _ bytes: ArraySlice<UInt8>, _ range: Range<Int>, key: String, line: Int, lineStart: Int, inFlow: Bool = false
  ) -> Scalar? {
    guard let first = range.first.map({ bytes[$0] }) else { return nil }
    let column = String(decoding: bytes[lineStart..<range.lowerBound], as: UTF8.self).unicodeScalars.count + 1
    if first == 0x22 || first == 0x27 {  // "…" or '…' without escapes or inner quotes
      guard range.count >= 2, bytes[range.upperBound - 1] == first else { return nil }
      let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
      guard !bytes[inner].contains(first), !bytes[inner].contains(0x5C) else { return nil }
      return Scalar(key: key, value: String(decoding: bytes[inner], as: UTF8.self), line: line, column: column, quoted: true)
    }
    // Plain scalars: no indicator first, no `: ` or ` #` inside, nothing flow-special in lists.
    guard !"[]{}&*!|>%@`#,?:-".utf8.contains(first) else { return nil }
    var previous: UInt8 = 0
    for i in range {
      let c = bytes[i]
      if c == 0x23 && previous == 0x20 { return nil }
      if previous == 0x3A && c == 0x20 { return nil }
      if inFlow && (c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D) { return nil }
      if c == 0x09 { return nil }
      previous = c
    }
    if previous == 0x3A { return nil }
    return Scalar(key: key, value: String(decoding: bytes[range], as: UTF8.self), line: line, column: column, quoted: false)
  }

  private static func isKeyByte(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
      || c == 0x2E || c >= 0x80
  }
}
