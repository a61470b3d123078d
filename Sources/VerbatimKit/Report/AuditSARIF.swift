/// The audit as SARIF 2.1.0: one result per finding, placed at the note line that quotes or cites.
///
/// Exists for code-scanning views (GitHub code scanning, IDE SARIF viewers) that annotate files: a vault kept in
/// git gets its altered quotes and dead links marked on the lines that carry them.
public enum AuditSARIF {
  /// Where the tool is described (SARIF `tool.driver.informationUri`). A placeholder in a reserved domain until the
  /// project has a public home page.
  public static let informationURI = "https://verbatim.example.invalid/"

  /// One finding kind: a SARIF rule.
  struct Rule {
    var id: StaticString
    var name: StaticString
    var description: String
    /// The level when the policy does not fail it.
    var level: StaticString
    /// The triggers that make it an error.
    var triggers: Set<FailurePolicy.Trigger>
  }

  static let rules: [Rule] = [
    Rule(
      id: "quote-altered", name: "QuoteAltered", description: "A quote differs from the page in minor words.",
      level: "note", triggers: [.altered]),
    Rule(
      id: "quote-material", name: "QuoteMaterial",
      description: "A quote differs from the page in a way that changes its meaning (negation, number, name, …).",
      level: "warning", triggers: [.altered, .material]),
    Rule(
      id: "quote-not-found", name: "QuoteNotFound", description: "The source does not say the quoted words.",
      level: "warning", triggers: [.notFound]),
    Rule(
      id: "quote-spliced", name: "QuoteSpliced",
      description: "The quoted words are on the page, but with passages cut out and no elision mark.",
      level: "warning", triggers: [.spliced]),
    Rule(
      id: "quote-outside-article", name: "QuoteOutsideArticle",
      description: "The quoted words are only in the page's comments, asides or teasers, not the article.",
      level: "warning", triggers: [.outsideArticle]),
    Rule(
      id: "quote-uncheckable", name: "QuoteUncheckable",
      description: "The quote could not be checked: its source could not be read.", level: "note",
      triggers: [.uncheckable]),
    Rule(
      id: "link-dead", name: "LinkDead",
      description: "A cited link no longer leads to its page (gone, a \"not found\" page, a redirect loop).",
      level: "warning", triggers: [.deadLink]),
    Rule(
      id: "link-unreachable", name: "LinkUnreachable",
      description: "A cited link could not be read (blocked, timeout, bot wall, …).", level: "note",
      triggers: [.unreachable]),
  ]

  public static func render(_ report: AuditReport, policy: FailurePolicy = .standard) -> String {
    var w = JSONWriter(pretty: true)
    w.beginObject()
    w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
    w.field("version", "2.1.0")
    w.key("runs")
    w.beginArray()
    w.beginObject()
    tool(policy, &w)
    if report.vault.hasPrefix("/") {
      w.key("originalUriBaseIds")
      w.beginObject()
      w.key("%SRCROOT%")
      w.beginObject()
      let base = uri(report.vault)
      w.field("uri", "file://" + base + (base.hasSuffix("/") ? "" : "/"))
      w.endObject()
      w.endObject()
    }
    w.field("columnKind", "unicodeCodePoints")
    w.key("results")
    w.beginArray()
    for q in report.quotes { quoteResult(q, report: report, policy: policy, &w) }
    for s in report.sources where !s.health.isHealthy { linkResults(s, policy: policy, &w) }
    w.endArray()
    w.endObject()
    w.endArray()
    w.endObject()
    w.newline()
    return w.output
  }

  private static func tool(_ policy: FailurePolicy, _ w: inout JSONWriter) {
    w.key("tool")
    w.beginObject()
    w.key("driver")
    w.beginObject()
    w.field("name", "verbatim")
    w.field("version", VerbatimVersion.string)
    w.field("informationUri", informationURI)
    w.key("rules")
    w.beginArray()
    for rule in rules {
      w.beginObject()
      w.key("id")
      w.value(rule.id.description)
      w.key("name")
      w.value(rule.name.description)
      w.key("shortDescription")
      w.beginObject()
      w.field("text", rule.description)
      w.endObject()
      w.key("defaultConfiguration")
      w.beginObject()
      w.field("level", rule.triggers.isDisjoint(with: policy.triggers) ? rule.level.description : "error")
      w.endObject()
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.endObject()
  }

  /// The rule of a quote's finding; nil for verified and too-short quotes.
  static func ruleIndex(_ q: AuditedQuote) -> Int? {
    switch q.verdict.status {
    case .verified, .tooShort: return nil
    case .altered: return AuditEvidence.isMaterial(q) ? 1 : 0
    case .notFound: return 2
    case .spliced: return 3
    case .outsideArticle: return 4
    case .uncheckable: return 5
    }
  }

  private static func quoteResult(_ q: AuditedQuote, report: AuditReport, policy: FailurePolicy, _ w: inout JSONWriter)
  {
    guard let index = ruleIndex(q) else { return }
    let rule = rules[index]
    let message = AuditEvidence.evidence(q, source: report.source(of: q)).joined(separator: "\n")
    w.beginObject()
    w.key("ruleId")
    w.value(rule.id.description)
    w.field("ruleIndex", index)
    w.field("level", policy.fails(q) ? "error" : rule.level.description)
    w.key("message")
    w.beginObject()
    w.field("text", message)
    w.endObject()
    location(note: q.quote.note, start: q.quote.start, end: q.quote.end, &w)
    w.key("partialFingerprints")
    w.beginObject()
    w.field("verbatimQuote/v1", q.quote.id)
    w.endObject()
    w.key("properties")
    w.beginObject()
    w.field("verdict", q.verdict.status.rawValue)
    w.field("detail", q.verdict.detail)
    if let source = q.quote.source { w.field("source", source) }
    if let fragment = q.fragmentURL { w.field("fragmentUrl", fragment) }
    w.endObject()
    w.endObject()
  }

  /// A link that does not lead to its page, reported at every place it is cited.
  private static func linkResults(_ s: AuditedSource, policy: FailurePolicy, _ w: inout JSONWriter) {
    let index = s.isDead ? 6 : 7
    let rule = rules[index]
    let level = policy.fails(s) ? "error" : rule.level.description
    let message = (s.isDead ? "Dead link: " : "Unreachable link: ") + s.url + " — " + AuditEvidence.health(s)
    var seen: [String: Int] = [:]
    for citation in s.citedBy {
      let occurrence = seen[citation.note, default: 0]
      seen[citation.note] = occurrence + 1
      w.beginObject()
      w.key("ruleId")
      w.value(rule.id.description)
      w.field("ruleIndex", index)
      w.field("level", level)
      w.key("message")
      w.beginObject()
      w.field("text", message)
      w.endObject()
      location(note: citation.note, start: SourcePosition(line: max(1, citation.line), column: 1), end: nil, &w)
      w.key("partialFingerprints")
      w.beginObject()
      w.field("verbatimLink/v1", "\(s.key) \(citation.note) \(occurrence)")
      w.endObject()
      w.key("properties")
      w.beginObject()
      w.field("url", s.url)
      w.field("health", s.health.status.rawValue)
      if let code = s.httpStatus { w.field("httpStatus", code) }
      w.endObject()
      w.endObject()
    }
  }

  /// `locations[0]`: the note (relative to `%SRCROOT%`, the vault) and the region. Link citations carry a line
  /// only (no column is recorded for them).
  private static func location(note: String, start: SourcePosition, end: SourcePosition?, _ w: inout JSONWriter) {
    w.key("locations")
    w.beginArray()
    w.beginObject()
    w.key("physicalLocation")
    w.beginObject()
    w.key("artifactLocation")
    w.beginObject()
    w.field("uri", uri(note))
    w.field("uriBaseId", "%SRCROOT%")
    w.endObject()
    w.key("region")
    w.beginObject()
    w.field("startLine", start.line)
    if end != nil || start.column > 1 { w.field("startColumn", start.column) }
    if let end, end >= start {
      w.field("endLine", end.line)
      // SARIF's end column is the column after the last character; a quote's end is its last character.
      w.field("endColumn", end.column + 1)
    }
    w.endObject()
    w.endObject()
    w.endObject()
    w.endArray()
  }

  /// A path as a URI reference: every byte outside the unreserved characters and `/` percent-encoded.
  static func uri(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(path.utf8.count)
    for b in path.utf8 {
      switch b {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        bytes.append(b)
      default:
        bytes += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
