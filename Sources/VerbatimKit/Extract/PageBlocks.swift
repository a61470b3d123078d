extension MainTextExtractor {
  /// Splits the visible text into blocks at block-element boundaries, with kind, role and main flag.
  func blocks(kept: [Bool], title: String? = nil) -> PageText {
    let nodes = document.tree.nodes
    let count = nodes.count
    var blockOf = [Int32](repeating: 0, count: count)
    var region = [TextBlock.Role?](repeating: nil, count: count)
    var blocks: [TextBlock] = []
    var builder = TextBuilder()
    var inLink = [Bool](repeating: false, count: count)
    var linkScalars = 0
    var owner = -1
    var ownerKept = false
    var offset = 0
    func flush() {
      guard owner >= 0 else { return }
      let text = builder.result
      if !text.isEmpty {
        var kind = kindOf(owner)
        if kind == .paragraph, Boilerplate.isCaption(text) { kind = .caption }
        var role = ownerKept ? TextBlock.Role.article : (region[owner] ?? .other)
        if ownerKept, let r = region[owner], r == .comments || r == .pullQuote || r == .related {
          role = r
        }
        if role == .article, Boilerplate.isFurniture(text) || Boilerplate.isByline(text) { role = .navigation }
        // The headline titles the text; it is not part of it.
        if role == .article, kind == .heading, let title, TitleText.key(text) == title { role = .other }
        // A short block that is all link is a pointer to another page ("Mehr lesen: …"), not prose.
        let scalars = text.unicodeScalars.count
        if role == .article, scalars < 150, linkScalars * 10 >= scalars * 9 { role = .related }
        // Captions and credits are the page's words but not the article's running text.
        let isMain = role == .article && kind != .caption && Boilerplate.hasLetters(text)
        blocks.append(
          TextBlock(kind: kind, role: role, text: text, length: scalars, node: owner, offset: offset, isMain: isMain))
        offset += scalars + 1
      }
      builder = TextBuilder()
      linkScalars = 0
      owner = -1
    }
    var i = 1
    while i < count {
      let node = nodes[i]
      if document.invisible[i] {
        i = Int(node.end)
        continue
      }
      let parent = Int(node.parent)
      switch node.kind {
      case .element:
        blockOf[i] = BlockElements.isBlock(node.name) && node.name != "br" ? Int32(i) : blockOf[parent]
        region[i] = ownRegion(i) ?? region[parent]
        inLink[i] = inLink[parent] || node.name == "a"
        if node.name == "br" { builder.space() }
      case .text:
        let block = Int(blockOf[parent])
        if block != owner {
          flush()
          owner = block
          ownerKept = kept[i]
        }
        builder.append(node.text)
        if inLink[parent] { linkScalars += NodeMetrics.measure(node.text).0 }
      default: break
      }
      i += 1
    }
    flush()
    return PageText(blocks: blocks)
  }

  private func ownRegion(_ i: Int) -> TextBlock.Role? {
    switch document.tree.nodes[i].name {
    case "nav", "footer": return .navigation
    case "aside": return .aside
    case "header":
      return document.isWithin(i, .articleOrMain) ? nil : .navigation
    default:
      guard let hint = document.hints[i], hint.weight < 25 else { return nil }
      return hint.region
    }
  }

  private func kindOf(_ owner: Int) -> TextBlock.Kind {
    let nodes = document.tree.nodes
    if document.isWithin(owner, .figure) { return .caption }
    switch nodes[owner].name {
    case "h1", "h2", "h3", "h4", "h5", "h6": return .heading
    case "li", "dd", "dt": return .listItem
    case "td", "th": return .cell
    case "pre": return .preformatted
    case "figcaption", "caption": return .caption
    default:
      var a = owner
      var steps = 0
      while a > 0, steps < 8 {
        if nodes[a].name == "blockquote" { return .quote }
        if nodes[a].name == "figure" || nodes[a].name == "figcaption" { return .caption }
        a = Int(nodes[a].parent)
        steps += 1
      }
      return .paragraph
    }
  }
}
