internal import VerbatimInterop

/// Per-node text statistics for main-content scoring, computed in two linear passes.
///
/// Lengths count Unicode scalars with whitespace runs collapsed to one, so CJK and Latin text weigh alike.
struct NodeMetrics {
  /// Collapsed length of a text node's own text (0 for elements).
  var ownLength: [Int]
  /// Visible text length of the subtree.
  var length: [Int]
  /// Visible text length inside `<a>` elements in the subtree.
  var linkLength: [Int]
  /// Commas (`,` `，` `、`) in the subtree's visible text.
  var commas: [Int]
  /// Text owned directly by a block element (not by a nested block).
  var inlineLength: [Int]
  var inlineCommas: [Int]
  var paragraphs: [Int32]
  var images: [Int32]
  var listItems: [Int32]
  var inputs: [Int32]
  var embeds: [Int32]
  var headings: [Int32]
  /// Whether the subtree's last visible character ends a sentence.
  var endsSentence: [Bool]
  private let nodes: [HTMLTree.Node]
  private let invisible: [Bool]

  init(document: PageDocument) {
    let nodes = document.tree.nodes
    let count = nodes.count
    self.nodes = nodes
    self.invisible = document.invisible
    ownLength = [Int](repeating: 0, count: count)
    length = ownLength
    linkLength = ownLength
    commas = ownLength
    inlineLength = ownLength
    inlineCommas = ownLength
    paragraphs = [Int32](repeating: 0, count: count)
    images = paragraphs
    listItems = paragraphs
    inputs = paragraphs
    embeds = paragraphs
    headings = paragraphs
    endsSentence = [Bool](repeating: false, count: count)
    // Pre-order: the nearest block ancestor and whether inside a link.
    var blockOf = [Int32](repeating: 0, count: count)
    var inLink = [Bool](repeating: false, count: count)
    for i in 1..<max(count, 1) {
      let parent = Int(nodes[i].parent)
      let node = nodes[i]
      if node.kind == .element {
        blockOf[i] = BlockElements.isBlock(node.name) && node.name != "br" ? Int32(i) : blockOf[parent]
        inLink[i] = inLink[parent] || node.name == "a"
      } else {
        blockOf[i] = blockOf[parent]
        inLink[i] = inLink[parent]
      }
      guard node.kind == .text, !document.invisible[i] else { continue }
      let (len, commaCount, ends) = NodeMetrics.measure(node.text)
      ownLength[i] = len
      length[i] = len
      commas[i] = commaCount
      if inLink[i] { linkLength[i] = len }
      if len > 0 { endsSentence[i] = ends }
      let block = Int(blockOf[i])
      inlineLength[block] += len
      inlineCommas[block] += commaCount
    }
    // Post-order accumulation: children before parents, since children have larger indices.
    for i in stride(from: count - 1, through: 1, by: -1) {
      let node = nodes[i]
      if node.kind == .element, !document.invisible[i] {
        switch node.name {
        case "p": paragraphs[i] += 1
        case "img", "picture": images[i] += 1
        case "li": listItems[i] += 1
        case "input", "select", "textarea", "button": inputs[i] += 1
        case "embed", "object", "iframe": embeds[i] += 1
        case "h1", "h2", "h3", "h4", "h5", "h6": headings[i] += 1
        default: break
        }
      } else if node.kind == .element, ["input", "select", "textarea", "button"].contains(node.name) {
        inputs[i] += 1
      }
      let parent = Int(node.parent)
      length[parent] += length[i]
      linkLength[parent] += linkLength[i]
      commas[parent] += commas[i]
      paragraphs[parent] += paragraphs[i]
      images[parent] += images[i]
      listItems[parent] += listItems[i]
      inputs[parent] += inputs[i]
      embeds[parent] += embeds[i]
      headings[parent] += headings[i]
    }
    // The last non-empty text in each subtree decides `endsSentence` (reverse order: last child first).
    var lastText = [Int32](repeating: -1, count: count)
    for i in stride(from: count - 1, through: 1, by: -1) {
      if nodes[i].kind == .text, ownLength[i] > 0 { lastText[i] = Int32(i) }
      let parent = Int(nodes[i].parent)
      if lastText[parent] < 0 { lastText[parent] = lastText[i] }
    }
    for i in 0..<count where nodes[i].kind == .element && lastText[i] >= 0 {
      endsSentence[i] = endsSentence[Int(lastText[i])]
    }
  }

  /// Subtree lengths and link lengths that leave out `excluded` nodes (for scoring after stripping).
  func subtreeText(excluding excluded: [Bool]) -> (length: [Int], linkLength: [Int]) {
    var length = [Int](repeating: 0, count: nodes.count)
    var link = length
    for i in stride(from: nodes.count - 1, through: 1, by: -1) where !excluded[i] {
      if nodes[i].kind == .text {
        length[i] = ownLength[i]
        link[i] = linkLength[i]
      }
      let parent = Int(nodes[i].parent)
      length[parent] += length[i]
      link[parent] += link[i]
    }
    return (length, link)
  }

  /// Collapsed length, commas, and whether the text ends a sentence.
  static func measure(_ text: String) -> (Int, Int, Bool) {
    var length = 0
    var commas = 0
    var inSpace = true
    var last: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
      if TextBuilder.isSpace(scalar) {
        if !inSpace { length += 1 }
        inSpace = true
        continue
      }
      inSpace = false
      length += 1
      last = scalar
      if scalar == "," || scalar == "\u{FF0C}" || scalar == "\u{3001}" { commas += 1 }
    }
    if inSpace, length > 0 { length -= 1 }
    let ends = last == "." || last == "!" || last == "?" || last == "\u{3002}" || last == ":"
      || last == "\u{201D}" || last == "\""
    return (length, commas, ends)
  }
}
