/// The bytes of one note, made ready for parsing without moving any byte.
///
/// - `text`: the note as valid UTF-8 (BOM dropped, invalid sequences replaced by U+FFFD, which
///   changes offsets only for broken notes, and is reported); a lone CR (old Mac line ending) is
///   read as LF, as cmark-gfm reads it.
/// - `parseText`: the same bytes with front matter and Obsidian `%% comments %%` blanked to
///   spaces (newlines kept), so cmark-gfm sees neither while every offset and line stays put; NUL
///   bytes are spaces in it too.
struct NoteSource {
  let path: String
  let text: [UInt8]
  var parseText: [UInt8]
  let lines: LineIndex
  /// Byte range of the front matter block's content (between the `---` lines), if any.
  let frontMatter: Range<Int>?
  /// Byte ranges of `%% … %%` comments (delimiters included).
  var comments: [Range<Int>] = []
  var diagnostics: [Diagnostic] = []

  init(path: String, bytes: [UInt8]) {
    self.path = path
    var bytes = bytes
    var diagnostics: [Diagnostic] = []
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if !NoteSource.isValidUTF8(bytes) {
      let firstBad = NoteSource.firstInvalidUTF8Line(bytes)
      bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
      diagnostics.append(
        Diagnostic(
          .warning, file: path, line: firstBad,
          "invalid UTF-8; decoded with replacement characters (U+FFFD)"))
    }
    // A lone CR ends a line for cmark-gfm (CommonMark) but not for `LineIndex`: made an LF in place,
    // so both count the same lines and no byte moves.
    for i in bytes.indices where bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A) {
      bytes[i] = 0x0A
    }
    self.text = bytes
    self.parseText = bytes
    // cmark-gfm reads a NUL as U+FFFD (3 bytes), which would shift every later column of its line:
    // the parser sees a space instead.
    for i in parseText.indices where parseText[i] == 0 { parseText[i] = 0x20 }
    self.lines = LineIndex(bytes)
    self.frontMatter = NoteSource.findFrontMatter(bytes)
    self.diagnostics = diagnostics
    if let fm = frontMatter {
      // Blank the whole block, delimiters included.
      let end = min(bytes.count, lines.starts.count > lines.lineIndex(of: fm.upperBound) + 1
        ? lines.starts[lines.lineIndex(of: fm.upperBound) + 1] : bytes.count)
      blank(0..<end)
    }
  }

  /// Replaces every byte but line terminators with a space.
  mutating func blank(_ range: Range<Int>) {
    for i in range where parseText[i] != 0x0A && parseText[i] != 0x0D { parseText[i] = 0x20 }
  }

  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
    var line = 1
    var lineStart = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      if !isValidUTF8(Array(bytes[lineStart..<i])) { return line }
      line += 1
      lineStart = i + 1
    }
    return line
  }

  /// A front matter block: `---` on the first line, closed by a `---` or `...` line.
  /// Returns the byte range of its content.
  static func findFrontMatter(_ bytes: [UInt8]) -> Range<Int>? {
    guard bytes.count >= 4, bytes[0] == 0x2D, bytes[1] == 0x2D, bytes[2] == 0x2D else { return nil }
    var i = 3
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    if i < bytes.count, bytes[i] == 0x0D { i += 1 }
    guard i < bytes.count, bytes[i] == 0x0A else { return nil }
    let contentStart = i + 1
    var lineStart = contentStart
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      var trimmedEnd = lineEnd
      while trimmedEnd > lineStart,
        bytes[trimmedEnd - 1] == 0x20 || bytes[trimmedEnd - 1] == 0x09 || bytes[trimmedEnd - 1] == 0x0D
      {
        trimmedEnd -= 1
      }
      let line = bytes[lineStart..<trimmedEnd]
      if line.elementsEqual([0x2D, 0x2D, 0x2D]) || line.elementsEqual([0x2E, 0x2E, 0x2E]) {
        return contentStart..<lineStart
      }
      lineStart = lineEnd + 1
    }
    return nil
  }
}
