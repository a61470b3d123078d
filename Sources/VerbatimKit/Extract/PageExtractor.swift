public import VerbatimInterop

/// Everything extraction learns from one page.
public struct ExtractedPage: Sendable {
  public var metadata: PageMetadata
  /// Visible text in blocks, main content marked.
  public var text: PageText
  /// The page's own JSON-LD `articleBody`, when it declares one (a separate view for quote matching).
  public var articleBody: String?
  /// The encoding the page was decoded with, and the rule that chose it.
  public var charset: String
  public var charsetRule: String
  /// Set when the page exceeded the parser's size limit and only its start was read.
  public var truncatedAt: Int?

  /// The texts a quote can be looked for in, most trustworthy first; a match records which view it
  /// came from (a quote found only in the full text may be in a comment or a teaser).
  public var views: [(view: TextView, text: String)] {
    var result: [(TextView, String)] = [(.main, text.mainText), (.full, text.fullText)]
    if let body = articleBody, !body.isEmpty { result.append((.articleBody, body)) }
    if let description = metadata.description, !description.isEmpty { result.append((.description, description)) }
    return result
  }
}

/// One of the texts extraction keeps for a page.
public enum TextView: String, Sendable, Codable, CaseIterable {
  /// The main content, as the main-text extractor chose it.
  case main
  /// Every visible block, comments and teasers included.
  case full
  /// The page's own JSON-LD `articleBody`.
  case articleBody = "article-body"
  /// The page's meta description.
  case description
}

/// Extracts metadata and text from page bytes.
///
/// Exists as the extraction stage's one entry point: bytes (plus the HTTP `Content-Type` and the URL when
/// known) in, an `ExtractedPage` value out. Pure and thread-safe; batch callers run it on every core.
public enum PageExtractor {
  public static func extract(
    _ bytes: [UInt8], contentType: String? = nil, url: String? = nil,
    byteLimit: Int = HTMLParser.defaultByteLimit
  ) -> ExtractedPage {
    let document = PageDocument(bytes: bytes, contentType: contentType, byteLimit: byteLimit)
    let tags = HeadTags(document)
    let article = StructuredArticle(jsonLD: tags.jsonLD) ?? StructuredArticle(microdata: tags)
    var metadata = PageMetadata()
    func note(_ field: String, _ rule: String) { metadata.provenance[field] = rule }
    /// Stores a rule's finding in `field` of the metadata and its rule under `name` in the provenance.
    func set<Value>(_ field: WritableKeyPath<PageMetadata, Value?>, _ name: String, _ found: (Value, String)?) {
      guard let (value, rule) = found else { return }
      metadata[keyPath: field] = value
      note(name, rule)
    }

    set(\.siteName, "site_name", SiteRules.siteName(tags: tags, article: article))
    if metadata.siteName == nil, let title = tags.title {
      let segment = TitleRule.siteSegment(title.collapsingWhitespace(), host: TitleRule.siteHost(tags: tags, url: url))
      set(\.siteName, "site_name", segment.map { ($0, "title-segment-naming-host") })
    }
    set(
      \.title, "title",
      TitleRule.choose(document: document, tags: tags, article: article, siteName: metadata.siteName, url: url))
    let text = MainTextExtractor(document: document).extract(title: metadata.title)
    metadata.authors = AuthorRule.choose(document: document, tags: tags, article: article)
    if let first = metadata.authors.first { note("authors", first.provenance) }
    set(\.published, "date", DateRule.published(document: document, tags: tags, article: article, url: url))
    set(\.modified, "modified", DateRule.modified(tags: tags, article: article))
    set(\.publisher, "publisher", SiteRules.publisher(tags: tags, article: article))
    set(
      \.language, "language",
      SiteRules.language(document: document, tags: tags, article: article, text: text.mainText))
    set(\.canonicalURL, "canonical_url", SiteRules.canonicalURL(tags: tags, article: article))
    set(\.description, "description", SiteRules.description(tags: tags, article: article))
    set(\.doi, "doi", SiteRules.doi(tags: tags, article: article))
    set(\.type, "type", SiteRules.type(tags: tags, article: article))
    set(
      \.isAccessibleForFree, "is_accessible_for_free",
      article?.isAccessibleForFree.map { ($0, "\(article!.source):isAccessibleForFree") })
    set(\.section, "section", SiteRules.section(tags: tags, article: article))
    return ExtractedPage(
      metadata: metadata, text: text, articleBody: article?.articleBody, charset: document.charset,
      charsetRule: document.charsetRule, truncatedAt: document.tree.truncated ? byteLimit : nil)
  }
}
