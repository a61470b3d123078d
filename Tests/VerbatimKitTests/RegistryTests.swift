import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// `RegistryLoader`: the example loads and matches its schema; every kind of problem is reported at its exact
/// line and column; hostile files are refused before parsing.
@Suite("Registry")
struct RegistryTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Each problem as `LINE:COLUMN: MESSAGE`, in file order; empty when the text loads.
  static func problems(_ yaml: String) -> [String] { problems(RegistryLoader.load(text: yaml, file: "Sources.yml")) }

  static func problems(_ result: Result<Registry, RegistryErrors>) -> [String] {
    switch result {
    case .success: return []
    case .failure(let errors): return errors.problems.map { "\($0.line):\($0.column): \($0.message)" }
    }
  }

  static func registry(_ yaml: String) throws -> Registry {
    try RegistryLoader.load(text: yaml, file: "Sources.yml").get()
  }

  @Test("the example vault's Sources.yml loads: 11 people, 8 organisations, 20 ties, 4 source rules")
  func exampleLoads() throws {
    let path = Self.root.appendingPathComponent("Examples/vault/Sources.yml").path
    let registry = try RegistryLoader.load(path: path).get()
    #expect(registry.file == path)
    #expect(registry.people.count == 11)
    #expect(registry.organizations.count == 8)
    #expect(registry.people.flatMap(\.affiliations).count == 12)
    #expect(registry.organizations.flatMap(\.relations).count == 8)
    #expect(registry.sourceRules.count == 4)
    let mira = try #require(registry.person("p-mira-castellanos"))
    #expect(mira.names == ["Mira Castellanos", "M. Castellanos"])
    #expect(mira.location == RegistryLocation(line: 7, column: 3))
    #expect(mira.sites == ["castellanos.example"])
    let ceo = try #require(mira.affiliations.first)
    #expect(ceo.kind == .employment && ceo.organization == "o-halvard-energy" && ceo.from == "2019-06-01")
    #expect(ceo.role == "chief executive officer" && ceo.to == nil)
    #expect(ceo.location == RegistryLocation(line: 10, column: 9))
    let gridlab = try #require(registry.organization("o-gridlab"))
    #expect(gridlab.kind == "research institute" && gridlab.domains == ["gridlab.example"])
    #expect(gridlab.relations.map(\.kind) == [.fundedBy])
    let rule = try #require(registry.sourceRules.first)
    #expect(rule.urlContains == "castellanos.example" && rule.labels == ["self-published-by-interested-party"])
    #expect(rule.source == "user" && rule.location == RegistryLocation(line: 102, column: 5))
  }

  @Test("the example matches docs/registry.schema.json, and the schema catches what it should")
  func exampleMatchesSchema() throws {
    let schema = try JSONSerialization.jsonObject(
      with: Data(contentsOf: Self.root.appendingPathComponent("docs/registry.schema.json")))
    let validator = try JSONSchemaValidator(schema: schema)
    let text = try String(contentsOf: Self.root.appendingPathComponent("Examples/vault/Sources.yml"), encoding: .utf8)
    let value = try RegistryLoader.plainValues(text: text, file: "Sources.yml").get()
    #expect(validator.validate(value) == [])
    let broken = try RegistryLoader.plainValues(
      text: """
        people:
          p-a: { names: [A], affiliations: [{ org: o-b, kind: employee }], extra: 1 }
        """, file: "Sources.yml"
    ).get()
    #expect(
      validator.validate(broken) == [
        "$.people[\"p-a\"].affiliations[0].kind: \"employee\" is not one of [\"employment\", \"founder\", \"board\", "
          + "\"investor\", \"owner\", \"competitor\", \"funded-by\", \"funder\", \"customer\", \"supplier\", "
          + "\"partner\", \"parent\", \"subsidiary\"]",
        "$.people[\"p-a\"].extra: property is not allowed (additionalProperties is false)",
      ])
  }

  @Test("the schema validator checks id-keyed maps through an additionalProperties $ref")
  func validatorAdditionalPropertiesReference() throws {
    let schema = try JSONSerialization.jsonObject(
      with: Data(
        ##"""
        {"type": "object", "properties": {"n": {"type": "integer"}},
         "additionalProperties": {"$ref": "#/$defs/entry"},
         "$defs": {"entry": {"type": "object", "required": ["names"], "additionalProperties": false,
                             "properties": {"names": {"type": "array"}}}}}
        """##.utf8))
    let validator = try JSONSchemaValidator(schema: schema)
    #expect(validator.validate(["n": 1, "p-a": ["names": ["A"]]] as [String: Any]) == [])
    #expect(
      validator.validate(["p-a": ["name": "A"], "p-b": "B"] as [String: Any]) == [
        "$[\"p-a\"].names: required property is missing",
        "$[\"p-a\"].name: property is not allowed (additionalProperties is false)",
        "$[\"p-b\"]: expected object, found string \"B\"",
      ])
    // Only a lone $ref, to a definition that exists.
    for bad in [
      ##"{"additionalProperties": {"type": "string"}}"##, ##"{"additionalProperties": {"$ref": "#/$defs/none"}}"##,
    ] {
      #expect(throws: JSONSchemaValidator.SchemaError.self) {
        try JSONSchemaValidator(schema: try JSONSerialization.jsonObject(with: Data(bad.utf8)))
      }
    }
  }

  @Test("an empty file, a comment-only file and empty sections are an empty registry")
  func emptyRegistries() throws {
    for text in ["", "# nothing yet\n", "people:\norganisations:\nsourceRules:\n"] {
      let registry = try Self.registry(text)
      #expect(registry.people.isEmpty && registry.organizations.isEmpty && registry.sourceRules.isEmpty)
    }
    let british = try Self.registry("organisations:\n  o-a: { names: [A] }\n")
    #expect(british.organizations.map(\.id) == ["o-a"])
  }

  @Test("YAML syntax errors carry the parser's line and column")
  func syntaxErrors() {
    #expect(
      Self.problems("people:\n  p-a:\n    names: [\"A\"\n  p-b: {}\n") == [
        "4:3: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 3:12)"
      ])
    #expect(
      Self.problems("people:\n  p-a:\n    names: [A]\n  oops\n") == [
        "5:1: invalid YAML: could not find expected ':' (while scanning a simple key at 4:3)"
      ])
    #expect(
      Self.problems("people:\n  p-a: { names: [A] }\n  p-a: { names: [B] }\n") == [
        "2:3: duplicate key 'p-a': a key may appear only once in a mapping"
      ])
  }

  @Test("unknown keys at every level, with a did-you-mean within two edits")
  func unknownKeys() {
    let yaml = """
      peple: {}
      colour: blue
      people:
        p-a:
          names: [A]
          afiliations:
            - { org: o-b, kind: employment }
      organizations:
        o-b:
          names: [B]
          domian: [b.example]
          relations: [{ org: o-b, kind: partner, rol: x }]
      sourceRules:
        - { match: { uri: b.example }, lables: [opinion] }
      """
    #expect(
      Self.problems(yaml) == [
        "1:1: unknown key 'peple' at the top level (did you mean 'people'?)",
        "2:1: unknown key 'colour' at the top level; expected 'people', 'organizations', 'organisations', "
          + "'sourceRules' or 'citations'",
        "6:5: unknown key 'afiliations' in person 'p-a' (did you mean 'affiliations'?)",
        "11:5: unknown key 'domian' in organisation 'o-b' (did you mean 'domains'?)",
        "12:44: unknown key 'rol' in a tie (did you mean 'role'?)",
        "14:5: a source rule must list at least one label in 'labels'",
        "14:14: 'match' has no 'url' (the text a page's URL must contain)",
        "14:16: unknown key 'uri' in 'match' (did you mean 'url'?)",
        "14:34: unknown key 'lables' in a source rule (did you mean 'labels'?)",
      ])
  }

  @Test("wrong types: a string where a list is expected, a list where a string is, a list where a map is")
  func wrongTypes() {
    let yaml = """
      people:
        p-a:
          names: "Jane Doe"
          ids: [Q1]
          affiliations: { org: o-b, kind: employment }
          sites: janedoe.example
        p-b:
          names: [B, [nested]]
          ids: { wikidata: Q2, orcid: null, isni: [1] }
          affiliations: [{ org: [o-b], kind: [board] }]
      organizations:
        o-b: [B]
      sourceRules: { match: { url: x } }
      """
    #expect(
      Self.problems(yaml) == [
        "3:12: 'names' of person 'p-a' must be a list of strings, not the single value 'Jane Doe'",
        "4:10: 'ids' of person 'p-a' must be a mapping, not a list",
        "5:19: 'affiliations' of person 'p-a' must be a list of ties, not a mapping",
        "6:12: 'sites' of person 'p-a' must be a list of strings, not the single value 'janedoe.example'",
        "8:16: a name in 'names' of person 'p-b' must be a string, not a list",
        "9:45: 'ids.isni' of person 'p-b' must be a string, not a list",
        "10:27: 'org' must be a string, not a list",
        "10:40: 'kind' must be a string, not a list",
        "12:8: organisation 'o-b' must be a mapping with 'names', not a list",
        "13:14: 'sourceRules' must be a list of rules, not a mapping",
      ])
  }

  @Test("missing names, an empty list of names, empty names")
  func names() {
    let yaml = """
      people:
        p-a:
          sites: [a.example]
        p-b:
          names: []
        p-c:
          names: ["", "  ", C]
        p-d:
          names:
      """
    #expect(
      Self.problems(yaml) == [
        "2:3: person 'p-a' has no 'names' (at least one name is required)",
        "5:12: 'names' of person 'p-b' must list at least one name",
        "7:13: a name in 'names' of person 'p-c' must not be empty",
        "7:17: a name in 'names' of person 'p-c' must not be empty",
        "8:3: person 'p-d' has no 'names' (at least one name is required)",
      ])
  }

  @Test("unknown tie kinds list the allowed ones; dangling and mistyped references")
  func tieKindsAndReferences() {
    let yaml = """
      people:
        p-a:
          names: [A]
          affiliations:
            - { org: o-b, kind: employee }
            - { org: o-b, kind: fundedby }
            - { org: o-missing, kind: board }
            - { org: p-a, kind: founder }
            - { kind: owner }
            - { org: o-b }
      organizations:
        o-b: { names: [B], relations: [{ kind: competitor, org: o-gone }] }
      """
    let kinds =
      "employment, founder, board, investor, owner, competitor, funded-by, funder, customer, supplier, partner, "
      + "parent, subsidiary"
    #expect(
      Self.problems(yaml) == [
        "5:27: unknown tie kind 'employee'; expected one of: \(kinds)",
        "6:27: unknown tie kind 'fundedby' (did you mean 'funded-by'?); expected one of: \(kinds)",
        "7:16: unknown organisation 'o-missing': no such id under 'organizations'",
        "8:16: 'p-a' is a person: 'org' must be the id of an organisation",
        "9:9: a tie has no 'org' (the id of the organisation it points to)",
        "10:9: a tie has no 'kind' (employment, founder, competitor, …)",
        "12:59: unknown organisation 'o-gone': no such id under 'organizations'",
      ])
  }

  @Test("dates: YYYY, YYYY-MM or YYYY-MM-DD that exist, and 'to' not before 'from'")
  func dates() throws {
    let yaml = """
      people:
        p-a:
          names: [A]
          affiliations:
            - { org: o-b, kind: board, from: 2021-13-01 }
            - { org: o-b, kind: board, from: 2023-02-29 }
            - { org: o-b, kind: board, from: "21-03" }
            - { org: o-b, kind: board, to: 2021-03-01T10:00:00Z }
            - { org: o-b, kind: board, from: 2024, to: 2023-05 }
      organizations:
        o-b: { names: [B] }
      """
    #expect(
      Self.problems(yaml) == [
        "5:40: invalid date '2021-13-01' in 'from': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "6:40: invalid date '2023-02-29' in 'from': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "7:40: invalid date '21-03' in 'from': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "8:38: invalid date '2021-03-01T10:00:00Z' in 'to': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "9:50: 'to' 2023-05 is before 'from' 2024",
      ])
    let fine = try Self.registry(
      """
      people:
        p-a:
          names: [A]
          affiliations:
            - { org: o-b, kind: board, from: 2024-02-29, to: '2025' }
            - { org: o-b, kind: owner, to: 2020-06 }
      organizations: { o-b: { names: [B] } }
      """)
    #expect(fine.people[0].affiliations.map(\.from) == ["2024-02-29", nil])
    #expect(fine.people[0].affiliations.map(\.to) == ["2025", "2020-06"])
  }

  @Test("Tie.holds(on:) with open and closed ranges, at the precision both dates have")
  func tieHolds() {
    let at = RegistryLocation(line: 1, column: 1)
    let open = Tie(kind: .employment, organization: "o", location: at)
    #expect(open.holds(on: "1990-01-01") && open.holds(on: nil))
    let since = Tie(kind: .employment, organization: "o", from: "2021-03", location: at)
    #expect(!since.holds(on: "2021-02-28"))
    #expect(since.holds(on: "2021-03-01") && since.holds(on: "2021") && since.holds(on: "2030-01-01"))
    let closed = Tie(kind: .board, organization: "o", from: "2019", to: "2023-05", location: at)
    #expect(!closed.holds(on: "2018-12-31"))
    #expect(closed.holds(on: "2019-01-01") && closed.holds(on: "2023-05-31") && closed.holds(on: nil))
    #expect(!closed.holds(on: "2023-06-01") && !closed.holds(on: "2024"))
  }

  @Test("duplicate ids across people and organisations, and one name on two people: both places reported")
  func duplicates() {
    let yaml = """
      people:
        p-jane:
          names: ["Jane Doe", "J. Doe"]
        p-other:
          names: ["  jané   DOE ", "Other"]
        p-self:
          names: [Self, "self"]
      organisations:
        p-jane: { names: [Acme] }
        o-both: { names: [Acme, B] }
      organizations:
        o-x: { names: [X] }
      """
    #expect(
      Self.problems(yaml) == [
        "2:3: duplicate id 'p-jane': also the id of the organisation at 9:3",
        "3:13: duplicate name 'Jane Doe': also a name of person 'p-other' at 5:13",
        "5:13: duplicate name '  jané   DOE ': also a name of person 'p-jane' at 3:13",
        "9:3: duplicate id 'p-jane': also the id of the person at 2:3",
        "9:21: duplicate name 'Acme': also a name of organisation 'o-both' at 10:21",
        "10:21: duplicate name 'Acme': also a name of organisation 'p-jane' at 9:21",
        "11:1: 'organizations' and 'organisations' are the same section: use only one",
      ])
    #expect(RegistryReader.nameKey("  José \t DÍAZ\n") == "jose diaz")
  }

  @Test("every problem is reported, in file order, not only the first")
  func severalProblems() {
    let yaml = """
      people:
        p-a:
          names: [A]
          affiliations:
            - { org: o-missing, kind: employee, from: 2021-00 }
        p-b: { nmes: [B] }
      sourceRules:
        - { match: { url: "" }, labels: [""] }
      """
    #expect(
      Self.problems(yaml) == [
        "5:16: unknown organisation 'o-missing': no such id under 'organizations'",
        "5:33: unknown tie kind 'employee'; expected one of: employment, founder, board, investor, owner, "
          + "competitor, funded-by, funder, customer, supplier, partner, parent, subsidiary",
        "5:49: invalid date '2021-00' in 'from': expected YYYY, YYYY-MM or YYYY-MM-DD",
        "6:3: person 'p-b' has no 'names' (at least one name is required)",
        "6:10: unknown key 'nmes' in person 'p-b' (did you mean 'names'?)",
        "8:21: 'url' must not be empty",
        "8:36: a label in 'labels' must not be empty",
      ])
  }

  @Test("anchors and aliases are refused before parsing: the billion-laughs bomb is never expanded")
  func anchorsAndAliases() throws {
    var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for (name, previous) in zip("bcdefghi", "abcdefgh") {
      bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    bomb += "people: { *i : x }\n"  // an alias as a key: the composer would hash 9^9 nodes
    let start = ContinuousClock.now
    let message = "anchors and aliases are not supported in Sources.yml (write each value out)"
    #expect(Self.problems(bomb) == ["1:4: \(message)"])
    #expect(ContinuousClock.now - start < .seconds(1))
    #expect(Self.problems("people:\n  p-a: &x { names: [A] }\n") == ["2:8: \(message)"])
    #expect(Self.problems("people:\n  p-a:\n    names:\n      - *x\n") == ["4:9: \(message)"])
    #expect(Self.problems("people: {p-a: {names: [A, &n B]}}\n") == ["1:27: \(message)"])
    // `&` and `*` inside text are text: quoted, plain, in comments and block scalars.
    let text = """
      people:  # &comment *too
        p-a:
          names: ["R&D *x", 'it''s &a', Tom & Jerry, A*B, AT&T]
          sites: [a&b.example]
          affiliations:
            - org: o-b
              kind: employment
              source: |
                &not an anchor
                *not an alias
      organizations:
        o-b: { names: [B] }
      """
    let registry = try Self.registry(text)
    #expect(registry.people[0].names == ["R&D *x", "it's &a", "Tom & Jerry", "A*B", "AT&T"])
    #expect(registry.people[0].affiliations.first?.source == "&not an anchor\n*not an alias\n")
  }

  @Test("nesting deeper than 32 levels and files over 32 MB are refused, quickly")
  func limits() throws {
    let message = "nesting deeper than 32 levels is not supported in Sources.yml"
    func nested(_ depth: Int) -> String {
      "sourceRules: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    }
    // The root mapping is level 1: the 32nd bracket opens level 33, at column 14 + 31.
    #expect(Self.problems(nested(32)) == ["1:45: \(message)"])
    #expect(!Self.problems(nested(31)).contains { $0.contains("nesting") })
    let start = ContinuousClock.now
    #expect(Self.problems(nested(100_000)).first?.hasSuffix(message) == true)
    var block = ""
    for level in 0..<200 { block += String(repeating: " ", count: level) + "k:\n" }
    #expect(Self.problems(block).first?.hasSuffix(message) == true)
    let big = String(repeating: "# padding\n", count: RegistryLoader.maximumBytes / 10 + 1)
    #expect(
      Self.problems(big) == [
        "1:1: the file is \(big.utf8.count) bytes; Sources.yml files larger than 32 MB are refused"
      ])
    #expect(ContinuousClock.now - start < .seconds(5))
  }

  @Test("load(path:) reports unreadable files and invalid UTF-8 with a position")
  func files() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("Sources.yml")
    try Data("people:\n  p-a: { names: [\"Ren".utf8 + [0xC3, 0x28] + "\"] }\n".utf8).write(to: file)
    #expect(Self.problems(RegistryLoader.load(path: file.path)) == ["2:22: not valid UTF-8 text"])
    let missing = RegistryLoader.load(path: folder.appendingPathComponent("none.yml").path)
    #expect(Self.problems(missing) == ["1:1: cannot read the file: No such file or directory"])
  }
}
