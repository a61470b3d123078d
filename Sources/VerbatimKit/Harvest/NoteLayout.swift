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
  /// Link reference definitions, used or not, in document order.
  var definitions: [ReferenceDefinitions.Definition] = []
  /// Tables (their rows are regions; unescaped `|` separates cells).
  var tables: [Range<Int>] = []

  /// How cmark-gfm's inline positions inside one leaf block map to note bytes.
  private enum InlineFrame {
    /// Positions are exact (ATX headings, and nodes outside any leaf).
    case exact
    /// A paragraph (or setext heading). cmark-gfm places inlines in the paragraph's content: its
    /// lines without container prefixes and indentation (also on lazy lines), joined by their line
    /// breaks. It counts lines from the first line after the reference definitions it consumed,
    /// columns on every line from the first line's start column, and it misses the line breaks
    /// inside link destinations, titles and labels, so a column can run past its line's end into
    /// the next lines. Reading the position as an offset into that content undoes all of it.
    case paragraph(ParagraphContent)
    /// A table cell: cmark-gfm drops the `\\` of each `\\|` before placing inlines.
    case cell(start: Int, column: Int)
  }

  private struct ParagraphContent {
    /// The content lines from the first line after consumed definitions: note byte ranges
    /// without line terminators, and each terminator's length.
    var lines: [(range: Range<Int>, terminator: Int)]
    /// The line cmark-gfm calls the first (the paragraph's start line).
    var firstLine: Int
    /// The paragraph's start column (bytes): cmark-gfm's column of every line's content start.
    var startColumn: Int

    func offset(line: Int, column: Int) -> Int? {
      var i = line - firstLine
      guard i >= 0, i < lines.count else { return nil }
      var distance = column - startColumn
      while distance > lines[i].range.count, i + 1 < lines.count {
        distance -= lines[i].range.count + lines[i].terminator
        i += 1
      }
      let range = lines[i].range
      return min(max(range.lowerBound + distance, range.lowerBound), range.upperBound)
    }
  }

  init(note: NoteSource, tree: MarkdownTree) {
    let bytes = note.parseText
    let lines = note.lines
    var claimed = [Bool](repeating: false, count: lines.lineCount + 1)
    if let fm = note.frontMatter {
      let last = lines.lineIndex(of: fm.upperBound) + 1
      for l in 1...min(last, lines.lineCount) { claimed[l] = true }
    }
    // Per node: resolved byte range, outermost block quote, innermost item, footnote label,
    // block-quote depth and the frame its inline positions are read in.
    var nodeRange = [Range<Int>?](repeating: nil, count: tree.nodes.count)
    var nodeQuote = [Int?](repeating: nil, count: tree.nodes.count)
    var nodeItem = [Range<Int>?](repeating: nil, count: tree.nodes.count)
    var nodeFootnote = [String?](repeating: nil, count: tree.nodes.count)
    var nodeDepth = [Int](repeating: 0, count: tree.nodes.count)
    var nodeFrame = [InlineFrame](repeating: .exact, count: tree.nodes.count)
    // End of the leaf block (paragraph, heading, cell) around an inline node: constructs end there.
    var nodeLeafEnd = [Int](repeating: bytes.count, count: tree.nodes.count)
    // Link constructs already taken (a fallback search must not take one twice).
    var taken = Set<Int>()

    for (index, node) in tree.nodes.enumerated() {
      let parent = Int(node.parent)
      if parent >= 0 {
        nodeQuote[index] = nodeQuote[parent]
        nodeItem[index] = nodeItem[parent]
        nodeFootnote[index] = nodeFootnote[parent]
        nodeDepth[index] = nodeDepth[parent]
        nodeFrame[index] = nodeFrame[parent]
        nodeLeafEnd[index] = nodeLeafEnd[parent]
      }
      if node.kind == .blockQuote { nodeDepth[index] += 1 }
      let range: Range<Int>?
      if node.kind.isInline {
        range = Self.inlineRange(of: node, frame: nodeFrame[index], bytes, lines)
      } else {
        range = Self.range(of: node, lines: lines, count: bytes.count)
      }
      guard let range else { continue }
      nodeRange[index] = range
      let firstLine = Int(node.startLine)
      let lastLine = max(firstLine, Int(node.endLine) - (node.endColumn == 0 ? 1 : 0))
      if node.kind == .paragraph || node.kind == .heading || node.kind == .tableCell {
        nodeLeafEnd[index] = lines.lineRange(lines.lineIndex(of: max(range.lowerBound, range.upperBound - 1)) + 1).upperBound
      }
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
        let isSetext = node.kind == .heading && lastLine > firstLine
        if node.kind == .paragraph || isSetext {
          var content = (firstLine...lastLine).map { l -> (range: Range<Int>, terminator: Int) in
            let line = lines.lineRange(l)
            let start = l == firstLine ? range.lowerBound : Self.contentStart(of: l, depth: nodeDepth[index], bytes, lines)
            let next = l < lines.lineCount ? lines.starts[l] : line.upperBound
            return (start..<max(start, line.upperBound), next - line.upperBound)
          }
          var shift = 0
          if node.kind == .paragraph, range.lowerBound < bytes.count, bytes[range.lowerBound] == 0x5B {
            // cmark-gfm keeps a paragraph's start on reference definitions it consumed, but
            // counts inline positions from the first line after them.
            let leading = ReferenceDefinitions.parseLeading(bytes, lines: content.map(\.range))
            definitions.append(contentsOf: leading.definitions)
            shift = min(leading.lines, lastLine - firstLine)
            for l in firstLine..<(firstLine + shift) { claimed[l] = true }
            content.removeFirst(shift)
          }
          nodeFrame[index] = .paragraph(
            ParagraphContent(lines: content, firstLine: firstLine, startColumn: Int(node.startColumn)))
          if shift > 0 {
            first = firstLine + shift
            regionStart = lines.starts[first - 1]
          }
        }
        if first <= lastLine { for l in first...lastLine where l < claimed.count { claimed[l] = true } }
        regions.append(
          Region(
            range: regionStart..<max(regionStart, range.upperBound), blockQuote: nodeQuote[index],
            listItem: nodeItem[index], footnote: nodeFootnote[index], isHeading: node.kind == .heading))
        if node.kind == .heading { headings.append(range) }
      case .tableCell:
        nodeFrame[index] = .cell(start: range.lowerBound, column: Int(node.startColumn))
      case .codeBlock, .htmlBlock, .thematicBreak, .table:
        for l in firstLine...lastLine where l < claimed.count { claimed[l] = true }
        if node.kind == .codeBlock { code.append(range) }
        if node.kind == .htmlBlock { html.append(range) }
        if node.kind == .table { tables.append(range) }
      case .code:
        code.append(Self.widenCodeSpan(range, bytes))
      case .htmlInline:
        html.append(range)
      case .strikethrough:
        struck.append(range)
      case .footnoteReference:
        // cmark-gfm's literal is the footnote's number, not its label: read `[^label]` itself.
        var label = node.literal ?? ""
        if range.count > 3, bytes[range.lowerBound] == 0x5B, bytes[range.lowerBound + 1] == 0x5E,
          bytes[range.upperBound - 1] == 0x5D
        {
          label = String(decoding: bytes[(range.lowerBound + 2)..<(range.upperBound - 1)], as: UTF8.self)
        }
        footnoteReferences.append((label, range))
      case .link, .image:
        // Link text and destinations are short; a bound keeps hostile notes linear.
        let limit = min(nodeLeafEnd[index], range.upperBound + Self.constructSlack)
        if let construct = Self.construct(node, at: range, bytes, limit: limit), !taken.contains(construct.span.lowerBound) {
          links.append(construct)
          taken.insert(construct.span.lowerBound)
        } else if let construct = Self.searchConstruct(
          node, near: range, bytes, taken: taken,
          openerOnLine: { [frame = nodeFrame[index]] line in
            Self.inlineOffset(line: line, column: Int(node.startColumn), frame, lines, bytes)
          })
        {
          // Link text over several lines: cmark-gfm gives the closing line for its start.
          links.append(construct)
          taken.insert(construct.span.lowerBound)
        }
      default:
        break
      }
    }
    // Definitions cmark-gfm removed with their whole paragraph: runs of lines no block claimed.
    var run: [Range<Int>] = []
    func flush() {
      if !run.isEmpty { definitions.append(contentsOf: ReferenceDefinitions.parseUnclaimed(bytes, lines: run)) }
      run = []
    }
    for l in 1...max(1, lines.lineCount) where l < claimed.count {
      if claimed[l] {
        flush()
        continue
      }
      unclaimedLines.append(l)
      let r = lines.lineRange(l)
      if bytes[r].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x3E }) { flush() } else { run.append(r) }
    }
    flush()
    definitions.sort { $0.span.lowerBound < $1.span.lowerBound }
    code.sort { $0.lowerBound < $1.lowerBound }
    html.sort { $0.lowerBound < $1.lowerBound }
    links.sort { $0.span.lowerBound < $1.span.lowerBound }
  }

  /// Byte range of a block node; nil when cmark-gfm gave no position.
  private static func range(of node: MarkdownTree.Node, lines: LineIndex, count: Int) -> Range<Int>? {
    guard node.startLine > 0, node.startColumn > 0,
      let start = lines.offset(line: node.startLine, byteColumn: node.startColumn)
    else { return nil }
    let end: Int
    if node.endColumn == 0 {
      end = lines.offset(line: node.endLine, byteColumn: 1) ?? count
    } else {
      end = (lines.offset(line: node.endLine, byteColumn: node.endColumn) ?? count - 1) + 1
    }
    return start..<min(count, max(start, end))
  }

  /// Byte range of an inline node, its cmark-gfm position read in `frame`.
  private static func inlineRange(
    of node: MarkdownTree.Node, frame: InlineFrame, _ bytes: [UInt8], _ lines: LineIndex
  ) -> Range<Int>? {
    guard node.startLine > 0, node.startColumn > 0, node.endLine > 0,
      let start = inlineOffset(line: Int(node.startLine), column: Int(node.startColumn), frame, lines, bytes),
      let last = inlineOffset(line: Int(node.endLine), column: max(1, Int(node.endColumn)), frame, lines, bytes)
    else { return nil }
    return start..<min(bytes.count, max(start, last + 1))
  }

  private static func inlineOffset(
    line: Int, column: Int, _ frame: InlineFrame, _ lines: LineIndex, _ bytes: [UInt8]
  ) -> Int? {
    switch frame {
    case .exact:
      return lines.offset(line: Int32(line), byteColumn: Int32(column))
    case .paragraph(let content):
      return content.offset(line: line, column: column)
    case .cell(let start, let cellColumn):
      // Walk the cell's bytes, counting columns as cmark-gfm does (without the `\` of `\|`).
      var i = start
      var c = cellColumn
      while c < column, i < bytes.count, bytes[i] != 0x0A {
        if bytes[i] == 0x5C, i + 1 < bytes.count, bytes[i + 1] == 0x7C {
          i += 1
          continue
        }
        i += 1
        c += 1
      }
      return i
    }
  }

  /// Where a paragraph's text starts on a continuation line: after up to `depth` block-quote
  /// markers and all indentation (cmark-gfm strips both, also on lazy lines).
  static func contentStart(of line: Int, depth: Int, _ bytes: [UInt8], _ lines: LineIndex) -> Int {
    let range = lines.lineRange(line)
    var i = range.lowerBound
    var quotes = depth
    while i < range.upperBound {
      if bytes[i] == 0x20 || bytes[i] == 0x09 {
        i += 1
      } else if bytes[i] == 0x3E, quotes > 0 {
        quotes -= 1
        i += 1
      } else {
        break
      }
    }
    return i
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
