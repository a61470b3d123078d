/// Ties each quote to the source it quotes, recording how the choice was made.
///
/// Order (first that applies): the quote's own callout title or attribution line; a link right
/// after the quote; a footnote referenced on it; the nearest preceding web link in the same
/// section; the note's front-matter source key; the note's primary source; none. A link inside
/// the quoted words is the quoted author's own hyperlink and never the quote's attribution, and
/// a link that belongs to another blockquote (its callout title or attribution line) is that
/// quote's source, never the "nearest preceding" link of a later one.
///
/// Every lookup is a binary search over sorted offsets, so a note with tens of thousands of
/// quotes and links is attributed in n log n.
struct QuoteAttributor {
  let note: NoteSource
  let layout: NoteLayout
  /// All links of the note, body and front matter, sorted by offset.
  let links: [Link]

  /// Largest gap, in bytes, between a quote's closing mark and a link "right after" it.
  static let adjacentGap = 40
  /// Largest distance, in bytes, from the start of the paragraph after a blockquote to its link.
  static let sourceLineLead = 20

  func attribute(_ candidates: [QuoteHarvester.Candidate]) -> [Quote] {
    let index = Index(layout: layout, links: links, candidates: candidates)
    let primary = primarySource()
    let frontMatter = links.first { link in
      link.kind == .frontMatter && link.scheme == .web
        && FrontMatterLinks.sourceKeys.contains((link.field ?? "").split(separator: ".").first.map(String.init) ?? "")
    }
    return candidates.map { candidate in
      var quote = candidate.quote
      let chosen: (Link, Quote.Attribution)? =
        own(candidate, index)
        ?? adjacent(candidate, index)
        ?? footnote(candidate, index)
        ?? nearestPreceding(candidate, index)
        ?? frontMatter.map { ($0, .frontMatter) }
        ?? primary.map { ($0, .primarySource) }
      if let (link, method) = chosen {
        quote.source = link.url
        quote.sourceKey = link.key
        quote.attribution = method
      }
      return quote
    }
  }

  /// Web links that can be a source: not images, not inside quoted words, not hidden.
  static func isCitable(_ link: Link) -> Bool {
    link.isFetchable && link.kind != .image && link.kind != .embed
      && !link.flags.contains(.insideQuote) && !link.flags.contains(.hidden)
  }

  /// Sorted views of the note, built once per note.
  private struct Index {
    /// Citable body links (front matter excluded), by start offset.
    var citable: [Link]
    /// Citable body links that may be a later quote's nearest preceding link (not part of a
    /// quote blockquote), by start offset; and the same without links in footnote definitions.
    var preceding: [Link]
    var precedingOutsideFootnotes: [Link]
    /// Regions by start offset, with their index in `layout.regions`.
    var regions: [(range: Range<Int>, index: Int)]
    var headingStarts: [Int]
    var footnoteRanges: [Range<Int>]
    var footnoteByLabel: [String: Range<Int>]
    var references: [(label: String, range: Range<Int>)]

    init(layout: NoteLayout, links: [Link], candidates: [QuoteHarvester.Candidate]) {
      citable = links.filter { QuoteAttributor.isCitable($0) && $0.kind != .frontMatter }
        .sorted { $0.span.lowerBound < $1.span.lowerBound }
      let quoteBlocks = candidates.filter { $0.quote.kind == .block }.map(\.outer)
        .sorted { $0.lowerBound < $1.lowerBound }
      footnoteRanges = layout.footnotes.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
      preceding = citable.filter { !Self.contains(quoteBlocks, $0.span.lowerBound) }
      let footnotes = footnoteRanges
      precedingOutsideFootnotes = preceding.filter { !Self.contains(footnotes, $0.span.lowerBound) }
      regions = layout.regions.enumerated().map { ($0.element.range, $0.offset) }
        .sorted { $0.range.lowerBound < $1.range.lowerBound }
      headingStarts = layout.headings.map(\.lowerBound).sorted()
      footnoteByLabel = [:]
      for footnote in layout.footnotes where footnoteByLabel[footnote.label] == nil {
        footnoteByLabel[footnote.label] = footnote.range
      }
      references = layout.footnoteReferences.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether one of the sorted, disjoint ranges contains `offset`.
    static func contains(_ ranges: [Range<Int>], _ offset: Int) -> Bool {
      guard let i = lastIndex(ranges.count, { ranges[$0].lowerBound <= offset }) else { return false }
      return ranges[i].contains(offset)
    }

    /// First index in `0..<count` where `isAfter` holds, for a predicate false then true.
    static func firstIndex(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
      var lo = 0
      var hi = count
      while lo < hi {
        let mid = (lo + hi) / 2
        if isAfter(mid) { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }

    /// Last index in `0..<count` where `isBefore` holds, for a predicate true then false.
    static func lastIndex(_ count: Int, _ isBefore: (Int) -> Bool) -> Int? {
      let first = firstIndex(count) { !isBefore($0) }
      return first > 0 ? first - 1 : nil
    }

    /// The first citable link starting at or after `offset`.
    func firstCitable(from offset: Int) -> Link? {
      let i = Self.firstIndex(citable.count) { citable[$0].span.lowerBound >= offset }
      return i < citable.count ? citable[i] : nil
    }

    /// Section (0 before the first heading) of `offset`.
    func section(of offset: Int) -> Int {
      Self.firstIndex(headingStarts.count) { headingStarts[$0] > offset }
    }
  }

  private func own(_ c: QuoteHarvester.Candidate, _ index: Index) -> (Link, Quote.Attribution)? {
    guard let (range, method) = c.ownLink, let link = index.firstCitable(from: range.lowerBound),
      range.contains(link.span.lowerBound)
    else { return nil }
    return (link, method)
  }

  private func adjacent(_ c: QuoteHarvester.Candidate, _ index: Index) -> (Link, Quote.Attribution)? {
    let bytes = note.parseText
    if let regionIndex = c.region {
      // A quote that is a link's text (`[“…”](url)`) quotes that link.
      if let i = Index.lastIndex(index.citable.count, { index.citable[$0].span.lowerBound <= c.outer.lowerBound }),
        index.citable[i].span.lowerBound < c.outer.lowerBound, index.citable[i].span.upperBound >= c.outer.upperBound
      {
        return (index.citable[i], .adjacentLink)
      }
      let region = layout.regions[regionIndex].range
      guard let link = index.firstCitable(from: c.outer.upperBound), region.contains(link.span.lowerBound),
        link.span.lowerBound - c.outer.upperBound <= Self.adjacentGap
      else { return nil }
      // Another quote opening in between means the link belongs to a later quote.
      let gap = Array(bytes[c.outer.upperBound..<link.span.lowerBound])
      let openers: [[UInt8]] = [[0x22], [0xE2, 0x80, 0x9C], [0xE2, 0x80, 0x9E], [0xC2, 0xAB], [0xE3, 0x80, 0x8C]]
      if openers.contains(where: { gap.firstRange(of: $0) != nil }) { return nil }
      if gap.contains(0x0A) && gap.count > 2 { return nil }
      return (link, .adjacentLink)
    }
    guard c.quote.kind == .block else { return nil }
    // The paragraph right after a blockquote (on the next line, or after one blank line) when it
    // is a source line: `— [Source](…)`, `Source: <url>`.
    let n = Index.firstIndex(index.regions.count) { index.regions[$0].range.lowerBound >= c.outer.upperBound }
    guard n < index.regions.count else { return nil }
    let next = layout.regions[index.regions[n].index]
    // A footnote definition after the quote is for the references to it (see `footnote`).
    guard next.blockQuote == nil, next.footnote == nil,
      !Index.contains(index.footnoteRanges, next.range.lowerBound)
    else { return nil }
    let quoteLastLine = note.lines.lineIndex(of: max(c.outer.lowerBound, c.outer.upperBound - 1))
    let nextLine = note.lines.lineIndex(of: next.range.lowerBound)
    guard nextLine - quoteLastLine <= 2,
      let link = index.firstCitable(from: next.range.lowerBound), next.range.contains(link.span.lowerBound),
      link.span.lowerBound - next.range.lowerBound <= Self.sourceLineLead
    else { return nil }
    if nextLine - quoteLastLine == 2 {
      // Only a blank line may separate them, and the paragraph must be little more than the link.
      let between = note.lines.lineRange(quoteLastLine + 2)
      guard bytes[between].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
      var rest = Array(bytes[next.range.lowerBound..<link.span.lowerBound])
      rest.append(contentsOf: bytes[link.span.upperBound..<next.range.upperBound])
      let words = MarkdownPlainText.plain(rest).text.split(separator: " ").filter { word in
        word.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
      }
      guard words.count <= 3 else { return nil }
    }
    return (link, .adjacentLink)
  }

  private func footnote(_ c: QuoteHarvester.Candidate, _ index: Index) -> (Link, Quote.Attribution)? {
    let refs = index.references
    let reference: (label: String, range: Range<Int>)?
    if c.quote.kind == .block {
      let i = Index.firstIndex(refs.count) { refs[$0].range.lowerBound >= c.outer.lowerBound }
      reference = i < refs.count && c.outer.contains(refs[i].range.lowerBound) ? refs[i] : nil
    } else {
      // Right after the closing mark (`"…"[^1]`), or at the very end of the quoted words (`"…[^1]"`).
      let i = Index.firstIndex(refs.count) { refs[$0].range.upperBound >= c.quote.span.upperBound }
      reference = i < refs.count && refs[i].range.lowerBound >= c.quote.span.lowerBound
        && refs[i].range.lowerBound <= c.outer.upperBound + 3 ? refs[i] : nil
    }
    guard let reference, let definition = index.footnoteByLabel[reference.label],
      let link = index.firstCitable(from: definition.lowerBound), definition.contains(link.span.lowerBound)
    else { return nil }
    return (link, .footnote)
  }

  private func nearestPreceding(_ c: QuoteHarvester.Candidate, _ index: Index) -> (Link, Quote.Attribution)? {
    let start = c.outer.lowerBound
    // Footnote definitions are sources of what references them, not of the prose after them.
    let inFootnote = Index.contains(index.footnoteRanges, start)
    let links = inFootnote ? index.preceding : index.precedingOutsideFootnotes
    guard var i = Index.lastIndex(links.count, { links[$0].span.lowerBound < start }) else { return nil }
    while links[i].span.upperBound > start {
      guard i > 0 else { return nil }
      i -= 1
    }
    let link = links[i]
    guard index.section(of: link.span.lowerBound) == index.section(of: start) else { return nil }
    return (link, .nearestPreceding)
  }

  /// The note's primary source: its first body web link, standing alone (or with a short label
  /// such as "Source:") in a paragraph near the top, before the first heading.
  func primarySource() -> Link? {
    guard let first = links.filter({ Self.isCitable($0) && $0.kind != .frontMatter })
      .min(by: { $0.span.lowerBound < $1.span.lowerBound })
    else { return nil }
    let firstHeading = layout.headings.map(\.lowerBound).min() ?? Int.max
    guard first.span.lowerBound < firstHeading,
      let regionIndex = layout.regions.firstIndex(where: { $0.range.contains(first.span.lowerBound) }),
      layout.regions[regionIndex].blockQuote == nil, !layout.regions[regionIndex].isHeading
    else { return nil }
    let region = layout.regions[regionIndex]
    let earlier = layout.regions.filter { $0.range.lowerBound < region.range.lowerBound }.count
    guard earlier < 3 else { return nil }
    var rest = Array(note.parseText[region.range.lowerBound..<first.span.lowerBound])
    rest.append(contentsOf: note.parseText[first.span.upperBound..<region.range.upperBound])
    let words = MarkdownPlainText.plain(rest).text.split(separator: " ").count
    return words <= 3 ? first : nil
  }
}
