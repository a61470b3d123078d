import Testing

@testable import VerbatimKit

/// Date rules of the extraction stage: declared publication and update dates kept apart, visible dates
/// near the headline, the URL as a last resort — and the years and teaser dates that must not count.
@Suite("ExtractDates")
struct ExtractDatesTests {
  private func metadata(_ html: String, url: String? = nil) -> PageMetadata {
    ExtractFixtures.metadata(html, url: url)
  }

  // MARK: Declared dates

  @Test("JSON-LD datePublished and dateModified are kept apart, with day and offset as written")
  func jsonLDPublishedAndModified() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title>
      <script type="application/ld+json">
      {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Season Starts Early",
       "datePublished": "2021-03-04T10:05:00+01:00", "dateModified": "2021-03-06T08:00:00Z"}
      </script>
      </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(
      m.published == PageDate(year: 2021, month: 3, day: 4, hour: 10, minute: 5, second: 0, utcOffsetMinutes: 60))
    #expect(m.published?.iso == "2021-03-04T10:05:00+01:00")
    #expect(m.provenance["date"] == "jsonld:datePublished")
    #expect(m.modified?.iso == "2021-03-06T08:00:00Z")
    #expect(m.provenance["modified"] == "jsonld:dateModified")
  }

  @Test("article:published_time meta")
  func articlePublishedTime() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title>
      <meta property="article:published_time" content="2018-07-12T09:30:00-04:00">
      <meta property="article:modified_time" content="2018-07-13T11:00:00-04:00">
      </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(m.published?.iso == "2018-07-12T09:30:00-04:00")
    #expect(m.provenance["date"] == "meta:article:published_time")
    #expect(m.modified?.iso == "2018-07-13T11:00:00-04:00")
    #expect(m.provenance["modified"] == "meta:article:modified_time")
  }

  @Test("citation_publication_date with slashes")
  func citationPublicationDate() {
    let m = metadata(
      """
      <html><head><title>Thermal Drift in Small Sensors</title>
      <meta name="citation_title" content="Thermal Drift in Small Sensors">
      <meta name="citation_publication_date" content="2019/05/01">
      </head><body><article><h1>Thermal Drift in Small Sensors</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(m.published == PageDate(year: 2019, month: 5, day: 1))
    #expect(m.published?.iso == "2019-05-01")
    #expect(m.provenance["date"] == "meta:citation_publication_date")
    #expect(m.modified == nil)
  }

  // MARK: Visible dates

  @Test("<time datetime> in the article header")
  func timeInArticleHeader() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <header><h1>Storm Season Starts Early</h1>
      <time datetime="2020-02-29T12:00:00Z">29 February 2020</time></header>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.published?.iso == "2020-02-29T12:00:00Z")
    #expect(m.provenance["date"] == "time[datetime]")
  }

  @Test("<time datetime> inside a date-labelled wrapper keeps its time and offset")
  func timeInsideDateWrapper() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <header><h1>Storm Season Starts Early</h1>
      <div class="article-date"><time datetime="2020-02-29T12:00:00+01:00">29 February 2020</time></div></header>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.published?.iso == "2020-02-29T12:00:00+01:00")
    #expect(m.provenance["date"] == "time[datetime]")
  }

  @Test("an 'Updated:' time is not the publication date when another date is given")
  func updatedTimeIgnoredForPublished() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <header><h1>Storm Season Starts Early</h1>
      <p><time datetime="2022-05-10">Updated: May 10, 2022</time>
      · <time datetime="2022-05-01">Published May 1, 2022</time></p></header>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.published == PageDate(year: 2022, month: 5, day: 1))
    #expect(m.provenance["date"] == "time[datetime]")
  }

  @Test("only a visible update stated: used, and the provenance says so")
  func onlyVisibleUpdateStated() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <header><h1>Storm Season Starts Early</h1>
      <p><time datetime="2022-05-10T08:00:00Z">Updated May 10, 2022</time></p></header>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.published?.iso == "2022-05-10T08:00:00Z")
    #expect(m.provenance["date"] == "time[datetime] (update; no publication date stated)")
    #expect(m.provenance["date"]?.contains("no publication date stated") == true)
  }

  @Test("only a declared modification date: used, and the provenance says so")
  func onlyDeclaredModifiedStated() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title>
      <meta property="article:modified_time" content="2022-05-10T08:00:00+02:00">
      </head><body><article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(m.published?.iso == "2022-05-10T08:00:00+02:00")
    #expect(m.provenance["date"] == "meta:article:modified_time (no publication date stated)")
    #expect(m.modified?.iso == "2022-05-10T08:00:00+02:00")
    #expect(m.provenance["modified"] == "meta:article:modified_time")
  }

  @Test("a date in the byline text next to the headline")
  func dateInBylineText() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <p>By Jane Doe, published December 14, 2016</p>
      \(ExtractFixtures.body)
      </article></body></html>
      """)
    #expect(m.published == PageDate(year: 2016, month: 12, day: 14))
    #expect(m.provenance["date"] == "text-after-headline")
  }

  @Test("a dateline opening the first paragraph")
  func datelineParagraph() {
    let m = metadata(
      """
      <html lang="de"><head><title>Erinnerung an die Befreiung</title></head><body><article>
      <h1>Erinnerung an die Befreiung</h1>
      <p>Von Anna Schmidt</p>
      <p>27.1.2022 - Bei der Erinnerung an die Befreiung des Lagers sprachen am Donnerstag Überlebende und
      ihre Angehörigen vor vielen Gästen. Sie mahnten, die Geschichte nicht zu vergessen und sich jeden Tag
      für ein friedliches Zusammenleben einzusetzen, in der Schule, im Beruf und in der Nachbarschaft.</p>
      </article></body></html>
      """)
    #expect(m.published == PageDate(year: 2022, month: 1, day: 27))
    #expect(m.provenance["date"] == "dateline")
  }

  // MARK: URL fallback

  @Test("date from the page URL when the page states none")
  func dateFromURLParameter() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """, url: "https://example.com/2016/09/20/story")
    #expect(m.published == PageDate(year: 2016, month: 9, day: 20))
    #expect(m.provenance["date"] == "url")
  }

  @Test("date from the canonical link when the page states none")
  func dateFromCanonicalLink() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title>
      <link rel="canonical" href="https://example.com/2016/09/20/story">
      </head><body><article>
      <h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article></body></html>
      """)
    #expect(m.published == PageDate(year: 2016, month: 9, day: 20))
    #expect(m.provenance["date"] == "canonical-url")
  }

  // MARK: Not dates

  @Test("a bare copyright year never becomes a date")
  func bareYearIsNotADate() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body><article>
      <h1>Storm Season Starts Early</h1>
      <p class="copyright-date">© 2019 Example Media</p>
      \(ExtractFixtures.body)
      </article>
      <footer><p>© 2019 Example Media. All rights reserved.</p></footer>
      </body></html>
      """)
    #expect(m.published == nil)
    #expect(m.modified == nil)
    #expect(m.provenance["date"] == nil)
  }

  @Test("dates in related teasers before and after the article are ignored")
  func teaserDatesAroundArticleIgnored() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <aside><h3>Most read</h3><time datetime="2014-02-02">February 2, 2014</time></aside>
      <article><header><h1>Storm Season Starts Early</h1>
      <time datetime="2021-11-03">November 3, 2021</time></header>
      \(ExtractFixtures.body)
      </article>
      <div class="related"><h3>Rain returns</h3><time datetime="2015-06-01">June 1, 2015</time></div>
      </body></html>
      """)
    #expect(m.published == PageDate(year: 2021, month: 11, day: 3))
    #expect(m.provenance["date"] == "time[datetime]")
  }

  @Test("teaser dates alone give way to the URL date")
  func teaserDatesOnly() {
    let m = metadata(
      """
      <html><head><title>Storm Season Starts Early</title></head><body>
      <aside><h3>Most read</h3><time datetime="2014-02-02">February 2, 2014</time></aside>
      <article><h1>Storm Season Starts Early</h1>\(ExtractFixtures.body)</article>
      <div class="related"><h3>Rain returns</h3><time datetime="2015-06-01">June 1, 2015</time></div>
      </body></html>
      """, url: "https://example.com/news/2021/11/03/storm-season")
    #expect(m.published == PageDate(year: 2021, month: 11, day: 3))
    #expect(m.provenance["date"] == "url")
  }
}
