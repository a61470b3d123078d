/// Finds the page's authors: structured data first, then scholarly meta tags, author meta tags, and the
/// visible byline.
///
/// Exists because authors are what every extractor gets most wrong. Precision first: names are cleaned
/// and split by `AuthorNames`, bylines inside teasers, comments and footers are never read, and an
/// organisation is reported as such.
enum AuthorRule {
  static func choose(document: PageDocument, tags: HeadTags, article: StructuredArticle?) -> [AuthorDetail] {
    if let article, !article.authors.isEmpty {
      let persons = article.authors.filter { !$0.isOrganisation }
      return persons.isEmpty ? article.authors : persons
    }
    let scholarly = tags.metaValues("citation_author")
    if !scholarly.isEmpty {
      let institutions = institutionsByAuthor(tags)
      var result: [AuthorDetail] = []
      for (index, raw) in scholarly.enumerated() {
        for name in AuthorNames.split(raw) {
          result.append(AuthorDetail(name: name, affiliations: institutions[index] ?? [], provenance: "citation_author"))
        }
      }
      if !result.isEmpty { return result }
    }
    if let authors = microdataAuthors(document, tags), !authors.isEmpty { return authors }
    for key in ["author", "dc.creator", "dcterms.creator", "article:author", "parsely-author", "sailthru.author", "byl", "byline", "dc.contributor"] {
      let values = tags.metaValues(key).filter { !StructuredArticle.isURL($0) }
      let names = unique(values.flatMap { AuthorNames.split($0) }.filter(plausible))
      if !names.isEmpty {
        let declared = names.map {
          AuthorDetail(name: $0, isOrganisation: AuthorNames.looksLikeOrganisation($0), provenance: "meta:\(key)")
        }
        // A site-wide meta author (the magazine, a one-word brand) loses to a person named in the byline.
        if declared.allSatisfy({ $0.isOrganisation || !$0.name.contains(" ") }) {
          let visible = visibleByline(document)
          if visible.contains(where: { !$0.isOrganisation && $0.name.contains(" ") }) { return visible }
        }
        return declared
      }
    }
    return visibleByline(document)
  }

  /// At least three letters, or any CJK name: "No" and "JS" are not authors.
  static func plausible(_ name: String) -> Bool {
    let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
    return letters.count >= 3 || letters.contains { $0.value >= 0x3040 }
  }

  /// `citation_author_institution` tags belong to the `citation_author` before them.
  static func institutionsByAuthor(_ tags: HeadTags) -> [Int: [String]] {
    var result: [Int: [String]] = [:]
    var author = -1
    for meta in tags.metas {
      if meta.key == "citation_author" {
        author += 1
      } else if meta.key == "citation_author_institution", author >= 0 {
        let value = meta.content.collapsingWhitespace()
        if !value.isEmpty { result[author, default: []].append(value) }
      }
    }
    return result
  }

  /// Authors of the page's main microdata item (the one holding the headline, or the first article item);
  /// teasers marked up as items of their own are ignored.
  private static func microdataAuthors(_ document: PageDocument, _ tags: HeadTags) -> [AuthorDetail]? {
    let properties = tags.itemProperties
    // The item whose headline is the page's h1; else the first article item; else the first headline's.
    let mainScope =
      properties.first { $0.name == "headline" && document.isWithin($0.node, .h1) }?.scope
      ?? properties.first { $0.itemType.contains("article") || $0.itemType.contains("blogposting") }?.scope
      ?? properties.first { $0.name == "headline" }?.scope
    guard let mainScope, mainScope >= 0 else { return nil }
    var names: [String] = []
    for property in properties where property.scope == mainScope && (property.name == "author" || property.name == "creator") {
      if inFurniture(document, property.node) { continue }
      if document.tree.attribute("itemscope", of: property.node) != nil {
        for name in properties where name.scope == property.node && name.name == "name" {
          names.append(contentsOf: AuthorNames.split(name.value))
        }
      } else if !StructuredArticle.isURL(property.value) {
        names.append(contentsOf: AuthorNames.split(property.value))
      }
    }
    let found = unique(names)
    return found.isEmpty ? nil : found.map {
      AuthorDetail(name: $0, isOrganisation: AuthorNames.looksLikeOrganisation($0), provenance: "microdata:author")
    }
  }

  /// The first visible byline outside teasers, comments and page furniture.
  static func visibleByline(_ document: PageDocument) -> [AuthorDetail] {
    let nodes = document.tree.nodes
    // Bylines sit just after the headline; earlier ones belong to teasers and headers.
    let headline = document.elements(named: "h1").first { !document.invisible[$0] }
    if let headline, let found = byline(document, in: Int(nodes[headline].end)..<nodes.count) { return found }
    return byline(document, in: 0..<nodes.count) ?? []
  }

  private static func byline(_ document: PageDocument, in range: Range<Int>) -> [AuthorDetail]? {
    if let found = bylineElement(document, in: range) { return found }
    // A short block just after the headline that reads "By Jane Doe" / "Von Jane Doe", whatever its markup.
    let nodes = document.tree.nodes
    for i in range.prefix(200) where nodes[i].kind == .text && !document.invisible[i] {
      let text = nodes[i].text.trimmingASCIISpaces()
      guard text.unicodeScalars.count <= 80, let word = bylineWord(text) else { continue }
      let parent = Int(nodes[i].parent)
      if inFurniture(document, i) { continue }
      let block = document.text(of: parent)
      guard block.unicodeScalars.count <= 120, block.lowercased().hasPrefix(word) else { continue }
      let names = unique(AuthorNames.split(String(block.dropFirst(word.count))).filter { plausible($0) && $0.contains(" ") })
      if !names.isEmpty {
        return names.map { AuthorDetail(name: $0, isOrganisation: AuthorNames.looksLikeOrganisation($0), provenance: "byline-text") }
      }
    }
    return nil
  }

  /// The byline word a text starts with ("by ", "von ", "text von "), if any.
  static func bylineWord(_ text: String) -> String? {
    let lower = text.lowercased()
    return ["text von ", "text: ", "written by ", "by ", "von ", "par ", "por ", "di ", "door "].first { lower.hasPrefix($0) }
  }

  private static func bylineElement(_ document: PageDocument, in range: Range<Int>) -> [AuthorDetail]? {
    let nodes = document.tree.nodes
    for i in range where nodes[i].kind == .element && !document.invisible[i] {
      let rel = document.attribute("rel", of: i)?.lowercased() ?? ""
      let hint = document.classAndID(i) + " " + (document.attribute("itemprop", of: i)?.lowercased() ?? "")
      let isAuthorLink =
        nodes[i].name == "a"
        && (rel.split(separator: " ").contains("author") || isAuthorPage(document.attribute("href", of: i)))
      guard isAuthorLink || containsAny(hint, bylineWords) else { continue }
      if containsAny(hint, notBylineWords) { continue }
      if document.subtreeSize(i) > 400 { continue }  // a byline is small; a wrapper is not
      if inFurniture(document, i) { continue }
      let text = document.text(of: i)
      guard !text.isEmpty, text.unicodeScalars.count <= 200 else { continue }
      // Links inside a byline are usually the names themselves.
      let linkNames = document.elements(named: "a", in: i).map { document.text(of: $0) }.filter { !$0.isEmpty }
      let names = unique((linkNames.isEmpty || linkNames.count > 6 ? [text] : linkNames).flatMap { AuthorNames.split($0) })
      if !names.isEmpty {
        let rule = isAuthorLink ? "rel=author" : "byline"
        return names.map { AuthorDetail(name: $0, isOrganisation: AuthorNames.looksLikeOrganisation($0), provenance: rule) }
      }
    }
    return nil
  }

  /// Links to an author's page (`/author/jane-doe`, `/autoren/…`, `/profile/…`).
  static func isAuthorPage(_ href: String?) -> Bool {
    guard let href else { return false }
    let lower = Array(href.lowercased().utf8)
    return ["/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/journalist/", "/journalists/",
      "/staff/", "/writers/", "/contributors/", "/contributor/"].contains {
      ASCIIText.find(Array($0.utf8), in: lower, from: 0) != nil
    }
  }

  static let bylineWords = ["byline", "author", "writer", "by-line", "autor", "auteur", "creator"]
  static let notBylineWords = [
    "comment", "author-bio", "authorbio", "about-author", "author-info", "bio", "avatar", "related", "teaser",
    "more-", "popular", "social", "share", "follow", "image", "photo", "caption", "credit",
  ]

  static func containsAny(_ text: String, _ words: [String]) -> Bool {
    let bytes = Array(text.utf8)
    return words.contains { ASCIIText.find(Array($0.utf8), in: bytes, from: 0) != nil }
  }

  /// Inside navigation, footers, sidebars, comments, related-story lists or figure captions.
  static func inFurniture(_ document: PageDocument, _ index: Int, allowAsideInArticle: Bool = false) -> Bool {
    let parent = Int(document.tree.nodes[index].parent)
    guard parent > 0 else { return false }
    // Class words for navigation are noisy (`nav-padding`); tags, roles, comments and related lists are not.
    let within = document.within[parent]
    if !within.isDisjoint(with: [.navOrFooter, .figure, .furnitureRole, .teaserOrComments]) { return true }
    return within.contains(.aside) && (!allowAsideInArticle || !within.contains(.articleOrMain))
  }

  static func unique(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert(TitleText.key($0)).inserted }
  }
}
