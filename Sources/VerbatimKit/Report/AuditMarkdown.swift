import Foundation

/// The audit as GitHub-flavoured Markdown: a report a person pastes into a note or an issue.
///
/// Exists for readers, not tools: the summary first, then only what needs reading (each checkable quote
/// with its evidence, and the links that no longer lead to their pages).
public enum AuditMarkdown {
  public static func render(_ report: AuditReport, policy: FailurePolicy = .standard) -> String {
    let s = report.summary
    var out = "# Verbatim audit: \(escape(report.vault))\n\n"
    out += "Generated \(JSONWriter.timestamp(report.generatedAt)) · \(s.notes) notes · \(s.sources) sources · "
    out += "\(s.quotes) quotes · "
    out += policy.fails(report) ? "**fails**" : "passes"
    out += " `--fail-on \(AuditEvidence.triggers(policy))`\n\n"
    out += "| Finding | Count |\n|---|---:|\n"
    let rows: [(String, String)] = [
      ("✅ Verified", "\(s.verified)"),
      ("⚠️ Altered (material)", "\(s.altered) (\(s.material))"),
      ("❌ Not found", "\(s.notFound)"),
      ("💬 Outside article", "\(s.outsideArticle)"),
      ("✂️ Spliced", "\(s.spliced)"),
      ("❔ Uncheckable", "\(s.uncheckable)"),
      ("▫️ Too short", "\(s.tooShort)"),
      ("🔗 Dead links", "\(s.deadLinks)"),
      ("🚧 Unreachable links", "\(s.unreachable)"),
      ("⚖️ Conflicts of interest", "\(s.conflicts)"),
    ]
    for (name, count) in rows { out += "| \(name) | \(count) |\n" }
    for (note, quotes) in AuditEvidence.notes(of: report) {
      let checkable = quotes.filter { $0.verdict.status != .tooShort }
      guard !checkable.isEmpty else { continue }
      out += "\n## \(escape(note))\n\n"
      for q in checkable { out += item(q, source: report.source(of: q), policy: policy) }
    }
    out += links(report, policy: policy)
    if !report.diagnostics.isEmpty {
      out += "\n## Problems reading the notes\n\n"
      for d in report.diagnostics { out += "- \(escape(d.description))\n" }
    }
    return out
  }

  /// The verdict mark: the policy's failures are always ❌.
  static func mark(_ q: AuditedQuote, policy: FailurePolicy) -> String {
    if policy.fails(q) { return "❌" }
    switch q.verdict.status {
    case .verified: return "✅"
    case .altered: return AuditEvidence.isMaterial(q) ? "❌" : "⚠️"
    case .notFound: return "❌"
    case .spliced: return "✂️"
    case .outsideArticle: return "💬"
    case .uncheckable: return "❔"
    case .tooShort: return "▫️"
    }
  }

  /// One quote: a list item, with its evidence as sub-items when it is a finding.
  static func item(_ q: AuditedQuote, source: AuditedSource?, policy: FailurePolicy) -> String {
    let v = q.verdict
    var line = "- \(mark(q, policy: policy)) **line \(q.quote.start.line)** · \(escape(AuditEvidence.label(q))) · "
    line += "“\(escape(AuditEvidence.shorten(q.quote.text, to: 120)))”"
    if let url = q.quote.source {
      line += " — " + link(AuditEvidence.sourceName(url: url, source: source), url)
    }
    if let fragment = q.fragmentURL, AuditEvidence.isWebURL(fragment) {
      line += " · [on the page](\(destination(fragment)))"
    }
    var lines = [line]
    if v.status == .verified, !v.differences.isEmpty {
      lines.append("  - typographic: \(escape(v.differences.joined(separator: ", ")))")
    }
    if v.status != .verified {
      for edit in v.edits { lines.append("  - " + self.edit(edit)) }
    }
    switch v.status {
    case .notFound:
      if let passage = v.passage {
        lines.append("  - closest passage: “\(escape(AuditEvidence.shorten(passage, to: 240)))”")
      }
    case .altered, .spliced, .outsideArticle:
      if let passage = v.passage {
        let place = v.status == .outsideArticle ? "found only in \(escape(v.detail))" : "page"
        lines.append("  - \(place): “\(escape(AuditEvidence.shorten(passage, to: 240)))”")
      }
    case .uncheckable:
      lines.append("  - \(escape(v.detail))")
    case .verified, .tooShort: break
    }
    if let health = AuditEvidence.unhealthy(source, unless: v) { lines.append("  - link: \(escape(health))") }
    let a = q.annotations
    if let speaker = a.speaker, !a.affiliations.isEmpty || a.speakerID != nil {
      let ties = a.affiliations.map {
        [$0.role, $0.organisation].compactMap { $0 }.joined(separator: ", ") + " (\($0.provenance))"
      }
      lines.append(
        "  - speaker: \(escape(speaker))" + (ties.isEmpty ? "" : " — " + escape(ties.joined(separator: "; "))))
    }
    for conflict in q.annotations.conflicts {
      lines.append("  - ⚖️ **conflict: \(escape(conflict.kind.rawValue))** — \(escape(conflict.summary))")
      for step in conflict.evidence { lines.append("    - \(escape(step))") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `note: ~~old~~ → page: **new**`, then the edit's classes.
  static func edit(_ e: QuoteEdit) -> String {
    let note = e.quoteWords.isEmpty ? "(nothing)" : "~~\(escape(e.quoteWords.joined(separator: " ")))~~"
    let page = e.pageWords.isEmpty ? "(nothing)" : "**\(escape(e.pageWords.joined(separator: " ")))**"
    var text = "note: \(note) → page: \(page)"
    if !e.classes.isEmpty { text += " (\(escape(e.classes.joined(separator: ", "))))" }
    if e.isMaterial { text += " — **material**" }
    return text
  }

  /// The sources whose links do not lead to a readable page, and where they are cited.
  static func links(_ report: AuditReport, policy: FailurePolicy) -> String {
    var out = "\n## Links\n\n"
    let unhealthy = report.sources.filter { !$0.health.isHealthy }
    guard !unhealthy.isEmpty else {
      return out + "All \(report.sources.count) links lead to their pages.\n"
    }
    out += "| | Link | Status | Cited in |\n|---|---|---|---|\n"
    for s in unhealthy {
      let mark = policy.fails(s) ? "❌" : s.isDead ? "🔗" : "🚧"
      let cited = s.citedBy.map { "\(escape($0.note)):\($0.line)" }.joined(separator: ", ")
      out += "| \(mark) | \(link(AuditEvidence.shorten(s.url, to: 80), s.url)) "
      out += "| \(escape(AuditEvidence.health(s))) | \(cited) |\n"
    }
    return out
  }

  /// `[text](url)` for web URLs; the text alone otherwise (a `javascript:` link is never made clickable).
  static func link(_ text: String, _ url: String) -> String {
    guard AuditEvidence.isWebURL(url) else { return escape(text) }
    return "[\(escape(text))](\(destination(url)))"
  }

  /// A link destination that cannot end the link or a table cell early.
  static func destination(_ url: String) -> String {
    var out = ""
    for scalar in url.unicodeScalars {
      switch scalar {
      case "(": out += "%28"
      case ")": out += "%29"
      case "<": out += "%3C"
      case ">": out += "%3E"
      case "|": out += "%7C"
      case " ": out += "%20"
      case "\\": out += "%5C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Text with Markdown's special characters escaped and line breaks folded into spaces.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in AuditEvidence.oneLine(text).unicodeScalars {
      switch scalar {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~": out += "\\"
      case "&":
        out += "&amp;"
        continue
      default: break
      }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}

/// Words and small judgements every human-readable audit format shares (Markdown, HTML, JUnit, SARIF), so a
/// quote is described the same way in all of them.
enum AuditEvidence {
  /// The notes in the report's order, each with its quotes (notes without quotes included).
  static func notes(of report: AuditReport) -> [(note: String, quotes: [AuditedQuote])] {
    let byNote = Dictionary(grouping: report.quotes, by: \.quote.note)
    var order = report.notes
    var seen = Set(order)
    for q in report.quotes where !seen.contains(q.quote.note) {
      seen.insert(q.quote.note)
      order.append(q.quote.note)
    }
    return order.map { ($0, byNote[$0] ?? []) }
  }

  static func isMaterial(_ q: AuditedQuote) -> Bool { q.verdict.edits.contains(where: \.isMaterial) }

  /// `altered-material`, `not-found`, …: the finding a quote is, nil for verified and too-short quotes.
  static func finding(_ q: AuditedQuote) -> String? {
    switch q.verdict.status {
    case .verified, .tooShort: return nil
    case .altered: return isMaterial(q) ? "altered-material" : "altered"
    default: return q.verdict.status.rawValue
    }
  }

  static func statusName(_ status: QuoteVerdict.Status) -> String {
    switch status {
    case .verified: "verified"
    case .altered: "altered"
    case .notFound: "not found"
    case .uncheckable: "uncheckable"
    case .tooShort: "too short"
    case .outsideArticle: "outside article"
    case .spliced: "spliced"
    }
  }

  /// `verified (exact)`, `altered (material)`, `not found`.
  static func label(_ q: AuditedQuote) -> String {
    let v = q.verdict
    switch v.status {
    case .verified: return "verified (\(v.detail))"
    case .altered: return isMaterial(q) ? "altered (material)" : "altered (minor)"
    default: return statusName(v.status)
    }
  }

  /// `dead (HTTP 404)`: the health status with what was seen.
  static func health(_ s: AuditedSource) -> String {
    var text = s.health.status.rawValue
    let detail = s.health.detail.trimmingCharacters(in: .whitespaces)
    if !detail.isEmpty, detail != text {
      text += " (\(detail))"
    } else if let code = s.httpStatus {
      text += " (HTTP \(code))"
    }
    return text
  }

  /// The health of a source that is not healthy, unless the verdict's detail already says it (an uncheckable
  /// quote's reason is usually the link's status).
  static func unhealthy(_ source: AuditedSource?, unless verdict: QuoteVerdict) -> String? {
    guard let source, !source.health.isHealthy else { return nil }
    if verdict.status == .uncheckable, verdict.detail.contains(source.health.status.rawValue) { return nil }
    return health(source)
  }

  /// The failure policy as `--fail-on` spells it.
  static func triggers(_ policy: FailurePolicy) -> String {
    let words = FailurePolicy.Trigger.allCases.filter(policy.triggers.contains).map(\.rawValue)
    return words.isEmpty ? "none" : words.joined(separator: ",")
  }

  /// A link's name: the page title when known, else the host.
  static func sourceName(url: String, source: AuditedSource?) -> String {
    if let title = source?.title, !title.isEmpty { return shorten(title, to: 60) }
    return host(url) ?? shorten(url, to: 60)
  }

  static func host(_ url: String) -> String? {
    guard isWebURL(url), let start = url.range(of: "://")?.upperBound else { return nil }
    let rest = url[start...]
    let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    let host = rest[..<end]
    return host.isEmpty ? nil : String(host)
  }

  /// Only `http:` and `https:` URLs with a host and no spaces or control characters become links.
  static func isWebURL(_ url: String) -> Bool {
    let lower = url.prefix(8).lowercased()
    let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
    guard scheme > 0, url.unicodeScalars.count > scheme else { return false }
    return !url.unicodeScalars.contains {
      $0.value <= 0x20 || $0.value == 0x7F || ($0.value >= 0x80 && $0.value < 0xA0)
    }
  }

  /// Whitespace runs (line breaks included) folded into single spaces, ends trimmed.
  static func oneLine(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var space = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace || scalar.value < 0x20 {
        space = !out.isEmpty
        continue
      }
      if space { out += " " }
      space = false
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  /// At most `limit` characters on one line, cut at a word when one ends near the limit, with `…`.
  static func shorten(_ text: String, to limit: Int) -> String {
    let line = oneLine(text)
    guard line.count > limit else { return line }
    var cut = line.prefix(limit - 1)
    if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 24 {
      cut = cut[..<space]
    }
    return cut.trimmingCharacters(in: .whitespaces) + "…"
  }

  /// A quote's evidence as plain lines (for JUnit and SARIF): the verdict, each edit, the page's words and the
  /// link's health when it is not healthy.
  static func evidence(_ q: AuditedQuote, source: AuditedSource?) -> [String] {
    let v = q.verdict
    var lines = ["\(label(q)): “\(shorten(q.quote.text, to: 200))”"]
    if v.status != .verified {
      for e in v.edits { lines.append(edit(e)) }
    }
    switch v.status {
    case .notFound:
      lines.append(v.passage.map { "closest passage: “\(shorten($0, to: 300))”" } ?? v.detail)
    case .altered, .spliced:
      if let passage = v.passage { lines.append("page: “\(shorten(passage, to: 300))”") }
    case .outsideArticle:
      if let passage = v.passage { lines.append("found only in \(v.detail): “\(shorten(passage, to: 300))”") }
    case .uncheckable, .tooShort:
      lines.append(v.detail)
    case .verified: break
    }
    if let url = q.quote.source { lines.append("source: \(url)") }
    if let health = unhealthy(source, unless: v) { lines.append("link: \(health)") }
    return lines
  }

  /// `note “not” → page “always” (negation, material)`.
  static func edit(_ e: QuoteEdit) -> String {
    let note = e.quoteWords.isEmpty ? "(nothing)" : "“\(e.quoteWords.joined(separator: " "))”"
    let page = e.pageWords.isEmpty ? "(nothing)" : "“\(e.pageWords.joined(separator: " "))”"
    var classes = e.classes
    if e.isMaterial { classes.append("material") }
    return "note \(note) → page \(page)" + (classes.isEmpty ? "" : " (\(classes.joined(separator: ", ")))")
  }
}
