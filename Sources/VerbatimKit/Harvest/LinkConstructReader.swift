internal import VerbatimInterop

/// Reading Markdown link constructs from the note's bytes where cmark-gfm's tree says a link or
/// image node is: the text, the destination as written, the title and the reference label, with
/// the checks that catch cmark-gfm's misplaced positions.
extension NoteLayout {
  /// Reads the `[text](dest)` / `[text][label]` construct that starts at `range`, checking that
  /// cmark-gfm's position really points at it: the construct must end where the node ends and an
  /// inline destination must be the node's URL (angle autolinks off a paragraph's first line
  /// report positions that can fall on another link's bracket).
  static func construct(_ node: MarkdownTree.Node, at range: Range<Int>, _ bytes: [UInt8], limit: Int)
    -> LinkConstruct?
  {
    guard let url = node.url,
      var construct = parseConstruct(
        at: range.lowerBound, isImage: node.kind == .image, url: url, title: node.title, bytes, limit: limit)
    else { return nil }
    if construct.span.upperBound == range.upperBound { return construct }
    // A shortcut reference `[label]` followed by brackets that are not a label (`[a][^1]`).
    let afterText = construct.textRange.upperBound + 1
    guard construct.destination == nil, afterText == range.upperBound else { return nil }
    construct.span = construct.span.lowerBound..<afterText
    construct.tail = afterText..<afterText
    construct.referenceLabel = String(decoding: bytes[construct.textRange], as: UTF8.self)
    return construct
  }

  /// How far past cmark-gfm's end of a link node its construct is read (the end is exact once
  /// read in the paragraph's content; this only bounds the work on hostile notes).
  static let constructSlack = 1024

  /// The link construct cmark-gfm meant when its position points elsewhere. For link text that
  /// spans lines, cmark-gfm reports the closing line with the opener's column (its end is right),
  /// so the opener is at that column on an earlier line. Misplaced angle autolinks (a node as
  /// long as `<url>`) are left to Verbatim's own scan.
  static func searchConstruct(
    _ node: MarkdownTree.Node, near range: Range<Int>, _ bytes: [UInt8], taken: Set<Int>,
    openerOnLine: (Int) -> Int?
  ) -> LinkConstruct? {
    guard let url = node.url, !url.isEmpty, !range.isEmpty else { return nil }
    let autolinkLength = (url.hasPrefix("mailto:") ? url.utf8.count - 7 : url.utf8.count) + 2
    guard range.count != autolinkLength, bytes[range.upperBound - 1] == 0x29 || bytes[range.upperBound - 1] == 0x5D
    else { return nil }
    let isImage = node.kind == .image
    for back in 1...8 {
      let line = Int(node.startLine) - back
      guard line >= 1, let i = openerOnLine(line), i < range.lowerBound, !taken.contains(i) else { continue }
      if let c = parseConstruct(at: i, isImage: isImage, url: url, title: node.title, bytes, limit: range.upperBound),
        c.span.upperBound == range.upperBound, bytes[c.textRange].contains(0x0A)
      {
        return c
      }
    }
    return nil
  }

  /// Parses `[text](dest "title")`, `[text][label]`, `[label][]` or `[label]` (with `!` for images)
  /// at `start`. An inline destination must resolve to `url`.
  static func parseConstruct(
    at start: Int, isImage: Bool, url: String, title: String?, _ bytes: [UInt8], limit: Int
  ) -> LinkConstruct? {
    var open = start
    if isImage {
      guard open < limit, bytes[open] == 0x21 else { return nil }
      open += 1
    }
    guard open < limit, bytes[open] == 0x5B,
      let close = InlineSyntax.closingBracket(bytes, openAt: open, limit: limit)
    else { return nil }
    let textRange = (open + 1)..<close
    let after = close + 1
    if after < limit, bytes[after] == 0x28,
      let (destination, end) = inlineTail(bytes, openParen: after, limit: limit),
      destinationMatches(bytes[destination], url: url)
    {
      return LinkConstruct(
        span: start..<end, textRange: textRange, destination: destination, tail: after..<end, url: url,
        title: title, isImage: isImage, referenceLabel: nil)
    }
    // Reference link: `[text][label]`, `[label][]` or `[label]`.
    var label = String(decoding: bytes[textRange], as: UTF8.self)
    var end = after
    if after < limit, bytes[after] == 0x5B,
      let labelClose = InlineSyntax.closingBracket(bytes, openAt: after, limit: limit)
    {
      if labelClose > after + 1 { label = MarkdownPlainText.collapse(Array(bytes[(after + 1)..<labelClose])) }
      end = labelClose + 1
    }
    return LinkConstruct(
      span: start..<end, textRange: textRange, destination: nil, tail: after..<end, url: url,
      title: title, isImage: isImage, referenceLabel: label)
  }

  /// Destination and end (after `)`) of the `(dest "title")` part opening at `openParen`.
  static func inlineTail(_ bytes: [UInt8], openParen: Int, limit: Int) -> (Range<Int>, Int)? {
    var d = openParen + 1
    skipSpace(bytes, &d, limit: limit)
    guard let (destination, next) = InlineSyntax.linkDestination(bytes, at: d, limit: limit) else { return nil }
    d = next
    skipSpace(bytes, &d, limit: limit)
    if d < limit, bytes[d] == 0x22 || bytes[d] == 0x27 || bytes[d] == 0x28 {
      let closer: UInt8 = bytes[d] == 0x28 ? 0x29 : bytes[d]
      var t = d + 1
      while t < limit, bytes[t] != closer { t += bytes[t] == 0x5C ? 2 : 1 }
      guard t < limit else { return nil }
      d = t + 1
      skipSpace(bytes, &d, limit: limit)
    }
    guard d < limit, bytes[d] == 0x29 else { return nil }
    return (destination, d + 1)
  }

  /// Spaces, tabs and line breaks, with the `>` markers of a block-quote line after a break.
  static func skipSpace(_ bytes: [UInt8], _ i: inout Int, limit: Int) {
    var afterBreak = false
    while i < limit {
      let c = bytes[i]
      if c == 0x0A {
        afterBreak = true
      } else if !(c == 0x20 || c == 0x09 || c == 0x0D || (afterBreak && c == 0x3E)) {
        break
      }
      i += 1
    }
  }

  /// Whether a destination as written resolves to cmark-gfm's URL (escapes and entities
  /// resolved). Destinations with entities this check cannot decode are accepted.
  static func destinationMatches(_ written: ArraySlice<UInt8>, url: String) -> Bool {
    let resolved = InlineSyntax.resolveEscapes(Array(written))
    if resolved == url { return true }
    guard written.contains(0x26) else { return false }
    return MarkdownPlainText.decodeEntities(Array(resolved.utf8)) == url
      || InlineSyntax.resolveEscapes(Array(MarkdownPlainText.decodeEntities(Array(written)).utf8)) == url
      || !url.contains("&")
  }
}
