/// Renders quote verdicts for `verbatim verify`: a text line per quote, or JSON
/// (`{"schema":1,"source":…,"quotes":[…]}`).
public enum VerifyReport {
  public static let schemaVersion = 1

  public static func json(source: String, quotes: [(quote: String, verdict: QuoteVerdict)], pretty: Bool = false)
    -> [UInt8]
  {
    var w = JSONWriter(pretty: pretty)
    w.beginObject()
    w.field("schema", schemaVersion)
    w.field("source", source)
    w.key("quotes")
    w.beginArray()
    for (quote, v) in quotes {
      w.beginObject()
      w.field("quote", quote)
      w.field("status", v.status.rawValue)
      w.field("detail", v.detail)
      w.field("differences", strings: v.differences)
      w.key("edits")
      w.beginArray()
      for edit in v.edits {
        w.beginObject()
        w.field("kind", edit.kind)
        w.field("quote", edit.quoteWords.joined(separator: " "))
        w.field("page", edit.pageWords.joined(separator: " "))
        w.field("classes", strings: edit.classes)
        w.field("material", edit.isMaterial)
        w.endObject()
      }
      w.endArray()
      w.field("view", v.view?.rawValue)
      w.field("passage", v.passage)
      if let range = v.range {
        w.field("start", range.lowerBound)
        w.field("end", range.upperBound)
      }
      w.field("occurrences", v.occurrences)
      if let anchor = v.anchor {
        w.key("anchor")
        w.beginObject()
        w.anchorMembers(anchor)
        w.field("fragment_url", isWeb(source) ? anchor.fragmentURL(for: source) : nil)
        w.endObject()
      }
      w.endObject()
    }
    w.endArray()
    w.endObject()
    var bytes: [UInt8] = []
    w.drain { bytes.append(contentsOf: $0) }
    bytes.append(0x0A)
    return bytes
  }

  static func isWeb(_ source: String) -> Bool { SourceFetcher.isWebURL(source) }

  public static func text(source: String, quotes: [(quote: String, verdict: QuoteVerdict)]) -> String {
    var lines = [source]
    for (quote, v) in quotes {
      let short = quote.count > 80 ? String(quote.prefix(79)) + "…" : quote
      var line = "  \(v.status.rawValue) (\(v.detail))  “\(short)”"
      if !v.differences.isEmpty { line += "  [\(v.differences.joined(separator: ", "))]" }
      lines.append(line)
      for edit in v.edits where edit.kind != "match" {
        let mark = edit.isMaterial ? "!" : "~"
        lines.append(
          "    \(mark) \(edit.kind): note “\(edit.quoteWords.joined(separator: " "))” page “\(edit.pageWords.joined(separator: " "))”"
            + (edit.classes.isEmpty ? "" : "  (\(edit.classes.joined(separator: ", ")))"))
      }
      if let url = v.anchor?.fragmentURL(for: source), isWeb(source) { lines.append("    \(url)") }
      if let passage = v.passage, v.status != .verified {
        lines.append("    page: “\(passage.count > 200 ? String(passage.prefix(199)) + "…" : passage)”")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
