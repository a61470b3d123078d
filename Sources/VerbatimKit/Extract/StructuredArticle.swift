/// The article a page describes in schema.org terms (JSON-LD first, microdata second).
///
/// Exists to pick the one node that is the page's own article out of `@graph`s full of organisations,
/// breadcrumbs, videos and teasers, and to read its fields with `@id` references resolved.
struct StructuredArticle {
  var headline: String?
  var authors: [AuthorDetail] = []
  var datePublished: String?
  var dateModified: String?
  var publisher: String?
  var language: String?
  var articleBody: String?
  var description: String?
  var isAccessibleForFree: Bool?
  var section: String?
  var types: [String] = []
  var doi: String?
  var url: String?
  /// `jsonld` or `microdata`: where the fields came from (provenance prefix).
  var source: String

  static let articleTypes: Set<String> = [
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "techarticle",
    "report", "socialmediaposting", "liveblogposting", "discussionforumposting", "medicalscholarlyarticle",
    "pressrelease", "review", "creativework", "blog", "videoobject", "advertisercontentarticle",
    "satiricalarticle", "medicalwebpage", "qapage", "howto", "recipe",
  ]

  /// Reads the best article node from the page's JSON-LD blocks, if any.
  init?(jsonLD blocks: [String]) {
    guard !blocks.isEmpty else { return nil }
    let data = LinkedData(blocks: blocks)
    func rank(_ node: LinkedData.Node) -> Int? {
      let article = node.types.contains { StructuredArticle.articleTypes.contains($0) }
      let webpage = node.types.contains { $0 == "webpage" || $0.hasSuffix("page") }
      guard article || webpage else { return nil }
      var score = article ? 0 : 100
      score += node.depth * 10
      if node.value["headline"] == nil { score += 5 }
      if node.value["author"] == nil { score += 3 }
      return score
    }
    var best: (LinkedData.Node, Int)?
    for node in data.nodes {
      guard let r = rank(node) else { continue }
      if best == nil || r < best!.1 { best = (node, r) }
    }
    guard let (node, _) = best else { return nil }
    let value = node.value
    self.source = "jsonld"
    self.types = node.types
    func text(_ key: String) -> String? {
      guard let raw = value[key] else { return nil }
      return StructuredArticle.firstText(data.resolve(raw), data: data)
    }
    headline = text("headline") ?? (node.types.contains { StructuredArticle.articleTypes.contains($0) } ? text("name") : nil)
    datePublished = text("datePublished") ?? text("dateCreated") ?? text("uploadDate")
    dateModified = text("dateModified")
    description = text("description")
    articleBody = text("articleBody") ?? text("text")
    section = text("articleSection")
    url = text("url") ?? text("mainEntityOfPage")
    if let language = value["inLanguage"] {
      self.language = StructuredArticle.firstText(data.resolve(language), data: data)
    }
    if let publisher = value["publisher"] ?? value["sourceOrganization"] {
      self.publisher = StructuredArticle.firstText(data.resolve(publisher), data: data)
    }
    if let free = value["isAccessibleForFree"] {
      switch free {
      case .bool(let b): isAccessibleForFree = b
      case .string(let s): isAccessibleForFree = s.lowercased() == "true" ? true : s.lowercased() == "false" ? false : nil
      default: break
      }
    }
    for key in ["identifier", "sameAs", "doi"] {
      guard doi == nil, let v = value[key] else { continue }
      for item in data.resolve(v).arrayValue {
        let candidate = StructuredArticle.firstText(data.resolve(item), data: data) ?? item["value"]?.stringValue
        if let candidate, let found = DOIText.find(in: candidate) { doi = found }
      }
    }
    for author in (value["author"] ?? value["creator"] ?? .null).arrayValue {
      let resolved = data.resolve(author)
      let types = StructuredArticle.types(resolved)
      let isOrganisation = types.contains { $0 == "organization" || $0 == "newsmediaorganization" || $0 == "corporation" }
      var affiliations: [String] = []
      for key in ["affiliation", "worksFor", "memberOf"] {
        for org in (resolved[key] ?? .null).arrayValue {
          if let name = StructuredArticle.firstText(data.resolve(org), data: data) { affiliations.append(name) }
        }
      }
      let raw: String?
      if case .string(let s) = resolved { raw = s } else { raw = StructuredArticle.personName(resolved) }
      guard let raw else { continue }
      let names = isOrganisation ? [raw.collapsingWhitespace()] : AuthorNames.split(raw)
      for name in names where !name.isEmpty && !StructuredArticle.isURL(name) {
        authors.append(
          AuthorDetail(
            name: name, affiliations: affiliations, isOrganisation: isOrganisation || AuthorNames.looksLikeOrganisation(name),
            provenance: "jsonld:author"))
      }
    }
  }

  /// A person's name from `name`, or `givenName` + `familyName`.
  static func personName(_ value: JSONValue) -> String? {
    if let name = value["name"].flatMap({ firstText($0, data: nil) }) { return name }
    let given = value["givenName"]?.stringValue ?? ""
    let family = value["familyName"]?.stringValue ?? ""
    let joined = (given + " " + family).collapsingWhitespace()
    return joined.isEmpty ? nil : joined
  }

  static func types(_ value: JSONValue) -> [String] {
    (value["@type"] ?? .null).arrayValue.compactMap { $0.stringValue.map(normalisedType) }
  }

  static func normalisedType(_ raw: String) -> String {
    var t = raw.lowercased()
    for prefix in ["http://schema.org/", "https://schema.org/", "schema:"] where t.hasPrefix(prefix) {
      t.removeFirst(prefix.count)
    }
    return t
  }

  /// The first usable text in a value: a string, a number, an object's `name` / `@value`, an array's first.
  static func firstText(_ value: JSONValue, data: LinkedData?) -> String? {
    switch value {
    case .string(let s):
      let text = decoded(s)
      return text.isEmpty ? nil : text
    case .number: return value.stringValue
    case .array(let items):
      for item in items {
        if let t = firstText(data?.resolve(item) ?? item, data: data) { return t }
      }
      return nil
    case .object:
      if let name = value["name"] { return firstText(name, data: data) }
      if let v = value["@value"] { return firstText(v, data: data) }
      return nil
    default: return nil
    }
  }

  /// Whitespace collapsed and HTML entities decoded (JSON-LD strings often carry `&amp;`, `&#8217;`).
  static func decoded(_ s: String) -> String {
    let text = s.utf8.contains(0x26) ? MarkdownPlainText.decodeEntities(Array(s.utf8)) : s
    return text.collapsingWhitespace()
  }

  static func isURL(_ s: String) -> Bool {
    s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("www.")
  }
}

/// Finds a DOI (`10.NNNN/…`) in text, a `doi:` value or a doi.org URL.
enum DOIText {
  static func find(in text: String) -> String? {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i + 7 < scalars.count {
      if scalars[i] == "1", scalars[i + 1] == "0", scalars[i + 2] == ".",
        i == 0 || !scalars[i - 1].properties.isAlphabetic && !("0"..."9").contains(scalars[i - 1])
      {
        var j = i + 3
        while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == "." { j += 1 }
        if j - (i + 3) >= 4, j < scalars.count, scalars[j] == "/" {
          var k = j + 1
          while k < scalars.count, !TextBuilder.isSpace(scalars[k]), scalars[k] != "\"", scalars[k] != "<" { k += 1 }
          while k > j + 1, [".", ",", ";", ")"].contains(scalars[k - 1]) { k -= 1 }
          if k > j + 1 { return String(String.UnicodeScalarView(scalars[i..<k])) }
        }
      }
      i += 1
    }
    return nil
  }
}
