import Testing

@testable import VerbatimKit

/// `APAReferenceList`: an APA 7 reference list in Markdown. Expected lines follow the APA Publication Manual
/// (7th ed.): web page — *title* italic, site plain; newspaper article and blog post (a periodical in APA 7)
/// — title plain, *periodical or blog name* italic; report — *title* (Report No. n), publisher, DOI as an
/// https://doi.org/ link; periodicals dated (Year, Month Day), reports and other works by year only.
@Suite("APAReferenceList")
struct APAReferenceListTests {
  static func person(_ family: String, _ given: String?, particle: String? = nil, suffix: String? = nil)
    -> ReferenceName
  {
    .person(PersonName(family: family, given: given, particle: particle, suffix: suffix))
  }

  static func page(
    _ title: String = "Storm Season", authors: [ReferenceName] = [], issued: ReferenceDate? = ReferenceDate(year: 2024),
    site: String? = "Weather Site", key: String = "k"
  ) -> Reference {
    Reference(
      key: key, kind: .webpage, title: title, authors: authors, issued: issued, container: site,
      url: "https://w.example/s")
  }

  // MARK: The fixture's references

  static let lefevreLine =
    #"Lefèvre, C. (2025, January 3). Reading the "DeepSeek-V3" Report: MoE Routing, snake\_case Configs & the {5%} Rule. *Chloé’s Notebook*. <https://chloe.example.org/~chloe/posts/deepseek_v3-report?utm_source=rss&ref=a%20b#moe>"#
  static let devriesLine =
    "de Vries, P., & O'Connor, S. (2024, November 5). AT&T Cuts Prices 15% as T-Mobile and Verizon Regroup. *The Example Times*. <https://www.example-times.com/2024/11/05/business/att-price-cuts.html>"
  static let oecdLine =
    "Organisation for Economic Co-operation and Development. (2024). *Generative AI & the Labour Market: Evidence from Évora, Lisbon and São Paulo* (Working paper No. 312). OECD Publishing. <https://doi.org/10.5555/oecd_ai-labour.2024>"

  @Test("the blog post: title plain, blog name italic (APA 7 treats a blog as a periodical)")
  func lefevre() {
    // Suspected bug: the code formats a blog post like a web page — *title* italic, blog name plain.
    #expect(APAReferenceList.entry(BibliographySamples.lefevre) == Self.lefevreLine)
  }

  @Test("the newspaper article: two authors with \", &\", full date, title plain, newspaper italic")
  func devries() {
    #expect(APAReferenceList.entry(BibliographySamples.devries) == Self.devriesLine)
  }

  @Test("the report: group author, year, *title* (Working paper No. 312), publisher, DOI link")
  func oecd() {
    // Suspected bug: the code writes the month for a report, "(2024, June)"; APA dates reports by year.
    #expect(APAReferenceList.entry(BibliographySamples.oecd) == Self.oecdLine)
  }

  @Test("the report's parts that do not depend on the date")
  func oecdParts() {
    let line = APAReferenceList.entry(BibliographySamples.oecd)
    #expect(line.hasPrefix("Organisation for Economic Co-operation and Development. ("))
    #expect(
      line.hasSuffix(
        "). *Generative AI & the Labour Market: Evidence from Évora, Lisbon and São Paulo* (Working paper No. 312). OECD Publishing. <https://doi.org/10.5555/oecd_ai-labour.2024>"
      ))
  }

  @Test("render() sorts by first author (particle included) and separates entries by a blank line")
  func renderFixture() {
    let out = APAReferenceList.render([BibliographySamples.oecd, BibliographySamples.lefevre, BibliographySamples.devries])
    let paragraphs = out.components(separatedBy: "\n\n")
    #expect(paragraphs.count == 3)
    #expect(paragraphs[0].hasPrefix("de Vries, P., & O'Connor, S. (2024"))
    #expect(paragraphs[1].hasPrefix("Lefèvre, C. (2025"))
    #expect(paragraphs[2].hasPrefix("Organisation for Economic"))
    #expect(out.hasSuffix(">\n"))
    #expect(!out.hasSuffix("\n\n"))
  }

  // MARK: Kinds

  @Test("a web page: *title* italic, site plain")
  func webpage() {
    let r = Self.page(
      authors: [Self.person("Lefèvre", "Chloé")], issued: ReferenceDate(year: 2024, month: 3, day: 1))
    #expect(
      APAReferenceList.entry(r) == "Lefèvre, C. (2024, March 1). *Storm Season*. Weather Site. <https://w.example/s>")
  }

  @Test("a web page whose site is its group author does not repeat the site")
  func siteIsAuthor() {
    let r = Self.page(authors: [.organisation("Weather Site")])
    #expect(APAReferenceList.entry(r) == "Weather Site. (2024). *Storm Season*. <https://w.example/s>")
  }

  @Test("a report whose publisher is its author does not repeat the publisher")
  func reportPublisherIsAuthor() {
    let line = APAReferenceList.entry(BibliographySamples.acme)
    #expect(line.hasPrefix("Acme, Inc. ("))
    #expect(line.hasSuffix("*Annual Report 2023* (Annual report No. AR-2023/1). <https://acme.example.com/ar-2023.pdf>"))
  }

  @Test("a magazine article: title plain, magazine italic; suffix after the initials")
  func magazine() {
    #expect(
      APAReferenceList.entry(BibliographySamples.king)
        == "King, M. L., Jr. (1963). Letter from a Birmingham Jail. *The Atlantic Monthly*. <https://magazine.example.com/1963/08/letter/>")
  }

  @Test("a DOI wins over the URL")
  func doiOverURL() {
    #expect(APAReferenceList.entry(BibliographySamples.deepseek).hasSuffix(" <https://doi.org/10.48550/arXiv.2412.19437>"))
  }

  // MARK: Missing parts

  @Test("no author: the title moves to the author's place")
  func noAuthor() {
    let r = Self.page(issued: ReferenceDate(year: 2024, month: 3, day: 1))
    #expect(APAReferenceList.entry(r) == "*Storm Season*. (2024, March 1). Weather Site. <https://w.example/s>")
  }

  @Test("no date: (n.d.)")
  func noDate() {
    var r = BibliographySamples.devries
    r.issued = nil
    #expect(APAReferenceList.entry(r).hasPrefix("de Vries, P., & O'Connor, S. (n.d.). AT&T Cuts"))
    #expect(APAReferenceList.entry(Self.page(issued: nil)) == "*Storm Season*. (n.d.). Weather Site. <https://w.example/s>")
  }

  @Test("a title ending in ? or ! gets no extra period, inside or outside italics")
  func titlePunctuation() {
    #expect(APAReferenceList.entry(Self.page("Why Now?")) == "*Why Now?* (2024). Weather Site. <https://w.example/s>")
    var news = BibliographySamples.devries
    news.title = "Prices Fall!"
    #expect(APAReferenceList.entry(news).contains(" Prices Fall! *The Example Times*."))
  }

  // MARK: Authors

  @Test("two authors joined with \", &\"; three with commas and \", &\"")
  func twoAndThree() {
    #expect(APAReferenceList.authors([Self.person("Lee", "Ann"), Self.person("Kim", "Bo")]) == "Lee, A., & Kim, B.")
    #expect(
      APAReferenceList.authors([Self.person("Lee", "Ann"), Self.person("Kim", "Bo"), Self.person("Ng", "Cy")])
        == "Lee, A., Kim, B., & Ng, C.")
  }

  static func numbered(_ count: Int) -> [ReferenceName] {
    (1...count).map { Self.person("Author" + ($0 < 10 ? "0" : "") + String($0), "Ann") }
  }

  @Test("20 authors are all listed, the last after \", &\"")
  func twentyAuthors() {
    let expected =
      "Author01, A., Author02, A., Author03, A., Author04, A., Author05, A., Author06, A., Author07, A., Author08, A., Author09, A., Author10, A., Author11, A., Author12, A., Author13, A., Author14, A., Author15, A., Author16, A., Author17, A., Author18, A., Author19, A., & Author20, A."
    #expect(APAReferenceList.authors(Self.numbered(20)) == expected)
  }

  @Test("21 authors: the first 19, an ellipsis, the last (no ampersand)")
  func twentyOneAuthors() {
    let expected =
      "Author01, A., Author02, A., Author03, A., Author04, A., Author05, A., Author06, A., Author07, A., Author08, A., Author09, A., Author10, A., Author11, A., Author12, A., Author13, A., Author14, A., Author15, A., Author16, A., Author17, A., Author18, A., Author19, A., … Author21, A."
    #expect(APAReferenceList.authors(Self.numbered(21)) == expected)
    #expect(!APAReferenceList.authors(Self.numbered(21)).contains("Author20"))
  }

  @Test(
    "initials",
    arguments: [("Jean-Claude", "J.-C."), ("Martin Luther", "M. L."), ("Chloé", "C."), ("J. R. R.", "J. R. R."),
      ("Émile", "É.")])
  func initials(given: String, initials: String) {
    #expect(APAReferenceList.initials(given) == initials)
  }

  @Test("a person without a given name, and an organisation")
  func familyOnlyAndOrganisation() {
    #expect(APAReferenceList.author(Self.person("Madonna", nil)) == "Madonna")
    #expect(APAReferenceList.author(.organisation("Acme_Labs")) == #"Acme\_Labs"#)
    #expect(APAReferenceList.author(Self.person("Vries", "Pieter", particle: "de")) == "de Vries, P.")
  }

  // MARK: Sorting

  @Test("sorted by first author, then year")
  func sortAuthorThenYear() {
    let refs = [
      Self.page("Later", authors: [Self.person("Smith", "Ann")], issued: ReferenceDate(year: 2024), key: "s2"),
      Self.page("Zebra", authors: [Self.person("Adams", "Ann")], issued: ReferenceDate(year: 2025), key: "a1"),
      Self.page("Earlier", authors: [Self.person("Smith", "Ann")], issued: ReferenceDate(year: 2020), key: "s1"),
      Self.page("Alpha", authors: [Self.person("Smithers", "Ann")], issued: ReferenceDate(year: 2001), key: "s3"),
    ]
    let lines = APAReferenceList.render(refs).split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "Adams, A. (2025). *Zebra*. Weather Site. <https://w.example/s>",
        "Smith, A. (2020). *Earlier*. Weather Site. <https://w.example/s>",
        "Smith, A. (2024). *Later*. Weather Site. <https://w.example/s>",
        "Smithers, A. (2001). *Alpha*. Weather Site. <https://w.example/s>",
      ])
  }

  @Test("a work without an author sorts by its title among the authors")
  func sortNoAuthor() {
    let refs = [
      Self.page("Taylor's", authors: [Self.person("Taylor", "Ann")], key: "t"),
      Self.page("Storm Season", key: "n"),
      Self.page("Smith's", authors: [Self.person("Smith", "Ann")], key: "s"),
    ]
    let lines = APAReferenceList.render(refs).split(separator: "\n").map(String.init)
    #expect(lines.map { String($0.prefix(6)) } == ["Smith,", "*Storm", "Taylor"])
  }

  @Test("same family name: sorted by initials before year (APA 9.46)")
  func sortSameFamilyByInitials() {
    // Suspected bug: only the family name is compared, so Smith, Z. (2020) precedes Smith, A. (2024).
    let refs = [
      Self.page("One", authors: [Self.person("Smith", "Zoe")], issued: ReferenceDate(year: 2020), key: "z"),
      Self.page("Two", authors: [Self.person("Smith", "Ann")], issued: ReferenceDate(year: 2024), key: "a"),
    ]
    let lines = APAReferenceList.render(refs).split(separator: "\n").map(String.init)
    #expect(lines.map { String($0.prefix(9)) } == ["Smith, A.", "Smith, Z."])
  }

  @Test("a one-author work precedes a multi-author work with the same first author (APA 9.46)")
  func sortSingleBeforeGroup() {
    // Suspected bug: only the first author and the year are compared, so the 1995 two-author work comes first.
    let refs = [
      Self.page("Two", authors: [Self.person("Berndt", "Tom"), Self.person("Keefe", "Kay")],
        issued: ReferenceDate(year: 1995), key: "b2"),
      Self.page("One", authors: [Self.person("Berndt", "Tom")], issued: ReferenceDate(year: 2002), key: "b1"),
    ]
    let lines = APAReferenceList.render(refs).split(separator: "\n").map(String.init)
    #expect(lines.map { String($0.prefix(18)) } == ["Berndt, T. (2002).", "Berndt, T., & Keef"])
  }

  // MARK: Markdown

  @Test("Markdown specials are backslash-escaped in titles, names and sites")
  func markdownEscaping() {
    let r = Self.page(
      ##"Why *you* [sic] use <b> #1 | a_b ~x~ $5 = `c` \ end"##, authors: [.organisation("A_B *Lab*")],
      site: "Site [beta]")
    #expect(
      APAReferenceList.entry(r)
        == ##"A\_B \*Lab\*. (2024). *Why \*you\* \[sic\] use \<b\> \#1 \| a\_b \~x\~ \$5 \= \`c\` \\ end*. Site \[beta\]. <https://w.example/s>"##
    )
  }

  @Test("an entry is one line even when the title has line breaks")
  func oneLine() {
    // Suspected bug: the title's line breaks are kept; "\n\n" splits the entry into two paragraphs.
    let r = Self.page("First part\n\nsecond part", authors: [Self.person("Lee", "Ann")])
    #expect(APAReferenceList.entry(r) == "Lee, A. (2024). *First part second part*. Weather Site. <https://w.example/s>")
  }
}
