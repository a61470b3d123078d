/// Every quote of one note: blockquotes (and quote callouts), inline quotation-mark pairs in
/// prose, and the text fragments of linked URLs. Sources are attached by `QuoteAttributor`.
struct QuoteHarvester {
  let note: NoteSource
  let layout: NoteLayout

  /// A quote before attribution, with what attribution needs to know about it.
  struct Candidate {
    var quote: Quote
    /// Region of an inline quote; nil for blockquotes and fragments.
    var region: Int?
    /// Whole construct: quote marks included; the blockquote's full range.
    var outer: Range<Int>
    /// Link chosen from the blockquote itself (callout title or attribution line).
    var ownLink: (range: Range<Int>, method: Quote.Attribution)?
  }

  /// Callout types that present someone else's words.
  static let quoteCallouts: Set<String> = ["quote", "cite", "quotation"]

  func harvest() -> (candidates: [Candidate], quoteBlocks: Set<Int>) {
    var candidates: [Candidate] = []
    var quoteBlocks = Set<Int>()
    for (index, block) in layout.blockQuotes.enumerated() {
      if let candidate = blockQuote(block.range) {
        quoteBlocks.insert(index)
        candidates.append(candidate)
      }
    }
    for (index, region) in layout.regions.enumerated() {
      if let quoteIndex = region.blockQuote, quoteBlocks.contains(quoteIndex) { continue }
      candidates.append(contentsOf: inlineQuotes(in: region.range, regionIndex: index))
    }
    candidates.sort { $0.outer.lowerBound < $1.outer.lowerBound }
    return (candidates, quoteBlocks)
  }

  // MARK: - Blockquotes

  /// One content line of a blockquote: its bytes after the `>` markers.
  private struct ContentLine {
    var range: Range<Int>
    var isBlank: Bool { range.isEmpty }
  }

  private func blockQuote(_ range: Range<Int>) -> Candidate? {
    let bytes = note.parseText
    let firstLine = note.lines.lineIndex(of: range.lowerBound) + 1
    let lastLine = note.lines.lineIndex(of: max(range.lowerBound, range.upperBound - 1)) + 1
    var lines: [ContentLine] = []
    for line in firstLine...lastLine {
      var r = note.lines.lineRange(line)
      if line == firstLine { r = range.lowerBound..<max(range.lowerBound, r.upperBound) }
      var i = r.lowerBound
      while i < r.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x3E { i += 1 }
      var end = r.upperBound
      while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      lines.append(ContentLine(range: i..<end))
    }
    var ownLink: (Range<Int>, Quote.Attribution)?
    var callout: String?
    // Callout header: `[!quote] Title`, `[!cite]- Title`; other callout types are the
    // note-taker's own words, not quotes.
    if let first = lines.first(where: { !$0.isBlank }), let header = Self.callout(bytes, first.range) {
      guard Self.quoteCallouts.contains(header.type) else { return nil }
      callout = header.type
      if let link = firstLink(in: header.title) { ownLink = (link, .calloutTitle) }
      lines.removeAll { $0.range == first.range }
    }
    while let last = lines.last, last.isBlank { lines.removeLast() }
    while let first = lines.first, first.isBlank { lines.removeFirst() }
    // Attribution line: `— Name, Outlet` as the last line.
    var speaker: String?
    if let last = lines.last, let dashEnd = Self.attributionDash(bytes, last.range) {
      let attribution = dashEnd..<last.range.upperBound
      speaker = Self.speaker(bytes, attribution)
      if ownLink == nil, let link = firstLink(in: attribution) { ownLink = (link, .attributionLine) }
      lines.removeLast()
      while let l = lines.last, l.isBlank { lines.removeLast() }
    }
    guard let firstContent = lines.first, let lastContent = lines.last else { return nil }
    var contentStart = firstContent.range.lowerBound
    var contentEnd = lastContent.range.upperBound
    // Outer quotation marks around the whole blockquote are the note's, not the source's.
    let pairs = InlineQuoteScanner.scan(bytes, in: contentStart..<contentEnd, excluding: layout.code)
    if pairs.count == 1, let pair = pairs.first, pair.open.lowerBound == contentStart,
      Self.onlyPunctuation(bytes, pair.close.upperBound..<contentEnd)
    {
      contentStart = pair.open.upperBound
      contentEnd = pair.close.lowerBound
    }
    // Paragraphs of the quote, each line clipped to the content range.
    var paragraphs: [[UInt8]] = [[]]
    var raw: [UInt8] = []
    var emphasis = false
    for line in lines {
      let r = max(line.range.lowerBound, contentStart)..<min(line.range.upperBound, contentEnd)
      if !raw.isEmpty { raw.append(0x0A) }
      if line.isBlank || r.isEmpty {
        if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
        continue
      }
      raw.append(contentsOf: bytes[r])
      if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs[paragraphs.count - 1].append(0x20) }
      paragraphs[paragraphs.count - 1].append(contentsOf: bytes[r])
    }
    let texts = paragraphs.filter { !$0.isEmpty }.map { p -> String in
      let plain = MarkdownPlainText.plain(p)
      emphasis = emphasis || plain.hadEmphasis
      return plain.text
    }
    let text = texts.filter { !$0.isEmpty }.joined(separator: "\n")
    guard !text.isEmpty else { return nil }
    let quote = makeQuote(
      kind: .block, text: text, raw: raw, span: contentStart..<contentEnd, emphasis: emphasis,
      speaker: speaker, callout: callout)
    return Candidate(quote: quote, region: nil, outer: range, ownLink: ownLink)
  }

  private static func callout(_ bytes: [UInt8], _ line: Range<Int>) -> (type: String, title: Range<Int>)? {
    guard line.count >= 4, bytes[line.lowerBound] == 0x5B, bytes[line.lowerBound + 1] == 0x21,
      let close = bytes[line].firstIndex(of: 0x5D)
    else { return nil }
    let type = String(decoding: bytes[(line.lowerBound + 2)..<close], as: UTF8.self).lowercased()
    guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
    var t = close + 1
    if t < line.upperBound, bytes[t] == 0x2B || bytes[t] == 0x2D { t += 1 }
    return (type, t..<line.upperBound)
  }

  /// End of a leading `—`, `–`, `―` or `--` (plus spaces) when the line is an attribution line.
  private static func attributionDash(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
    let dashes: [[UInt8]] = [[0xE2, 0x80, 0x94], [0xE2, 0x80, 0x93], [0xE2, 0x80, 0x95], [0x2D, 0x2D]]
    for dash in dashes where bytes[line].starts(with: dash) {
      var i = line.lowerBound + dash.count
      guard i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 || MarkdownPlainText.isASCIIPunctuation(bytes[i]) == false else { return nil }
      while i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
      return i < line.upperBound ? i : nil
    }
    return nil
  }

  /// The speaker's name: the attribution line's plain text up to the first comma or bracket.
  private static func speaker(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
    let plain = MarkdownPlainText.plain(Array(bytes[range])).text
    let name = plain.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == ";" }).first.map(String.init) ?? plain
    let trimmed = name.trimmingWhitespace()
    return trimmed.isEmpty ? nil : trimmed
  }

  private static func onlyPunctuation(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    range.allSatisfy { bytes[$0] < 0x80 && (MarkdownPlainText.isASCIIPunctuation(bytes[$0]) || bytes[$0] == 0x20) }
  }

  /// The first web link construct or bare URL starting inside `range`.
  private func firstLink(in range: Range<Int>) -> Range<Int>? {
    if let construct = layout.links.first(where: { !$0.isImage && range.contains($0.span.lowerBound) }) {
      return construct.span
    }
    return BareURLScanner.scan(note.parseText, in: range, excluding: layout.code).first?.span
  }

  // MARK: - Inline quotes

  private func inlineQuotes(in range: Range<Int>, regionIndex: Int) -> [Candidate] {
    let bytes = note.parseText
    let excluded = LinkHarvester.merge(layout.code + layout.html + layout.links.map(\.tail), within: range)
    return InlineQuoteScanner.scan(bytes, in: range, excluding: excluded).compactMap { span in
      var inner = span.inner
      while inner.lowerBound < inner.upperBound, bytes[inner.lowerBound] == 0x20 { inner = (inner.lowerBound + 1)..<inner.upperBound }
      while inner.upperBound > inner.lowerBound, bytes[inner.upperBound - 1] == 0x20 { inner = inner.lowerBound..<(inner.upperBound - 1) }
      let raw = Array(bytes[inner])
      let plain = MarkdownPlainText.plain(raw)
      guard !plain.text.isEmpty else { return nil }
      let quote = makeQuote(kind: .inline, text: plain.text, raw: raw, span: inner, emphasis: plain.hadEmphasis)
      return Candidate(quote: quote, region: regionIndex, outer: span.open.lowerBound..<span.close.upperBound, ownLink: nil)
    }
  }

  private func makeQuote(
    kind: Quote.Kind, text: String, raw: [UInt8], span: Range<Int>, emphasis: Bool,
    speaker: String? = nil, callout: String? = nil
  ) -> Quote {
    let last = max(span.lowerBound, span.upperBound - 1)
    var lastStart = last
    while lastStart > span.lowerBound, note.parseText[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
    var quote = Quote(
      id: "", note: note.path, kind: kind, text: text, raw: String(decoding: raw, as: UTF8.self),
      start: note.lines.position(of: span.lowerBound), end: note.lines.position(of: lastStart),
      source: nil, sourceKey: nil, attribution: .none, speaker: speaker,
      checkable: Quote.isCheckable(text), hadEmphasis: emphasis, directive: nil, callout: callout)
    quote.span = span
    return quote
  }
}
