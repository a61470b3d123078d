extension StructuredArticle {
  /// Reads an article from microdata (`itemprop` attributes) when the page has no usable JSON-LD.
  init?(microdata tags: HeadTags) {
    let properties = tags.itemProperties
    guard !properties.isEmpty else { return nil }
    func first(_ name: String) -> String? {
      properties.first { $0.name == name && !$0.value.isEmpty }?.value.collapsingWhitespace()
    }
    let headline = first("headline")
    let published = first("datepublished")
    guard headline != nil || published != nil else { return nil }
    self.source = "microdata"
    self.headline = headline
    self.datePublished = published
    self.dateModified = first("datemodified")
    self.description = nil
    self.articleBody = nil
    self.section = first("articlesection")
    if let type = properties.first(where: { $0.name == "headline" })?.itemType {
      self.types = [StructuredArticle.normalisedType(String(type.split(separator: " ").first ?? ""))]
    }
  }
}
