import Testing

@testable import VerbatimKit

/// The conflict-of-interest rule on a registry written in the test: the seed's case (a chief
/// executive's essay about a competitor, on her own site) and each other kind of tie.
@Suite("Conflict rule")
struct ConflictRuleTests {
  static func at(_ line: Int) -> RegistryLocation { RegistryLocation(line: line, column: 3) }

  static let registry = Registry(
    file: "Sources.yml",
    people: [
      Person(
        id: "p-mira", names: ["Mira Castellanos"],
        affiliations: [
          Tie(
            kind: .employment, organization: "o-halvard", role: "chief executive officer", from: "2019-06-01",
            location: at(5))
        ], sites: ["castellanos.example"], location: at(3)),
      Person(
        id: "p-old", names: ["Otto Former"],
        affiliations: [Tie(kind: .employment, organization: "o-halvard", from: "2010", to: "2015", location: at(9))],
        location: at(8)),
    ],
    organizations: [
      Organization(
        id: "o-halvard", names: ["Halvard Energy", "Halvard"], domains: ["halvard.example"],
        relations: [
          Tie(kind: .competitor, organization: "o-voltaic", source: "user", location: at(14)),
          Tie(kind: .fundedBy, organization: "o-bigfund", location: at(15)),
          Tie(kind: .customer, organization: "o-ironworks", location: at(16)),
          Tie(kind: .subsidiary, organization: "o-halvard-labs", location: at(17)),
          Tie(kind: .partner, organization: "o-gridlab", location: at(18)),
        ], location: at(12)),
      Organization(
        id: "o-voltaic", names: ["Voltaic Systems", "Voltaic", "Anthropic"], domains: ["voltaic.example"],
        location: at(20)),
      Organization(id: "o-bigfund", names: ["Big Fund"], location: at(22)),
      Organization(id: "o-ironworks", names: ["Iron Works"], location: at(24)),
      Organization(id: "o-halvard-labs", names: ["Halvard Labs"], location: at(26)),
      Organization(
        id: "o-gridlab", names: ["GridLab"],
        relations: [Tie(kind: .partner, organization: "o-survey", location: at(29))],
        location: at(28)),
      Organization(id: "o-survey", names: ["Storage Survey"], domains: ["survey.example"], location: at(31)),
    ])

  static let rule = ConflictRule(registry)

  static func annotate(
    _ quote: String, speaker: String? = "Mira Castellanos", host: String? = "castellanos.example",
    date: String? = "2026-03-14"
  ) -> QuoteAnnotations {
    rule.annotate(.init(speaker: speaker, subjectTexts: [("quote", quote)], host: host, date: date))
  }

  @Test("the seed's case: a chief executive on her own site about a competitor")
  func competitorOnOwnSite() throws {
    let a = Self.annotate("Voltaic Systems builds excellent batteries for a market that is about to shrink")
    #expect(a.speakerID == "p-mira")
    #expect(
      a.affiliations == [
        Affiliation(organisation: "Halvard Energy", role: "chief executive officer", provenance: "registry")
      ])
    #expect(a.conflicts.map(\.kind) == [.competitor, .selfPublished])
    let competitor = try #require(a.conflicts.first)
    #expect(
      competitor.evidence == [
        "Mira Castellanos — chief executive officer, Halvard Energy (registry p-mira, Sources.yml:5, from 2019-06-01)",
        "Halvard Energy competitor Voltaic Systems (registry o-halvard.relations[0], Sources.yml:14, source: user)",
        "the quote concerns Voltaic Systems (\"Voltaic Systems\" in the quote)",
      ])
    #expect(
      a.conflicts[1].evidence == ["castellanos.example is Mira Castellanos's site (registry p-mira, Sources.yml:3)"])
  }

  @Test("a quote that names nobody gets only the publisher flag; possessives and one-letter slips still name")
  func mentions() {
    #expect(Self.annotate("Iron, water and air are the cheapest materials").conflicts.map(\.kind) == [.selfPublished])
    #expect(
      Self.annotate("Anthrophic's cells fail every winter").conflicts.map(\.kind) == [.competitor, .selfPublished])
    #expect(Self.annotate("Voltaic's cells fail every winter", host: nil).conflicts.map(\.kind) == [.competitor])
  }

  @Test("each tie kind: self-interest, financial, commercial, indirect, publisher-owned")
  func kinds() {
    #expect(Self.annotate("Halvard Labs is the best lab", host: nil).conflicts.map(\.kind) == [.selfInterest])
    #expect(Self.annotate("Halvard Energy will win", host: nil).conflicts.map(\.kind) == [.selfInterest])
    #expect(Self.annotate("Big Fund is a patient investor", host: nil).conflicts.map(\.kind) == [.financial])
    #expect(Self.annotate("Iron Works ships on time", host: nil).conflicts.map(\.kind) == [.commercial])
    #expect(Self.annotate("the Storage Survey is reliable", host: nil).conflicts.map(\.kind) == [.indirect])
    let owned = Self.annotate("Voltaic Systems is honest", speaker: "Someone Else", host: "blog.voltaic.example")
    #expect(owned.conflicts.map(\.kind) == [.publisherOwned])
  }

  @Test("ties outside the page's date do not count; unknown people and subjects are 'no registry data'")
  func datesAndUnknowns() {
    #expect(Self.annotate("Voltaic Systems is doomed", speaker: "Otto Former", host: nil).conflicts.isEmpty)
    #expect(
      Self.annotate("Voltaic Systems is doomed", speaker: "Otto Former", host: nil, date: "2012-05-01").conflicts.map(
        \.kind) == [.competitor])
    let unknown = Self.annotate("the weather is nice today", speaker: "Nobody Known", host: nil)
    #expect(unknown.noRegistryData)
    #expect(unknown.conflicts.isEmpty)
  }

  @Test("names match across case, diacritics, 'Family, Given' order and middle initials")
  func names() {
    let index = RegistryIndex(Self.registry)
    #expect(index.person(named: "CASTELLANOS, Mira J.")?.id == "p-mira")
    #expect(index.person(named: "Mira Castellanos")?.id == "p-mira")
    #expect(index.organization(named: "halvard energy")?.id == "o-halvard")
    #expect(index.organization(host: "www.halvard.example")?.id == "o-halvard")
    #expect(index.organization(host: "halvard.example.com") == nil)
  }

  @Test("credibility profile: owner and kind of the site, the user's labels with their rule, warning signs")
  func credibility() {
    var registry = Self.registry
    registry.organizations[1].kind = "company"
    registry.sourceRules = [
      SourceRule(
        urlContains: "voltaic.example/blog/", labels: ["corporate-blog"], source: "user", date: "2026-01",
        location: Self.at(40))
    ]
    let index = RegistryIndex(registry)
    let blog = CredibilityProfile.of(
      url: "https://voltaic.example/blog/2026/cycles", host: "voltaic.example", pageType: "blog-post", hasAuthor: true,
      hasDate: false, registry: index)
    #expect(blog.siteOwner == "Voltaic Systems")
    #expect(blog.siteKind == "company")
    #expect(
      blog.labels == [
        .init(label: "corporate-blog", scope: nil, source: "user", date: "2026-01", rule: "Sources.yml:40")
      ])
    #expect(blog.signals == ["no date"])
    #expect(!blog.noRegistryData)
    let personal = CredibilityProfile.of(
      url: "https://castellanos.example/notes/x", host: "castellanos.example", pageType: nil, hasAuthor: true,
      hasDate: true, registry: index)
    #expect(personal.siteOwner == "Mira Castellanos")
    #expect(personal.siteKind == "personal site")
    let unknown = CredibilityProfile.of(
      url: "https://news.example/a", host: "news.example", pageType: "news", hasAuthor: false, hasDate: true,
      registry: index)
    #expect(unknown.noRegistryData)
    #expect(unknown.signals == ["no author"])
  }
}
