public import Foundation

/// The audit as one versioned JSON object: the contract for other tools (documented in docs/audit.md,
/// validated by docs/audit.schema.json).
public enum AuditJSON {
  public static let schemaVersion = 1

  public static func render(_ report: AuditReport, pretty: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    write(report, pretty: pretty) { out.append(contentsOf: $0) }
    return out
  }

  /// The same bytes, handed to `sink` in pieces of about 1 MB as they are written, so a 100,000-note
  /// report (150 MB) is never held whole in memory.
  public static func write(_ report: AuditReport, pretty: Bool = false, to sink: (ArraySlice<UInt8>) -> Void) {
    var w = JSONWriter(pretty: pretty, capacity: 1 << 20)
    w.beginObject()
    w.field("schema", schemaVersion)
    w.field("generated_at", timestamp(report.generatedAt))
    w.field("vault", report.vault)
    w.field("notes", strings: report.notes)
    summary(report.summary, &w)
    w.key("sources")
    w.beginArray()
    elements(report.sources, encode: source, into: &w, pretty: pretty, sink: sink)
    w.endArray()
    w.key("quotes")
    w.beginArray()
    elements(report.quotes, encode: quote, into: &w, pretty: pretty, sink: sink)
    w.endArray()
    w.field("diagnostics", diagnostics: report.diagnostics)
    w.endObject()
    w.newline()
    w.drain(to: sink)
  }

  /// Writes `items` as array elements, handing `w`'s bytes to `sink` whenever a megabyte has gathered.
  /// Compact output is encoded on every core, in batches of 512 items
  /// within windows of 16,384 (so only a window's bytes wait in memory), then spliced in order; indented
  /// output is written in place (its indentation depends on the position).
  private static func elements<T: Sendable>(
    _ items: [T], encode: @escaping @Sendable (T, inout JSONWriter) -> Void, into w: inout JSONWriter,
    pretty: Bool, sink: (ArraySlice<UInt8>) -> Void
  ) {
    func flush() { if w.bytes.count >= 1 << 20 { w.drain(to: sink) } }
    guard !pretty, items.count > 512 else {
      for item in items {
        encode(item, &w)
        flush()
      }
      return
    }
    for window in stride(from: 0, to: items.count, by: 16_384) {
      let end = min(window + 16_384, items.count)
      let batches = stride(from: window, to: end, by: 512).map { $0..<min($0 + 512, end) }
      let encoded = ParallelMap.map(batches) { range -> [UInt8] in
        var batch = JSONWriter(pretty: false, capacity: range.count * 1024)
        batch.beginArray()
        for item in items[range] { encode(item, &batch) }
        return batch.bytes
      }
      for (k, range) in batches.enumerated() {
        w.elements(encoded[k].dropFirst(), count: range.count)  // without the batch's own `[`
        flush()
      }
    }
  }

  static func timestamp(_ date: Date) -> String { JSONWriter.timestamp(date) }

  private static func summary(_ s: AuditSummary, _ w: inout JSONWriter) {
    w.key("summary")
    w.beginObject()
    w.field("notes", s.notes)
    w.field("sources", s.sources)
    w.field("quotes", s.quotes)
    w.field("verified", s.verified)
    w.field("altered", s.altered)
    w.field("altered_material", s.material)
    w.field("not_found", s.notFound)
    w.field("uncheckable", s.uncheckable)
    w.field("too_short", s.tooShort)
    w.field("outside_article", s.outsideArticle)
    w.field("spliced", s.spliced)
    w.field("dead_links", s.deadLinks)
    w.field("unreachable_links", s.unreachable)
    w.field("conflicts", s.conflicts)
    w.endObject()
  }

  private static func optional(_ name: StaticString, _ value: Int?, _ w: inout JSONWriter) {
    w.key(name)
    if let value { w.value(value) } else { w.null() }
  }

  private static func source(_ s: AuditedSource, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("url", s.url)
    w.field("key", s.key)
    w.field("final_url", s.finalURL)
    w.field("health", s.health.status.rawValue)
    w.field("health_detail", s.health.detail)
    w.field("redirects", strings: s.redirects.map(\.url))
    optional("http_status", s.httpStatus, &w)
    w.field("captured_at", s.capturedAt.map(timestamp))
    w.field("sha256", s.sha256)
    w.field("unreadable", s.unreadable)
    w.field("title", s.title)
    w.key("authors")
    w.beginArray()
    for author in s.authors {
      w.beginObject()
      w.field("name", author.name)
      w.field("organisation", author.isOrganisation)
      w.key("affiliations")
      w.beginArray()
      for a in author.affiliations { affiliation(a, &w) }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.field("date", s.date)
    w.field("site_name", s.siteName)
    w.field("publisher", s.publisher)
    w.field("type", s.type)
    w.key("credibility")
    if let c = s.credibility {
      w.beginObject()
      w.field("site_owner", c.siteOwner)
      w.field("site_kind", c.siteKind)
      w.field("page_type", c.pageType)
      w.key("labels")
      w.beginArray()
      for label in c.labels {
        w.beginObject()
        w.field("label", label.label)
        w.field("scope", label.scope)
        w.field("source", label.source)
        w.field("date", label.date)
        w.field("rule", label.rule)
        w.endObject()
      }
      w.endArray()
      w.field("signals", strings: c.signals)
      w.field("no_registry_data", c.noRegistryData)
      w.endObject()
    } else {
      w.null()
    }
    w.key("cited_by")
    w.beginArray()
    for c in s.citedBy {
      w.beginObject()
      w.field("note", c.note)
      w.field("line", c.line)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  private static func affiliation(_ a: Affiliation, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("org", a.organisation)
    w.field("role", a.role)
    w.field("provenance", a.provenance)
    w.endObject()
  }

  private static func quote(_ q: AuditedQuote, _ w: inout JSONWriter) {
    let v = q.verdict
    w.beginObject()
    w.field("id", q.quote.id)
    w.field("note", q.quote.note)
    w.field("line", q.quote.start.line)
    w.field("column", q.quote.start.column)
    w.field("kind", q.quote.kind.rawValue)
    w.field("text", q.quote.text)
    w.field("source", q.quote.source)
    w.field("source_key", q.quote.sourceKey)
    w.field("attribution", q.quote.attribution.rawValue)
    w.field("verdict", v.status.rawValue)
    w.field("detail", v.detail)
    w.field("material", v.status == .altered && v.edits.contains(where: \.isMaterial))
    w.key("differences")
    w.beginArray()
    for d in v.differences {
      w.beginObject()
      w.field("class", d)
      w.field("kind", "typography")
      w.key("note")
      w.null()
      w.key("page")
      w.null()
      w.field("material", false)
      w.endObject()
    }
    for edit in v.edits {
      w.beginObject()
      w.field("class", edit.classes.first { EditClass.isMaterial($0) } ?? edit.classes.first ?? "other")
      w.field("kind", edit.kind)
      w.field("note", edit.quoteWords.joined(separator: " "))
      w.field("page", edit.pageWords.joined(separator: " "))
      w.field("material", edit.isMaterial)
      w.field("classes", strings: edit.classes)
      w.endObject()
    }
    w.endArray()
    w.field("view", v.view?.rawValue)
    w.field("matched_text", v.passage)
    w.field("occurrences", v.occurrences)
    w.field("fragment_url", q.fragmentURL)
    w.key("anchor")
    if let anchor = v.anchor {
      w.beginObject()
      w.anchorMembers(anchor)
      w.endObject()
    } else {
      w.null()
    }
    let a = q.annotations
    w.key("annotations")
    w.beginObject()
    w.field("speaker", a.speaker ?? q.quote.speaker)
    w.field("speaker_id", a.speakerID)
    w.field("no_registry_data", a.noRegistryData)
    w.key("affiliations")
    w.beginArray()
    for affiliation in a.affiliations { self.affiliation(affiliation, &w) }
    w.endArray()
    w.key("conflicts")
    w.beginArray()
    for conflict in a.conflicts {
      w.beginObject()
      w.field("kind", conflict.kind.rawValue)
      w.field("summary", conflict.summary)
      w.field("evidence", strings: conflict.evidence)
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.endObject()
  }
}

/// Edit class names, for renderers that only have the strings.
enum EditClass {
  static func isMaterial(_ name: String) -> Bool { WordEdit.Class(rawValue: name)?.isMaterial ?? false }
}
