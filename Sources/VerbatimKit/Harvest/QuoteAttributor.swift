/// Ties each quote to the source it quotes, recording how the choice was made.
///
/// Order (first that applies): the quote's own callout title or attribution line; a link right
/// after the quote; a footnote referenced on it; the nearest preceding web link in the same
/// section; the note's front-matter source key; the note's primary source; none. A link inside
/// the quoted words is the quoted author's own hyperlink and never the quote's attribution.
struct QuoteAttributor {
  let note: NoteSource
  let layout: NoteLayout
  /// All links of the note, body and front matter, sorted by offset.
  let links: [Link]

  /// Largest gap, in bytes, between a quote's closing mark and a link "right after" it.
  static let adjacentGap = 40

  func attribute(_ candidates: [QuoteHarvester.Candidate]) -> [Quote] {
    let citable = links.enumerated().filter { Self.isCitable($0.element) }
    let primary = primarySource()
    let frontMatter = links.first { link in
      link.kind == .frontMatter && link.scheme == .web
        && FrontMatterLinks.sourceKeys.contains((link.field ?? "").split(separator: ".").first.map(String.init) ?? "")
    }
    return candidates.map { candidate in
      var quote = candidate.quote
      let chosen: (Link, Quote.Attribution)? =
        own(candidate, citable)
        ?? adjacent(candidate, citable)
        ?? footnote(candidate, citable)
        ?? nearestPreceding(candidate, citable)
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

  private func own(_ c: QuoteHarvester.Candidate, _ citable: [(offset: Int, element: Link)]) -> (Link, Quote.Attribution)? {
    guard let (range, method) = c.ownLink else { return nil }
    return citable.first { range.contains($0.element.span.lowerBound) }.map { ($0.element, method) }
  }

  private func adjacent(_ c: QuoteHarvester.Candidate, _ citable: [(offset: Int, element: Link)]) -> (Link, Quote.Attribution)? {
    let bytes = note.parseText
    if let regionIndex = c.region {
      let region = layout.regions[regionIndex].range
      guard let link = citable.first(where: {
        $0.element.span.lowerBound >= c.outer.upperBound && region.contains($0.element.span.lowerBound)
      })?.element else { return nil }
      guard link.span.lowerBound - c.outer.upperBound <= Self.adjacentGap else { return nil }
      // Another quote mark in between means the link belongs to a later quote.
      let gap = bytes[c.outer.upperBound..<link.span.lowerBound]
      if gap.contains(0x22) || gap.contains(0x0A) && gap.count > 2 { return nil }
      return (link, .adjacentLink)
    }
    guard c.quote.kind == .block else { return nil }
    // The paragraph right after a blockquote, when it is a short source line (`— [Src](…)`).
    guard let next = layout.regions.first(where: { $0.range.lowerBound >= c.outer.upperBound && $0.blockQuote == nil }) else {
      return nil
    }
    let linesBetween = note.lines.lineIndex(of: next.range.lowerBound) - note.lines.lineIndex(of: max(c.outer.lowerBound, c.outer.upperBound - 1))
    guard linesBetween <= 1,
      let link = citable.first(where: { next.range.contains($0.element.span.lowerBound) })?.element,
      link.span.lowerBound - next.range.lowerBound <= 20
    else { return nil }
    return (link, .adjacentLink)
  }

  private func footnote(_ c: QuoteHarvester.Candidate, _ citable: [(offset: Int, element: Link)]) -> (Link, Quote.Attribution)? {
    let reference: (label: String, range: Range<Int>)?
    if c.quote.kind == .block {
      reference = layout.footnoteReferences.first { c.outer.contains($0.range.lowerBound) }
    } else {
      reference = layout.footnoteReferences.first {
        $0.range.lowerBound >= c.outer.upperBound - 1 && $0.range.lowerBound - c.outer.upperBound <= 3
      }
    }
    guard let reference,
      let definition = layout.footnotes.first(where: { $0.label == reference.label })
    else { return nil }
    return citable.first { definition.range.contains($0.element.span.lowerBound) }.map { ($0.element, .footnote) }
  }

  private func nearestPreceding(_ c: QuoteHarvester.Candidate, _ citable: [(offset: Int, element: Link)]) -> (Link, Quote.Attribution)? {
    let section = layout.section(of: c.outer.lowerBound)
    let inFootnote = layout.footnotes.contains { $0.range.contains(c.outer.lowerBound) }
    let candidate = citable.last { entry in
      let link = entry.element
      guard link.kind != .frontMatter, link.span.upperBound <= c.outer.lowerBound else { return false }
      // Footnote definitions are sources of what references them, not of the prose after them.
      if !inFootnote, layout.footnotes.contains(where: { $0.range.contains(link.span.lowerBound) }) { return false }
      return layout.section(of: link.span.lowerBound) == section
    }
    return candidate.map { ($0.element, .nearestPreceding) }
  }

  /// The note's primary source: its first body web link, standing alone (or with a short label
  /// such as "Source:") in a paragraph near the top, before the first heading.
  func primarySource() -> Link? {
    guard let first = links.first(where: { Self.isCitable($0) && $0.kind != .frontMatter }) else { return nil }
    let firstHeading = layout.headings.first?.lowerBound ?? Int.max
    guard first.span.lowerBound < firstHeading,
      let region = layout.regions.first(where: { $0.range.contains(first.span.lowerBound) }),
      region.blockQuote == nil, !region.isHeading
    else { return nil }
    let regionIndex = layout.regions.firstIndex { $0.range == region.range } ?? 0
    guard regionIndex < 3 else { return nil }
    var rest = Array(note.parseText[region.range.lowerBound..<first.span.lowerBound])
    rest.append(contentsOf: note.parseText[first.span.upperBound..<region.range.upperBound])
    let words = MarkdownPlainText.plain(rest).text.split(separator: " ").count
    return words <= 3 ? first : nil
  }
}
