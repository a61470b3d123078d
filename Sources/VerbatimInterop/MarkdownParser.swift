internal import CCmarkGFM

/// The block and inline structure of one Markdown document, as libcmark-gfm parsed it.
///
/// Verbatim trusts cmark-gfm for *structure* (what is code, what is a block quote, where a link
/// node starts) and its own scanners for everything cmark-gfm gets wrong or does not know
/// (bare-URL positions, Obsidian syntax, front matter). Nodes are stored flat in document order;
/// text, emphasis and break nodes are left out because nothing downstream needs them.
public struct MarkdownTree: Sendable {
  /// What a node is. Only the kinds Verbatim uses are told apart.
  public enum Kind: UInt8, Sendable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
    case thematicBreak, footnoteDefinition, table, tableRow, tableCell
    case code, htmlInline, link, image, footnoteReference, strikethrough, other
  }

  /// One node: its kind, its parent (an index into `nodes`, -1 for the document) and its source
  /// span as cmark-gfm reports it (1-based lines, 1-based byte columns; 0 where cmark has none).
  public struct Node: Sendable {
    public var kind: Kind
    public var parent: Int32
    public var startLine: Int32
    public var startColumn: Int32
    public var endLine: Int32
    public var endColumn: Int32
    /// Destination of a link or image.
    public var url: String?
    /// Title of a link or image.
    public var title: String?
    /// Literal of a code span, HTML node or footnote label; heading level for headings as text.
    public var literal: String?
  }

  public private(set) var nodes: [Node] = []

  /// Parses UTF-8 Markdown. The bytes must already be valid UTF-8.
  public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    MarkdownExtensions.register()
    let parser = cmark_parser_new(ccmark_parse_options())!
    defer { cmark_parser_free(parser) }
    // No autolink extension: its bare-URL nodes have no positions; VerbatimKit scans for those itself.
    for name in ["table", "strikethrough", "tasklist"] {
      if let ext = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, ext)
      }
    }
    if let base = bytes.baseAddress, bytes.count > 0 {
      base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        cmark_parser_feed(parser, $0, bytes.count)
      }
    }
    guard let document = cmark_parser_finish(parser) else { return }
    defer { cmark_node_free(document) }
    nodes.reserveCapacity(64)
    walk(document)
  }

  private mutating func walk(_ document: OpaquePointer) {
    let iterator = cmark_iter_new(document)!
    defer { cmark_iter_free(iterator) }
    // Index in `nodes` of each open container, so children know their parent.
    var stack: [Int32] = []
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if event == CMARK_EVENT_EXIT {
        if Self.isKept(type, node) && Self.isContainer(type) { stack.removeLast() }
        continue
      }
      guard Self.isKept(type, node) else { continue }
      let kind = Self.kind(of: type, node)
      var record = Node(
        kind: kind, parent: stack.last ?? -1,
        startLine: cmark_node_get_start_line(node), startColumn: cmark_node_get_start_column(node),
        endLine: cmark_node_get_end_line(node), endColumn: cmark_node_get_end_column(node),
        url: nil, title: nil, literal: nil)
      switch kind {
      case .link, .image:
        record.url = Self.string(cmark_node_get_url(node))
        record.title = Self.string(cmark_node_get_title(node))
      case .code, .htmlInline, .htmlBlock, .footnoteDefinition, .footnoteReference:
        record.literal = Self.string(cmark_node_get_literal(node))
      case .heading:
        record.literal = String(cmark_node_get_heading_level(node))
      default:
        break
      }
      nodes.append(record)
      // Leaf nodes (cmark's S_is_leaf) get no EXIT event from the iterator.
      if Self.isContainer(type) {
        stack.append(Int32(nodes.count - 1))
      }
    }
  }

  private static func isContainer(_ type: cmark_node_type) -> Bool {
    switch type {
    case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
      CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
      CMARK_NODE_THEMATIC_BREAK:
      return false
    default:
      return true
    }
  }

  private static func isKept(_ type: cmark_node_type, _ node: OpaquePointer) -> Bool {
    switch type {
    case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_EMPH,
      CMARK_NODE_STRONG:
      return false
    default:
      return true
    }
  }

  private static func kind(of type: cmark_node_type, _ node: OpaquePointer) -> Kind {
    switch type {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
    default:
      // Extension node types are globals Swift 6 cannot read safely: compare by name.
      guard let name = cmark_node_get_type_string(node) else { return .other }
      switch String(cString: name) {
      case "table": return .table
      case "table_row", "table_header": return .tableRow
      case "table_cell": return .tableCell
      case "strikethrough": return .strikethrough
      default: return .other
      }
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }
}

/// cmark-gfm's extension registry is process-global; register it exactly once.
private enum MarkdownExtensions {
  static let registered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()
  static func register() { _ = registered }
}
