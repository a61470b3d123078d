internal import VerbatimInterop

/// Writes each checked quote's verdict into the note beside the quote, and takes it out again.
///
/// Exists so an audit's findings can live in the vault, where the quote is read, without changing a byte
/// of the note-taker's own: every annotation is a delimited insertion that `remove` finds and deletes
/// exactly, so `remove(annotate(x, q)) == x` for any note without annotations, and `annotate` (which
/// removes old annotations first) gives the same bytes however often it runs. EOL below is the note's
/// own line ending (CRLF when its first line ends with CRLF); a UTF-8 BOM and a missing final newline
/// are kept.
///
/// - Blockquote: `EOL INDENT> [!verbatim] TEXT EOL` right after its last line (after its source line
///   instead, when the quote's source is the `— [Source](…)` paragraph right after it), so it is a
///   callout of its own; INDENT is the blockquote's own indentation (blank for a quote in a list item).
///   None when a `>` line follows directly (the two would merge into one blockquote).
/// - Inline quote: `[^verbatim-N]` right after the closing mark (after any footnote references already
///   there, which stay the quote's attribution), with `[^verbatim-N]: TEXT` at the end of the note.
/// - Text fragment: `[^verbatim-N]` right after the link's `)`, for an inline link `[…](…)` with no
///   title and outside any quoted words; other fragments (reference definitions, bare URLs) get none.
/// - The definitions come at the end of the note, in order, after one blank line, one per line.
///
/// Quotes that were not checked get no annotation: too short, and uncheckable for want of a web source.
/// The quotes must be harvested from `remove(note)` (for a note without annotations: the note itself);
/// one whose recorded words are not where its span says is skipped, as is every quote of a note that is
/// not valid UTF-8 (its positions are those of the repaired text). `[^verbatim-N]` labels and
/// `> [!verbatim]` callout lines after a blank line are Verbatim's: `remove` deletes them.
public enum NoteAnnotator {
  /// The UTF-8 byte order mark.
  static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
  static let calloutMarker = Array("> [!verbatim] ".utf8)
  static let referencePrefix = Array("[^verbatim-".utf8)

  /// `note` with one annotation per checked quote, after removing any previous ones.
  public static func annotate(_ note: [UInt8], quotes: [AuditedQuote]) -> [UInt8] {
    let stripped = remove(note)
    let hasBOM = stripped.starts(with: bom)
    let body = hasBOM ? Array(stripped.dropFirst(3)) : stripped
    guard NoteSource.isValidUTF8(body) else { return note }
    let eol: [UInt8] = lineEnding(body)
    var placement = AnnotationPlacement(body: body, quotes: quotes.map(\.quote))
    var callouts: [(offset: Int, bytes: [UInt8])] = []
    var references: [(offset: Int, text: String)] = []
    let ordered = quotes.enumerated().sorted {
      ($0.element.quote.span.lowerBound, $0.offset) < ($1.element.quote.span.lowerBound, $1.offset)
    }
    for audited in ordered.map(\.element) where isAnnotated(audited) {
      let quote = audited.quote
      switch quote.kind {
      case .block:
        guard let (offset, indent) = placement.afterBlock(quote) else { continue }
        let line = indent + calloutMarker + Array(text(audited).utf8)
        let atEnd = offset == body.count && body.last != 0x0A
        callouts.append((offset, atEnd ? eol + eol + line : eol + line + eol))
      case .inline:
        if let offset = placement.afterInline(quote) { references.append((offset, text(audited))) }
      case .textFragment:
        if let offset = placement.afterFragmentLink(quote) { references.append((offset, text(audited))) }
      }
    }
    guard !callouts.isEmpty || !references.isEmpty else { return stripped }
    // Footnotes are numbered in document order; equal offsets keep the quotes' order.
    let numbered = references.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
    var insertions = callouts
    for (n, reference) in numbered.map(\.element).enumerated() {
      insertions.append((reference.offset, referencePrefix + Array("\(n + 1)]".utf8)))
    }
    insertions = insertions.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
      .map(\.element)
    var out: [UInt8] = hasBOM ? bom : []
    out.reserveCapacity(body.count + insertions.reduce(0) { $0 + $1.bytes.count } + 3)
    var copied = 0
    for insertion in insertions {
      out.append(contentsOf: body[copied..<insertion.offset])
      out.append(contentsOf: insertion.bytes)
      copied = insertion.offset
    }
    out.append(contentsOf: body[copied...])
    if !numbered.isEmpty {
      let definitions = numbered.map(\.element).enumerated().map { n, reference in
        referencePrefix + Array("\(n + 1)]: ".utf8) + Array(reference.text.utf8)
      }
      // One blank line, then the definitions; a note without a final newline still ends without one.
      let endsWithNewline = out.last == 0x0A
      out.append(contentsOf: endsWithNewline ? eol : eol + eol)
      for (k, definition) in definitions.enumerated() {
        out.append(contentsOf: definition)
        if k < definitions.count - 1 || endsWithNewline { out.append(contentsOf: eol) }
      }
    }
    return out
  }

  /// `note` without anything `annotate` added: the trailing definitions block, every callout line
  /// after a blank line, every `[^verbatim-N]` reference.
  public static func remove(_ note: [UInt8]) -> [UInt8] {
    let hasBOM = note.starts(with: bom)
    let body = hasBOM ? note[3...] : note[...]
    guard body.containsSequence(Array("verbatim".utf8)) else { return note }
    var lines = NoteLines.split(body)
    // The definitions block: the trailing `[^verbatim-N]: ` lines and the one blank line before them.
    var k = 0
    while k < lines.count, AnnotationLines.isDefinition(lines[lines.count - 1 - k]) { k += 1 }
    if k > 0, lines.count > k, NoteLines.isBlank(lines[lines.count - 1 - k]) {
      let finalNewline = lines[lines.count - 1].last == 0x0A
      let blank = lines[lines.count - 1 - k]
      lines.removeLast(k + 1)
      if !finalNewline, !lines.isEmpty { NoteLines.dropTerminator(blank, from: &lines[lines.count - 1]) }
    }
    // Callouts: the blank line and the callout line after it.
    var i = lines.count - 1
    while i >= 1 {
      guard AnnotationLines.isCallout(lines[i]), NoteLines.isBlank(lines[i - 1]) else {
        i -= 1
        continue
      }
      let finalNewline = lines[i].last == 0x0A
      let blank = lines[i - 1]
      lines.removeSubrange((i - 1)...i)
      if !finalNewline, i >= 2 { NoteLines.dropTerminator(blank, from: &lines[i - 2]) }
      i -= 2
    }
    var out: [UInt8] = hasBOM ? bom : []
    out.reserveCapacity(note.count)
    for line in lines { AnnotationLines.appendWithoutReferences(line, to: &out) }
    return out
  }

  /// Too-short quotes and quotes without a web source were not checked: nothing to say beside them.
  static func isAnnotated(_ audited: AuditedQuote) -> Bool {
    switch audited.verdict.status {
    case .tooShort: false
    case .uncheckable: audited.quote.sourceKey != nil
    default: true
    }
  }

  /// `verbatim: STATUS (DETAIL) · SPEAKER, ROLE, ORGANISATION · conflict: KIND — SUMMARY`, one line,
  /// escaped so neither Markdown nor Verbatim's own harvest reads a link, quote, tag or comment in it.
  static func text(_ audited: AuditedQuote) -> String {
    var text = "verbatim: " + audited.verdict.status.rawValue
    let detail = audited.verdict.detail.trimmingWhitespace()
    if !detail.isEmpty { text += " (\(detail))" }
    let annotations = audited.annotations
    if let speaker = annotations.speaker?.trimmingWhitespace(), !speaker.isEmpty {
      text += " · " + speaker
      if let tie = annotations.affiliations.first {
        if let role = tie.role?.trimmingWhitespace(), !role.isEmpty { text += ", " + role }
        text += ", " + tie.organisation
      }
    }
    for conflict in annotations.conflicts { text += " · conflict: \(conflict.kind.rawValue) — \(conflict.summary)" }
    return escape(text)
  }

  /// Plain text made inert: line breaks become spaces; Markdown punctuation is backslash-escaped;
  /// quotation marks become entities (an apostrophe between letters stays); `://` and `www.` are broken
  /// with a backslash, so no URL is harvested from an annotation.
  static func escape(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    let entities: [Unicode.Scalar: String] = [
      "\"": "&quot;", "\u{201C}": "&ldquo;", "\u{201D}": "&rdquo;", "\u{201E}": "&bdquo;", "\u{201F}": "&#x201F;",
      "\u{AB}": "&laquo;", "\u{BB}": "&raquo;", "\u{2039}": "&lsaquo;", "\u{203A}": "&rsaquo;",
      "\u{300C}": "&#x300C;", "\u{300D}": "&#x300D;", "\u{300E}": "&#x300E;", "\u{300F}": "&#x300F;",
      "'": "&#39;", "\u{2018}": "&lsquo;", "\u{2019}": "&rsquo;", "\u{201A}": "&sbquo;",
    ]
    let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}"]
    let escaped: Set<Unicode.Scalar> = ["\\", "[", "]", "<", ">", "`", "*", "_", "$", "|"]
    let escapedWhenDoubled: Set<Unicode.Scalar> = ["%", "~", "="]
    func isWord(_ k: Int) -> Bool {
      k >= 0 && k < scalars.count && (scalars[k].properties.isAlphabetic || scalars[k].properties.numericType != nil)
    }
    func follows(_ k: Int, _ word: String) -> Bool {
      k >= word.unicodeScalars.count
        && String(String.UnicodeScalarView(scalars[(k - word.unicodeScalars.count)..<k])).lowercased() == word
    }
    var out = String.UnicodeScalarView()
    for (k, s) in scalars.enumerated() {
      let next: Unicode.Scalar? = k + 1 < scalars.count ? scalars[k + 1] : nil
      if s.properties.isWhitespace && s != " " {
        out.append(" ")
      } else if apostrophes.contains(s), isWord(k - 1), isWord(k + 1) {
        out.append(s)  // `Ortiz's`: an apostrophe, never a quotation mark
      } else if let entity = entities[s] {
        out.append(contentsOf: entity.unicodeScalars)
      } else if escaped.contains(s) || (escapedWhenDoubled.contains(s) && (next == s || (k > 0 && scalars[k - 1] == s)))
        || (s == "#" && (k == 0 || scalars[k - 1].properties.isWhitespace))
        || (s == "/" && next == "/" && follows(k, ":")) || (s == "." && follows(k, "www"))
      {
        out.append("\\")
        out.append(s)
      } else {
        out.append(s)
      }
    }
    return String(out)
  }

  /// CRLF when the first line ends with CRLF, else LF.
  static func lineEnding<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] where C.Index == Int {
    guard let newline = bytes.firstIndex(of: 0x0A), newline > bytes.startIndex, bytes[newline - 1] == 0x0D else {
      return [0x0A]
    }
    return [0x0D, 0x0A]
  }
}

/// Where each annotation goes in one note's body (BOM removed), found from the harvest's spans and,
/// for blockquotes, the note's Markdown structure (a blockquote may end on a lazy continuation line).
struct AnnotationPlacement {
  let body: [UInt8]
  /// The words of every blockquote and inline quote: no footnote reference goes inside quoted words.
  let quoted: [Range<Int>]
  private var parsed: (note: NoteSource, layout: NoteLayout)?

  init(body: [UInt8], quotes: [Quote]) {
    self.body = body
    quoted = quotes.filter { $0.kind != .textFragment }.map(\.span)
  }

  /// Start of the line after the blockquote (or after its source line), and the blockquote's indentation.
  mutating func afterBlock(_ quote: Quote) -> (offset: Int, indent: [UInt8])? {
    let span = quote.span
    let firstLine = quote.raw.utf8.prefix { $0 != 0x0A }
    guard span.lowerBound < span.upperBound, span.upperBound <= body.count, body[span].starts(with: firstLine)
    else { return nil }
    let (note, layout) = structure()
    guard let block = layout.blockQuotes.first(where: { $0.range.contains(span.lowerBound) })?.range else { return nil }
    let lines = note.lines
    let first = lines.lineIndex(of: block.lowerBound)
    var last = lines.lineIndex(of: max(block.lowerBound, block.upperBound - 1))
    while last > first, lines.lineRange(last + 1).allSatisfy({ body[$0] == 0x20 || body[$0] == 0x09 }) { last -= 1 }
    // The `— [Source](…)` paragraph the quote's source came from stays next to the quote.
    if quote.attribution == .adjacentLink,
      let next = layout.regions.filter({ $0.blockQuote == nil && $0.range.lowerBound >= block.upperBound })
        .min(by: { $0.range.lowerBound < $1.range.lowerBound }),
      lines.lineIndex(of: next.range.lowerBound) - last <= 2
    {
      last = lines.lineIndex(of: max(next.range.lowerBound, next.range.upperBound - 1))
    }
    let offset = last + 1 < lines.starts.count ? lines.starts[last + 1] : body.count
    // A `>` line right after would join the callout (or it the next blockquote): no place for one.
    if body[offset...].first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x3E { return nil }
    let indent = body[lines.starts[first]..<block.lowerBound].filter { $0 & 0xC0 != 0x80 }.map {
      $0 == 0x09 ? UInt8(0x09) : UInt8(0x20)
    }
    return (offset, indent)
  }

  /// Right after the closing quotation mark (after the link when the quote is a link's text).
  func afterInline(_ quote: Quote) -> Int? {
    let span = quote.span
    guard span.upperBound <= body.count, body[span].elementsEqual(quote.raw.utf8) else { return nil }
    var i = span.upperBound
    while i < body.count, body[i] == 0x20 || body[i] == 0x09 || body[i] == 0x0D || body[i] == 0x0A { i += 1 }
    guard let mark = closingMark(at: i) else { return nil }
    i += mark
    if i < body.count, body[i] == 0x5D {
      // `[“…”](url)` or `[“…”][ref]`: after the link, never inside its text.
      guard i + 1 < body.count else { return nil }
      if body[i + 1] == 0x28, let end = closingParenthesis(from: i + 2) {
        i = end
      } else if body[i + 1] == 0x5B, let close = body[(i + 2)...].prefix(while: { $0 != 0x0A }).firstIndex(of: 0x5D) {
        i = close + 1
      } else {
        return nil
      }
    }
    return outsideQuotes(afterReferences(i))
  }

  /// Right after the `)` of the inline link `[…](…)` whose URL holds the fragment.
  func afterFragmentLink(_ quote: Quote) -> Int? {
    let span = quote.span
    guard span.lowerBound < span.upperBound, span.upperBound <= body.count else { return nil }
    if body[span.lowerBound] == 0x5B, body[span.upperBound - 1] == 0x29 {
      return outsideQuotes(afterReferences(span.upperBound))  // the whole link (a URL written with escapes)
    }
    // Back to the `(` that opens the destination, which must follow the text's `]`.
    var j = span.lowerBound - 1
    var depth = 0
    while j >= 0 {
      let b = body[j]
      if Self.isSpace(b) { return nil }
      if b == 0x29 { depth += 1 }
      if b == 0x28 {
        if depth == 0 { break }
        depth -= 1
      }
      j -= 1
    }
    guard j >= 1, body[j - 1] == 0x5D, let end = closingParenthesis(from: span.upperBound) else { return nil }
    return outsideQuotes(afterReferences(end))
  }

  private mutating func structure() -> (note: NoteSource, layout: NoteLayout) {
    if let parsed { return parsed }
    // As `NoteHarvester` parses: Obsidian comments blanked, so block ranges are the harvest's.
    var note = NoteSource(path: "", bytes: body)
    var tree = Self.parse(note.parseText)
    if note.parseText.containsSequence([0x25, 0x25]) {
      let comments = ObsidianComments.find(note.parseText, code: NoteLayout(note: note, tree: tree).code)
      if !comments.isEmpty {
        for comment in comments { note.blank(comment) }
        tree = Self.parse(note.parseText)
      }
    }
    let result = (note, NoteLayout(note: note, tree: tree))
    parsed = result
    return result
  }

  private static func parse(_ bytes: [UInt8]) -> MarkdownTree {
    bytes.withUnsafeBufferPointer { MarkdownTree(utf8: $0) }
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  /// Length of the closing quotation mark at `i`, nil when there is none.
  private func closingMark(at i: Int) -> Int? {
    guard i < body.count else { return nil }
    let length = body[i] < 0x80 ? 1 : body[i] >= 0xF0 ? 4 : body[i] >= 0xE0 ? 3 : 2
    guard i + length <= body.count,
      let scalar = String(decoding: body[i..<(i + length)], as: UTF8.self).unicodeScalars.first
    else { return nil }
    let marks: Set<UInt32> = [0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0xAB, 0xBB, 0x2039, 0x203A, 0x300D, 0x300F]
    return marks.contains(scalar.value) ? length : nil
  }

  /// Just after the `)` that closes a destination, scanning from `start` (inside it); nil at a space
  /// (a link title, which is left alone) or the end of the line.
  private func closingParenthesis(from start: Int) -> Int? {
    var depth = 0
    var i = start
    while i < body.count, !Self.isSpace(body[i]) {
      if body[i] == 0x28 { depth += 1 }
      if body[i] == 0x29 {
        if depth == 0 { return i + 1 }
        depth -= 1
      }
      i += 1
    }
    return nil
  }

  /// After the footnote references (`[^1]`) written right at `i`: they stay first, as the attribution.
  private func afterReferences(_ start: Int) -> Int {
    var i = start
    while i + 3 < body.count, body[i] == 0x5B, body[i + 1] == 0x5E {
      var j = i + 2
      while j < body.count, body[j] != 0x5D, body[j] != 0x5B, !Self.isSpace(body[j]) { j += 1 }
      guard j < body.count, body[j] == 0x5D, j > i + 2 else { break }
      i = j + 1
    }
    return i
  }

  private func outsideQuotes(_ i: Int) -> Int? {
    quoted.contains { $0.lowerBound <= i && i <= $0.upperBound } ? nil : i
  }
}

/// The lines `annotate` adds, recognised by `remove`.
enum AnnotationLines {
  /// `[^verbatim-N]: …`
  static func isDefinition(_ line: ArraySlice<UInt8>) -> Bool {
    let text = NoteLines.content(line)
    guard text.starts(with: NoteAnnotator.referencePrefix) else { return false }
    let digits = text.dropFirst(NoteAnnotator.referencePrefix.count).prefix { $0 >= 0x30 && $0 <= 0x39 }
    return !digits.isEmpty && text[digits.endIndex...].starts(with: [0x5D, 0x3A, 0x20])
  }

  /// `> [!verbatim] …`, indented or not.
  static func isCallout(_ line: ArraySlice<UInt8>) -> Bool {
    NoteLines.content(line).drop { $0 == 0x20 || $0 == 0x09 }.starts(with: NoteAnnotator.calloutMarker)
  }

  /// Appends `line` without its `[^verbatim-N]` references.
  static func appendWithoutReferences(_ line: ArraySlice<UInt8>, to out: inout [UInt8]) {
    let prefix = NoteAnnotator.referencePrefix
    guard line.containsSequence(prefix) else { return out.append(contentsOf: line) }
    var i = line.startIndex
    while i < line.endIndex {
      if line[i] == 0x5B, line[i...].starts(with: prefix) {
        var j = i + prefix.count
        while j < line.endIndex, line[j] >= 0x30, line[j] <= 0x39 { j += 1 }
        if j > i + prefix.count, j < line.endIndex, line[j] == 0x5D {
          i = j + 1
          continue
        }
      }
      out.append(line[i])
      i += 1
    }
  }
}
