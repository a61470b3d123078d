import Testing

@testable import VerbatimKit

/// Author rules of the extraction stage: structured data, scholarly and author meta tags, microdata and
/// the visible byline — and the teasers, credits and logos that must not be read as authors.
@Suite("ExtractAuthors")
struct ExtractAuthorsTests {
  private func metadata(_ html: String, url: String? = nil) -> PageMetadata {
    ExtractFixtures.metadata(html, url: url)
  }

  private func names(_ m: PageMetadata) -> [String] { m.authors.map(\.name) }

  private func jsonLDPage(_ json: String) -> String {
    """
    <html><head><title>Storm Season Starts Early</title>
    <script type="application/ld+json">\(json)</script>
    </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
    """
  }

  // MARK: JSON-LD

  @Test("JSON-LD @graph: Person authors with affiliation and worksFor (an @id reference)")
  func graphPersonsWithAffiliations() {
    let m = metadata(
      jsonLDPage(
        """
        {"@context": "https://schema.org", "@graph": [
          {"@type": "Organization", "@id": "https://news.example/#org", "name": "Example News"},
          {"@type": "WebPage", "@id": "https://news.example/storm#webpage", "name": "Storm Season Starts Early"},
          {"@type": "NewsArticle", "@id": "https://news.example/storm#article",
           "headline": "Storm Season Starts Early",
           "author": [
             {"@type": "Person", "name": "Jane Doe",
              "affiliation": {"@type": "Organization", "name": "University of Exampleton"}},
             {"@type": "Person", "name": "John Roe", "worksFor": {"@id": "https://news.example/#org"}}],
           "publisher": {"@id": "https://news.example/#org"}}
        ]}
        """))
    #expect(
      m.authors == [
        AuthorDetail(name: "Jane Doe", affiliations: ["University of Exampleton"], provenance: "jsonld:author"),
        AuthorDetail(name: "John Roe", affiliations: ["Example News"], provenance: "jsonld:author"),
      ])
    #expect(m.provenance["authors"] == "jsonld:author")
  }

  @Test("JSON-LD author given as an {\"@id\"} reference is resolved")
  func authorReferenceResolved() {
    let m = metadata(
      jsonLDPage(
        """
        {"@context": "https://schema.org", "@graph": [
          {"@type": "BlogPosting", "headline": "Storm Season Starts Early",
           "author": {"@id": "https://blog.example/#/schema/person/1"}},
          {"@type": "Person", "@id": "https://blog.example/#/schema/person/1", "name": "Maria Garcia",
           "url": "https://blog.example/author/maria/"}
        ]}
        """))
    #expect(m.authors == [AuthorDetail(name: "Maria Garcia", provenance: "jsonld:author")])
    #expect(m.provenance["authors"] == "jsonld:author")
  }

  @Test("JSON-LD author as one string naming two people")
  func authorStringWithTwoNames() {
    let m = metadata(
      jsonLDPage(
        """
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
         "author": "Jane Doe and John Roe"}
        """))
    #expect(names(m) == ["Jane Doe", "John Roe"])
    #expect(m.authors.allSatisfy { !$0.isOrganisation && $0.provenance == "jsonld:author" })
    #expect(m.provenance["authors"] == "jsonld:author")
  }

  @Test("an Organization author is reported as an organisation")
  func organisationAuthor() {
    let m = metadata(
      jsonLDPage(
        """
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
         "author": {"@type": "Organization", "name": "Example Press Agency"}}
        """))
    #expect(
      m.authors == [AuthorDetail(name: "Example Press Agency", isOrganisation: true, provenance: "jsonld:author")])
    #expect(m.provenance["authors"] == "jsonld:author")
  }

  @Test("persons are preferred over an organisation listed with them")
  func personsPreferredOverOrganisation() {
    let m = metadata(
      jsonLDPage(
        """
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
         "author": [{"@type": "Organization", "name": "Example Press Agency"},
                    {"@type": "Person", "name": "Jane Doe"}]}
        """))
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "jsonld:author")])
    #expect(m.provenance["authors"] == "jsonld:author")
  }

  // MARK: Meta tags

  @Test("citation_author with citation_author_institution paired by position")
  func citationAuthorsWithInstitutions() {
    let m = metadata(
      """
      <html><head><title>Thermal Drift in Small Sensors</title>
      <meta name="citation_title" content="Thermal Drift in Small Sensors">
      <meta name="citation_author" content="Doe, Jane">
      <meta name="citation_author_institution" content="University of Exampleton">
      <meta name="citation_author_institution" content="Institute for Sensor Testing">
      <meta name="citation_author" content="Roe, John">
      <meta name="citation_author_institution" content="Example Research Laboratory">
      </head><body><article><h1>Thermal Drift in Small Sensors</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(
      m.authors == [
        AuthorDetail(
          name: "Jane Doe", affiliations: ["University of Exampleton", "Institute for Sensor Testing"],
          provenance: "citation_author"),
        AuthorDetail(name: "John Roe", affiliations: ["Example Research Laboratory"], provenance: "citation_author"),
      ])
    #expect(m.provenance["authors"] == "citation_author")
  }

  @Test("<meta name=author> with a 'By' prefix")
  func metaAuthorWithByPrefix() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title>
      <meta name="author" content="By Jane Doe">
      </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "meta:author")])
    #expect(m.provenance["authors"] == "meta:author")
  }

  // MARK: Visible bylines

  @Test("visible byline after the h1 with linked names")
  func visibleBylineLinks() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <div class="byline">By <a href="/author/jane-doe">Jane Doe</a> and <a href="/author/john-roe">John Roe</a></div>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(
      m.authors == [
        AuthorDetail(name: "Jane Doe", provenance: "byline"), AuthorDetail(name: "John Roe", provenance: "byline"),
      ])
    #expect(m.provenance["authors"] == "byline")
  }

  @Test("a rel=author link")
  func relAuthorLink() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <p>Written by <a rel="author" href="https://example.com/about-me">Sam Taylor</a></p>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Sam Taylor", provenance: "rel=author")])
    #expect(m.provenance["authors"] == "rel=author")
  }

  @Test("teaser bylines before and after the article are ignored")
  func teaserBylinesAroundArticleIgnored() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <aside><h3>Most read</h3><div class="byline">By Teresa Teaser</div></aside>
      <article>
      <h1>Storm Season Starts Early</h1>
      <div class="byline">By Jane Doe</div>
      \(ExtractFixtures.body)
      </article>
      <div class="related"><h3>Rain returns</h3><div class="byline">By Otto Other</div></div>
      </body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "byline")])
    #expect(m.provenance["authors"] == "byline")
  }

  @Test("teaser bylines alone give no author")
  func teaserBylinesOnly() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <aside><h3>Most read</h3><div class="byline">By Teresa Teaser</div></aside>
      <article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article>
      <div class="related"><h3>Rain returns</h3><div class="byline">By Otto Other</div></div>
      </body></html>
      """)
    #expect(m.authors.isEmpty)
    #expect(m.provenance["authors"] == nil)
  }

  @Test("photo credits are not authors")
  func photoCreditsIgnored() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <figure><img src="storm.jpg" alt="">
      <figcaption>Clouds over the bay. <span class="author">Pat Lens</span></figcaption></figure>
      <div class="image-author">Photo: Pat Lens</div>
      <div class="byline">By Jane Doe</div>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "byline")])
    #expect(m.provenance["authors"] == "byline")
  }

  @Test("photo credits alone give no author")
  func photoCreditsOnly() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <figure><img src="storm.jpg" alt="">
      <figcaption>Clouds over the bay. <span class="author">Pat Lens</span></figcaption></figure>
      <div class="image-author">Photo: Pat Lens</div>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.authors.isEmpty)
  }

  // MARK: Microdata

  @Test("microdata author as a nested Person item with itemprop=name")
  func microdataNestedPerson() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <article itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Storm Season Starts Early</h1>
      <p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe</span></span></p>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "microdata:author")])
    #expect(m.provenance["authors"] == "microdata:author")
  }

  @Test("a teaser item with its own itemscope and author is not used")
  func microdataTeaserItemIgnored() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <article itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Storm Season Starts Early</h1>
      <p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe</span></span></p>
      \(ExtractFixtures.body)
      <div itemscope itemtype="https://schema.org/NewsArticle">
        <h3 itemprop="headline">Rain Returns to the Valley</h3>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Otto Other</span></span>
      </div>
      </article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "microdata:author")])
    #expect(m.provenance["authors"] == "microdata:author")
  }

  @Test("a teaser item before the main article does not lend it its author")
  func microdataTeaserBeforeArticleIgnored() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <div class="teaser" itemscope itemtype="https://schema.org/NewsArticle">
        <h3 itemprop="headline">Rain Returns to the Valley</h3>
        <span itemprop="author">Otto Other</span>
      </div>
      <article itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Storm Season Starts Early</h1>
      <p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe</span></span></p>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.authors == [AuthorDetail(name: "Jane Doe", provenance: "microdata:author")])
    #expect(m.provenance["authors"] == "microdata:author")
  }
}
