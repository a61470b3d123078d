import Testing

@testable import VerbatimKit

/// The smaller metadata fields: site name, publisher, language, canonical URL, description, DOI, page
/// type, free access and section — each with the rule that produced it.
@Suite("ExtractSite")
struct ExtractSiteTests {
  private func metadata(_ html: String, url: String? = nil) -> PageMetadata {
    ExtractFixtures.metadata(html, url: url)
  }

  /// A page whose head holds `head` and whose article is the standard body.
  private func page(head: String, htmlAttributes: String = "") -> String {
    """
    <html\(htmlAttributes)><head><title>Storm Season Starts Early</title>
    \(head)
    </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
    """
  }

  private func jsonLD(_ json: String) -> String {
    "<script type=\"application/ld+json\">\(json)</script>"
  }

  // MARK: Site name and publisher

  @Test("site name from the JSON-LD publisher, preferred over og:site_name")
  func siteNameFromJSONLDPublisher() {
    let json = jsonLD(
      """
      {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
       "publisher": {"@type": "Organization", "name": "The Example Times"}}
      """)
    let m = metadata(page(head: #"<meta property="og:site_name" content="ExampleTimes.com">"# + "\n" + json))
    #expect(m.siteName == "The Example Times")
    #expect(m.provenance["site_name"] == "jsonld:publisher")
    #expect(m.publisher == "The Example Times")
    #expect(m.provenance["publisher"] == "jsonld:publisher")
  }

  @Test("site name from og:site_name")
  func siteNameFromOGSiteName() {
    let m = metadata(page(head: #"<meta property="og:site_name" content="The Example Times">"#))
    #expect(m.siteName == "The Example Times")
    #expect(m.provenance["site_name"] == "meta:og:site_name")
    #expect(m.publisher == nil)
  }

  @Test("publisher from citation_publisher")
  func publisherFromCitationPublisher() {
    let m = metadata(
      page(
        head: """
          <meta name="citation_title" content="Storm Season Starts Early">
          <meta name="citation_publisher" content="Example University Press">
          """))
    #expect(m.publisher == "Example University Press")
    #expect(m.provenance["publisher"] == "meta:citation_publisher")
  }

  // MARK: Language

  @Test("language from <html lang>, lowercased")
  func languageFromHTMLLang() {
    let m = metadata(page(head: "", htmlAttributes: #" lang="en-US""#))
    #expect(m.language == "en-us")
    #expect(m.provenance["language"] == "html[lang]")
  }

  @Test("language from <meta http-equiv=content-language>")
  func languageFromContentLanguage() {
    let m = metadata(page(head: #"<meta http-equiv="content-language" content="en-GB">"#))
    #expect(m.language == "en-gb")
    #expect(m.provenance["language"] == "meta:content-language")
  }

  @Test("language guessed from German text when none is declared")
  func languageGuessedGerman() {
    let m = metadata(
      """
      <html><head><title>Der Sommer im Garten</title></head><body><article>
      <h1>Der Sommer im Garten</h1>
      <p>Wenn die Tage länger werden, ist der Garten für viele Menschen der schönste Ort. Die Beete wollen
      gepflegt werden, und das Wasser aus der Regentonne reicht oft nicht aus, wenn es über Wochen nicht regnet.</p>
      <p>Die Nachbarn treffen sich am Abend auf der Wiese, sprechen über die Ernte und über das Wetter. Mit
      einer Kanne Tee sitzen sie auf der Bank, bis die Sonne hinter dem Hügel verschwindet und es kühl wird.</p>
      <p>Im Herbst ist dann die Zeit, in der man die Früchte der Arbeit sieht: Äpfel, Birnen und eine Menge
      Kürbisse, die auf dem Markt in der Stadt verkauft werden.</p>
      </article></body></html>
      """)
    #expect(m.language == "de")
    #expect(m.provenance["language"] == "text")
  }

  @Test("language guessed from Japanese text when none is declared")
  func languageGuessedJapanese() {
    let m = metadata(
      """
      <html><head><title>夏の庭について</title></head><body><article>
      <h1>夏の庭について</h1>
      <p>日が長くなると、多くの人にとって庭はいちばん心地よい場所になります。花壇の手入れをして、雨が降らない日が続くと水やりも欠かせません。</p>
      <p>夕方になると近所の人たちが集まり、収穫や天気のことを話しながらお茶を飲みます。太陽が丘の向こうに沈むまで、ゆっくりとした時間が流れます。</p>
      <p>秋にはりんごや梨、かぼちゃがたくさん採れて、町の市場で売られます。</p>
      </article></body></html>
      """)
    #expect(m.language == "ja")
    #expect(m.provenance["language"] == "text")
  }

  // MARK: Canonical URL and description

  @Test("canonical URL from <link rel=canonical>")
  func canonicalURLFromLink() {
    let m = metadata(
      page(
        head: """
          <link rel="canonical" href="https://news.example.com/2021/storm-season">
          <meta property="og:url" content="https://news.example.com/2021/storm-season?ref=og">
          """))
    #expect(m.canonicalURL == "https://news.example.com/2021/storm-season")
    #expect(m.provenance["canonical_url"] == "link[rel=canonical]")
  }

  @Test("description from <meta name=description>")
  func descriptionFromMeta() {
    let m = metadata(
      page(head: #"<meta name="description" content="  Forecasters expect the first   storms in May.  ">"#))
    #expect(m.description == "Forecasters expect the first storms in May.")
    #expect(m.provenance["description"] == "meta:description")
  }

  // MARK: DOI

  @Test("DOI from citation_doi")
  func doiFromCitationDOI() {
    let m = metadata(page(head: #"<meta name="citation_doi" content="10.1000/xyz123">"#))
    #expect(m.doi == "10.1000/xyz123")
    #expect(m.provenance["doi"] == "meta:citation_doi")
  }

  @Test("DOI from a JSON-LD identifier URL")
  func doiFromJSONLDIdentifier() {
    let m = metadata(
      page(
        head: jsonLD(
          """
          {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": "Storm Season Starts Early",
           "identifier": "https://doi.org/10.1000/abc"}
          """)))
    #expect(m.doi == "10.1000/abc")
    #expect(m.provenance["doi"] == "jsonld:identifier")
  }

  @Test("DOI from a JSON-LD sameAs URL")
  func doiFromJSONLDSameAs() {
    let m = metadata(
      page(
        head: jsonLD(
          """
          {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": "Storm Season Starts Early",
           "sameAs": ["https://example.org/papers/77", "https://doi.org/10.1000/abc"]}
          """)))
    #expect(m.doi == "10.1000/abc")
    #expect(m.provenance["doi"] == "jsonld:identifier")
  }

  // MARK: Page type

  @Test(
    "page type from the JSON-LD @type",
    arguments: [
      ("OpinionNewsArticle", PageType.opinion), ("BlogPosting", .blogPost), ("ScholarlyArticle", .scholarly),
    ])
  func typeFromJSONLD(schemaType: String, expected: PageType) {
    let m = metadata(
      page(
        head: jsonLD(
          """
          {"@context": "https://schema.org", "@type": "\(schemaType)", "headline": "Storm Season Starts Early"}
          """)))
    #expect(m.type == expected)
    #expect(m.provenance["type"] == "jsonld:@type")
  }

  @Test("page type scholarly from citation_* meta tags")
  func typeFromCitationMeta() {
    let m = metadata(
      page(
        head: """
          <meta name="citation_title" content="Storm Season Starts Early">
          <meta name="citation_author" content="Doe, Jane">
          """))
    #expect(m.type == .scholarly)
    #expect(m.provenance["type"] == "meta:citation_*")
  }

  // MARK: Free access and section

  @Test(
    "isAccessibleForFree false from JSON-LD, as a boolean or as a string",
    arguments: ["false", #""False""#])
  func notAccessibleForFree(value: String) {
    let m = metadata(
      page(
        head: jsonLD(
          """
          {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
           "isAccessibleForFree": \(value)}
          """)))
    #expect(m.isAccessibleForFree == false)
    #expect(m.provenance["is_accessible_for_free"] == "jsonld:isAccessibleForFree")
  }

  @Test("section from article:section")
  func sectionFromArticleSection() {
    let m = metadata(page(head: #"<meta property="article:section" content="Science">"#))
    #expect(m.section == "Science")
    #expect(m.provenance["section"] == "meta:article:section")
  }
}
