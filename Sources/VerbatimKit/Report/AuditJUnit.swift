/// The audit as JUnit XML: a test suite per note with a test case per quote, and a `links` suite with a test case
/// per source.
///
/// Exists so CI systems that already show test results (GitLab, Jenkins, GitHub test reporters) show a vault's
/// broken quotes and dead links as failed tests, with the failure policy deciding what fails.
public enum AuditJUnit {
  public static func render(_ report: AuditReport, policy: FailurePolicy = .standard) -> String {
    var suites: [Suite] = []
    for (note, quotes) in AuditEvidence.notes(of: report) where !quotes.isEmpty {
      suites.append(Suite(name: note, cases: quotes.map { quoteCase($0, report: report, policy: policy) }))
    }
    suites.append(Suite(name: "links", cases: report.sources.map { linkCase($0, policy: policy) }))
    let time = JSONWriter.timestamp(report.generatedAt)
    let total = suites.reduce(into: (tests: 0, failures: 0, skipped: 0)) {
      $0.tests += $1.cases.count
      $0.failures += $1.failures
      $0.skipped += $1.skipped
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"\(escape("verbatim audit " + report.vault))\" tests=\"\(total.tests)\""
    out += " failures=\"\(total.failures)\" errors=\"0\" skipped=\"\(total.skipped)\" timestamp=\"\(time)\">\n"
    for (index, suite) in suites.enumerated() {
      out += "  <testsuite id=\"\(index)\" name=\"\(escape(suite.name))\" tests=\"\(suite.cases.count)\""
      out += " failures=\"\(suite.failures)\" errors=\"0\" skipped=\"\(suite.skipped)\" timestamp=\"\(time)\">\n"
      for c in suite.cases { out += c.xml(classname: suite.name) }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  /// One quote: failed when the policy fails it, skipped when it could not be checked, passed otherwise (with the
  /// evidence as output when it is a finding the policy tolerates).
  static func quoteCase(_ q: AuditedQuote, report: AuditReport, policy: FailurePolicy) -> Case {
    let name = "line \(q.quote.start.line): \(AuditEvidence.shorten(q.quote.text, to: 80))"
    let evidence = AuditEvidence.evidence(q, source: report.source(of: q))
    if policy.fails(q) {
      return Case(
        name: name, outcome: .failed(type: AuditEvidence.finding(q) ?? "finding", message: message(q), body: evidence))
    }
    switch q.verdict.status {
    case .uncheckable, .tooShort:
      return Case(
        name: name, outcome: .skipped(message: AuditEvidence.statusName(q.verdict.status) + ": " + q.verdict.detail))
    case .verified:
      return Case(name: name, outcome: .passed(output: []))
    default:
      return Case(name: name, outcome: .passed(output: evidence))
    }
  }

  /// The failure's one-line summary: the verdict with its first edits, or the closest passage.
  static func message(_ q: AuditedQuote) -> String {
    let v = q.verdict
    var parts = [AuditEvidence.label(q)]
    if !v.edits.isEmpty {
      parts += v.edits.prefix(3).map(AuditEvidence.edit)
      if v.edits.count > 3 { parts.append("\(v.edits.count - 3) more edits") }
    } else if v.status == .notFound {
      parts.append(v.passage.map { "closest passage “\(AuditEvidence.shorten($0, to: 120))”" } ?? v.detail)
    } else if !v.detail.isEmpty {
      parts.append(v.detail)
    }
    return parts.joined(separator: "; ")
  }

  static func linkCase(_ s: AuditedSource, policy: FailurePolicy) -> Case {
    var body = ["url: \(s.url)"]
    if let final = s.finalURL, final != s.url { body.append("final url: \(final)") }
    body.append("health: \(AuditEvidence.health(s))")
    body += s.citedBy.map { "cited in \($0.note):\($0.line)" }
    if policy.fails(s) {
      let type = s.isDead ? "link-dead" : "link-unreachable"
      return Case(name: s.url, outcome: .failed(type: type, message: AuditEvidence.health(s), body: body))
    }
    if !s.health.isHealthy { return Case(name: s.url, outcome: .skipped(message: AuditEvidence.health(s))) }
    return Case(name: s.url, outcome: .passed(output: []))
  }

  struct Suite {
    var name: String
    var cases: [Case]
    var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
    var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
  }

  struct Case {
    enum Outcome {
      case passed(output: [String])
      case failed(type: String, message: String, body: [String])
      case skipped(message: String)
    }
    var name: String
    var outcome: Outcome

    func xml(classname: String) -> String {
      var out = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\" time=\"0\""
      switch outcome {
      case .passed(let output) where output.isEmpty:
        return out + "/>\n"
      case .passed(let output):
        out += ">\n      <system-out>\(escape(output.joined(separator: "\n"), content: true))</system-out>\n"
      case .failed(let type, let message, let body):
        out += ">\n      <failure message=\"\(escape(message))\" type=\"\(escape(type))\">"
        out += escape(body.joined(separator: "\n"), content: true) + "</failure>\n"
      case .skipped(let message):
        out += ">\n      <skipped message=\"\(escape(message))\"/>\n"
      }
      return out + "    </testcase>\n"
    }
  }

  /// Text for XML 1.0 attributes (tabs and newlines as references, kept through attribute normalisation)
  /// or element `content`.
  static func escape(_ text: String, content: Bool = false) -> String {
    MarkupText.escape(text, breaksAsReferences: !content)
  }
}
