/// The page's declared metadata in one pass: `<meta>` tags, `<link rel>`, `<title>`, `lang`, JSON-LD
/// blocks and microdata properties.
///
/// Exists so each metadata rule reads a small table instead of walking the tree again.
struct HeadTags: Sendable {
  /// One `<meta>` tag: its key (`name`, `property`, `itemprop` or `http-equiv`, lowercased) and `content`.
  struct Meta: Sendable {
    var key: String
    var content: String
    var node: Int
  }

  /// One microdata property: `itemprop` (lowercased), its value, and the `itemtype` of its item.
  struct ItemProperty: Sendable {
    var name: String
    var value: String
    var itemType: String
    var node: Int
    /// The `itemscope` element the property belongs to (-1 when none).
    var scope: Int
  }

  var metas: [Meta] = []
  var links: [(rel: String, href: String, node: Int)] = []
  var title: String?
  var htmlLang: String?
  var jsonLD: [String] = []
  var itemProperties: [ItemProperty] = []

  init(_ document: PageDocument) {
    let tree = document.tree
    let nodes = tree.nodes
    var itemTypeOf = [Int32](repeating: -1, count: nodes.count)  // nearest itemscope element
    if let html = document.html, let lang = tree.attribute("lang", of: html) ?? tree.attribute("xml:lang", of: html) {
      htmlLang = lang
    }
    for i in nodes.indices where i > 0 {
      let parent = Int(nodes[i].parent)
      itemTypeOf[i] = itemTypeOf[parent]
      guard nodes[i].kind == .element else { continue }
      let name = nodes[i].name
      if tree.attribute("itemscope", of: i) != nil { itemTypeOf[i] = Int32(i) }
      switch name {
      case "meta":
        guard let content = tree.attribute("content", of: i) else { continue }
        for keyName in ["name", "property", "itemprop", "http-equiv"] {
          if let key = tree.attribute(keyName, of: i), !key.isEmpty {
            // `property` may list several, space separated (RDFa).
            for part in key.split(separator: " ") {
              metas.append(Meta(key: part.lowercased(), content: content, node: i))
            }
          }
        }
      case "link":
        if let rel = tree.attribute("rel", of: i), let href = tree.attribute("href", of: i) {
          for part in rel.lowercased().split(separator: " ") {
            links.append((String(part), href, i))
          }
        }
      case "title":
        if title == nil, !document.isWithin(i, [.svg, .body]) {
          title = document.text(of: i, includeInvisible: true)
        }
      case "script":
        if let type = tree.attribute("type", of: i),
          type.lowercased().trimmingASCIISpaces() == "application/ld+json"
        {
          var text = ""
          for child in (i + 1)..<Int(nodes[i].end) where nodes[child].kind == .text {
            text += nodes[child].text
          }
          jsonLD.append(text)
        }
      default: break
      }
      if let prop = tree.attribute("itemprop", of: i), name != "meta" {
        let value =
          tree.attribute("content", of: i) ?? tree.attribute("datetime", of: i)
          ?? (name == "a" || name == "link" ? tree.attribute("href", of: i) : nil)
          ?? document.text(of: i)
        let scope = Int(itemTypeOf[parent])
        let type = scope >= 0 ? (tree.attribute("itemtype", of: scope) ?? "") : ""
        for part in prop.split(separator: " ") {
          itemProperties.append(
            ItemProperty(name: part.lowercased(), value: value, itemType: type.lowercased(), node: i, scope: scope))
        }
      }
    }
  }

  /// The first non-empty `content` of a meta tag with one of `keys` (lowercase), and the key that matched.
  func meta(_ keys: [String]) -> (value: String, key: String)? {
    for key in keys {
      for meta in metas where meta.key == key {
        let value = meta.content.trimmingASCIISpaces()
        if !value.isEmpty { return (value, key) }
      }
    }
    return nil
  }

  /// Every non-empty `content` for `key`, in order.
  func metaValues(_ key: String) -> [String] {
    metas.compactMap { $0.key == key ? $0.content.trimmingASCIISpaces() : nil }.filter { !$0.isEmpty }
  }

  func link(_ rel: String) -> String? {
    links.first { $0.rel == rel && !$0.href.isEmpty }?.href
  }
}

extension String {
  /// The string without leading and trailing whitespace (including no-break and other Unicode spaces).
  func trimmingASCIISpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !TextBuilder.isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !TextBuilder.isSpace($0) })!
    if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
    return String(scalars[first...last])
  }

  /// Whitespace runs collapsed to one space, trimmed.
  func collapsingWhitespace() -> String {
    var builder = TextBuilder()
    builder.append(self)
    return builder.result
  }
}
