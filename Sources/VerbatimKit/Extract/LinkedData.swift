/// Flattened view over JSON-LD script blocks.
struct LinkedData: Sendable {
  struct Node: Sendable {
    var value: JSONValue
    /// Lowercased, without a "http://schema.org/", "https://schema.org/" or "schema:" prefix.
    var types: [String]
    /// 0 = top level or "@graph" member; larger = nested inside another node.
    var depth: Int
    var id: String?
  }

  /// Every node object (a JSON object that has "@type" or is an element of "@graph"), flattened in
  /// document order: top-level objects, arrays of objects, "@graph" members and nested objects reachable
  /// through any property (except "@context"). Each object is reported once.
  let nodes: [Node]
  private let idIndex: [String: Int]

  init(blocks: [String]) {
    var collector = Collector()
    for block in blocks {
      for value in LenientJSON.parseAll(block) {
        collector.visit(value, depth: 0, inGraph: false)
      }
    }
    nodes = collector.nodes
    var index: [String: Int] = [:]
    for (position, node) in collector.nodes.enumerated() {
      guard let id = node.id, !id.isEmpty else { continue }
      if let existing = index[id] {
        // Prefer a full definition over a bare {"@id": …} placeholder.
        if Self.isReference(collector.nodes[existing].value) && !Self.isReference(node.value) {
          index[id] = position
        }
      } else {
        index[id] = position
      }
    }
    idIndex = index
  }

  /// The node whose "@id" is `id`, if any (preferring a full definition over a bare reference).
  func node(withID id: String) -> Node? {
    idIndex[id].map { nodes[$0] }
  }

  /// Resolves a `{"@id": "…"}` reference (an object with only "@id") to the node with that @id.
  /// Arrays are resolved element by element; anything else (or an unknown id) is returned unchanged.
  func resolve(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object:
      guard Self.isReference(value), let id = value["@id"]?.stringValue,
        let position = idIndex[id], !Self.isReference(nodes[position].value)
      else { return value }
      return nodes[position].value
    case .array(let items):
      return .array(
        items.map { item in
          if case .array = item { return item }
          return resolve(item)
        })
    default:
      return value
    }
  }

  /// Trims whitespace and collapses internal runs of whitespace (newlines, tabs, NBSP…) to one space.
  static func decodeText(_ text: String) -> String {
    // Fast path: ASCII text without leading, trailing, doubled or non-space whitespace.
    var previousSpace = true
    var clean = true
    for byte in text.utf8 {
      if byte >= 0x80 || (byte >= 0x09 && byte <= 0x0D) || (byte == 0x20 && previousSpace) {
        clean = false
        break
      }
      previousSpace = byte == 0x20
    }
    if clean && !previousSpace || text.isEmpty { return text }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace {
          out.append(" ")
          pendingSpace = false
        }
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Lowercases a type and strips a schema.org prefix: "http://schema.org/NewsArticle" → "newsarticle".
  static func normalizeType(_ type: String) -> String {
    var lower = Substring(decodeText(type).lowercased())
    guard lower.contains(":") else { return String(lower) }
    for prefix in [
      "http://schema.org/", "https://schema.org/", "http://www.schema.org/",
      "https://www.schema.org/", "schema:",
    ] where lower.hasPrefix(prefix) {
      lower = lower.dropFirst(prefix.count)
      break
    }
    return String(lower)
  }

  /// True for an object whose only key is "@id".
  static func isReference(_ value: JSONValue) -> Bool {
    guard case .object(let members) = value, !members.isEmpty else { return false }
    return members.allSatisfy { $0.0 == "@id" }
  }

  private struct Collector {
    var nodes: [Node] = []

    /// Recursion depth is bounded by the parser's nesting limit.
    mutating func visit(_ value: JSONValue, depth: Int, inGraph: Bool) {
      switch value {
      case .array(let items):
        for item in items { visit(item, depth: depth, inGraph: inGraph) }
      case .object(let members):
        let typeValue = value["@type"]
        let isNode = typeValue != nil || inGraph
        if isNode {
          let types = (typeValue?.arrayValue ?? []).compactMap { $0.stringValue }
            .map(LinkedData.normalizeType).filter { !$0.isEmpty }
          let id = value["@id"]?.stringValue.map(LinkedData.decodeText)
          nodes.append(Node(value: value, types: types, depth: depth, id: id))
        }
        let childDepth = isNode ? depth + 1 : depth
        for (key, child) in members {
          switch key {
          case "@context", "@type", "@id": continue
          case "@graph": visit(child, depth: depth, inGraph: true)
          default: visit(child, depth: childDepth, inGraph: false)
          }
        }
      default:
        break
      }
    }
  }
}
