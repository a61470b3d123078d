import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Holds `verbatim audit --format json` to its contract: the validator itself, `docs/audit.schema.json`
/// against the Swift enums and `docs/audit.md`, and the renderer's output against the schema.
@Suite("AuditSchema")
struct AuditSchemaTests {
  // MARK: - The validator

  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  static func validator(_ schema: String) throws -> JSONSchemaValidator {
    try JSONSchemaValidator(schema: json(schema))
  }

  static let objectSchema = """
    {"type": "object", "additionalProperties": false, "required": ["id", "verdict"],
     "properties": {
       "id": {"type": "string"},
       "verdict": {"enum": ["verified", "altered"]},
       "line": {"type": "integer", "minimum": 1},
       "flag": {"type": "boolean"},
       "title": {"type": ["string", "null"]},
       "schema": {"const": 1},
       "items": {"type": "array", "items": {"$ref": "#/$defs/count"}},
       "odd key": {"type": "string"}
     },
     "$defs": {"count": {"type": "integer", "minimum": 0}}}
    """

  @Test("a conforming document has no errors")
  func conforming() throws {
    let v = try Self.validator(Self.objectSchema)
    let doc = try Self.json(
      #"{"id": "q1", "verdict": "altered", "line": 1, "flag": false, "title": null, "schema": 1, "items": [0, 3]}"#)
    #expect(v.validate(doc) == [])
    #expect(v.validate(try Self.json(#"{"id": "q1", "verdict": "verified", "title": "T"}"#)) == [])
  }

  @Test("each error kind, with the JSON path of the value at fault")
  func errorKinds() throws {
    let v = try Self.validator(Self.objectSchema)
    func errors(_ text: String) throws -> [String] { v.validate(try Self.json(text)) }
    #expect(try errors(#"{"id": 7, "verdict": "verified"}"#) == [#"$.id: expected string, found integer 7"#])
    #expect(try errors(#"{"id": "q"}"#) == ["$.verdict: required property is missing"])
    #expect(
      try errors(#"{"id": "q", "verdict": "verified", "extra": 1}"#)
        == ["$.extra: property is not allowed (additionalProperties is false)"])
    #expect(
      try errors(#"{"id": "q", "verdict": "wrong"}"#) == [#"$.verdict: "wrong" is not one of ["verified", "altered"]"#])
    #expect(
      try errors(#"{"id": "q", "verdict": "verified", "line": 0}"#) == ["$.line: 0 is less than the minimum 1"])
    #expect(
      try errors(#"{"id": "q", "verdict": "verified", "items": [1, -2, 2.5]}"#)
        == ["$.items[1]: -2 is less than the minimum 0", "$.items[2]: expected integer, found number 2.5"])
    #expect(try errors(#"{"id": "q", "verdict": "verified", "schema": 2}"#) == ["$.schema: 2 is not the constant 1"])
    #expect(
      try errors(#"{"id": "q", "verdict": "verified", "title": 3}"#)
        == ["$.title: expected string or null, found integer 3"])
    #expect(
      try errors(#"{"id": "q", "verdict": "verified", "odd key": null}"#)
        == [#"$["odd key"]: expected string, found null null"#])
    #expect(try errors("[]") == ["$: expected object, found array [0 items]"])
    // Every error is reported, in a stable order.
    #expect(try errors(#"{"line": 0, "verdict": 1}"#).count == 3)
  }

  @Test("JSON booleans are not numbers, and numbers are not booleans (NSNumber on Linux)")
  func booleansAndNumbers() throws {
    let v = try Self.validator(Self.objectSchema)
    #expect(
      v.validate(try Self.json(#"{"id": "q", "verdict": "verified", "flag": 1, "line": true}"#)) == [
        "$.flag: expected boolean, found integer 1", "$.line: expected integer, found boolean true",
      ])
    #expect(v.validate(try Self.json(#"{"id": "q", "verdict": "verified", "flag": 0}"#)).count == 1)
    #expect(v.validate(try Self.json(#"{"id": "q", "verdict": "verified", "flag": true, "line": 1}"#)) == [])
    // enum and const compare booleans and numbers as different values.
    let one = try Self.validator(#"{"const": 1}"#)
    #expect(one.validate(try Self.json("true")) == ["$: true is not the constant 1"])
    #expect(one.validate(try Self.json("1.0")) == [])
    let yes = try Self.validator(#"{"enum": [true]}"#)
    #expect(yes.validate(try Self.json("1")) == ["$: 1 is not one of [true]"])
    #expect(yes.validate(try Self.json("true")) == [])
    // Plain Swift values work too: Bool, Int, Double, nil.
    let flags = try Self.validator(#"{"type": "array", "items": {"type": ["boolean", "null"]}}"#)
    #expect(flags.validate([true, false, nil] as [Any?]) == [])
    #expect(
      flags.validate([1, 0.5] as [Any]) == [
        "$[0]: expected boolean or null, found integer 1",
        "$[1]: expected boolean or null, found number 0.5",
      ])
    let numbers = try Self.validator(#"{"type": "array", "items": {"type": "number"}}"#)
    #expect(numbers.validate([1, 2.5, Int64(3)] as [Any]) == [])
    #expect(numbers.validate([true] as [Any]) == ["$[0]: expected number, found boolean true"])
  }

  @Test("init rejects what the validator would ignore: unknown keywords, bad $ref targets, $ref cycles")
  func unsupportedSchemas() throws {
    func rejects(_ schema: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
      do {
        _ = try Self.validator(schema)
        Issue.record("accepted \(schema)", sourceLocation: sourceLocation)
      } catch {
        #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
      }
    }
    rejects(#"{"type": "string", "pattern": "^q"}"#, #"#: unsupported keyword "pattern""#)
    rejects(#"{"properties": {"a": {"format": "date-time"}}}"#, #"#/properties/a: unsupported keyword "format""#)
    rejects(#"{"additionalProperties": {"type": "string"}}"#, "additionalProperties must be a boolean")
    rejects(#"{"oneOf": [{"type": "string"}]}"#, #"unsupported keyword "oneOf""#)
    rejects(#"{"type": "text"}"#, #"unknown type "text""#)
    rejects(##"{"$ref": "#/$defs/missing", "$defs": {}}"##, "$ref target #/$defs/missing does not exist")
    rejects(##"{"items": {"$ref": "#/$defs/nope"}}"##, "#/items: $ref target #/$defs/nope does not exist")
    rejects(##"{"$ref": "other.json#/x"}"##, "only #/$defs/name is supported")
    rejects(
      ##"{"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}"##, "$ref cycle")
    rejects(##"{"$defs": {"a": {"$defs": {}}}}"##, "$defs is only supported at the root")
    rejects(##"{"enum": []}"##, "enum must be a non-empty array")
    rejects("true", "a schema must be an object")
    // A reference through properties is no cycle: it reads part of the value each time.
    let tree = try Self.validator(
      ##"""
      {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object",
        "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
      """##)
    #expect(
      tree.validate(try Self.json(#"{"kids": [{"kids": []}, {"kids": [7]}]}"#)) == [
        "$.kids[1].kids[0]: expected object, found integer 7"
      ])
  }

  // MARK: - docs/audit.schema.json

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func schemaDocument() throws -> [String: Any] {
    let data = try Data(contentsOf: repository.appendingPathComponent("docs/audit.schema.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func schemaValidator() throws -> JSONSchemaValidator { try JSONSchemaValidator(schema: try schemaDocument()) }

  /// The string values of the enum defined as `$defs.name`.
  static func enumValues(_ name: String) throws -> [String] {
    let defs = try #require(try schemaDocument()["$defs"] as? [String: Any])
    let definition = try #require(defs[name] as? [String: Any], "no $defs.\(name)")
    let values = try #require(definition["enum"] as? [Any])
    return values.compactMap { $0 as? String }
  }

  @Test("docs/audit.schema.json uses only keywords the validator supports")
  func schemaLoads() throws {
    _ = try Self.schemaValidator()
    let schema = try Self.schemaDocument()
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    let properties = try #require(schema["properties"] as? [String: Any])
    let version = try #require(properties["schema"] as? [String: Any])
    #expect((version["const"] as? NSNumber)?.intValue == AuditJSON.schemaVersion)
  }

  @Test("the schema's closed vocabularies are the Swift enums, value for value")
  func schemaEnumsMatchSwift() throws {
    #expect(try Self.enumValues("verdict") == QuoteVerdict.Status.allCases.map(\.rawValue))
    #expect(try Self.enumValues("health") == LinkHealth.Status.allCases.map(\.rawValue))
    #expect(try Self.enumValues("attribution") == Quote.Attribution.allCases.map(\.rawValue))
    #expect(try Self.enumValues("viewOrNull") == TextView.allCases.map(\.rawValue))
    #expect(try Self.enumValues("pageTypeOrNull") == PageType.allCases.map(\.rawValue))
    #expect(try Self.enumValues("editClass") == WordEdit.Class.allCases.map(\.rawValue))
    let kinds = try Self.enumValues("quoteKind")
    #expect(kinds.allSatisfy { Quote.Kind(rawValue: $0) != nil })
    #expect(
      Set(kinds) == [Quote.Kind.block, .inline, .textFragment].map(\.rawValue).reduce(into: Set()) { $0.insert($1) })
    let editKinds = try Self.enumValues("differenceKind").filter { $0 != "typography" }
    #expect(editKinds.allSatisfy { WordEdit.Kind(rawValue: $0) != nil } && editKinds.count == 3)
    let typography = try Self.enumValues("typographyClass")
    #expect(Set(typography) == Set(LadderMatcher.differenceOrder + ["fragment-context", "pairing"]))
    #expect(try Self.enumValues("differenceClass") == typography + WordEdit.Class.allCases.map(\.rawValue))
  }

  @Test("docs/audit.md names every enum value, --fail-on word and exit code")
  func documentationIsComplete() throws {
    let doc = try String(contentsOf: Self.repository.appendingPathComponent("docs/audit.md"), encoding: .utf8)
    let names = [
      "verdict", "health", "attribution", "viewOrNull", "pageTypeOrNull", "editClass", "quoteKind",
      "differenceKind", "typographyClass",
    ]
    for name in names {
      for value in try Self.enumValues(name) { #expect(doc.contains("`\(value)`"), "docs/audit.md lacks `\(value)`") }
    }
    for code in 0...3 { #expect(doc.contains("| \(code) |"), "docs/audit.md lacks exit code \(code)") }
    for trigger in FailurePolicy.Trigger.allCases {
      #expect(doc.contains("`\(trigger.rawValue)`"), "docs/audit.md lacks --fail-on \(trigger.rawValue)")
    }
    let defs = try #require(try Self.schemaDocument()["$defs"] as? [String: Any])
    for def in [
      "summary", "source", "author", "affiliation", "citation", "quote", "difference", "annotations",
      "diagnostic",
    ] {
      let properties = try #require((defs[def] as? [String: Any])?["properties"] as? [String: Any])
      for key in properties.keys { #expect(doc.contains("`\(key)`"), "docs/audit.md lacks \(def).\(key)") }
    }
  }
}

// MARK: - The renderer against the schema

extension AuditSchemaTests {
  static let essayPath = "Energy/Storage essay.md"
  static let essayNote = """
    # Storage

    Halvard wrote that "grid batteries are a technology bet that has not paid" ([essay](https://power.example/essay)).

    He added that "the bet has never paid for ratepayers in any market" ([essay](https://power.example/essay)).

    And that "storage is cheap and always ready for the grid" ([essay](https://power.example/essay)).

    So-called "green" batteries ([essay](https://power.example/essay)).
    """
  static let interviewPath = "Interviews/Ortiz.md"
  static let interviewNote = """
    > We will not pay for storage that sits idle eleven months a year.
    > — Lena Ortiz, [interview](https://gone.example/ortiz)
    """

  /// Two sources (one healthy with an author and an affiliation, one dead) and one quote per verdict that
  /// carries different fields: verified with differences and an anchor, altered with material edits,
  /// not found with a closest passage, too short, and uncheckable.
  static func report() throws -> AuditReport {
    let essay = NoteHarvester.harvest(path: essayPath, bytes: Array(essayNote.utf8)).quotes
    let interview = NoteHarvester.harvest(path: interviewPath, bytes: Array(interviewNote.utf8)).quotes
    try #require(essay.count == 4 && interview.count == 1, "\(essay.map(\.text)) \(interview.map(\.text))")

    var verified = QuoteVerdict(status: .verified, detail: "typographic")
    verified.differences = ["quotes", "case"]
    verified.view = .main
    verified.passage = "Grid batteries are a technology bet that has not paid"
    verified.range = 120..<173
    verified.occurrences = 1
    verified.anchor = QuoteAnchor(
      exact: "Grid batteries are a technology bet that has not paid", prefix: "For a decade. ", suffix: ". Yet",
      start: 120, end: 173, textDirective: "text=Grid%20batteries%20are%20a%20technology%20bet")

    var altered = QuoteVerdict(status: .altered, detail: "material")
    altered.view = .main
    altered.passage = "the bet has not paid for ratepayers in any market so far"
    altered.occurrences = 1
    altered.edits = [
      QuoteEdit(
        kind: "substitution", quoteWords: ["never"], pageWords: ["not"], classes: ["negation"], isMaterial: true),
      QuoteEdit(kind: "deletion", quoteWords: [], pageWords: ["so", "far"], classes: ["other"], isMaterial: false),
    ]

    var notFound = QuoteVerdict(status: .notFound, detail: "closest passage")
    notFound.view = .full
    notFound.passage = "storage is expensive and rarely ready"
    notFound.occurrences = 1
    notFound.edits = [
      QuoteEdit(
        kind: "substitution", quoteWords: ["cheap", "and", "always"], pageWords: ["expensive", "and", "rarely"],
        classes: ["other"], isMaterial: false)
    ]

    let fragment = essay[0].source.flatMap { verified.anchor?.fragmentURL(for: $0) }
    let quotes = [
      AuditedQuote(quote: essay[0], verdict: verified, fragmentURL: fragment),
      AuditedQuote(quote: essay[1], verdict: altered, fragmentURL: nil),
      AuditedQuote(quote: essay[2], verdict: notFound, fragmentURL: nil),
      AuditedQuote(quote: essay[3], verdict: QuoteVerdict(status: .tooShort, detail: "fewer than 4 words")),
      AuditedQuote(quote: interview[0], verdict: QuoteVerdict(status: .uncheckable, detail: "dead: HTTP 404")),
    ]
    let healthy = AuditedSource(
      url: "https://power.example/essay", key: try #require(essay[0].sourceKey),
      finalURL: "https://www.power.example/essay",
      health: LinkHealth(.redirected, redirects: [.permanent], detail: "HTTP 301 → 200"), httpStatus: 200,
      redirects: [
        RedirectHop(url: "https://power.example/essay", status: 301, location: "https://www.power.example/essay")
      ],
      capturedAt: Date(timeIntervalSince1970: 1_780_000_000), sha256: String(repeating: "ab", count: 32),
      title: "Storage should be boring",
      authors: [
        AuditedAuthor(
          name: "Mira Castellanos", isOrganisation: false,
          affiliations: [Affiliation(organisation: "Halvard Energy", role: nil, provenance: "page")]),
        AuditedAuthor(name: "Halvard Journal", isOrganisation: true, affiliations: []),
      ],
      date: "2026-03-14", siteName: "Halvard Journal", publisher: "Halvard Media", type: PageType.news.rawValue,
      citedBy: [.init(note: essayPath, line: 3), .init(note: essayPath, line: 5)], unreadable: nil)
    let dead = AuditedSource(
      url: "https://gone.example/ortiz", key: try #require(interview[0].sourceKey), finalURL: nil,
      health: LinkHealth(.dead, detail: "HTTP 404"), httpStatus: 404, redirects: [], capturedAt: nil, sha256: nil,
      title: nil, authors: [], date: nil, siteName: nil, publisher: nil, type: nil,
      citedBy: [.init(note: interviewPath, line: 2)], unreadable: "dead: HTTP 404")
    return AuditReport(
      generatedAt: Date(timeIntervalSince1970: 1_780_003_600), vault: "Examples/vault",
      notes: [essayPath, interviewPath], sources: [healthy, dead], quotes: quotes,
      diagnostics: [
        Diagnostic(.warning, file: essayPath, line: 9, "unclosed quotation mark"),
        Diagnostic(.error, file: "Broken.md", "not valid UTF-8"),
      ])
  }

  static func rendered(pretty: Bool = false) throws -> [String: Any] {
    let bytes = AuditJSON.render(try report(), pretty: pretty)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  @Test("a report with every kind of source and quote renders to JSON the schema accepts")
  func renderedReportConforms() throws {
    let report = try Self.report()
    let s = report.summary
    #expect(
      [s.verified, s.altered, s.material, s.notFound, s.tooShort, s.uncheckable, s.deadLinks]
        == [Int](repeating: 1, count: 7))
    #expect(report.quotes[4].quote.speaker == "Lena Ortiz")
    let validator = try Self.schemaValidator()
    for pretty in [false, true] {
      let json = try Self.rendered(pretty: pretty)
      #expect(validator.validate(json) == [])
      let quotes = try #require(json["quotes"] as? [[String: Any]])
      #expect(
        quotes.map { $0["verdict"] as? String } == ["verified", "altered", "not-found", "too-short", "uncheckable"])
      #expect((quotes[0]["fragment_url"] as? String)?.contains("#:~:text=Grid%20batteries") == true)
      #expect((quotes[0]["differences"] as? [Any])?.count == 2)
      #expect((quotes[1]["differences"] as? [[String: Any]])?.first?["class"] as? String == "negation")
    }
  }

  @Test("the rendered JSON with an unknown verdict or a missing key fails, at the right path")
  func brokenReportsFail() throws {
    let validator = try Self.schemaValidator()
    let compact = String(decoding: AuditJSON.render(try Self.report()), as: UTF8.self)
    let altered = #""verdict":"altered""#
    #expect(compact.components(separatedBy: altered).count == 2)
    let wrong = compact.replacingOccurrences(of: altered, with: #""verdict":"wrong""#)
    let verdicts = try Self.enumValues("verdict").map { "\"\($0)\"" }.joined(separator: ", ")
    #expect(
      validator.validate(try JSONSerialization.jsonObject(with: Data(wrong.utf8)))
        == [#"$.quotes[1].verdict: "wrong" is not one of ["# + verdicts + "]"])

    var json = try Self.rendered()
    var sources = try #require(json["sources"] as? [[String: Any]])
    sources[1]["health"] = nil
    json["sources"] = sources
    #expect(validator.validate(json) == ["$.sources[1].health: required property is missing"])

    json = try Self.rendered()
    var quotes = try #require(json["quotes"] as? [[String: Any]])
    quotes[3]["line"] = 0
    quotes[4]["material"] = 1
    quotes[0]["anchored"] = "unexpected"
    json["quotes"] = quotes
    json["summary"] = nil
    #expect(
      validator.validate(json) == [
        "$.summary: required property is missing",
        "$.quotes[0].anchored: property is not allowed (additionalProperties is false)",
        "$.quotes[3].line: 0 is less than the minimum 1",
        "$.quotes[4].material: expected boolean, found integer 1",
      ])
  }
}
