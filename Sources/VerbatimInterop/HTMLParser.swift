internal import CLibXML2

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// libxml2's HTML parser, turned into an `HTMLTree` of Swift values.
///
/// Exists so that VerbatimKit can read real-world HTML (broken markup, huge and deep pages, legacy
/// encodings) without holding a libxml2 pointer: the document is parsed, copied and freed inside `parse`.
public enum HTMLParser {
  /// Pages longer than this are parsed up to the limit only (`HTMLTree.truncated`).
  public static let defaultByteLimit = 16 << 20

  /// Whether libxml2 (through iconv) can decode `encoding`, a charset label such as `windows-1252`.
  public static func canDecode(_ encoding: String) -> Bool {
    LibXML.ensureInitialized()
    guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
    xmlCharEncCloseFunc(handler)  // iconv-backed handlers leak otherwise
    return true
  }

  /// Parses `bytes`, decoded as `encoding` (which the caller chose by the HTML standard's sniffing rules;
  /// any charset the document declares itself is ignored). Never fails: garbage yields a small tree.
  public static func parse(_ bytes: [UInt8], encoding: String, byteLimit: Int = defaultByteLimit) -> HTMLTree {
    LibXML.ensureInitialized()
    let truncated = bytes.count > byteLimit
    var input = truncated ? Array(bytes[..<byteLimit]) : bytes
    // Everything reaches libxml2 as UTF-8: legacy encodings are decoded here with replacement, because
    // libxml2's own decoding stops at the first undecodable byte and loses the rest of the page.
    var name = "UTF-8"
    if let decoded = Transcoder.utf8(input, from: encoding) {
      input = repairedUTF8(decoded)
    } else {
      name = encoding  // unknown to iconv: let libxml2 try (it falls back to Latin-1)
    }
    if memchr(input, 0, input.count) != nil {
      // libxml2 stops at a NUL byte; the HTML standard treats it as a parse error and goes on.
      for i in input.indices where input[i] == 0 { input[i] = 0x20 }
    }
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
    let document: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
      return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        htmlReadMemory($0, Int32(buffer.count), nil, name, options)
      }
    }
    var builder = TreeBuilder()
    if let document {
      builder.copy(document)
      xmlFreeDoc(document)
    } else {
      builder.appendRoot()  // empty input: a document with nothing in it
    }
    return HTMLTree(
      nodes: builder.nodes, attributes: builder.attributes, truncated: truncated,
      encoding: name == "UTF-8" && encoding.uppercased() != "UTF8" ? encoding : name)
  }

  /// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD (the HTML standard's decoder), and a
  /// leading byte-order mark removed.
  static func repairedUTF8(_ bytes: [UInt8]) -> [UInt8] {
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    let body = bytes[start...]
    if String(validating: body, as: UTF8.self) != nil {
      return start == 0 ? bytes : Array(body)
    }
    return Array(String(decoding: body, as: UTF8.self).utf8)
  }
}

/// Copies a libxml2 document into flat arrays, walking with an explicit stack (no recursion).
private struct TreeBuilder {
  var nodes: [HTMLTree.Node] = []
  var attributes: [HTMLTree.Attribute] = []

  mutating func appendRoot() {
    nodes.append(
      HTMLTree.Node(
        kind: .document, name: "", text: "", parent: -1, end: 1, depth: 0, attributeStart: 0,
        attributeCount: 0, line: 0))
  }

  mutating func copy(_ document: htmlDocPtr) {
    nodes.reserveCapacity(4096)
    appendRoot()
    var open: [Int32] = [0]  // indices of the elements whose children are being copied
    var cursor: xmlNodePtr? = document.pointee.children
    while true {
      guard let node = cursor else {
        // Climb until an ancestor has a next sibling.
        break
      }
      let index = append(node, parent: open[open.count - 1], depth: Int32(open.count))
      if let index, node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
        open.append(index)
        cursor = child
        continue
      }
      var next = node.pointee.next
      var current = node
      while next == nil {
        guard open.count > 1, let parent = current.pointee.parent else { break }
        let closing = open.removeLast()
        nodes[Int(closing)].end = Int32(nodes.count)
        current = parent
        next = parent.pointee.next
      }
      cursor = next
    }
    while let closing = open.popLast() {
      nodes[Int(closing)].end = Int32(nodes.count)
    }
  }

  /// Appends one node; returns its index, or nil for kinds we do not keep (doctype, processing instructions).
  private mutating func append(_ node: xmlNodePtr, parent: Int32, depth: Int32) -> Int32? {
    let type = node.pointee.type
    let index = Int32(nodes.count)
    let line = Int32(truncatingIfNeeded: node.pointee.line)
    switch type {
    case XML_ELEMENT_NODE:
      let start = Int32(attributes.count)
      var attribute = node.pointee.properties
      while let current = attribute {
        if let name = current.pointee.name {
          attributes.append(
            HTMLTree.Attribute(
              name: lowercased(String(cString: name)), value: attributeValue(current)))
        }
        attribute = current.pointee.next
      }
      let name = node.pointee.name.map { lowercased(String(cString: $0)) } ?? ""
      nodes.append(
        HTMLTree.Node(
          kind: .element, name: name, text: "", parent: parent, end: index + 1, depth: depth,
          attributeStart: start, attributeCount: Int32(attributes.count) - start, line: line))
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE:
      let text = node.pointee.content.map { String(cString: $0) } ?? ""
      nodes.append(
        HTMLTree.Node(
          kind: type == XML_COMMENT_NODE ? .comment : .text, name: "", text: text, parent: parent,
          end: index + 1, depth: depth, attributeStart: 0, attributeCount: 0, line: line))
    default:
      return nil
    }
    return index
  }

  /// An attribute's value: the concatenated content of its text children (entities already decoded).
  private func attributeValue(_ attribute: xmlAttrPtr) -> String {
    var child = attribute.pointee.children
    guard let first = child else { return "" }
    if first.pointee.next == nil {
      return first.pointee.content.map { String(cString: $0) } ?? ""
    }
    var value = ""
    while let current = child {
      if let content = current.pointee.content { value += String(cString: content) }
      child = current.pointee.next
    }
    return value
  }

  private func lowercased(_ name: String) -> String {
    name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
  }
}

/// One-time libxml2 set-up, before any concurrent use (swift-interop.md P11): `xmlInitParser` and the
/// silent error handlers. `xmlCleanupParser` is never called.
enum LibXML {
  private static let initialized: Bool = {
    xmlInitParser()
    clibxml2_silence_generic_errors()
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
    // Error handlers are per thread in libxml2 2.9; the default above covers threads started later,
    // this covers the calling thread if it existed before.
    clibxml2_silence_generic_errors()
  }
}
