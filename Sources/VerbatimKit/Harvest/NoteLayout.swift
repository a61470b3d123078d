internal import VerbatimInterop

/// The structure of one note in byte ranges: cmark-gfm's tree turned into what the link and
/// quote harvesters need (text regions, code to skip, link constructs with their destinations,
/// block quotes, sections, footnotes), with cmark's position quirks repaired.
struct NoteLayout {
  /// A run of inline text: a paragraph, heading or table row.
  struct Region {
    var range: Range<Int>
    /// Index into `blockQuotes` of the outermost block quote around it.
    var blockQuote: Int?
    /// Byte range of the innermost list item around it.
    var listItem: Range<Int>?
    /// Label of the footnote definition it belongs to.
    var footnote: String?
    var isHeading: Bool
  }

  /// A `[text](url)`, `[text][ref]` or `![alt](url)` construct as cmark-gfm resolved it.
  struct LinkConstruct {
    var span: Range<Int>
    var textRange: Range<Int>
    /// Where the destination is written (inline links), nil for reference links.
    var destination: Range<Int>?
    /// From `(` (or `[` of the label) to the end: never part of quoted words.
    var tail: Range<Int>
    var url: String
    var title: String?
    var isImage: Bool
    var referenceLabel: String?
  }

  struct BlockQuote {
    var range: Range<Int>
  }

  var regions: [Region] = []
  var links: [LinkConstruct] = []
  var blockQuotes: [BlockQuote] = []
  /// Code spans and code blocks: never harvested.
  var code: [Range<Int>] = []
  /// Raw HTML nodes (inline and block).
  var html: [Range<Int>] = []
  var struck: [Range<Int>] = []
  /// Start offsets of headings, with their byte ranges (section boundaries).
  var headings: [Range<Int>] = []
  var listItems: [Range<Int>] = []
  /// Footnote definitions: label and range.
  var footnotes: [(label: String, range: Range<Int>)] = []
  /// Footnote references: label and range.
  var footnoteReferences: [(label: String, range: Range<Int>)] = []
  /// Lines (1-based) that no leaf block claims: where unused reference definitions live.
  var unclaimedLines: [Int] = []

  init(note: NoteSource, tree: MarkdownTree) {
    let bytes = note.parseText
    let lines = note.lines
    var claimed = [Bool](repeating: false, count: lines.lineCount + 1)
    if let fm = note.frontMatter {
      let last = lines.lineIndex(of: fm.upperBound) + 1
      for l in 1...min(last, lines.lineCount) { claimed[l] = true }
    }
    // Per node: resolved byte range, outermost block quote, innermost item, footnote label.
    var nodeRange = [Range<Int>?](repeating: nil, count: tree.nodes.count)
    var nodeQuote = [Int?](repeating: nil, count: tree.nodes.count)
    var nodeItem = [Range<Int>?](repeating: nil, count: tree.nodes.count)
    var nodeFootnote = [String?](repeating: nil, count: tree.nodes.count)
    // Lines to add to inline positions of a paragraph that starts with reference definitions.
    var lineShift = [Int32](repeating: 0, count: tree.nodes.count)

    for (index, node) in tree.nodes.enumerated() {
      let parent = Int(node.parent)
      if parent >= 0 {
        nodeQuote[index] = nodeQuote[parent]
        nodeItem[index] = nodeItem[parent]
        nodeFootnote[index] = nodeFootnote[parent]
        lineShift[index] = lineShift[parent]
      }
      let shift = node.kind.isInline ? lineShift[index] : 0
      guard let range = Self.range(of: node, shift: shift, lines: lines, count: bytes.count) else {
        continue
      }
      nodeRange[index] = range
      let firstLine = Int(node.startLine)
      let lastLine = max(firstLine, Int(node.endLine) - (node.endColumn == 0 ? 1 : 0))
      switch node.kind {
      case .blockQuote:
        if nodeQuote[index] == nil {
          nodeQuote[index] = blockQuotes.count
          blockQuotes.append(BlockQuote(range: range))
        }
      case .item:
        nodeItem[index] = range
        listItems.append(range)
      case .footnoteDefinition:
        let label = Self.footnoteLabel(bytes, lines: lines, line: firstLine, before: range.lowerBound)
        nodeFootnote[index] = label
        footnotes.append((label ?? "", range))
      case .paragraph, .heading, .tableRow:
        var regionStart = range.lowerBound
        var first = firstLine
        if node.kind == .paragraph {
          // cmark-gfm keeps a paragraph's start on reference definitions it consumed, but
          // counts inline positions from the first line after them.
          while first < lastLine, ReferenceDefinitions.parse(bytes, lines.lineRange(first)) != nil {
            first += 1
          }
          if first > firstLine {
            lineShift[index] = Int32(first - firstLine)
            regionStart = lines.starts[first - 1]
          }
        }
        if first <= lastLine { for l in first...lastLine where l < claimed.count { claimed[l] = true } }
        regions.append(
          Region(
            range: regionStart..<max(regionStart, range.upperBound), blockQuote: nodeQuote[index],
            listItem: nodeItem[index], footnote: nodeFootnote[index], isHeading: node.kind == .heading))
        if node.kind == .heading { headings.append(range) }
      case .codeBlock, .htmlBlock, .thematicBreak, .table:
        for l in firstLine...lastLine where l < claimed.count { claimed[l] = true }
        if node.kind == .codeBlock { code.append(range) }
        if node.kind == .htmlBlock { html.append(range) }
      case .code:
        code.append(Self.widenCodeSpan(range, bytes))
      case .htmlInline:
        html.append(range)
      case .strikethrough:
        struck.append(range)
      case .footnoteReference:
        footnoteReferences.append((node.literal ?? "", range))
      case .link, .image:
        if let construct = Self.construct(node, at: range, bytes) { links.append(construct) }
      default:
        break
      }
    }
    for l in 1...max(1, lines.lineCount) where l < claimed.count && !claimed[l] { unclaimedLines.append(l) }
    code.sort { $0.lowerBound < $1.lowerBound }
    html.sort { $0.lowerBound < $1.lowerBound }
  }

  /// Byte range of a node; nil when cmark-gfm gave no position.
  private static func range(
    of node: MarkdownTree.Node, shift: Int32, lines: LineIndex, count: Int
  ) -> Range<Int>? {
    guard node.startLine > 0, node.startColumn > 0,
      let start = lines.offset(line: node.startLine + shift, byteColumn: node.startColumn)
    else { return nil }
    let end: Int
    if node.endColumn == 0 {
      end = lines.offset(line: node.endLine + shift, byteColumn: 1) ?? count
    } else {
      end = (lines.offset(line: node.endLine + shift, byteColumn: node.endColumn) ?? count - 1) + 1
    }
    return start..<min(count, max(start, end))
  }

  /// cmark-gfm reports a code span by its content; the backtick runs around it belong to it too.
  private static func widenCodeSpan(_ range: Range<Int>, _ bytes: [UInt8]) -> Range<Int> {
    var start = range.lowerBound
    var end = range.upperBound
    while start > 0, bytes[start - 1] == 0x60 || (bytes[start - 1] == 0x20 && start >= 2 && bytes[start - 2] == 0x60) {
      start -= 1
    }
    while end < bytes.count, bytes[end] == 0x60 || (bytes[end] == 0x20 && end + 1 < bytes.count && bytes[end + 1] == 0x60) {
      end += 1
    }
    return start..<end
  }

  private static func footnoteLabel(_ bytes: [UInt8], lines: LineIndex, line: Int, before: Int) -> String? {
    let range = lines.lineRange(line)
    guard let open = bytes[range].firstRange(of: [0x5B, 0x5E]) else { return nil }
    guard let close = bytes[open.upperBound..<range.upperBound].firstIndex(of: 0x5D) else { return nil }
    return String(decoding: bytes[open.upperBound..<close], as: UTF8.self)
  }

  /// Reads the `[text](dest)` / `[text][label]` construct that starts at `range`, checking that
  /// cmark-gfm's position really points at it (it does not for angle autolinks).
  private static func construct(_ node: MarkdownTree.Node, at range: Range<Int>, _ bytes: [UInt8])
    -> LinkConstruct?
  {
    var start = range.lowerBound
    let isImage = node.kind == .image
    if isImage {
      guard start < bytes.count, bytes[start] == 0x21 else { return nil }
      start += 1
    }
    guard start < bytes.count, bytes[start] == 0x5B, let url = node.url,
      let close = InlineSyntax.closingBracket(bytes, openAt: start, limit: range.upperBound)
    else { return nil }
    let textRange = (start + 1)..<close
    let after = close + 1
    if after < range.upperBound, bytes[after] == 0x28 {
      var d = after + 1
      while d < range.upperBound, bytes[d] == 0x20 || bytes[d] == 0x0A || bytes[d] == 0x09 || bytes[d] == 0x0D {
        d += 1
      }
      var destination = d..<d
      if d < range.upperBound, bytes[d] == 0x3C {
        let inner = d + 1
        let end = bytes[inner..<range.upperBound].firstIndex(of: 0x3E) ?? range.upperBound
        destination = inner..<end
      } else {
        var e = d
        var depth = 0
        while e < range.upperBound {
          let c = bytes[e]
          if c == 0x5C, e + 1 < range.upperBound {
            e += 2
            continue
          }
          if c <= 0x20 { break }
          if c == 0x28 { depth += 1 }
          if c == 0x29 {
            if depth == 0 { break }
            depth -= 1
          }
          e += 1
        }
        destination = d..<e
      }
      return LinkConstruct(
        span: range.lowerBound..<range.upperBound, textRange: textRange, destination: destination,
        tail: after..<range.upperBound, url: url, title: node.title, isImage: isImage,
        referenceLabel: nil)
    }
    // Reference link: `[text][label]`, `[label][]` or `[label]`.
    var label = String(decoding: bytes[textRange], as: UTF8.self)
    if after < range.upperBound, bytes[after] == 0x5B, let labelClose = InlineSyntax.closingBracket(bytes, openAt: after, limit: range.upperBound), labelClose > after + 1 {
      label = String(decoding: bytes[(after + 1)..<labelClose], as: UTF8.self)
    }
    return LinkConstruct(
      span: range.lowerBound..<range.upperBound, textRange: textRange, destination: nil,
      tail: min(after, range.upperBound)..<range.upperBound, url: url, title: node.title,
      isImage: isImage, referenceLabel: label)
  }

  /// Index of the section (0 before the first heading) that `offset` lies in.
  func section(of offset: Int) -> Int {
    var count = 0
    for heading in headings where heading.lowerBound <= offset { count += 1 }
    return count
  }
}

extension MarkdownTree.Kind {
  var isInline: Bool {
    switch self {
    case .code, .htmlInline, .link, .image, .footnoteReference, .strikethrough: return true
    default: return false
    }
  }
}
