/// The audit for a terminal: grouped by note, one line per quote with a mark for its verdict, the
/// evidence under each problem, the unhealthy links with where they are cited, and the counts.
///
/// Exists as the default output of `verbatim audit`. Colours (ANSI) only when asked: the command turns
/// them on for a terminal without `NO_COLOR`.
public enum AuditText {
  public static func render(_ report: AuditReport, policy: FailurePolicy = .standard, colour: Bool = false) -> String {
    let paint = Paint(enabled: colour)
    var lines: [String] = []
    let byNote = Dictionary(grouping: report.quotes, by: \.quote.note)
    for note in report.notes {
      let quotes = (byNote[note] ?? []).filter { $0.verdict.status != .tooShort }
      guard !quotes.isEmpty else { continue }
      lines.append(paint.bold(note))
      for q in quotes { lines.append(contentsOf: self.quote(q, report: report, policy: policy, paint: paint)) }
      lines.append("")
    }
    let unhealthy = report.sources.filter { !$0.health.isHealthy }
    if !unhealthy.isEmpty {
      lines.append(paint.bold("Links"))
      for s in unhealthy {
        let mark = policy.fails(s) ? paint.red("✗") : paint.yellow("!")
        var line = "  \(mark) \(s.health.status.rawValue)"
        if let status = s.httpStatus { line += " (HTTP \(status))" }
        line += "  \(s.url)"
        lines.append(line)
        if !s.health.detail.isEmpty { lines.append("      \(s.health.detail)") }
        lines.append("      cited at " + s.citedBy.map { "\($0.note):\($0.line)" }.joined(separator: ", "))
      }
      lines.append("")
    }
    for d in report.diagnostics { lines.append(d.description) }
    lines.append(summaryLine(report.summary))
    return lines.joined(separator: "\n") + "\n"
  }

  static func quote(_ q: AuditedQuote, report: AuditReport, policy: FailurePolicy, paint: Paint) -> [String] {
    let v = q.verdict
    let mark: String
    switch v.status {
    case .verified: mark = paint.green("✓")
    case .uncheckable: mark = paint.dim("?")
    default: mark = policy.fails(q) ? paint.red("✗") : paint.yellow("!")
    }
    let label = v.status == .altered ? "altered (\(v.detail))" : v.status.rawValue
    var lines = ["  \(mark) \(q.quote.start.line):\(q.quote.start.column)  \(label)  “\(short(q.quote.text, 90))”"]
    if let source = report.source(of: q) {
      lines.append("      " + paint.dim("source: " + (source.title.map { "\($0) — " } ?? "") + source.url))
    } else if v.status == .uncheckable || q.quote.source == nil {
      lines.append("      " + paint.dim("source: " + (q.quote.source ?? "none")))
    }
    switch v.status {
    case .verified:
      if !v.differences.isEmpty {
        lines.append("      " + paint.dim("differs only in: " + v.differences.joined(separator: ", ")))
      }
    case .altered, .spliced:
      for edit in v.edits {
        let sign = edit.isMaterial ? paint.red("!") : "~"
        let note = edit.quoteWords.isEmpty ? "—" : "“" + edit.quoteWords.joined(separator: " ") + "”"
        let page = edit.pageWords.isEmpty ? "—" : "“" + edit.pageWords.joined(separator: " ") + "”"
        lines.append("      \(sign) note \(note) → page \(page)  (\(edit.classes.joined(separator: ", ")))")
      }
      if let passage = v.passage { lines.append("      page: “\(short(passage, 160))”") }
    case .outsideArticle:
      lines.append("      found only in: \(v.detail)")
      if let passage = v.passage { lines.append("      page: “\(short(passage, 160))”") }
    case .notFound:
      if let passage = v.passage { lines.append("      closest: “\(short(passage, 160))”") }
    case .uncheckable:
      lines.append("      " + paint.dim(v.detail))
    case .tooShort:
      break
    }
    for conflict in q.annotations.conflicts {
      lines.append("      " + paint.yellow("conflict: \(conflict.kind.rawValue)") + " — \(conflict.summary)")
      for step in conflict.evidence { lines.append("        · \(step)") }
    }
    return lines
  }

  static func summaryLine(_ s: AuditSummary) -> String {
    var parts = ["\(s.verified) verified"]
    parts.append("\(s.altered) altered (\(s.material) material)")
    parts.append("\(s.notFound) not found")
    if s.outsideArticle > 0 { parts.append("\(s.outsideArticle) outside the article") }
    if s.spliced > 0 { parts.append("\(s.spliced) spliced") }
    parts.append("\(s.uncheckable) uncheckable")
    parts.append("\(s.tooShort) too short")
    parts.append("\(s.deadLinks) dead link\(s.deadLinks == 1 ? "" : "s")")
    if s.unreachable > 0 { parts.append("\(s.unreachable) unreachable") }
    if s.conflicts > 0 { parts.append("\(s.conflicts) conflict\(s.conflicts == 1 ? "" : "s") of interest") }
    return "\(s.notes) notes, \(s.sources) sources, \(s.quotes) quotes: " + parts.joined(separator: ", ")
  }

  static func short(_ text: String, _ limit: Int) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
  }

  /// ANSI styling, or plain text.
  struct Paint {
    var enabled: Bool
    private func wrap(_ code: String, _ s: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap("1", s) }
    func dim(_ s: String) -> String { wrap("2", s) }
    func red(_ s: String) -> String { wrap("31", s) }
    func green(_ s: String) -> String { wrap("32", s) }
    func yellow(_ s: String) -> String { wrap("33", s) }
  }
}
