/// Renders a vault's harvest for `verbatim scan`: a readable text listing, or the stable JSON
/// contract (`"schema": 1`, documented in the README).
public enum ScanReport {
  public static let schemaVersion = 1

  /// The whole JSON document in one buffer (tests, small vaults).
  public static func json(_ harvest: VaultHarvest, pretty: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    writeJSON(harvest, pretty: pretty) { out.append(contentsOf: $0) }
    return out
  }

  /// Streams the JSON document to `sink` in chunks of about a megabyte, so a large vault's
  /// output is never held whole in memory.
  public static func writeJSON(
    _ harvest: VaultHarvest, pretty: Bool = false, to sink: (ArraySlice<UInt8>) -> Void
  ) {
    // Each note's links and quotes are encoded in parallel (each writer's first byte is its
    // array's `[`, left out when spliced), then streamed in order.
    let encoded = ParallelMap.map(harvest.notes) { note -> (links: [UInt8], quotes: [UInt8]) in
      var links = JSONWriter(pretty: false, capacity: note.links.count * 256)
      links.beginArray()
      for link in note.links { write(link, to: &links) }
      var quotes = JSONWriter(pretty: false, capacity: note.quotes.count * 512)
      quotes.beginArray()
      for quote in note.quotes { write(quote, to: &quotes) }
      return (links.bytes, quotes.bytes)
    }
    let chunk = 1 << 20
    var w = JSONWriter(pretty: pretty, capacity: chunk + (1 << 16))
    w.beginObject()
    w.field("schema", schemaVersion)
    w.field("vault", harvest.vault)
    w.key("notes")
    w.beginArray()
    for note in harvest.notes {
      w.beginObject()
      w.field("path", note.path)
      w.field("links", note.links.count)
      w.field("quotes", note.quotes.count)
      w.endObject()
    }
    w.endArray()
    w.key("links")
    w.beginArray()
    if pretty {
      for note in harvest.notes { for link in note.links { write(link, to: &w) } }
    } else {
      for (i, note) in harvest.notes.enumerated() {
        w.elements(encoded[i].links.dropFirst(), count: note.links.count)
        if w.bytes.count >= chunk { w.drain(to: sink) }
      }
    }
    w.endArray()
    w.key("quotes")
    w.beginArray()
    if pretty {
      for note in harvest.notes { for quote in note.quotes { write(quote, to: &w) } }
    } else {
      for (i, note) in harvest.notes.enumerated() {
        w.elements(encoded[i].quotes.dropFirst(), count: note.quotes.count)
        if w.bytes.count >= chunk { w.drain(to: sink) }
      }
    }
    w.endArray()
    w.key("totals")
    writeTotals(Totals(harvest), to: &w)
    w.field("diagnostics", diagnostics: harvest.allDiagnostics)
    w.endObject()
    w.newline()
    w.drain(to: sink)
  }

  static func write(_ link: Link, to w: inout JSONWriter) {
    w.beginObject()
    w.field("url", link.url)
    w.field("key", link.key)
    w.field("note", link.note)
    w.field("line", link.position.line)
    w.field("column", link.position.column)
    w.field("kind", link.kind.rawValue)
    w.field("text", link.text)
    w.field("internal", link.isInternal)
    w.field("scheme", link.scheme.rawValue)
    w.field("field", link.field)
    w.field("flags", strings: link.flags.map(\.rawValue))
    w.endObject()
  }

  static func write(_ quote: Quote, to w: inout JSONWriter) {
    w.beginObject()
    w.field("id", quote.id)
    w.field("note", quote.note)
    w.field("line", quote.start.line)
    w.field("column", quote.start.column)
    w.field("end_line", quote.end.line)
    w.field("end_column", quote.end.column)
    w.field("kind", quote.kind.rawValue)
    w.field("text", quote.text)
    w.field("source", quote.source)
    w.field("source_key", quote.sourceKey)
    w.field("attribution", quote.attribution.rawValue)
    w.field("speaker", quote.speaker)
    w.field("checkable", quote.checkable)
    w.field("emphasis", quote.hadEmphasis)
    w.field("callout", quote.callout)
    w.key("fragment")
    if let d = quote.directive {
      w.beginObject()
      w.field("prefix", d.prefix)
      w.field("start", d.start)
      w.field("end", d.end)
      w.field("suffix", d.suffix)
      w.endObject()
    } else {
      w.null()
    }
    w.endObject()
  }

  /// Counts over a harvest, shown at the end of both formats.
  public struct Totals: Sendable, Equatable {
    public var notes = 0, links = 0, externalLinks = 0, sources = 0, internalLinks = 0
    public var nonWebLinks = 0, quotes = 0, checkableQuotes = 0, attributedQuotes = 0, warnings = 0

    public init(_ harvest: VaultHarvest) {
      notes = harvest.notes.count
      var keys = Set<String>()
      for note in harvest.notes {
        links += note.links.count
        for link in note.links {
          if link.isInternal {
            internalLinks += 1
          } else if link.scheme == .web {
            externalLinks += 1
            if let key = link.key { keys.insert(key) }
          } else if link.scheme == .nonWeb || link.scheme == .mailto {
            nonWebLinks += 1
          }
        }
        quotes += note.quotes.count
        checkableQuotes += note.quotes.filter(\.checkable).count
        attributedQuotes += note.quotes.filter { $0.source != nil }.count
      }
      sources = keys.count
      warnings = harvest.allDiagnostics.count
    }
  }

  private static func writeTotals(_ t: Totals, to w: inout JSONWriter) {
    w.beginObject()
    w.field("notes", t.notes)
    w.field("links", t.links)
    w.field("external_links", t.externalLinks)
    w.field("sources", t.sources)
    w.field("internal_links", t.internalLinks)
    w.field("non_web_links", t.nonWebLinks)
    w.field("quotes", t.quotes)
    w.field("checkable_quotes", t.checkableQuotes)
    w.field("attributed_quotes", t.attributedQuotes)
    w.field("warnings", t.warnings)
    w.endObject()
  }

  /// Per note, its links and quotes with their attribution, then totals.
  public static func text(_ harvest: VaultHarvest) -> String {
    var out = ""
    for note in harvest.notes {
      out += "\(note.path)\n"
      for link in note.links {
        var line = "  \(link.position.line):\(link.position.column)\tlink  \(link.kind.rawValue)"
        if let field = link.field { line += "[\(field)]" }
        line += "  \(link.url)"
        if !link.flags.isEmpty { line += "  (\(link.flags.map(\.rawValue).joined(separator: ", ")))" }
        out += line + "\n"
      }
      for quote in note.quotes {
        let words = quote.text.count > 72 ? String(quote.text.prefix(71)) + "…" : quote.text
        let shown = words.replacingOccurrences(of: "\n", with: " ¶ ")
        out +=
          "  \(quote.start.line):\(quote.start.column)\tquote \(quote.kind.rawValue)\(quote.checkable ? "" : " (too short)")  “\(shown)”\n"
        if let source = quote.source {
          out += "\t  ← \(source)  [\(quote.attribution.rawValue)]"
        } else {
          out += "\t  ← no source"
        }
        if let speaker = quote.speaker { out += "  — \(speaker)" }
        out += "\n"
      }
      out += "\n"
    }
    let t = Totals(harvest)
    out +=
      "\(t.notes) notes · \(t.externalLinks) external links to \(t.sources) sources · \(t.internalLinks) internal · \(t.nonWebLinks) non-web · \(t.quotes) quotes (\(t.checkableQuotes) checkable, \(t.attributedQuotes) attributed)"
    if t.warnings > 0 { out += " · \(t.warnings) warnings" }
    return out + "\n"
  }
}
