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
public enum TextView: String, Sendable, CaseIterable {
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

    if let (value, rule) = SiteRules.siteName(tags: tags, article: article) {
      metadata.siteName = value
      note("site_name", rule)
    }
    if metadata.siteName == nil, let title = tags.title,
      let segment = TitleRule.siteSegment(title.collapsingWhitespace(), host: TitleRule.siteHost(tags: tags, url: url))
    {
      metadata.siteName = segment
      note("site_name", "title-segment-naming-host")
    }
    if let (value, rule) = TitleRule.choose(document: document, tags: tags, article: article, siteName: metadata.siteName, url: url) {
      metadata.title = value
      note("title", rule)
    }
    let text = MainTextExtractor(document: document).extract(title: metadata.title)
    metadata.authors = AuthorRule.choose(document: document, tags: tags, article: article)
    if let first = metadata.authors.first { note("authors", first.provenance) }
    if let (date, rule) = DateRule.published(document: document, tags: tags, article: article, url: url) {
      metadata.published = date
      note("date", rule)
    }
    if let (date, rule) = DateRule.modified(tags: tags, article: article) {
      metadata.modified = date
      note("modified", rule)
    }
    if let (value, rule) = SiteRules.publisher(tags: tags, article: article) {
      metadata.publisher = value
      note("publisher", rule)
    }
    if let (value, rule) = SiteRules.language(document: document, tags: tags, article: article, text: text.mainText) {
      metadata.language = value
      note("language", rule)
    }
    if let (value, rule) = SiteRules.canonicalURL(tags: tags, article: article) {
      metadata.canonicalURL = value
      note("canonical_url", rule)
    }
    if let (value, rule) = SiteRules.description(tags: tags, article: article) {
      metadata.description = value
      note("description", rule)
    }
    if let (value, rule) = SiteRules.doi(tags: tags, article: article) {
      metadata.doi = value
      note("doi", rule)
    }
    if let (value, rule) = SiteRules.type(tags: tags, article: article) {
      metadata.type = value
      note("type", rule)
    }
    if let free = article?.isAccessibleForFree {
      metadata.isAccessibleForFree = free
      note("is_accessible_for_free", "\(article!.source):isAccessibleForFree")
    }
    if let (value, rule) = SiteRules.section(tags: tags, article: article) {
      metadata.section = value
      note("section", rule)
    }
    return ExtractedPage(
      metadata: metadata, text: text, articleBody: article?.articleBody, charset: document.charset,
      charsetRule: document.charsetRule, truncatedAt: document.tree.truncated ? byteLimit : nil)
  }
}
