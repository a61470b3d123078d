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

  /// Link constructs (images excluded), by start offset.
  private let linkConstructs: [NoteLayout.LinkConstruct]

  init(note: NoteSource, layout: NoteLayout) {
    self.note = note
    self.layout = layout
    self.linkConstructs = layout.links.filter { !$0.isImage }.sorted { $0.span.lowerBound < $1.span.lowerBound }
  }

  /// Callout types that present someone else's words.
  static let quoteCallouts: Set<String> = ["quote", "cite", "quotation"]

  func harvest() -> (candidates: [Candidate], quoteBlocks: Set<Int>) {
    var candidates: [Candidate] = []
    var quoteBlocks = Set<Int>()
    // Regions of each block quote, in document order.
    var blockRegions = [[NoteLayout.Region]](repeating: [], count: layout.blockQuotes.count)
    for region in layout.regions {
      if let index = region.blockQuote, index < blockRegions.count { blockRegions[index].append(region) }
    }
    for (index, block) in layout.blockQuotes.enumerated() {
      let regions = blockRegions[index].sorted { $0.range.lowerBound < $1.range.lowerBound }
      if let candidate = blockQuote(block.range, regions: regions) {
        quoteBlocks.insert(index)
        candidates.append(candidate)
      }
    }
    // Never quoted words: code, raw HTML (comments included), link destinations and titles.
    let excluded = Self.merge(layout.code + layout.html + layout.links.map(\.tail))
    for (index, region) in layout.regions.enumerated() {
      if let quoteIndex = region.blockQuote, quoteBlocks.contains(quoteIndex) { continue }
      candidates.append(contentsOf: inlineQuotes(in: region.range, regionIndex: index, excluding: excluded))
    }
    candidates.sort { $0.outer.lowerBound < $1.outer.lowerBound }
    return (candidates, quoteBlocks)
  }

  /// Sorted, merged copy of `ranges`.
  static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var merged: [Range<Int>] = []
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
      if let last = merged.last, r.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    return merged
  }

  // MARK: - Blockquotes

  /// One content line of a blockquote: its bytes after the `>` markers (and, on the first line
  /// of a list item or heading, after the list marker or `#`s).
  private struct ContentLine {
    var range: Range<Int>
    var isBlank: Bool { range.isEmpty }
  }

  /// The quote of one outermost block quote; nil for callouts of other types (the note-taker's
  /// own words) and for block quotes with no words.
  private func blockQuote(_ range: Range<Int>, regions: [NoteLayout.Region]) -> Candidate? {
    let bytes = note.parseText
    let firstLine = note.lines.lineIndex(of: range.lowerBound) + 1
    let lastLine = note.lines.lineIndex(of: max(range.lowerBound, range.upperBound - 1)) + 1
    var lines: [ContentLine] = []
    var nextRegion = 0
    for line in firstLine...lastLine {
      var r = note.lines.lineRange(line)
      if line == firstLine { r = range.lowerBound..<max(range.lowerBound, r.upperBound) }
      if line == lastLine { r = r.lowerBound..<max(r.lowerBound, min(r.upperBound, range.upperBound)) }
      var i = r.lowerBound
      while i < r.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x3E { i += 1 }
      var end = r.upperBound
      while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      // A backslash hard line break is a line break, not a quoted character.
      if line < lastLine, end > i, bytes[end - 1] == 0x5C, end - 1 == i || bytes[end - 2] != 0x5C {
        end -= 1
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      }
      if i == end {
        lines.append(ContentLine(range: i..<i))
        continue
      }
      // Only lines of the quote's paragraphs, headings and table rows are words: fenced and
      // indented code and HTML blocks inside the quote are skipped (as a paragraph break).
      while nextRegion < regions.count, regions[nextRegion].range.upperBound <= i { nextRegion += 1 }
      guard nextRegion < regions.count, regions[nextRegion].range.lowerBound < end else {
        lines.append(ContentLine(range: end..<end))
        continue
      }
      let region = regions[nextRegion]
      if region.range.lowerBound > i {
        // The region starts on this line after a list marker (`- `, `1. `, `- [ ] `).
        i = region.range.lowerBound
      }
      if region.isHeading, region.range.lowerBound >= r.lowerBound {
        var h = i
        while h < end, bytes[h] == 0x23 { h += 1 }
        if h > i, h == end || bytes[h] == 0x20 || bytes[h] == 0x09 {
          while h < end, bytes[h] == 0x20 || bytes[h] == 0x09 { h += 1 }
          i = h
        }
      }
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
    // Attribution line: `— Name, Outlet` as the last line, after the quoted words.
    var speaker: String?
    if lines.count >= 2, let last = lines.last, let dashEnd = Self.attributionDash(bytes, last.range) {
      let attribution = dashEnd..<last.range.upperBound
      let link = firstLink(in: attribution)
      let name = Self.speaker(bytes, attribution)
      if link != nil || name.isName {
        // `— [Acme](url)` names an outlet, not a speaker.
        speaker = link?.lowerBound == dashEnd ? nil : name.text
        if ownLink == nil, let link { ownLink = (link, .attributionLine) }
        lines.removeLast()
        while let l = lines.last, l.isBlank { lines.removeLast() }
      }
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
      if line.isBlank || r.isEmpty {
        if !(paragraphs.last?.isEmpty ?? true) {
          paragraphs.append([])
          raw.append(0x0A)
        }
        continue
      }
      if !raw.isEmpty { raw.append(0x0A) }
      raw.append(contentsOf: note.text[r])
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
      guard i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x5B || bytes[i] == 0x2A
        || bytes[i] == 0x5F || !MarkdownPlainText.isASCIIPunctuation(bytes[i])
      else { return nil }
      while i < line.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
      return i < line.upperBound ? i : nil
    }
    return nil
  }

  /// The speaker's name: the attribution line's plain text up to the first comma, bracket or
  /// semicolon (nil when that is a URL). `isName` is false when it is too long to be a name
  /// (a last sentence that merely starts with a dash).
  private static func speaker(_ bytes: [UInt8], _ range: Range<Int>) -> (text: String?, isName: Bool) {
    let plain = MarkdownPlainText.plain(Array(bytes[range])).text
    let name = plain.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == ";" }).first.map(String.init) ?? plain
    let trimmed = name.trimmingWhitespace()
    let isName = !trimmed.isEmpty && trimmed.split(separator: " ").count <= 8
    if trimmed.isEmpty || trimmed.contains("://") || trimmed.lowercased().hasPrefix("www.") { return (nil, isName) }
    return (trimmed, isName)
  }

  private static func onlyPunctuation(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    range.allSatisfy { bytes[$0] < 0x80 && (MarkdownPlainText.isASCIIPunctuation(bytes[$0]) || bytes[$0] == 0x20) }
  }

  /// The first web link construct or bare URL starting inside `range`.
  private func firstLink(in range: Range<Int>) -> Range<Int>? {
    var lo = 0
    var hi = linkConstructs.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if linkConstructs[mid].span.lowerBound < range.lowerBound { lo = mid + 1 } else { hi = mid }
    }
    if lo < linkConstructs.count, range.contains(linkConstructs[lo].span.lowerBound) {
      return linkConstructs[lo].span
    }
    var code: [Range<Int>] = []
    var k = InlineQuoteScanner.firstExcluded(layout.code, endingAfter: range.lowerBound)
    while k < layout.code.count, layout.code[k].lowerBound < range.upperBound {
      code.append(layout.code[k])
      k += 1
    }
    return BareURLScanner.scan(note.parseText, in: range, excluding: code).first?.span
  }

  // MARK: - Inline quotes

  private func inlineQuotes(in range: Range<Int>, regionIndex: Int, excluding excluded: [Range<Int>]) -> [Candidate] {
    let bytes = note.parseText
    return InlineQuoteScanner.scan(bytes, in: range, excluding: excluded).compactMap { span in
      var inner = span.inner
      while inner.lowerBound < inner.upperBound, Self.isSpace(bytes[inner.lowerBound]) {
        inner = (inner.lowerBound + 1)..<inner.upperBound
      }
      while inner.upperBound > inner.lowerBound, Self.isSpace(bytes[inner.upperBound - 1]) {
        inner = inner.lowerBound..<(inner.upperBound - 1)
      }
      // `“https://news.org/quote”`: a URL in quotation marks is a link, not quoted words.
      if let url = BareURLScanner.scan(bytes, in: inner).first, url.span == inner { return nil }
      let plain = MarkdownPlainText.plain(Array(bytes[inner]))
      // As written: with any `%% comment %%` the parse text blanks.
      let raw = Array(note.text[inner])
      guard !plain.text.isEmpty else { return nil }
      let quote = makeQuote(kind: .inline, text: plain.text, raw: raw, span: inner, emphasis: plain.hadEmphasis)
      return Candidate(quote: quote, region: regionIndex, outer: span.open.lowerBound..<span.close.upperBound, ownLink: nil)
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

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
