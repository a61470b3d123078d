public import VerbatimInterop

/// A parsed page plus the per-node facts every extraction rule needs (tag class, visibility, text).
///
/// Exists so the metadata rules and the main-text extractor share one parse and one pass over the nodes.
public struct PageDocument: Sendable {
  public let tree: HTMLTree
  public let charset: String
  /// The rule that chose `charset` (see `PageCharset.Rule`).
  public let charsetRule: String
  /// True when an element (or an ancestor) never renders text: scripts, styles, templates, SVG, hidden.
  let invisible: [Bool]
  /// What each element's class, id and role suggest (nil for elements without them).
  let hints: [ClassHints?]
  /// For each node, the kinds of element it is or sits inside (a pre-order pass, so questions like
  /// "is this inside a figure?" cost nothing even on 20,000-deep pages).
  let within: [Enclosing]
  /// Index of `<html>`, `<head>`, `<body>` when present.
  let html: Int?
  let head: Int?
  let body: Int?

  /// Decodes and parses `bytes`; `contentType` is the HTTP header when the page was fetched.
  public init(bytes: [UInt8], contentType: String? = nil, byteLimit: Int = HTMLParser.defaultByteLimit) {
    let decision = PageCharset.sniff(bytes, contentType: contentType, canDecode: HTMLParser.canDecode)
    var input = bytes
    if decision.rule == .byteOrderMark, decision.encoding == "UTF-8" { input.removeFirst(3) }
    self.init(
      tree: HTMLParser.parse(input, encoding: decision.encoding, byteLimit: byteLimit),
      charsetRule: decision.rule.rawValue)
  }

  init(tree: HTMLTree, charsetRule: String) {
    self.tree = tree
    self.charset = tree.encoding
    self.charsetRule = charsetRule
    var invisible = [Bool](repeating: false, count: tree.nodes.count)
    var hints = [ClassHints?](repeating: nil, count: tree.nodes.count)
    var html: Int?
    var head: Int?
    var body: Int?
    var within = [Enclosing](repeating: [], count: tree.nodes.count)
    for i in tree.nodes.indices {
      let node = tree.nodes[i]
      let parent = Int(node.parent)
      if parent >= 0 { within[i] = within[parent] }
      if node.kind == .element { within[i].formUnion(Enclosing(tag: node.name)) }
      if parent >= 0, invisible[parent] {
        invisible[i] = true
        continue
      }
      guard node.kind == .element else {
        invisible[i] = node.kind == .comment
        continue
      }
      switch node.name {
      case "html": if html == nil { html = i }
      case "head": if head == nil { head = i }
      case "body": if body == nil { body = i }
      default: break
      }
      invisible[i] = PageDocument.neverRenders(node.name) || PageDocument.isHidden(tree, i)
      if node.attributeCount > 0 {
        hints[i] = ClassHints(element: i, of: tree)
        if let hint = hints[i] {
          if hint.weight < 25, hint.region == .comments || hint.region == .related { within[i].insert(.teaserOrComments) }
        }
        if let role = tree.attribute("role", of: i)?.lowercased(),
          ["navigation", "complementary", "contentinfo", "menu", "dialog"].contains(role)
        {
          within[i].insert(.furnitureRole)
        }
      }
    }
    self.invisible = invisible
    self.hints = hints
    self.within = within
    self.html = html
    self.head = head
    self.body = body
  }

  /// Elements whose content is never shown as text.
  static func neverRenders(_ name: String) -> Bool {
    switch name {
    case "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
      "head", "title", "select", "option", "button", "textarea", "input", "map", "audio", "video",
      "source", "track", "link", "meta", "base", "dialog":
      return true
    default: return false
    }
  }

  /// `hidden`, `aria-hidden="true"` on non-empty containers is ignored (often decorative only);
  /// inline `display:none` / `visibility:hidden`.
  static func isHidden(_ tree: HTMLTree, _ index: Int) -> Bool {
    for attribute in tree.attributes(of: index) {
      switch attribute.name {
      case "hidden": return true
      case "style":
        let style = Array(attribute.value.utf8).filter { $0 != 0x20 }.map(ASCIIText.lower)
        if ASCIIText.find(Array("display:none".utf8), in: style, from: 0) != nil
          || ASCIIText.find(Array("visibility:hidden".utf8), in: style, from: 0) != nil
        {
          return true
        }
      default: continue
      }
    }
    return false
  }

  var nodes: [HTMLTree.Node] { tree.nodes }

  func attribute(_ name: String, of index: Int) -> String? { tree.attribute(name, of: index) }

  /// The text of node `index` and its descendants, whitespace collapsed; invisible parts skipped unless
  /// `includeInvisible`. Block elements and `<br>` separate words.
  func text(of index: Int, includeInvisible: Bool = false) -> String {
    var builder = TextBuilder()
    let end = Int(nodes[index].end)
    var i = index
    while i < end {
      let node = nodes[i]
      if !includeInvisible, invisible[i] {
        i = Int(node.end)
        continue
      }
      switch node.kind {
      case .text: builder.append(node.text)
      case .element where node.name == "br" || BlockElements.isBlock(node.name): builder.space()
      default: break
      }
      i += 1
    }
    return builder.result
  }

  /// Indices of the elements named `name` (in document order) inside `scope` (default: the whole page).
  func elements(named name: String, in scope: Int = 0) -> [Int] {
    var result: [Int] = []
    let end = Int(nodes[scope].end)
    for i in scope..<end where nodes[i].kind == .element && nodes[i].name == name {
      result.append(i)
    }
    return result
  }

  /// The `class` and `id` attribute values, lowercased and joined — what readability-style rules match.
  func classAndID(_ index: Int) -> String {
    let cls = attribute("class", of: index) ?? ""
    let id = attribute("id", of: index) ?? ""
    if cls.isEmpty && id.isEmpty { return "" }
    return (cls + " " + id).lowercased()
  }

  /// Number of nodes in the subtree of `index` (itself included).
  func subtreeSize(_ index: Int) -> Int { Int(nodes[index].end) - index }

  /// Whether node `index` is, or sits inside, any of `kinds`.
  func isWithin(_ index: Int, _ kinds: Enclosing) -> Bool { !within[index].isDisjoint(with: kinds) }


}

/// Kinds of enclosing element extraction asks about.
struct Enclosing: OptionSet, Sendable {
  let rawValue: UInt16
  static let figure = Enclosing(rawValue: 1 << 0)  // figure, figcaption
  static let preformatted = Enclosing(rawValue: 1 << 1)  // pre, code
  static let articleOrMain = Enclosing(rawValue: 1 << 2)
  static let navOrFooter = Enclosing(rawValue: 1 << 3)
  static let aside = Enclosing(rawValue: 1 << 4)
  static let header = Enclosing(rawValue: 1 << 5)
  static let h1 = Enclosing(rawValue: 1 << 6)
  static let svg = Enclosing(rawValue: 1 << 7)
  static let body = Enclosing(rawValue: 1 << 8)
  /// Inside an element whose class names comments or related stories.
  static let teaserOrComments = Enclosing(rawValue: 1 << 9)
  /// Inside an element whose `role` is navigation, complementary, contentinfo, menu or dialog.
  static let furnitureRole = Enclosing(rawValue: 1 << 10)

  init(rawValue: UInt16) { self.rawValue = rawValue }

  init(tag: String) {
    switch tag {
    case "figure", "figcaption": self = .figure
    case "pre", "code": self = .preformatted
    case "article", "main": self = .articleOrMain
    case "nav", "footer": self = .navOrFooter
    case "aside": self = .aside
    case "header": self = .header
    case "h1": self = .h1
    case "svg": self = .svg
    case "body": self = .body
    default: self = []
    }
  }
}

/// Collapses whitespace the way a browser renders inline text.
struct TextBuilder {
  private(set) var result = ""
  private var pendingSpace = false

  /// Appends `text` with each run of white space collapsed into one space (none at the start). Runs of
  /// other characters are copied whole, not scalar by scalar: extraction appends every text node.
  mutating func append(_ text: String) {
    let scalars = text.unicodeScalars
    var runStart: String.UnicodeScalarView.Index?
    var i = scalars.startIndex
    while i < scalars.endIndex {
      if TextBuilder.isSpace(scalars[i]) {
        if let start = runStart {
          appendRun(Substring(scalars[start..<i]))
          runStart = nil
        }
        pendingSpace = true
      } else if runStart == nil {
        runStart = i
      }
      scalars.formIndex(after: &i)
    }
    if let start = runStart { appendRun(Substring(scalars[start..<scalars.endIndex])) }
  }

  private mutating func appendRun(_ run: Substring) {
    if pendingSpace, !result.isEmpty { result.unicodeScalars.append(" ") }
    pendingSpace = false
    result.append(contentsOf: run)
  }

  mutating func space() { pendingSpace = true }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
      0x3000, 0xFEFF:
      return true
    default: return false
    }
  }
}

/// HTML's block-level elements: they start a new line of text.
enum BlockElements {
  static let names: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "legend", "html", "br",
  ]

  static func isBlock(_ name: String) -> Bool { names.contains(name) }
}
