/// Finds when a page was published and when it was last modified, kept apart.
///
/// Exists because dates go wrong in known ways: an update taken for the publication, a copyright year,
/// a bare year turned into January 1, a URL date one day off. Declared publication dates win; visible
/// dates come from elements that say they are dates; the URL is the last resort.
enum DateRule {
  static let publishedKeys = [
    "article:published_time", "og:article:published_time", "article:published", "citation_publication_date",
    "citation_date", "citation_online_date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "dcterms.date", "date", "pubdate", "publishdate", "publish-date",
    "publish_date", "published_time", "published-date", "article.published", "datepublished",
    "sailthru.date", "parsely-pub-date", "original-publish-date", "article_date_original",
    "og:published_time", "rnews:datepublished", "displaydate", "publication_date", "release_date",
    "dc.date.published", "prism.publicationdate", "live_date", "content_create_date",
  ]
  static let modifiedKeys = [
    "article:modified_time", "og:updated_time", "article:modified", "dc.date.modified", "dcterms.modified",
    "last-modified", "datemodified", "lastmod", "modified_time",
  ]

  static func published(document: PageDocument, tags: HeadTags, article: StructuredArticle?, url: String?)
    -> (PageDate, String)?
  {
    if let raw = article?.datePublished, let date = DateText.parse(raw) {
      return (date, "\(article!.source):datePublished")
    }
    for key in publishedKeys {
      for value in tags.metaValues(key) {
        if let date = DateText.parse(value) { return (date, "meta:\(key)") }
      }
    }
    if let property = tags.itemProperties.first(where: { $0.name == "datepublished" || $0.name == "datecreated" }),
      let date = DateText.parse(property.value)
    {
      return (date, "microdata:datePublished")
    }
    if let found = visibleDate(document, updates: false) { return found }
    if let found = dateNearHeadline(document) { return found }
    if let found = labelledDate(document, labels: publishedLabels) { return found }
    for (candidate, rule) in [(url, "url"), (tags.link("canonical"), "canonical-url"), (tags.meta(["og:url"])?.value, "og:url")] {
      if let candidate, let date = DateText.fromURL(candidate), date.day != nil { return (date, rule) }
    }
    // Only an update is stated: the page existed by then, and it is the date a reader sees.
    if let (date, rule) = modified(tags: tags, article: article) { return (date, "\(rule) (no publication date stated)") }
    if let (date, rule) = visibleDate(document, updates: true) ?? labelledDate(document, labels: updateLabels) {
      return (date, "\(rule) (update; no publication date stated)")
    }
    return nil
  }

  static func modified(tags: HeadTags, article: StructuredArticle?) -> (PageDate, String)? {
    if let raw = article?.dateModified, let date = DateText.parse(raw) {
      return (date, "\(article!.source):dateModified")
    }
    for key in modifiedKeys {
      for value in tags.metaValues(key) {
        if let date = DateText.parse(value) { return (date, "meta:\(key)") }
      }
    }
    if let property = tags.itemProperties.first(where: { $0.name == "datemodified" }),
      let date = DateText.parse(property.value)
    {
      return (date, "microdata:dateModified")
    }
    return nil
  }

  /// A `<time>` or a date-labelled element near the top of the article, outside teasers and comments.
  static func visibleDate(_ document: PageDocument, updates: Bool) -> (PageDate, String)? {
    let nodes = document.tree.nodes
    var fallback: (PageDate, String)?
    for i in nodes.indices where nodes[i].kind == .element && !document.invisible[i] {
      let name = nodes[i].name
      let hint = document.classAndID(i)
      let isTime = name == "time"
      let isDateLabelled = AuthorRule.containsAny(hint, dateWords)
      guard isTime || isDateLabelled else { continue }
      if document.subtreeSize(i) > 400 { continue }  // a date is small; a wrapper is not
      if AuthorRule.containsAny(hint, updates ? notDateWords.filter { $0 != "update" && $0 != "modified" } : notDateWords) {
        continue
      }
      if AuthorRule.inFurniture(document, i, allowAsideInArticle: true) { continue }
      let text = document.text(of: i)
      // A date-labelled wrapper around a <time datetime>: the machine-readable value is more precise.
      if !isTime, let time = document.elements(named: "time", in: i).first,
        let value = document.attribute("datetime", of: time), let date = DateText.parse(value),
        updates || !(isUpdateLabel(text) || isUpdateLabel(document.classAndID(time)))
      {
        return (date, "time[datetime]")
      }
      if isTime {
        if let value = document.attribute("datetime", of: i), let date = DateText.parse(value) {
          let result = (date, "time[datetime]")
          if !updates, isUpdateLabel(text) || isUpdateLabel(hint) {
            continue
          }
          return result
        }
      }
      guard text.scalarCount(cappedAt: 120) <= 120, updates || !isUpdateLabel(text) else { continue }
      if let date = DateText.parseHuman(text) {
        if date.day != nil { return (date, isTime ? "time-text" : "dated-element") }
        if fallback == nil { fallback = (date, isTime ? "time-text" : "dated-element") }
      }
    }
    return fallback
  }

  /// A full date in the first few hundred characters after the headline, where bylines put it
  /// ("By Jane Doe, published December 14, 2016").
  static func dateNearHeadline(_ document: PageDocument) -> (PageDate, String)? {
    let nodes = document.tree.nodes
    guard let headline = document.elements(named: "h1").first(where: { !document.invisible[$0] }) else { return nil }
    var text = TextBuilder()
    var i = Int(nodes[headline].end)
    var scalars = 0
    while i < nodes.count, scalars < 400 {
      if document.invisible[i] {
        i = Int(nodes[i].end)
        continue
      }
      if nodes[i].kind == .element, nodes[i].name == "p" || nodes[i].name == "h2", scalars > 0 {
        // Running text has begun: a date further on is the article's subject, not its own.
        let paragraph = document.text(of: i)
        if NodeMetrics.measure(paragraph).0 > 150 {
          // …unless it opens with a dateline ("27.1.2022 - Bei der Erinnerung …").
          if let date = DateText.parseHuman(String(paragraph.prefix(24))), date.day != nil {
            return (date, "dateline")
          }
          break
        }
      }
      if nodes[i].kind == .text {
        text.append(nodes[i].text)
        text.space()
        scalars += nodes[i].text.unicodeScalars.count
      }
      i += 1
    }
    if let date = DateText.parseHuman(text.result), date.day != nil, !isUpdateLabel(text.result) {
      return (date, "text-after-headline")
    }
    return nil
  }

  static let publishedLabels = [
    "published", "publication date", "posted on", "veröffentlicht", "erschienen am", "publié le", "publicado",
    "pubblicato", "公開日", "配信日", "配信開始日", "掲載日", "投稿日", "发布时间", "發佈時間",
  ]
  static let updateLabels = [
    "updated", "last updated", "last modified", "aktualisiert", "mis à jour", "actualizado", "最終更新日", "更新日",
  ]

  /// A short element whose text starts with a label such as "Published:" or "公開日：" and then a date.
  static func labelledDate(_ document: PageDocument, labels: [String]) -> (PageDate, String)? {
    let nodes = document.tree.nodes
    for i in nodes.indices where nodes[i].kind == .text && !document.invisible[i] {
      let text = nodes[i].text.trimmingASCIISpaces()
      guard !text.isEmpty, text.scalarCount(cappedAt: 80) <= 80 else { continue }
      let lower = text.lowercased()
      guard let label = labels.first(where: { lower.hasPrefix($0) }) else { continue }
      if AuthorRule.inFurniture(document, i, allowAsideInArticle: true) { continue }
      // The date may follow in the same text or in the next element ("公開日：<span>2019/3/5</span>").
      var candidate = String(text.dropFirst(label.count))
      if DateText.parseHuman(candidate) == nil, let parent = Optional(Int(nodes[i].parent)), parent > 0 {
        candidate = document.text(of: parent)
      }
      if let date = DateText.parseHuman(candidate), date.day != nil { return (date, "labelled-date") }
    }
    return nil
  }

  static func isUpdateLabel(_ text: String) -> Bool {
    let lower = text.lowercased()
    return ["updated", "modified", "aktualisiert", "mis à jour", "actualizado", "更新", "last edit"].contains {
      lower.hasPrefix($0) || lower.hasPrefix("last " + $0)
    }
  }

  static let dateWords = ["date", "time", "publish", "dateline", "posted", "byline", "meta", "datum", "fecha"]
  static let notDateWords = ["update", "modified", "comment", "related", "teaser", "runtime", "timeline", "timer", "readtime", "read-time", "reading-time"]
}
