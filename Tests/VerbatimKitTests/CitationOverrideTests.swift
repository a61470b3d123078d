import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// `citations:` in `Sources.yml`: every field read back with the line it was written on; every problem
/// (unknown keys, URLs, DOIs, keys, types, dates, authors, duplicates) reported at its exact line and column.
@Suite("CitationOverride")
struct CitationOverrideTests {
  static func problems(_ yaml: String) -> [String] { RegistryTests.problems(yaml) }

  @Test("a full entry is read field by field, with the line and column of the entry and of each field")
  func fullEntry() throws {
    let yaml = """
      citations:
        - url: https://gridlab.example/reports/2026-storage-costs
          doi: https://doi.org/10.5555/GL.2026.04
          key: gridlab2026storage
          type: report
          title: "Storage Costs 2026"
          authors:
            - Priya Raman
            - "de Vries, Pieter"
            - { organisation: GridLab }
            - organization: Grid Council
          published: 2026-03-02
          container: GridLab Reports
          publisher: GridLab
          place: Rotterdam
          language: en-GB
          number: "GL-2026-04"
          genre: Working paper
          series: Storage Outlook
          section: Energy
      """
    let registry = try RegistryTests.registry(yaml)
    #expect(registry.citations.count == 1)
    let c = try #require(registry.citations.first)
    #expect(c.url == "https://gridlab.example/reports/2026-storage-costs")
    #expect(c.doi == "10.5555/GL.2026.04")
    #expect(c.key == "gridlab2026storage")
    #expect(c.type == "report" && c.kind == .report)
    #expect(c.title == "Storage Costs 2026")
    #expect(
      c.authors == [
        .person("Priya Raman"), .person("de Vries, Pieter"), .organisation("GridLab"), .organisation("Grid Council"),
      ])
    #expect(c.published == "2026-03-02")
    #expect(c.container == "GridLab Reports" && c.publisher == "GridLab" && c.place == "Rotterdam")
    #expect(c.language == "en-GB" && c.number == "GL-2026-04" && c.genre == "Working paper")
    #expect(c.series == "Storage Outlook" && c.section == "Energy")
    #expect(c.location == RegistryLocation(line: 2, column: 5))
    let lines = [
      "url": 2, "doi": 3, "key": 4, "type": 5, "title": 6, "authors": 7, "published": 12, "container": 13,
      "publisher": 14, "place": 15, "language": 16, "number": 17, "genre": 18, "series": 19, "section": 20,
    ]
    #expect(c.fieldLocations == lines.mapValues { RegistryLocation(line: $0, column: 5) })
  }

  @Test("scalars are read as written: an int number, a year, a doi: prefix; null fields are absent")
  func scalarsAsWritten() throws {
    let yaml = """
      citations:
        - { doi: "doi:10.1234/abc", number: 312, published: 2025, title: ~, authors: }
        - url: http://press.example/a
          authors: []
          number: 0x1F
          genre: true
      """
    let registry = try RegistryTests.registry(yaml)
    #expect(registry.citations.count == 2)
    let first = registry.citations[0]
    #expect(first.doi == "10.1234/abc" && first.url == nil && first.number == "312" && first.published == "2025")
    #expect(first.title == nil && first.authors == nil && first.type == nil && first.kind == nil)
    #expect(first.location == RegistryLocation(line: 2, column: 5))
    #expect(Set(first.fieldLocations.keys) == ["doi", "number", "published"])
    #expect(first.fieldLocations["number"] == RegistryLocation(line: 2, column: 31))
    let second = registry.citations[1]
    #expect(second.authors == [] && second.number == "0x1F" && second.genre == "true")
    #expect(second.fieldLocations["authors"] == RegistryLocation(line: 4, column: 5))
  }

  @Test("no citations section, or an empty one, is no overrides")
  func empty() throws {
    #expect(try RegistryTests.registry("people:\n").citations == [])
    #expect(try RegistryTests.registry("citations:\n").citations == [])
    #expect(try RegistryTests.registry("citations: []\n").citations == [])
    #expect(Registry(file: "x", people: [], sourceRules: []).citations == [])
  }

  @Test("unknown keys in a citation and in an author, with a did-you-mean within two edits")
  func unknownKeys() {
    let yaml = """
      citations:
        - url: https://a.example/x
          titel: X
          auhtors: [A]
          colour: blue
          authors: [{ organsation: B }, { name: C }]
      citaions: []
      """
    #expect(
      Self.problems(yaml) == [
        "3:5: unknown key 'titel' in a citation (did you mean 'title'?)",
        "4:5: unknown key 'auhtors' in a citation (did you mean 'authors'?)",
        "5:5: unknown key 'colour' in a citation; expected 'url', 'doi', 'key', 'type', 'title', 'authors', "
          + "'published', 'container', 'publisher', 'place', 'language', 'number', 'genre', 'series' or 'section'",
        "6:15: an author written as a mapping needs 'organisation' (write a person as a plain name)",
        "6:17: unknown key 'organsation' in an author (did you mean 'organisation'?)",
        "6:35: an author written as a mapping needs 'organisation' (write a person as a plain name)",
        "6:37: unknown key 'name' in an author; expected 'organisation' or 'organization'",
        "7:1: unknown key 'citaions' at the top level (did you mean 'citations'?)",
      ])
  }

  @Test("each bad value at its line and column: no source, URL, DOI, key, type, date, authors, empty text")
  func badValues() {
    let yaml = """
      citations:
        - { title: No source }
        - { url: ftp://files.example/report.pdf }
        - { url: gridlab.example/reports }
        - { doi: 10.12/abc }
        - { doi: "https://doi.org/10.5555/ a b" }
        - { url: "https://a.example/1", key: Raman2026 }
        - { url: "https://a.example/2", key: 2026raman }
        - { url: "https://a.example/3", key: lefèvre-2025 }
        - { url: "https://a.example/4", type: blogpost }
        - { url: "https://a.example/5", type: article }
        - { url: "https://a.example/6", published: 2026-02-30 }
        - { url: "https://a.example/7", published: "March 2026" }
        - { url: "https://a.example/8", authors: [A, [B], "", ~, { organisation: "" }] }
        - { url: "https://a.example/9", authors: "Priya Raman" }
        - { url: "https://a.example/10", authors: [{ organisation: X, organization: X }] }
        - { url: "", doi: " ", title: "", publisher: [GridLab] }
        - just a string
      """
    let kinds = "webpage, blog-post, newspaper-article, magazine-article, report, journal-article"
    let key = "expected a lower-case letter, then lower-case letters and digits"
    let doi = "expected 10.NNNN/SUFFIX (a https://doi.org/ or doi: prefix is fine)"
    #expect(
      Self.problems(yaml) == [
        "2:5: a citation has neither 'url' nor 'doi' (the source whose entry it overrides)",
        "3:12: invalid URL 'ftp://files.example/report.pdf' in 'url': expected an http:// or https:// URL",
        "4:12: invalid URL 'gridlab.example/reports' in 'url': expected an http:// or https:// URL",
        "5:12: invalid DOI '10.12/abc' in 'doi': \(doi)",
        "6:12: invalid DOI 'https://doi.org/10.5555/ a b' in 'doi': \(doi)",
        "7:40: invalid citation key 'Raman2026' (did you mean 'raman2026'?): \(key)",
        "8:40: invalid citation key '2026raman': \(key)",
        "9:40: invalid citation key 'lefèvre-2025' (did you mean 'lefevre2025'?): \(key)",
        "10:41: unknown citation type 'blogpost' (did you mean 'blog-post'?); expected one of: \(kinds)",
        "11:41: unknown citation type 'article'; expected one of: \(kinds)",
        "12:46: invalid date '2026-02-30' in 'published': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "13:46: invalid date 'March 2026' in 'published': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "14:48: an author in 'authors' must be a name or { organisation: NAME }, not a list",
        "14:53: an author in 'authors' must not be empty",
        "14:57: an author in 'authors' must not be empty",
        "14:76: 'organisation' must not be empty",
        "15:44: 'authors' must be a list of authors (names, or { organisation: NAME }), not the single value "
          + "'Priya Raman'",
        "16:65: 'organization' and 'organisation' are the same key: use only one",
        "17:12: 'url' must not be empty",
        "17:21: 'doi' must not be empty",
        "17:33: 'title' must not be empty",
        "17:48: 'publisher' must be a string, not a list",
        "18:5: a citation must be a mapping with 'url' or 'doi', not the single value 'just a string'",
      ])
  }

  @Test("'citations' must be a list of mappings")
  func wrongShapes() {
    #expect(
      Self.problems("citations:\n  url: https://a.example/\n") == [
        "2:3: 'citations' must be a list of citations, not a mapping"
      ])
    #expect(
      Self.problems("citations:\n  - [https://a.example/]\n") == [
        "2:5: a citation must be a mapping with 'url' or 'doi', not a list"
      ])
  }

  @Test("the same URL (scheme and host in any case, trailing / and fragment ignored), DOI or key twice")
  func duplicates() {
    let yaml = """
      citations:
        - { url: "https://GridLab.example/reports/a/", key: gridlab2026 }
        - { url: "HTTPS://gridlab.example/reports/a#summary" }
        - { url: "https://gridlab.example/reports/A" }
        - { url: "http://gridlab.example/reports/a" }
        - { doi: 10.5555/ABC, key: gridlab2026 }
        - { doi: "https://doi.org/10.5555/abc" }
        - { url: "https://gridlab.example/reports/a?page=2" }
        - { url: "https://gridlab.example/reports/a/?utm_source=x" }
      """
    #expect(
      Self.problems(yaml) == [
        "2:12: duplicate URL 'https://GridLab.example/reports/a/': also the URL of the citation at 3:5, "
          + "the citation at 9:5",
        "2:55: duplicate citation key 'gridlab2026': also the key of the citation at 6:5",
        "3:12: duplicate URL 'HTTPS://gridlab.example/reports/a#summary': also the URL of the citation at 2:5, "
          + "the citation at 9:5",
        "6:12: duplicate DOI '10.5555/ABC': also the DOI of the citation at 7:5",
        "6:30: duplicate citation key 'gridlab2026': also the key of the citation at 2:5",
        "7:12: duplicate DOI '10.5555/abc': also the DOI of the citation at 6:5",
        "9:12: duplicate URL 'https://gridlab.example/reports/a/?utm_source=x': also the URL of the citation at "
          + "2:5, the citation at 3:5",
      ])
  }

  @Test("urlKey, bareDOI, isValidKey and the key suggestion")
  func helpers() {
    #expect(CitationOverride.urlKey("HTTPS://A.Example:443/x/#top") == "https://a.example/x")
    #expect(CitationOverride.urlKey("https://a.example") == "https://a.example")
    #expect(CitationOverride.urlKey("https://a.example/x/?q=1") == "https://a.example/x?q=1")
    #expect(CitationOverride.urlKey("https://a.example/X") != CitationOverride.urlKey("https://a.example/x"))
    #expect(CitationOverride.urlKey("mailto:a@b.example") == nil)
    #expect(CitationOverride.bareDOI("10.1000/xyz") == "10.1000/xyz")
    #expect(CitationOverride.bareDOI("DOI: 10.1000.5/a/b(c)") == "10.1000.5/a/b(c)")
    #expect(CitationOverride.bareDOI("https://dx.doi.org/10.1000/x") == "10.1000/x")
    for bad in ["10.1000/", "10.100/x", "10.ab12/x", "11.1000/x", "10.1000", "doi.org/10.1000/x", "10..1000/x"] {
      #expect(CitationOverride.bareDOI(bad) == nil, "\(bad)")
    }
    #expect(CitationOverride.isValidKey("a") && CitationOverride.isValidKey("raman2026"))
    for bad in ["", "2026", "é", "Raman", "raman-2026", "raman_2026"] { #expect(!CitationOverride.isValidKey(bad)) }
    #expect(RegistryReader.keySuggestion("Pérez-García 2024") == "perezgarcia2024")
    #expect(RegistryReader.keySuggestion("2024report") == nil)
  }

  @Test("the YAML examples in docs/registry.md load and match the schema")
  func documentedExamples() throws {
    let docs = try String(contentsOf: RegistryTests.root.appendingPathComponent("docs/registry.md"), encoding: .utf8)
    let blocks = docs.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    #expect(blocks.count == 2)
    let schema = try JSONSerialization.jsonObject(
      with: Data(contentsOf: RegistryTests.root.appendingPathComponent("docs/registry.schema.json")))
    let validator = try JSONSchemaValidator(schema: schema)
    for block in blocks {
      #expect(Self.problems(block) == [])
      #expect(validator.validate(try RegistryLoader.plainValues(text: block, file: "Sources.yml").get()) == [])
    }
    let citations = try RegistryTests.registry(blocks[1]).citations
    #expect(citations.map(\.doi) == [nil, "10.5555/jes.2025.118"])
    #expect(citations.map(\.number) == ["GL-2026-04", "118"])
  }

  @Test("docs/registry.schema.json accepts citations and refuses unknown keys and types")
  func schema() throws {
    let schema = try JSONSerialization.jsonObject(
      with: Data(contentsOf: RegistryTests.root.appendingPathComponent("docs/registry.schema.json")))
    let validator = try JSONSchemaValidator(schema: schema)
    let good = try RegistryLoader.plainValues(
      text: """
        citations:
          - url: https://gridlab.example/reports/2026-storage-costs
            type: report
            title: "Storage Costs 2026"
            authors: ["Priya Raman", { organisation: GridLab }, { organization: Grid Council }]
            published: 2026-03-02
            number: 312
            publisher: GridLab
          - { doi: 10.1234/abc, key: smith2024, type: ~, authors: [] }
        """, file: "Sources.yml"
    ).get()
    #expect(validator.validate(good) == [])
    let broken = try RegistryLoader.plainValues(
      text: "citations:\n  - { url: https://a.example/, type: article, titel: X, authors: [{ name: A }, [B]] }\n",
      file: "Sources.yml"
    ).get()
    #expect(
      validator.validate(broken) == [
        "$.citations[0].authors[0].name: property is not allowed (additionalProperties is false)",
        "$.citations[0].authors[1]: expected string or object, found array [1 items]",
        "$.citations[0].titel: property is not allowed (additionalProperties is false)",
        "$.citations[0].type: \"article\" is not one of [\"webpage\", \"blog-post\", \"newspaper-article\", "
          + "\"magazine-article\", \"report\", \"journal-article\", null]",
      ])
  }
}
