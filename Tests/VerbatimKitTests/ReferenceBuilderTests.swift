import Foundation
import Testing

@testable import VerbatimKit

/// How one source's entry is chosen: Sources.yml over front matter over the page over the note, which
/// links count as citations, the URL, the type and the dates.
@Suite("ReferenceBuilder")
struct ReferenceBuilderTests {
  static let captured = Date(timeIntervalSince1970: 1_767_225_600 + 3_600)  // 2026-01-01T01:00Z

  static func harvest(_ notes: [(String, String)]) -> VaultHarvest {
    VaultHarvest(
      vault: "vault", notes: notes.map { NoteHarvester.harvest(path: $0.0, bytes: Array($0.1.utf8)) }, diagnostics: [])
  }

  /// A healthy, captured source with the page's metadata.
  static func page(
    _ url: String, title: String? = "Storage Should Be Boring", authors: [String] = ["Mira Castellanos"],
    date: String? = "2025-12-14", type: String? = "news", site: String? = "The Daily Grid",
    canonical: String? = nil, language: String? = "en-gb"
  ) -> AuditedSource {
    var source = AuditedSource(
      url: url, key: URLIdentity(url).key!, finalURL: nil, health: LinkHealth(.ok, detail: ""), httpStatus: 200,
      redirects: [], capturedAt: captured, sha256: "00", title: title,
      authors: authors.map { AuditedAuthor(name: $0, isOrganisation: false, affiliations: []) }, date: date,
      siteName: site, publisher: nil, type: type, citedBy: [], unreadable: nil)
    source.canonicalURL = canonical
    source.language = language
    source.provenance = ["title": "h1=og:title"]
    return source
  }

  static func report(_ sources: [AuditedSource], _ harvest: VaultHarvest) -> AuditReport {
    AuditReport(
      generatedAt: captured, vault: "vault", notes: harvest.notes.map(\.path), sources: sources, quotes: [],
      diagnostics: [])
  }

  static func build(
    _ sources: [AuditedSource], notes: [(String, String)], registry: Registry? = nil,
    options: ReferenceBuilder.Options = .init()
  ) -> ReferenceBuilder.Draft {
    let harvest = harvest(notes)
    return ReferenceBuilder(report: report(sources, harvest), harvest: harvest, registry: registry, options: options)
      .build()
  }

  @Test("page values are used, with their provenance, the access date is the capture's UTC day")
  func pageValues() throws {
    let draft = Self.build(
      [Self.page("https://dailygrid.example/a?utm_source=x#part")],
      notes: [("n.md", "See [the piece](https://dailygrid.example/a?utm_source=x#part).\n")])
    let r = try #require(draft.references.first)
    #expect(r.title == "Storage Should Be Boring")
    #expect(r.authors == [.person(PersonName(family: "Castellanos", given: "Mira"))])
    #expect(r.kind == .newspaperArticle)
    #expect(r.container == "The Daily Grid")
    #expect(r.issued == ReferenceDate(year: 2025, month: 12, day: 14))
    #expect(r.accessed == ReferenceDate(year: 2026, month: 1, day: 1))
    #expect(r.url == "https://dailygrid.example/a")  // no tracking parameter, no fragment
    #expect(r.language == "en-GB")
    #expect(r.provenance["title"] == "page: h1=og:title")
    #expect(r.provenance["url"] == "the cited URL")
    #expect(draft.claims.first?.identities == ["url:https://dailygrid.example/a"])
    #expect(draft.warnings.isEmpty)
  }

  @Test("front matter of a clipped note wins over the page, and pins the key")
  func frontMatterWins() throws {
    let note = """
      ---
      title: "Storage should be boring (clipped)"
      source: https://dailygrid.example/a
      author:
        - "[[Pieter de Vries]]"
      published: 2025-12-01
      citekey: vries2025boring
      ---
      Clipped.
      """
    let draft = Self.build([Self.page("https://dailygrid.example/a")], notes: [("Clippings/a.md", note)])
    let r = try #require(draft.references.first)
    #expect(r.title == "Storage should be boring (clipped)")
    #expect(r.provenance["title"] == "front matter: Clippings/a.md:2")
    #expect(r.authors == [.person(PersonName(family: "Vries", given: "Pieter", particle: "de"))])
    #expect(r.provenance["author"] == "front matter: Clippings/a.md:5")
    #expect(r.issued == ReferenceDate(year: 2025, month: 12, day: 1))
    #expect(draft.claims.first?.pinned == "vries2025boring")
  }

  @Test("a note's front matter does not describe a source it only links to in its body")
  func frontMatterOnlyForItsSource() throws {
    let note = "---\ntitle: My thoughts\n---\nSee [the piece](https://dailygrid.example/a).\n"
    let draft = Self.build([Self.page("https://dailygrid.example/a")], notes: [("n.md", note)])
    #expect(draft.references.first?.title == "Storage Should Be Boring")
  }

  @Test("Sources.yml citations win over front matter and the page, naming their line")
  func registryWins() throws {
    let yaml = """
      citations:
        - url: https://dailygrid.example/a/
          type: report
          title: Storage Costs
          authors: [{ organisation: GridLab }]
          published: 2025-11
          publisher: GridLab
          number: GL-7
      """
    let registry = try RegistryLoader.load(text: yaml, file: "vault/Sources.yml").get()
    let note = "---\ntitle: Clipped title\nsource: https://dailygrid.example/a\n---\n"
    let draft = Self.build([Self.page("https://dailygrid.example/a")], notes: [("n.md", note)], registry: registry)
    let r = try #require(draft.references.first)
    #expect(r.kind == .report)
    #expect(r.title == "Storage Costs")
    #expect(r.provenance["title"] == "Sources.yml:4")
    #expect(r.authors == [.organisation("GridLab")])
    #expect(r.issued == ReferenceDate(year: 2025, month: 11))
    #expect(r.publisher == "GridLab")
    #expect(r.number == "GL-7")
  }

  @Test("images, embeds, struck-out links, links in comments and links inside quotes are not citations")
  func onlyCitations() {
    let note = """
      ![chart](https://a.example/chart.png)
      ~~[withdrawn](https://b.example/paper)~~
      %% [later](https://c.example/x) %%
      > "The cost fell, as [the lab](https://d.example/lab) showed, by half this year."

      [cited](https://e.example/essay)
      """
    let urls = ["a.example/chart.png", "b.example/paper", "c.example/x", "d.example/lab", "e.example/essay"]
    let draft = Self.build(urls.map { Self.page("https://" + $0) }, notes: [("n.md", note)])
    #expect(draft.references.map(\.url) == ["https://e.example/essay"])
  }

  @Test("an unfetched source is built from the note, with a warning, or skipped on request")
  func unfetched() throws {
    var dead = Self.page("https://gone.example/paper", title: nil, authors: [], date: nil, type: nil, site: nil)
    dead.health = LinkHealth(.dead, detail: "HTTP 410")
    dead.capturedAt = nil
    let note = "---\ncreated: 2025-06-02\n---\nA [withdrawn field study](https://gone.example/paper).\n"
    let draft = Self.build([dead], notes: [("n.md", note)])
    let r = try #require(draft.references.first)
    #expect(r.title == "withdrawn field study")
    #expect(r.provenance["title"] == "note: link text, n.md:4")
    #expect(r.kind == .webpage)
    #expect(r.accessed == ReferenceDate(year: 2025, month: 6, day: 2))
    #expect(r.provenance["accessed"] == "front matter: n.md:2 (the citing note's date)")
    #expect(draft.warnings.contains { $0.hasPrefix("https://gone.example/paper: not fetched (HTTP 410)") })
    #expect(draft.warnings.contains { $0.contains("no publication date") })
    let skipped = Self.build([dead], notes: [("n.md", note)], options: .init(skipUnfetched: true))
    #expect(skipped.references.isEmpty)
  }

  @Test("the canonical URL is used when it is on the page's own site, not when it points elsewhere")
  func canonical() {
    let own = Self.page("https://www.daily.example/a?ref=rss", canonical: "https://daily.example/2025/a")
    let elsewhere = Self.page("https://blog.example/b", canonical: "https://aggregator.example/b")
    let home = Self.page("https://site.example/c", canonical: "https://site.example/")
    let draft = Self.build(
      [own, elsewhere, home],
      notes: [("n.md", "[a](https://www.daily.example/a?ref=rss) [b](https://blog.example/b) [c](https://site.example/c)")])
    #expect(draft.references.map(\.url) == ["https://daily.example/2025/a", "https://blog.example/b", "https://site.example/c"])
  }

  @Test("an article without a byline or a publication name, or a report without a publisher, is a web page")
  func typesNeedTheirFields() {
    let noByline = Self.page("https://n.example/a", authors: [], type: "news")
    let noName = Self.page("https://n.example/b", type: "news", site: nil)
    let report = Self.page("https://r.example/c", authors: [], type: "report", site: "Energy Lab")
    let draft = Self.build(
      [noByline, noName, report],
      notes: [("n.md", "[a](https://n.example/a) [b](https://n.example/b) [c](https://r.example/c)")])
    #expect(draft.references.map(\.kind) == [.webpage, .webpage, .report])
    // The report's publisher (here the site's name) stands as its group author, as APA does.
    #expect(draft.references[2].authors == [.organisation("Energy Lab")])
    #expect(draft.references[2].publisher == "Energy Lab")
  }

  @Test("a page dated after its capture loses the date, with a warning; a time zone apart is tolerated")
  func datesAfterCapture() {
    let future = Self.page("https://f.example/a", date: "2026-03-01")
    let nextDay = Self.page("https://f.example/b", date: "2026-01-02T00:30:00+01:00")
    let draft = Self.build([future, nextDay], notes: [("n.md", "[a](https://f.example/a) [b](https://f.example/b)")])
    #expect(draft.references[0].issued == nil)
    #expect(draft.warnings.contains { $0.contains("2026-03-01 is after its capture 2026-01-01") })
    #expect(draft.references[1].issued == ReferenceDate(year: 2026, month: 1, day: 2))
    #expect(draft.references[1].accessed == ReferenceDate(year: 2026, month: 1, day: 2))
  }

  @Test("a DOI from the page becomes the first identity; a bad citekey is ignored with a warning")
  func identities() {
    var paper = Self.page("https://j.example/p", type: "scholarly")
    paper.doi = "https://doi.org/10.5555/ABC.1"
    let note = "---\nsource: https://j.example/p\ncitekey: Bad-Key\n---\n"
    let draft = Self.build([paper], notes: [("n.md", note)])
    #expect(draft.references.first?.doi == "10.5555/ABC.1")
    #expect(draft.references.first?.kind == .journalArticle)
    #expect(draft.claims.first?.identities == ["doi:10.5555/abc.1", "url:https://j.example/p"])
    #expect(draft.claims.first?.pinned == nil)
    #expect(draft.warnings.contains { $0.contains("citekey 'Bad-Key'") })
  }
}
