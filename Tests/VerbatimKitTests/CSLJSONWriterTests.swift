import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// `CSLJSONWriter`: the fixture's refs.json values, validity against the CSL data schema (master `e3ce254`,
/// Fixtures/csl-data.json), JSON escaping and byte stability (design/bibliography.md §2–§4).
@Suite("CSLJSONWriter")
struct CSLJSONWriterTests {
  // MARK: Support

  static func fixtureData(_ name: String, _ ext: String, _ subdirectory: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: subdirectory))
    return try Data(contentsOf: url)
  }

  static func items(_ text: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [[String: Any]])
  }

  static func item(_ reference: Reference) throws -> [String: Any] {
    let all = try items(CSLJSONWriter.render([reference]))
    try #require(all.count == 1)
    return all[0]
  }

  /// A JSON value as canonical bytes (sorted keys), to compare values from `JSONSerialization`.
  static func canonical(_ value: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  /// The CSL data schema in the subset `JSONSchemaValidator` reads. The schema is draft-07 and uses four
  /// things the validator rejects: `definitions` (→ `$defs`, with `$ref`s rewritten), `anyOf` (each use
  /// has a single alternative, so it is replaced by that alternative — the same rule), `minItems`/`maxItems`
  /// (on `date-parts` only: removed here and checked by `dateInvariants`) and the `examples` annotation
  /// (removed). Anything else unsupported still makes the validator throw.
  static func adaptedSchema() throws -> Any {
    let raw = try JSONSerialization.jsonObject(with: try fixtureData("csl-data", "json", "Fixtures"))
    func adapt(_ value: Any) throws -> Any {
      if let array = value as? [Any] { return try array.map(adapt) }
      guard var object = value as? [String: Any] else {
        if let ref = value as? String, ref.hasPrefix("#/definitions/") {
          return "#/$defs/" + ref.dropFirst("#/definitions/".count)
        }
        return value
      }
      if let alternatives = object["anyOf"] as? [Any] {
        try #require(alternatives.count == 1, "anyOf with \(alternatives.count) alternatives cannot be inlined")
        object["anyOf"] = nil
        for (k, v) in try #require(alternatives[0] as? [String: Any]) { object[k] = v }
      }
      object["minItems"] = nil
      object["maxItems"] = nil
      object["examples"] = nil
      if let definitions = object.removeValue(forKey: "definitions") { object["$defs"] = definitions }
      var out: [String: Any] = [:]
      for (k, v) in object { out[k] = try adapt(v) }
      return out
    }
    return try adapt(raw)
  }

  static func validator() throws -> JSONSchemaValidator {
    try JSONSchemaValidator(schema: try adaptedSchema())
  }

  /// The schema rules the adaptation removed, and the design's stricter ones: `date-parts` is 1–2 arrays
  /// of 1–3 integers; names are objects.
  static func dateInvariants(_ item: [String: Any]) -> [String] {
    var errors: [String] = []
    for name in ["issued", "accessed"] {
      guard let date = item[name] else { continue }
      guard let object = date as? [String: Any], let parts = object["date-parts"] as? [[Any]] else {
        errors.append("\(name) is not {date-parts: [[…]]}")
        continue
      }
      if !(1...2).contains(parts.count) { errors.append("\(name): \(parts.count) date-parts arrays") }
      for part in parts {
        if !(1...3).contains(part.count) { errors.append("\(name): \(part.count) parts") }
        let integers = part.allSatisfy { value in
          guard !(value is String), let number = value as? NSNumber else { return false }
          return number.doubleValue == number.doubleValue.rounded()
        }
        if !integers {
          errors.append("\(name): a part is not an integer")
        }
      }
    }
    return errors
  }

  // MARK: The fixture's references

  @Test("every field of the fixture's refs.json is rendered with the same value")
  func fixtureValues() throws {
    let fixture = try #require(
      try JSONSerialization.jsonObject(with: try Self.fixtureData("refs", "json", "Fixtures/bib-sample"))
        as? [[String: Any]])
    let rendered = try Self.items(CSLJSONWriter.render(BibliographySamples.all))
    try #require(rendered.count == fixture.count)
    for (expected, actual) in zip(fixture, rendered) {
      let id = expected["id"] as? String ?? "?"
      // The writer adds citation-key (the id again).
      #expect(Set(actual.keys) == Set(expected.keys).union(["citation-key"]), "\(id)")
      for (key, value) in expected where key != "author" {
        #expect(try Self.canonical(actual[key] ?? NSNull()) == Self.canonical(value), "\(id).\(key)")
      }
      // Authors: persons exactly; an organisation's {literal} gains the same family and an empty given.
      let expectedAuthors = try #require(expected["author"] as? [[String: String]])
      let actualAuthors = try #require(actual["author"] as? [[String: String]], "\(id)")
      #expect(
        actualAuthors
          == expectedAuthors.map { name in
            name["literal"].map { ["literal": $0, "family": $0, "given": ""] } ?? name
          }, "\(id)")
    }
  }

  @Test("ids, citation keys and types")
  func idsAndTypes() throws {
    let items = try Self.items(CSLJSONWriter.render(BibliographySamples.all))
    #expect(items.map { $0["id"] as? String } == ["lefevre2025reading", "devries2024att", "oecd2024generative"])
    #expect(items.map { $0["citation-key"] as? String } == ["lefevre2025reading", "devries2024att", "oecd2024generative"])
    #expect(items.map { $0["type"] as? String } == ["post-weblog", "article-newspaper", "report"])
  }

  @Test("the title exactly as published, straight quotes and specials unescaped")
  func titleAsPublished() throws {
    let item = try Self.item(BibliographySamples.lefevre)
    #expect(
      item["title"] as? String
        == "Reading the \"DeepSeek-V3\" Report: MoE Routing, snake_case Configs & the {5%} Rule")
    let text = CSLJSONWriter.render([BibliographySamples.lefevre])
    #expect(text.contains(#""title": "Reading the \"DeepSeek-V3\" Report: MoE Routing, snake_case Configs & the {5%} Rule""#))
  }

  @Test("names: family, given, non-dropping-particle; no other keys")
  func personNames() throws {
    let authors = try #require(try Self.item(BibliographySamples.devries)["author"] as? [[String: String]])
    #expect(authors == [["family": "Vries", "given": "Pieter", "non-dropping-particle": "de"], ["family": "O'Connor", "given": "Siobhán"]])
    let lefevre = try #require(try Self.item(BibliographySamples.lefevre)["author"] as? [[String: String]])
    #expect(lefevre == [["family": "Lefèvre", "given": "Chloé"]])
  }

  @Test("an organisation is {literal, family, given: \"\"}")
  func organisationName() throws {
    let authors = try #require(try Self.item(BibliographySamples.oecd)["author"] as? [[String: String]])
    let name = "Organisation for Economic Co-operation and Development"
    #expect(authors == [["literal": name, "family": name, "given": ""]])
  }

  @Test("a suffix and a family-only name")
  func suffixAndFamilyOnly() throws {
    let king = try #require(try Self.item(BibliographySamples.king)["author"] as? [[String: String]])
    #expect(king == [["family": "King", "given": "Martin Luther", "suffix": "Jr."]])
    let unicode = try #require(try Self.item(BibliographySamples.unicode)["author"] as? [[String: String]])
    #expect(unicode[2] == ["family": "Strauß"])
  }

  @Test("no authors: no author key")
  func noAuthors() throws {
    #expect(try Self.item(BibliographySamples.anonymous)["author"] == nil)
  }

  @Test("dates as integer date-parts, as precise as known")
  func dates() throws {
    let text = CSLJSONWriter.render([BibliographySamples.oecd])
    #expect(text.contains("\"issued\": {\n      \"date-parts\": [\n        [\n          2024,\n          6\n        ]\n      ]\n    }"))
    let lefevre = try Self.item(BibliographySamples.lefevre)
    #expect(try Self.canonical(lefevre["issued"]!) == #"{"v":{"date-parts":[[2025,1,3]]}}"#)
    #expect(try Self.canonical(lefevre["accessed"]!) == #"{"v":{"date-parts":[[2025,2,10]]}}"#)
    #expect(try Self.canonical(try Self.item(BibliographySamples.king)["issued"]!) == #"{"v":{"date-parts":[[1963]]}}"#)
    #expect(try Self.item(BibliographySamples.anonymous)["issued"] == nil)
  }

  @Test("URL and DOI keys are upper-case; language, publisher, place, series, number, genre")
  func reportFields() throws {
    let item = try Self.item(BibliographySamples.oecd)
    #expect(item["DOI"] as? String == "10.5555/oecd_ai-labour.2024")
    #expect(item["URL"] as? String == "https://www.oecd.example.org/publications/generative-ai-labour_2024.htm")
    #expect(item["url"] == nil)
    #expect(item["doi"] == nil)
    #expect(item["language"] as? String == "en")
    #expect(item["publisher"] as? String == "OECD Publishing")
    #expect(item["publisher-place"] as? String == "Paris")
    #expect(item["collection-title"] as? String == "OECD Social, Employment and Migration Working Papers")
    #expect(item["number"] as? String == "312")
    #expect(item["genre"] as? String == "Working paper")
    #expect(item["container-title"] == nil)
  }

  @Test("container-title and section of the news article")
  func newsFields() throws {
    let item = try Self.item(BibliographySamples.devries)
    #expect(item["container-title"] as? String == "The Example Times")
    #expect(item["section"] as? String == "Business")
    #expect(item["URL"] as? String == "https://www.example-times.com/2024/11/05/business/att-price-cuts.html")
    #expect(item["language"] as? String == "en")
  }

  // MARK: Schema

  @Test("the output is valid against the CSL data schema", arguments: [BibliographySamples.all, BibliographySamples.tricky])
  func schemaValid(references: [Reference]) throws {
    var withProvenance = references
    withProvenance[0].provenance = ["title": "page: h1", "url": "the cited URL"]
    let value = try JSONSerialization.jsonObject(with: Data(CSLJSONWriter.render(withProvenance).utf8))
    #expect(try Self.validator().validate(value) == [])
    for item in try #require(value as? [[String: Any]]) {
      #expect(Self.dateInvariants(item) == [], "\(item["id"] ?? "?")")
    }
  }

  @Test("every kind maps to a CSL type the schema knows", arguments: Reference.Kind.allCases)
  func typesInSchema(kind: Reference.Kind) throws {
    var r = BibliographySamples.lefevre
    r.kind = kind
    let value = try JSONSerialization.jsonObject(with: Data(CSLJSONWriter.render([r]).utf8))
    #expect(try Self.validator().validate(value) == [])
  }

  @Test("the adapted schema still rejects what the CSL schema rejects (the check can fail)")
  func schemaRejects() throws {
    let validator = try Self.validator()
    let bad: [[String: Any]] = [
      ["id": "a", "type": "webpage", "url": "https://x"],  // lower-case url
      ["id": "a", "type": "web-page"],  // unknown type
      ["id": "a"],  // no type
      ["id": "a", "type": "webpage", "author": ["Pieter de Vries"]],  // a bare string name
      ["id": "a", "type": "webpage", "author": [["family": "V", "particle": "de"]]],  // unknown name key
      ["id": "a", "type": "webpage", "issued": "2024-01-02"],  // EDTF string
      ["id": "a", "type": "webpage", "issued": ["date-parts": [[2024]], "year": 2024]],  // unknown date key
    ]
    for item in bad {
      #expect(!validator.validate([item]).isEmpty, "\(item)")
    }
    #expect(Self.dateInvariants(["issued": ["date-parts": [[2024, 1, 2, 3]]]]) != [])
    #expect(Self.dateInvariants(["issued": ["date-parts": [["2024"]]]]) != [])
  }

  // MARK: Escaping and stability

  @Test("JSON escaping of \" and \\; line breaks and control characters flattened (the CSL lint refuses them); non-ASCII kept as UTF-8")
  func escaping() throws {
    var r = BibliographySamples.lefevre
    r.title = "a \"q\" b\\c\nd\te\u{01}f\u{1F} é 深 😀 </script>"
    let text = CSLJSONWriter.render([r])
    #expect(text.contains(#""title": "a \"q\" b\\c d ef é 深 😀 </script>""#))
    #expect(!text.contains("\\u00e9"))
    #expect(try Self.item(r)["title"] as? String == "a \"q\" b\\c d ef é 深 😀 </script>")
  }

  @Test("rendering twice gives identical bytes, however the provenance dictionary was built")
  func deterministic() {
    let fields = (0..<40).map { ("field\($0)", "origin \($0)") }
    var a = BibliographySamples.all + BibliographySamples.tricky
    var b = a
    a[0].provenance = Dictionary(uniqueKeysWithValues: fields)
    var grown = [String: String](minimumCapacity: 1024)
    for (k, v) in fields.reversed() { grown[k] = v }
    b[0].provenance = grown
    #expect(CSLJSONWriter.render(a) == CSLJSONWriter.render(a))
    #expect(CSLJSONWriter.render(a) == CSLJSONWriter.render(b))
  }

  @Test("an empty bibliography is an empty array")
  func empty() {
    #expect(CSLJSONWriter.render([]) == "[]\n")
  }

  @Test("custom.verbatim-provenance carries the provenance sorted by key")
  func provenance() throws {
    var r = BibliographySamples.lefevre
    r.provenance = [
      "url": "the cited URL", "title": "page: h1=og:title", "accessed": "capture date (UTC)",
      "author": "front matter: Notes/x.md:3", "issued": "Sources.yml:41",
    ]
    let text = CSLJSONWriter.render([r])
    let block = """
          "custom": {
            "verbatim-provenance": {
              "accessed": "capture date (UTC)",
              "author": "front matter: Notes/x.md:3",
              "issued": "Sources.yml:41",
              "title": "page: h1=og:title",
              "url": "the cited URL"
            }
          }
        }
      ]

      """
    #expect(text.hasSuffix(block))
    let custom = try #require(try Self.item(r)["custom"] as? [String: [String: String]])
    #expect(custom == ["verbatim-provenance": r.provenance])
  }

  @Test("no provenance: no custom key")
  func noProvenance() throws {
    #expect(try Self.item(BibliographySamples.lefevre)["custom"] == nil)
  }
}
