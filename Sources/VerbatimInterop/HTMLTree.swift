/// A parsed HTML document as plain Swift values, in document order.
///
/// Exists so that extraction never touches libxml2's pointers: the parser copies its tree into this flat,
/// `Sendable` array once, and every rule above walks indices. Nodes are stored in pre-order, so the
/// descendants of node `i` are exactly `i + 1 ..< nodes[i].end` — subtree walks are loops, never recursion,
/// which keeps 20,000-deep pages safe.
public struct HTMLTree: Sendable {
  /// What a node is.
  public enum Kind: UInt8, Sendable {
    /// The synthetic document root (index 0).
    case document
    case element
    /// Character data, including the raw contents of `<script>` and `<style>`.
    case text
    case comment
  }

  /// One node. Element and attribute names are lowercase; entities are already decoded.
  public struct Node: Sendable {
    public var kind: Kind
    /// Element name (`"p"`, `"meta"`); empty for other kinds.
    public var name: String
    /// Text or comment content; empty for elements.
    public var text: String
    /// Index of the parent node; -1 for the root.
    public var parent: Int32
    /// One past the index of the last descendant.
    public var end: Int32
    /// Nesting depth (root = 0).
    public var depth: Int32
    /// The node's attributes: `attributes[attributeStart ..< attributeStart + attributeCount]`.
    public var attributeStart: Int32
    public var attributeCount: Int32
    /// Source line, as libxml2 reports it (0 when unknown).
    public var line: Int32
  }

  /// One attribute of an element.
  public struct Attribute: Sendable {
    public var name: String
    public var value: String
  }

  public var nodes: [Node]
  public var attributes: [Attribute]
  /// True when the input was longer than the parser's limit and only its start was parsed.
  public var truncated: Bool
  /// The encoding the bytes were decoded with (a libxml2 / iconv name such as `UTF-8`, `windows-1252`).
  public var encoding: String

  public init(nodes: [Node], attributes: [Attribute], truncated: Bool, encoding: String) {
    self.nodes = nodes
    self.attributes = attributes
    self.truncated = truncated
    self.encoding = encoding
  }

  /// The value of attribute `name` (lowercase) on node `index`, if present.
  @inlinable
  public func attribute(_ name: String, of index: Int) -> String? {
    let node = nodes[index]
    guard node.attributeCount > 0 else { return nil }
    let start = Int(node.attributeStart)
    for i in start ..< start + Int(node.attributeCount) where attributes[i].name == name {
      return attributes[i].value
    }
    return nil
  }

  /// The attributes of node `index`.
  @inlinable
  public func attributes(of index: Int) -> ArraySlice<Attribute> {
    let node = nodes[index]
    let start = Int(node.attributeStart)
    return attributes[start ..< start + Int(node.attributeCount)]
  }

  /// Indices of the direct children of node `index`, in order.
  public func children(of index: Int) -> [Int] {
    var result: [Int] = []
    var child = index + 1
    let end = Int(nodes[index].end)
    while child < end {
      result.append(child)
      child = Int(nodes[child].end)
    }
    return result
  }

  /// Whether `ancestor` contains `index` (or is it).
  @inlinable
  public func contains(_ ancestor: Int, _ index: Int) -> Bool {
    index >= ancestor && index < Int(nodes[ancestor].end)
  }
}
