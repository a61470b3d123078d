internal import VerbatimInterop

/// What an element's `class`, `id` and `role` suggest about its content: article, boilerplate, or neither.
///
/// Exists to keep the readability-style word lists in one place. Matching is by substring of the lowercased
/// attribute values, as Readability.js does, so `post-body` and `article__content` both count.
struct ClassHints: Sendable {
  /// Positive for likely article containers, negative for likely boilerplate (Readability's ±25).
  let weight: Int
  /// Probably not content at all (menus, sidebars, comments): skipped when choosing the main text,
  /// unless the hint also says it may be content.
  let unlikely: Bool
  /// The kind of non-article region the hint names, if any.
  let region: TextBlock.Role?

  /// The hints of element `index` of `tree`, or nil when it has no class, id or role. Page-wide classes
  /// (`<body class="site-navigation-open">`) say nothing about the content; `<article>` and `<main>` are
  /// content by definition (their weight counts, never a boilerplate region).
  init?(element index: Int, of tree: HTMLTree) {
    let node = tree.nodes[index]
    guard node.kind == .element, node.name != "body", node.name != "html" else { return nil }
    var classAndID = ""
    var role: String?
    for attribute in tree.attributes(of: index) {
      switch attribute.name {
      case "class", "id": classAndID += classAndID.isEmpty ? attribute.value : " " + attribute.value
      case "role": role = attribute.value
      default: continue
      }
    }
    guard !classAndID.isEmpty || role != nil else { return nil }
    let hints = ClassHints(classAndID: classAndID.lowercased(), role: role)
    if node.name == "article" || node.name == "main" {
      self.init(weight: hints.weight, unlikely: false, region: nil)
    } else {
      self = hints
    }
  }

  init(weight: Int, unlikely: Bool, region: TextBlock.Role?) {
    self.weight = weight
    self.unlikely = unlikely
    self.region = region
  }

  init(classAndID: String, role: String?) {
    let bytes = Array(classAndID.utf8)
    var weight = 0
    if !bytes.isEmpty {
      if ClassHints.matches(bytes, ClassHints.negative) { weight -= 25 }
      if ClassHints.matches(bytes, ClassHints.positive) { weight += 25 }
    }
    let roleRegion: TextBlock.Role?
    switch role?.lowercased() {
    case "navigation", "menu", "menubar", "banner": roleRegion = .navigation
    case "complementary": roleRegion = .aside
    case "contentinfo": roleRegion = .navigation
    case "dialog", "alertdialog": roleRegion = .navigation
    default: roleRegion = nil
    }
    // Words like `content` or `column` say the element may hold the article whatever else it says
    // (`detailBodyContainer withSidebar`).
    let maybeContent = !bytes.isEmpty && ClassHints.matches(bytes, ClassHints.maybeWords)
    let unlikelyByClass =
      !bytes.isEmpty
      && ((!maybeContent && ClassHints.matches(bytes, ClassHints.unlikelyWords))
        || ClassHints.matches(bytes, ClassHints.alwaysUnlikelyWords))
    self.weight = weight
    self.unlikely = unlikelyByClass || roleRegion != nil
    if let roleRegion {
      self.region = roleRegion
    } else if bytes.isEmpty {
      self.region = nil
    } else if ClassHints.matchesWord(bytes, ClassHints.commentWords) {
      self.region = .comments  // `comment-body` is still comments
    } else {
      self.region = maybeContent ? nil : ClassHints.region(bytes)
    }
  }

  private static func region(_ bytes: [UInt8]) -> TextBlock.Role? {
    if matchesWord(bytes, commentWords) { return .comments }
    if matchesWord(bytes, relatedWords) { return .related }
    if matchesWord(bytes, pullQuoteWords) { return .pullQuote }
    if matchesWord(bytes, navigationWords) { return .navigation }
    if matchesWord(bytes, asideWords) { return .aside }
    return nil
  }

  static func matches(_ bytes: [UInt8], _ needles: NeedleSet) -> Bool { needles.occurs(in: bytes) }

  static func matchesWord(_ bytes: [UInt8], _ needles: NeedleSet) -> Bool { needles.occursAsWord(in: bytes) }

  private static func words(_ list: String) -> NeedleSet { NeedleSet(list) }

  static let negative = words(
    "-ad-|hidden|banner|combx|comment|com-|contact|footer|gdpr|masthead|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscribe|signup|paywall|recommend|byline-|author-bio|disclaimer|copyright"
  )
  static let positive = words("article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story")
  static let unlikelyWords = words(
    "-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|cookie|consent|outbrain|taboola|recommend"
  )
  /// Never the article, whatever else the class says (`sprcom-buybox-articleSidebar`).
  static let alwaysUnlikelyWords = words("buybox|paywall|subscribe|subscription|newsletter-signup|cookie-banner")
  static let maybeWords = words("and|article|body|column|content|main|mathjax|shadow")
  static let commentWords = words("comment|disqus|replies|respond|discussion|commentlist")
  static let relatedWords = words(
    "related|recommend|more-stories|more-from|also-read|read-more|readmore|outbrain|taboola|trending|most-popular|mostpopular|most-read"
  )
  static let pullQuoteWords = words("pullquote|pull-quote|pull_quote|blockquote-pull")
  static let navigationWords = words(
    "breadcrumb|navbar|nav-|-nav|menu|footer|masthead|pagination|pager|share|social|cookie|consent|newsletter|subscribe"
  )
  static let asideWords = words("sidebar|aside|widget|sponsor|promo|advert|-ad-")
}

/// A fixed set of ASCII needles, indexed by first byte, for matching many class-name words in one pass.
struct NeedleSet: Sendable {
  private let needles: [[UInt8]]
  private let byFirstByte: [[Int]]

  init(_ list: String) {
    needles = list.split(separator: "|").map { Array($0.utf8) }
    var index = [[Int]](repeating: [], count: 256)
    for (k, needle) in needles.enumerated() { index[Int(needle[0])].append(k) }
    byFirstByte = index
  }

  /// Whether any needle occurs anywhere in `bytes`.
  func occurs(in bytes: [UInt8]) -> Bool {
    for i in bytes.indices {
      for k in byFirstByte[Int(bytes[i])] where ASCIIText.hasPrefix(needles[k], in: bytes, at: i) { return true }
    }
    return false
  }

  /// Whether a needle occurs as a whole part of a class or id token: bounded by the token's ends or by
  /// `-` / `_`, with an optional plural `s` (`comments`, `post-comments`, `comment_list`; not `commented`).
  func occursAsWord(in bytes: [UInt8]) -> Bool {
    func boundary(_ c: UInt8) -> Bool { c == 0x20 || c == 0x2D || c == 0x5F || c == 0x09 }
    for i in bytes.indices {
      for k in byFirstByte[Int(bytes[i])] {
        let needle = needles[k]
        guard ASCIIText.hasPrefix(needle, in: bytes, at: i) else { continue }
        let before = i == 0 ? 0x20 : bytes[i - 1]
        var after = i + needle.count
        if after < bytes.count, bytes[after] == UInt8(ascii: "s") { after += 1 }
        let next = after < bytes.count ? bytes[after] : 0x20
        if boundary(before) || needle.first == 0x2D, boundary(next) || needle.last == 0x2D { return true }
      }
    }
    return false
  }
}
