@testable import VerbatimKit

/// References shared by the bibliography writer tests: the three entries of the design fixture
/// (`Fixtures/bib-sample/`, built from its `refs.json`) and a few that hit each writer's escaping and
/// name rules.
enum BibliographySamples {
  // MARK: The design fixture (design/bib-sample/refs.json)

  /// A blog essay: quotes, `{5%}`, `&`, `snake_case` and CamelCase in the title; a blog name with `’`;
  /// a URL with `~ _ & %20 #`.
  static let lefevre = Reference(
    key: "lefevre2025reading", kind: .blogPost,
    title: "Reading the \"DeepSeek-V3\" Report: MoE Routing, snake_case Configs & the {5%} Rule",
    authors: [.person(PersonName(family: "Lefèvre", given: "Chloé"))],
    issued: ReferenceDate(year: 2025, month: 1, day: 3), accessed: ReferenceDate(year: 2025, month: 2, day: 10),
    container: "Chloé’s Notebook",
    url: "https://chloe.example.org/~chloe/posts/deepseek_v3-report?utm_source=rss&ref=a%20b#moe", language: "en")

  /// A news article by two people, one with the particle "de"; a section.
  static let devries = Reference(
    key: "devries2024att", kind: .newspaperArticle, title: "AT&T Cuts Prices 15% as T-Mobile and Verizon Regroup",
    authors: [
      .person(PersonName(family: "Vries", given: "Pieter", particle: "de")),
      .person(PersonName(family: "O'Connor", given: "Siobhán")),
    ],
    issued: ReferenceDate(year: 2024, month: 11, day: 5), accessed: ReferenceDate(year: 2025, month: 2, day: 11),
    container: "The Example Times",
    url: "https://www.example-times.com/2024/11/05/business/att-price-cuts.html", language: "en", section: "Business")

  /// An organisation's report: month-only date, DOI, number, genre, series, publisher and place.
  static let oecd = Reference(
    key: "oecd2024generative", kind: .report,
    title: "Generative AI & the Labour Market: Evidence from Évora, Lisbon and São Paulo",
    authors: [.organisation("Organisation for Economic Co-operation and Development")],
    issued: ReferenceDate(year: 2024, month: 6), accessed: ReferenceDate(year: 2025, month: 2, day: 12),
    publisher: "OECD Publishing", place: "Paris",
    url: "https://www.oecd.example.org/publications/generative-ai-labour_2024.htm",
    doi: "10.5555/oecd_ai-labour.2024", language: "en", number: "312", genre: "Working paper",
    series: "OECD Social, Employment and Migration Working Papers")

  /// The fixture's entries, in its order.
  static let all = [lefevre, devries, oecd]

  // MARK: Tricky references

  /// Every character some format treats as markup (`$…$` is math in Hayagriva, `%` a comment in TeX),
  /// a YAML `: ` and ` #`, a line break and a tab; a web page whose site name has `&` and an apostrophe.
  static let specials = Reference(
    key: "deals2025save", kind: .webpage,
    title: "Save $5 … $10 on 100% of it: A&B's #1 pick,\n snake_case {braces}\tand back\\slash",
    authors: [.person(PersonName(family: "Deal", given: "Dana"))],
    issued: ReferenceDate(year: 2025, month: 3, day: 7), accessed: ReferenceDate(year: 2025, month: 3, day: 8),
    container: "Deals & Co.'s Weekly", url: "https://deals.example.com/save?x=1&y=%7B2%7D#top", language: "en-GB")

  /// A person with a suffix ("Martin Luther King Jr."), a year-only date, a magazine.
  static let king = Reference(
    key: "king1963letter", kind: .magazineArticle, title: "Letter from a Birmingham Jail",
    authors: [.person(PersonName(family: "King", given: "Martin Luther", suffix: "Jr."))],
    issued: ReferenceDate(year: 1963), accessed: ReferenceDate(year: 2025, month: 1, day: 20),
    container: "The Atlantic Monthly", url: "https://magazine.example.com/1963/08/letter/", language: "en")

  /// No authors and no publication date; straight quotes in the title; the language `no` (a YAML 1.1
  /// boolean when unquoted).
  static let anonymous = Reference(
    key: "nd2025notes", kind: .webpage, title: "Notes on \"quoted\" words (and \"more\")",
    accessed: ReferenceDate(year: 2025, month: 4, day: 1), url: "https://notes.example.org/q", language: "no")

  /// A CamelCase product name starting the title, an organisation as author, a journal whose name
  /// starts with a lowercase letter ("arXiv"), a DOI.
  static let deepseek = Reference(
    key: "deepseekai2024deepseekv3", kind: .journalArticle, title: "DeepSeek-V3 Technical Report",
    authors: [.organisation("DeepSeek-AI")], issued: ReferenceDate(year: 2024, month: 12, day: 27),
    accessed: ReferenceDate(year: 2025, month: 1, day: 5), container: "arXiv",
    url: "https://arxiv.example.org/abs/2412.19437", doi: "10.48550/arXiv.2412.19437", language: "en")

  /// An organisation with a comma in its name ("Acme, Inc."), as author and publisher; a report without
  /// a series; a number that is not a plain integer.
  static let acme = Reference(
    key: "acme2023annual", kind: .report, title: "Annual Report 2023",
    authors: [.organisation("Acme, Inc.")], issued: ReferenceDate(year: 2023, month: 4),
    accessed: ReferenceDate(year: 2024, month: 5, day: 6), publisher: "Acme, Inc.", place: "Springfield, IL",
    url: "https://acme.example.com/ar-2023.pdf", language: "en", number: "AR-2023/1", genre: "Annual report")

  /// Non-ASCII everywhere: ß, ø, CJK in the title and names, a CJK family name without a given name.
  static let unicode = Reference(
    key: "ostergaard2024strasse", kind: .newspaperArticle,
    title: "Straße nach Øresund: 深度求索 und die Zukunft der KI",
    authors: [
      .person(PersonName(family: "Østergaard", given: "Søren")),
      .person(PersonName(family: "李", given: "明")),
      .person(PersonName(family: "Strauß")),
    ],
    issued: ReferenceDate(year: 2024, month: 2, day: 29), accessed: ReferenceDate(year: 2024, month: 3, day: 1),
    container: "Süddeutsche Zeitung", url: "https://sz.example.de/wirtschaft/strasse-1.234", language: "de",
    section: "Wirtschaft")

  /// The tricky references.
  static let tricky = [specials, king, anonymous, deepseek, acme, unicode]
}
