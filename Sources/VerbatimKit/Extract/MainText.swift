internal import VerbatimInterop


/// Finds a page's main content, readability-style, and splits the visible text into role-marked blocks.
///
/// Exists because quotes must be checked against what the article itself says: paragraphs are scored
/// by their text, commas and link density, the best container and its like-minded siblings are kept,
/// boilerplate inside them is cleaned out conditionally, and every other block keeps its text with a role.
struct MainTextExtractor {
  let document: PageDocument
  private let nodes: [HTMLTree.Node]
  private let hints: [ClassHints?]
  private let metrics: NodeMetrics

  init(document: PageDocument) {
    self.document = document
    self.nodes = document.tree.nodes
    self.hints = document.hints
    self.metrics = NodeMetrics(document: document)
  }

  /// The page's blocks, main ones marked.
  /// The page's blocks; `title` (the chosen headline) is kept out of the main text.
  func extract(title: String? = nil) -> PageText {
    // Readability's retries: when the result is short, relax one heuristic at a time and keep the
    // longest result.
    var best: (kept: [Bool], length: Int)?
    for flags in [Flags.all, Flags(stripUnlikely: false, useWeights: true, cleanConditionally: true),
      Flags(stripUnlikely: false, useWeights: false, cleanConditionally: true),
      Flags(stripUnlikely: false, useWeights: false, cleanConditionally: false)]
    {
      let kept = mainContent(flags)
      let length = keptLength(kept)
      if length > (best?.length ?? -1) { best = (kept, length) }
      if length >= 500 { break }
    }
    return blocks(kept: best!.kept, title: title.map(TitleText.key))
  }

  /// Which heuristics a pass uses.
  struct Flags {
    var stripUnlikely: Bool
    var useWeights: Bool
    var cleanConditionally: Bool
    static let all = Flags(stripUnlikely: true, useWeights: true, cleanConditionally: true)
  }

  // MARK: Choosing the content

  /// For every node, whether it belongs to the main content.
  private func mainContent(_ flags: Flags) -> [Bool] {
    let stripUnlikely = flags.stripUnlikely
    let count = nodes.count
    var removed = [Bool](repeating: false, count: count)
    let pageLength = metrics.length[document.body ?? 0]
    for i in 1..<max(count, 1) {
      let parent = Int(nodes[i].parent)
      if parent >= 0, removed[parent] || document.invisible[i] {
        removed[i] = true
        continue
      }
      guard nodes[i].kind == .element else { continue }
      switch nodes[i].name {
      case "nav", "aside", "footer": removed[i] = true
      case "html", "body", "main", "article": continue
      default:
        // A wrapper holding most of the page's text is not a menu, whatever its class says.
        // Nor is a long stretch of prose with few links (ids made from headings say anything).
        let length = metrics.length[i]
        let prose = length >= 1500 && metrics.linkLength[i] * 4 < length
        if let hint = hints[i], (stripUnlikely && hint.unlikely && !prose) || hint.region == .comments,
          length * 2 < pageLength
        {
          removed[i] = true
        }
      }
    }
    let scores = score(removed: removed, useWeights: flags.useWeights)
    let top = topCandidate(scores)
    let roots = contentRoots(top: top, scores: scores, removed: removed)
    var kept = [Bool](repeating: false, count: count)
    for root in roots {
      var i = root
      let end = Int(nodes[root].end)
      while i < end {
        if removed[i] || (i != root && flags.cleanConditionally && shouldClean(i, scores: scores)) {
          i = Int(nodes[i].end)
          continue
        }
        kept[i] = true
        i += 1
      }
    }
    if let first = roots.min() { rescueLead(before: first, removed: removed, kept: &kept) }
    return kept
  }

  /// Standfirsts and lead paragraphs often sit between the headline and the article container, outside
  /// it: keep paragraph blocks there that read like prose (long enough, few links, not page furniture).
  private func rescueLead(before root: Int, removed: [Bool], kept: inout [Bool]) {
    guard let h1 = document.elements(named: "h1").first(where: { !document.invisible[$0] }),
      Int(nodes[h1].end) < root
    else { return }
    var i = Int(nodes[h1].end)
    while i < root {
      let node = nodes[i]
      guard node.kind == .element, !removed[i] else {
        i = removed[i] ? max(Int(node.end), i + 1) : i + 1
        continue
      }
      if ["nav", "aside", "footer", "figure", "form", "ul", "ol", "table"].contains(node.name)
        || hints[i]?.region != nil
      {
        i = Int(node.end)
        continue
      }
      let isParagraph = ["p", "blockquote", "h2", "h3"].contains(node.name)
        || (BlockElements.isBlock(node.name) && metrics.inlineLength[i] == metrics.length[i])
      let length = metrics.length[i]
      let minimum = node.name.hasPrefix("h") ? 80 : 50
      if isParagraph, length >= minimum, Double(metrics.linkLength[i]) < Double(length) * 0.3 {
        for k in i..<Int(node.end) where !removed[k] { kept[k] = true }
        i = Int(node.end)
        continue
      }
      i += 1
    }
  }

  /// Readability's scores: each paragraph-like block passes its score to up to five ancestors.
  private func score(removed: [Bool], useWeights: Bool) -> [Double?] {
    var scores = [Double?](repeating: nil, count: nodes.count)
    let text = metrics.subtreeText(excluding: removed)
    for holder in nodes.indices where !removed[holder] && nodes[holder].kind == .element {
      guard MainTextExtractor.scoredTags.contains(nodes[holder].name) else { continue }
      let inline = metrics.inlineLength[holder]
      guard inline >= 25 else { continue }
      let contentScore = 1 + Double(metrics.inlineCommas[holder]) + min(Double(inline / 100), 3)
      var ancestor = Int(nodes[holder].parent)
      var level = 0
      while ancestor > 0, level < 5 {
        if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor, useWeights: useWeights) }
        let divider = level == 0 ? 1 : level == 1 ? 2 : Double(level * 3)
        scores[ancestor]! += contentScore / divider
        ancestor = Int(nodes[ancestor].parent)
        level += 1
      }
    }
    for i in scores.indices {
      guard let raw = scores[i] else { continue }
      let length = text.length[i]
      let density = length > 0 ? Double(text.linkLength[i]) / Double(length) : 0
      scores[i] = raw * (1 - density)
    }
    return scores
  }

  private static let scoredTags: Set<String> = [
    "p", "pre", "td", "div", "section", "article", "main", "center", "blockquote", "li", "h2", "h3", "h4",
    "h5", "h6", "dd",
  ]

  private func initialScore(_ index: Int, useWeights: Bool) -> Double {
    var score: Double
    switch nodes[index].name {
    case "div", "article", "main": score = 5
    case "pre", "td", "blockquote": score = 3
    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
    case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
    default: score = 0
    }
    return score + (useWeights ? Double(hints[index]?.weight ?? 0) : 0)
  }

  private func topCandidate(_ scores: [Double?]) -> Int? {
    var best: Int?
    var bestScore = -Double.infinity
    for i in scores.indices {
      if let s = scores[i], s > bestScore {
        best = i
        bestScore = s
      }
    }
    guard var top = best else { return nil }
    // Readability's alternative candidates: when three other strong candidates share an ancestor with the
    // best one, the article is split across them and the ancestor holds it all.
    let strong = scores.indices.filter { $0 != top && (scores[$0] ?? -1) >= bestScore * 0.75 && bestScore > 0 }
      .sorted { scores[$0]! > scores[$1]! }.prefix(4)
    if strong.count >= 3 {
      var ancestor = Int(nodes[top].parent)
      while ancestor > 0, nodes[ancestor].name != "body" {
        if strong.filter({ document.tree.contains(ancestor, $0) }).count >= 3 {
          top = ancestor
          break
        }
        ancestor = Int(nodes[ancestor].parent)
      }
    }
    // A parent scoring higher than the candidate holds more of the article (Readability's climb).
    var lastScore = bestScore
    var parent = Int(nodes[top].parent)
    while parent > 0, nodes[parent].name != "body" {
      if let parentScore = scores[parent] {
        if parentScore < bestScore / 3 { break }
        if parentScore > lastScore {
          top = parent
          break
        }
        lastScore = parentScore
      }
      parent = Int(nodes[parent].parent)
    }
    // An only child says nothing its parent does not.
    while nodes[top].parent > 0, nodes[Int(nodes[top].parent)].name != "body",
      document.tree.children(of: Int(nodes[top].parent)).filter({ nodes[$0].kind == .element }).count == 1
    {
      top = Int(nodes[top].parent)
    }
    return top
  }

  /// The top candidate plus the siblings that look like more of the same article.
  private func contentRoots(top: Int?, scores: [Double?], removed: [Bool]) -> [Int] {
    guard let top else { return [document.body ?? 0] }
    let parent = Int(nodes[top].parent)
    guard parent > 0 else { return [top] }
    let topScore = scores[top] ?? 0
    let threshold = max(10, topScore * 0.2)
    let topClass = document.attribute("class", of: top) ?? ""
    var roots: [Int] = []
    for sibling in document.tree.children(of: parent) where !removed[sibling] {
      if sibling == top {
        roots.append(sibling)
        continue
      }
      guard nodes[sibling].kind == .element else { continue }
      var bonus = 0.0
      if !topClass.isEmpty, document.attribute("class", of: sibling) == topClass { bonus = topScore * 0.2 }
      // At least half the best score is more of the same article, even on a short page.
      if let s = scores[sibling], s + bonus >= threshold || (topScore > 0 && s >= topScore * 0.5) {
        roots.append(sibling)
        continue
      }
      guard nodes[sibling].name == "p" || metrics.inlineLength[sibling] == metrics.length[sibling] else {
        continue
      }
      let length = metrics.length[sibling]
      let density = length > 0 ? Double(metrics.linkLength[sibling]) / Double(length) : 1
      if length > 80, density < 0.25 {
        roots.append(sibling)
      } else if length > 0, length <= 80, density == 0, metrics.endsSentence[sibling] {
        roots.append(sibling)
      }
    }
    return roots
  }

  /// Readability's conditional cleaning: containers inside the content that look like boilerplate.
  private func shouldClean(_ i: Int, scores: [Double?]) -> Bool {
    let node = nodes[i]
    guard node.kind == .element else { return false }
    let weight = hints[i]?.weight ?? 0
    if weight < 25, let region = hints[i]?.region,
      region == .comments || region == .related || region == .navigation || region == .pullQuote
    {
      return true
    }
    switch node.name {
    case "h1", "h2", "h3", "h4", "h5", "h6": return weight < 0
    case "table", "ul", "ol", "div", "section", "form", "fieldset", "aside", "header", "footer", "figure",
      "dl":
      break
    default: return false
    }
    if Double(weight) + (scores[i] ?? 0) < 0 { return true }
    let m = metrics
    guard m.commas[i] < 10 else { return false }
    if document.isWithin(Int(node.parent), .preformatted) { return false }
    let p = Double(m.paragraphs[i])
    let img = Double(m.images[i])
    let li = Double(m.listItems[i]) - 100
    let inputs = Double(m.inputs[i])
    let length = m.length[i]
    let density = length > 0 ? Double(m.linkLength[i]) / Double(length) : 0
    let isList = node.name == "ul" || node.name == "ol"
    let inFigure = document.isWithin(i, .figure)
    if img > 1, p / img < 0.5, !inFigure { return true }
    if !isList, li > p { return true }
    if inputs > (p / 3).rounded(.down) { return true }
    if !isList, !inFigure, length < 25, img == 0 || img > 2, m.headings[i] == 0 { return true }
    if weight < 25, density > 0.2 { return true }
    if weight >= 25, density > 0.5 { return true }
    if (m.embeds[i] == 1 && length < 75) || m.embeds[i] > 1 { return true }
    return false
  }

  private func keptLength(_ kept: [Bool]) -> Int {
    var total = 0
    for i in nodes.indices where kept[i] && nodes[i].kind == .text {
      total += metrics.ownLength[i]
    }
    return total
  }
}
