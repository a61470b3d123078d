/// The smaller metadata fields: site name, publisher, language, canonical URL, description, DOI, page
/// type, free access and section — each from declared metadata in a fixed precedence.
enum SiteRules {
  static func siteName(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    if let publisher = article?.publisher { return (publisher, "\(article!.source):publisher") }
    if let (value, key) = tags.meta(["og:site_name"]) { return (value.collapsingWhitespace(), "meta:\(key)") }
    if let (value, key) = tags.meta(["application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone"]) {
      return (value.collapsingWhitespace(), "meta:\(key)")
    }
    return nil
  }

  static func publisher(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    if let publisher = article?.publisher { return (publisher, "\(article!.source):publisher") }
    if let (value, key) = tags.meta(["citation_publisher", "dc.publisher", "dcterms.publisher", "citation_journal_title"]) {
      return (value.collapsingWhitespace(), "meta:\(key)")
    }
    return nil
  }

  static func language(document: PageDocument, tags: HeadTags, article: StructuredArticle?, text: String)
    -> (String, String)?
  {
    if let lang = tags.htmlLang, let tag = normalisedLanguage(lang) { return (tag, "html[lang]") }
    if let (value, key) = tags.meta(["content-language", "language", "dc.language", "dcterms.language", "og:locale"]),
      let tag = normalisedLanguage(value)
    {
      return (tag, "meta:\(key)")
    }
    if let lang = article?.language, let tag = normalisedLanguage(lang) { return (tag, "\(article!.source):inLanguage") }
    if let guess = LanguageGuess.guess(text) { return (guess, "text") }
    return nil
  }

  /// `en-US` → `en-us`, `en_GB` → `en-gb`; the first of a list; nil for junk.
  static func normalisedLanguage(_ raw: String) -> String? {
    let first = raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).first.map(String.init) ?? ""
    let tag = String(first.map { $0 == "_" ? "-" : $0 }).lowercased()
    let primary = tag.split(separator: "-").first.map(String.init) ?? ""
    guard (2...3).contains(primary.count), primary.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
    return tag
  }

  static func canonicalURL(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    if let href = tags.link("canonical") { return (href, "link[rel=canonical]") }
    if let (value, key) = tags.meta(["og:url", "twitter:url"]) { return (value, "meta:\(key)") }
    if let url = article?.url, StructuredArticle.isURL(url) { return (url, "\(article!.source):url") }
    return nil
  }

  static func description(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    if let (value, key) = tags.meta(["description", "og:description", "twitter:description", "dc.description", "citation_abstract"]) {
      return (value.collapsingWhitespace(), "meta:\(key)")
    }
    if let description = article?.description { return (description, "\(article!.source):description") }
    return nil
  }

  static func doi(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    for key in ["citation_doi", "dc.identifier", "dcterms.identifier", "prism.doi", "bepress_citation_doi", "doi"] {
      for value in tags.metaValues(key) {
        if let doi = DOIText.find(in: value) { return (doi, "meta:\(key)") }
      }
    }
    if let doi = article?.doi { return (doi, "\(article!.source):identifier") }
    return nil
  }

  static func type(tags: HeadTags, article: StructuredArticle?) -> (PageType, String)? {
    if let article {
      for t in article.types {
        if let type = PageType(schemaType: t) { return (type, "\(article.source):@type") }
      }
    }
    if tags.meta(["citation_title", "citation_doi", "citation_journal_title"]) != nil {
      return (.scholarly, "meta:citation_*")
    }
    if let (value, _) = tags.meta(["og:type"]) {
      switch value.lowercased() {
      case "article": return (.news, "meta:og:type")
      case "blog", "blogpost": return (.blogPost, "meta:og:type")
      case "video", "video.other", "video.movie": return (.video, "meta:og:type")
      case "website": return (.webpage, "meta:og:type")
      default: break
      }
    }
    return nil
  }

  static func section(tags: HeadTags, article: StructuredArticle?) -> (String, String)? {
    if let (value, key) = tags.meta(["article:section", "section", "parsely-section", "category"]) {
      return (value.collapsingWhitespace(), "meta:\(key)")
    }
    if let section = article?.section { return (section, "\(article!.source):articleSection") }
    return nil
  }
}
