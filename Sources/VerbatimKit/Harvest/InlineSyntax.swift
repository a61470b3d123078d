/// Small pieces of CommonMark inline syntax that Verbatim reads from raw bytes itself.
enum InlineSyntax {
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

/// Link reference definitions (`[label]: url "title"`), read from lines cmark-gfm consumed
/// without a trace: cmark-gfm drops definitions, used or not, from its tree.
enum ReferenceDefinitions {
  struct Definition {
    var label: String
    var destination: Range<Int>
    var span: Range<Int>
  }

  /// Parses one line, after any block-quote markers and up to three spaces of indentation.
  static func parse(_ bytes: [UInt8], _ line: Range<Int>) -> Definition? {
    var i = line.lowerBound
    // Block-quote markers and indentation.
    while i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x3E { i += 1 }
    guard i + 3 < line.upperBound, bytes[i] == 0x5B, bytes[i + 1] != 0x5E else { return nil }
    guard let close = InlineSyntax.closingBracket(bytes, openAt: i, limit: line.upperBound),
      close > i + 1, close + 1 < line.upperBound, bytes[close + 1] == 0x3A
    else { return nil }
    let label = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
    var d = close + 2
    while d < line.upperBound, bytes[d] == 0x20 || bytes[d] == 0x09 { d += 1 }
    guard d < line.upperBound else { return nil }
    var destination: Range<Int>
    if bytes[d] == 0x3C {
      guard let end = bytes[(d + 1)..<line.upperBound].firstIndex(of: 0x3E) else { return nil }
      destination = (d + 1)..<end
    } else {
      var e = d
      while e < line.upperBound, bytes[e] > 0x20 { e += 1 }
      destination = d..<e
    }
    guard !destination.isEmpty else { return nil }
    return Definition(label: label, destination: destination, span: i..<line.upperBound)
  }
}
