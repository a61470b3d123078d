import Foundation
import Testing
import Yams

@testable import VerbatimKit

/// The Hayagriva writer reproduces the design fixture, writes YAML that parses back to the input, and
/// protects and escapes formattable strings the way typst renders them as published.
@Suite("Hayagriva writer")
struct HayagrivaWriterTests {
  /// `text` without its leading `#` comment lines.
  static func body(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("#") }
      .joined(separator: "\n")
  }

  /// A formattable string as typst prints it: `\x` is a literal `x`, unescaped braces only protect case.
  static func unformatted(_ text: String) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if escaping {
        result.append(character)
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else if character != "{" && character != "}" {
        result.append(character)
      }
    }
    return result
  }

  /// Scalars a YAML 1.1 reader (Yams) would not read as strings, except dates.
  static func nonStringScalars(_ node: Node, key: String = "") -> [String] {
    switch node {
    case .scalar(let scalar): return key == "date" || node.tag.rawValue == Tag.Name.str.rawValue ? [] : [scalar.string]
    case .mapping(let mapping):
      return mapping.flatMap { nonStringScalars($0.value, key: $0.key.string ?? "") }
    case .sequence(let sequence): return sequence.flatMap { nonStringScalars($0) }
    case .alias: return ["alias"]
    }
  }

  static func clean(_ text: String?) -> String? {
    let words = (text ?? "").split(whereSeparator: \.isWhitespace)
    return words.isEmpty ? nil : words.joined(separator: " ")
  }

  @Test("renders the design fixture (one line differs on purpose, see below)")
  func matchesFixture() throws {
    let url = try #require(
      Bundle.module.url(forResource: "refs", withExtension: "yml", subdirectory: "Fixtures/bib-sample"))
    // The fixture starts the devries title with a `{…}` group; Hayagriva's case conversion then eats the
    // space after it ("AT&TCuts" in Chicago and MLA), so the writer keeps the first letter outside.
    let fixture = try String(contentsOf: url, encoding: .utf8)
      .replacingOccurrences(of: "title: '{AT&T} {Cuts}", with: "title: 'A{T&T} {Cuts}")
    let output = HayagrivaWriter.render(BibliographySamples.all)
    #expect(Self.body(output) == Self.body(fixture))
    if Self.body(output) != Self.body(fixture) { print(output) }
  }

  @Test("one comment line, entries separated by one blank line, one newline at the end")
  func layout() {
    let output = HayagrivaWriter.render(BibliographySamples.all + BibliographySamples.tricky)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].hasPrefix("# ") && !lines[1].hasPrefix("#"))
    #expect(output.hasSuffix("\n") && !output.hasSuffix("\n\n"))
    #expect(lines.filter(\.isEmpty).count == 9)  // eight separators and the end
    #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.contains("\t") })
    #expect(HayagrivaWriter.render([]) == "# Hayagriva YAML for typst, written by Verbatim.\n")
  }

  @Test("every field reads back through a YAML parser", arguments: BibliographySamples.all + BibliographySamples.tricky)
  func roundTrip(reference: Reference) throws {
    let root = try #require(try Yams.compose(yaml: HayagrivaWriter.render([reference])))
    #expect(root.mapping?.count == 1)
    let entry = try #require(root[reference.key])
    #expect(Self.nonStringScalars(entry).isEmpty, "read as a number, boolean, null or date")
    let kind = reference.kind
    #expect(entry["type"]?.string == (kind == .webpage ? "web" : kind == .report ? "report" : "article"))
    let title = entry["title"]?.string.map(Self.unformatted)
    #expect(title == Self.clean(TitleWords.curlDoubleQuotes(reference.title)))
    let authors = entry["author"].map { $0.sequence.map(Array.init) ?? [$0] } ?? []
    #expect(authors.count == reference.authors.count)
    for (node, name) in zip(authors, reference.authors) {
      switch name {
      case .organisation(let organisation):
        #expect(node["name"]?.string == organisation && node.mapping?.count == 1)
      case .person(let person):
        let family = [person.particle, person.family].compactMap { $0 }.joined(separator: " ")
        if let text = node.string {
          #expect(text == "\(family), \(person.given ?? "")")
          #expect(person.particle == nil && person.suffix == nil)
        } else {
          #expect(node["name"]?.string == family)
          #expect(node["given-name"]?.string == person.given)
          #expect(node["suffix"]?.string == person.suffix)
        }
      }
    }
    #expect(entry["date"]?.string == reference.issued?.iso)
    #expect(entry["url"]?["value"]?.string == reference.url)
    #expect(entry["url"]?["date"]?.string == reference.accessed?.iso)
    #expect(entry["language"]?.string == reference.language)
    #expect(entry["serial-number"]?["doi"]?.string == reference.doi)
    #expect(entry["serial-number"]?["serial"]?.string == reference.number)
    #expect(entry["genre"]?.string.map(Self.unformatted) == reference.genre)
    #expect(entry["publisher"]?["name"]?.string.map(Self.unformatted) == reference.publisher)
    let place = entry["publisher"]?["location"] ?? entry["location"]
    #expect(place?.string.map(Self.unformatted) == reference.place)
    let parentTitle = kind == .report ? reference.series ?? reference.container : reference.container
    #expect(entry["parent"]?["title"]?.string.map(Self.unformatted) == parentTitle)
    let parentTypes: [Reference.Kind: String] = [
      .webpage: "web", .blogPost: "blog", .newspaperArticle: "newspaper", .magazineArticle: "periodical",
      .journalArticle: "periodical", .report: "anthology",
    ]
    #expect(entry["parent"]?["type"]?.string == (parentTitle == nil ? nil : parentTypes[kind]))
  }

  @Test("tricky entries as written")
  func trickyEntries() {
    let output = HayagrivaWriter.render(BibliographySamples.tricky)
    let expected = [
      #"  title: 'Save \$5 … \$10 on 100% of it: {A&B''s} #1 pick, snake_case \{braces\} and back\\slash'"#,
      #"    title: Deals & Co.'s Weekly"#,
      "  language: en-GB",
      "  author:\n    name: King\n    given-name: Martin Luther\n    suffix: Jr.\n  date: 1963\n",
      "  title: Notes on “quoted” words (and “more”)\n",
      "  language: 'no'\n",
      "  title: 'D{eepSeek-V3} {Technical} {Report}'\n",
      "  author:\n    name: DeepSeek-AI\n",
      "    type: periodical\n    title: '{arXiv}'\n",
      "    doi: 10.48550/arXiv.2412.19437\n",
      "  author:\n    name: Acme, Inc.\n",
      "  genre: Annual report\n  publisher:\n    name: Acme, Inc.\n    location: Springfield, IL\n",
      "    serial: AR-2023/1\n",
      "  title: 'Straße nach {Øresund}: 深度求索 und die {Zukunft} der {KI}'\n",
      "  author:\n    - Østergaard, Søren\n    - 李, 明\n    - name: Strauß\n  date: 2024-02-29\n",
      "    title: Süddeutsche Zeitung\n",
    ]
    for line in expected {
      #expect(output.contains(line), "\(line)")
    }
    #expect(output.contains("nd2025notes:\n  type: web\n  title: Notes on “quoted” words (and “more”)\n  url:\n"))
    #expect(!output.contains("Wirtschaft"))  // Hayagriva has no section field
  }

  static let scalars: [String] = [
    "plain", "O'Connor, Siobhán", "https://x.example/a?b=c&d=%20#frag", "10.5555/oecd_ai-labour.2024", "it's",
    "", " lead", "trail ", "a: b", "a #b", "ends:", "- dash", "-", "? q", ": c", "#hash", "&anchor", "*alias", "!tag",
    "|", ">", "'single'", "\"double\"", "%percent", "@at", "`tick", ",comma", "[flow]", "{flow}", "a{b}", "a]b",
    "back\\slash", "yes", "No", "on", "OFF", "y", "n", "~", "null", "NULL", "true", "False", "<<", "=", "312", "-1",
    "+1", "0x1F", "0o17", "017", "0b101", "1_000", "1:20", "190:20:30.15", "1.5", ".5", "1e5", "1.0e+3", ".inf",
    "-.inf", ".NaN", "2024-06-01", "2024-06", "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10-05:00", "2024",
    "3D", "x\ny", "tab\there", "cr\rlf", "nel\u{85}x", "ls\u{2028}x", "bom\u{FEFF}", "bell\u{7}", "del\u{7F}",
    "emoji 😀", "深度求索", "a''b", "ends with '", "---", "...", "a,b", "key: 'v'", "“curly”",
  ]

  @Test("YAML scalars read back as the same string", arguments: scalars)
  func yamlScalar(value: String) throws {
    let text = YAMLScalar.text(value)
    #expect(!text.contains("\n") && !text.contains("\r"))
    let node = try Yams.compose(yaml: "k: \(text)\n")?["k"]
    #expect(node?.string == value, "\(text)")
    #expect(node?.tag.rawValue == Tag.Name.str.rawValue, "\(text)")
  }

  @Test("YAML scalars: plain where safe (as in the fixture), single quotes otherwise, double for line breaks")
  func yamlScalarStyle() {
    let plain = [
      "O'Connor, Siobhán", "https://chloe.example.org/~chloe/posts/deepseek_v3-report?utm_source=rss&ref=a%20b#moe",
      "10.5555/oecd_ai-labour.2024", "Working paper", "en-GB", "Chloé’s Notebook", "AR-2023/1", "深度求索",
    ]
    for value in plain { #expect(YAMLScalar.text(value) == value) }
    #expect(YAMLScalar.text("312") == "'312'")
    #expect(YAMLScalar.text("no") == "'no'")
    #expect(YAMLScalar.text("it's: x") == "'it''s: x'")
    #expect(YAMLScalar.text(#"a \ b"#) == #"'a \ b'"#)
    #expect(YAMLScalar.text("a\nb\\") == #""a\nb\\""#)
    #expect(YAMLScalar.text("x\u{7}\u{2028}") == #""x\x07\u2028""#)
  }

  @Test(
    "headline strings: capitals protected, plain first word bare, markup escaped",
    arguments: [
      ("Reading the \"DeepSeek-V3\" Report: MoE Routing", "Reading the “{DeepSeek-V3}” {Report}: {MoE} {Routing}"),
      ("the {5%} Rule", #"the \{5%\} {Rule}"#),
      ("Save $5 … $10", #"Save \$5 … \$10"#),
      (#"a\b {c} $d$"#, #"a\\b \{c\} \$d\$"#),
      ("AT&T Cuts", "A{T&T} {Cuts}"),
      ("DeepSeek-V3", "D{eepSeek-V3}"),
      ("iPhone 16 review: a mixed bag", "{iPhone 16 review: a mixed bag}"),
      ("iPhone $5 {x}", #"{iPhone \$5 \{x\}}"#),
      ("“AI” Now", "“{AI}” {Now}"),
      ("— Reading (Part II)", "— Reading ({Part} {II})"),
      ("Working paper", "Working paper"),
      ("A", "A"),
      ("Évora, Lisbon", "Évora, {Lisbon}"),
      ("straße ØRESUND 深度求索", "straße {ØRESUND} 深度求索"),
      ("  two\n lines\tand  tabs ", "two lines and tabs"),
      ("\"quoted\" and (\"more\") x\"y\"", "“quoted” and (“more”) x”y”"),
    ])
  func headline(input: String, expected: String) {
    #expect(HayagrivaWriter.formattable(input, .headline) == expected)
  }

  @Test(
    "names: only the words typst's title case would change are protected",
    arguments: [
      ("Chloé’s Notebook", "Chloé’s Notebook"),
      ("The Example Times", "The Example Times"),
      ("OECD Social, Employment and Migration Working Papers", "OECD Social, Employment and Migration Working Papers"),
      ("Paper A", "Paper {A}"),
      ("Notes From The Field", "Notes {From} {The} Field"),
      ("The End: a Story", "The End: {a} Story"),
      ("GitHub Blog", "G{itHub} Blog"),
      ("arXiv", "{arXiv}"),
      ("the Guardian", "{the Guardian}"),
      ("Le Monde diplomatique", "Le Monde {diplomatique}"),
      ("3D World", "3{D} World"),
      ("U.S. News & World Report", "U.S. News & World Report"),
      ("Co-operation of-the L’Express", "C{o-operation} of-the {L’Express}"),
      ("McSweeney's $ Quarterly", #"M{cSweeney's} \$ Quarterly"#),
      ("Springfield, IL", "Springfield, IL"),
      ("2nd Edition 1843", "2nd Edition 1843"),
    ])
  func name(input: String, expected: String) {
    #expect(HayagrivaWriter.formattable(input, .name) == expected)
  }

  @Test("persons: string form only when Hayagriva parses it back unchanged")
  func persons() {
    func yaml(_ name: ReferenceName) -> String {
      var lines: [String] = []
      HayagrivaWriter.append("author", HayagrivaWriter.person(name)!, indent: "", to: &lines)
      return lines.joined(separator: "\n")
    }
    #expect(yaml(.person(PersonName(family: "Lefèvre", given: "Chloé"))) == "author: Lefèvre, Chloé")
    #expect(yaml(.person(PersonName(family: "O'Connor", given: "Siobhán"))) == "author: O'Connor, Siobhán")
    #expect(
      yaml(.person(PersonName(family: "Vries", given: "Pieter", particle: "de")))
        == "author:\n  name: de Vries\n  given-name: Pieter")
    #expect(yaml(.person(PersonName(family: "hooks", given: "bell"))) == "author:\n  name: hooks\n  given-name: bell")
    #expect(
      yaml(.person(PersonName(family: "Smith, Jr.", given: "Ann"))) == "author:\n  name: Smith, Jr.\n  given-name: Ann")
    #expect(yaml(.person(PersonName(family: "Plato"))) == "author:\n  name: Plato")
    #expect(yaml(.organisation("Ke$ha {Inc}")) == "author:\n  name: 'Ke$ha {Inc}'")  // names are not formattable
    #expect(HayagrivaWriter.person(.person(PersonName(family: " "))) == nil)
    #expect(HayagrivaWriter.person(.organisation("")) == nil)
  }

  @Test("block layout: mappings and lists two spaces deeper, a list item's mapping on the dash's line")
  func blockLayout() throws {
    var lines: [String] = []
    let value = HayagrivaWriter.YAMLValue.list([
      .scalar("x"), .mapping([("b", .scalar("y")), ("c", .list([.scalar("z")]))]), .list([.scalar("w")]),
    ])
    HayagrivaWriter.append("a", value, indent: "", to: &lines)
    #expect(lines == ["a:", "  - x", "  - b: y", "    c:", "      - z", "  - - w"])
    let parsed = try #require(try Yams.compose(yaml: lines.joined(separator: "\n"))?["a"]?.sequence)
    #expect(parsed.count == 3 && parsed[1]["c"]?.sequence?.first?.string == "z" && parsed[2][0]?.string == "w")
  }

  @Test("entry types and parents for every kind")
  func types() throws {
    let expected: [Reference.Kind: (type: String, parent: String)] = [
      .webpage: ("web", "web"), .blogPost: ("article", "blog"), .newspaperArticle: ("article", "newspaper"),
      .magazineArticle: ("article", "periodical"), .journalArticle: ("article", "periodical"),
      .report: ("report", "anthology"),
    ]
    for kind in Reference.Kind.allCases {
      let reference = Reference(key: "k", kind: kind, title: "T", container: "C", series: "S")
      let entry = try #require(try Yams.compose(yaml: HayagrivaWriter.render([reference]))?["k"])
      #expect(entry["type"]?.string == expected[kind]?.type)
      #expect(entry["parent"]?["type"]?.string == expected[kind]?.parent)
      #expect(entry["parent"]?["title"]?.string == (kind == .report ? "S" : "C"))
    }
    let reportWithoutSeries = Reference(key: "k", kind: .report, title: "T", container: "C")
    #expect(HayagrivaWriter.parent(of: reportWithoutSeries)?.title == "C")
    let bare = Reference(key: "k", kind: .blogPost, title: "T", accessed: ReferenceDate(year: 2025))
    let header = "# Hayagriva YAML for typst, written by Verbatim.\n"
    #expect(HayagrivaWriter.render([bare]) == header + "k:\n  type: article\n  title: T\n")
    let placeOnly = Reference(key: "k", kind: .report, title: "T", place: "Paris")
    #expect(HayagrivaWriter.render([placeOnly]).hasSuffix("  title: T\n  location: Paris\n"))
  }
}
