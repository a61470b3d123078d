/// Renders extraction results for `verbatim extract`: the JSON contract (one object per page, keys as
/// `eval_peers.py` and the bibliography stage read them) or a short text summary.
///
/// Empty fields are omitted, never guessed or written as empty strings.
public enum ExtractReport {
  public static func json(_ page: ExtractedPage, id: String? = nil, blocks: Bool = false, pretty: Bool = false)
    -> [UInt8]
  {
    var w = JSONWriter(pretty: pretty)
    let m = page.metadata
    w.beginObject()
    if let id { w.field("id", id) }
    if let title = m.title { w.field("title", title) }
    if !m.authors.isEmpty {
      w.field("authors", strings: m.authors.map(\.name))
      w.key("author_details")
      w.beginArray()
      for author in m.authors {
        w.beginObject()
        w.field("name", author.name)
        w.field("affiliations", strings: author.affiliations)
        w.field("organisation", author.isOrganisation)
        w.field("provenance", author.provenance)
        w.endObject()
      }
      w.endArray()
    }
    if let date = m.published { w.field("date", date.iso) }
    if let date = m.modified { w.field("modified", date.iso) }
    if let v = m.siteName { w.field("site_name", v) }
    if let v = m.publisher { w.field("publisher", v) }
    if let v = m.language { w.field("language", v) }
    if let v = m.canonicalURL { w.field("canonical_url", v) }
    if let v = m.description { w.field("description", v) }
    if let v = m.doi { w.field("doi", v) }
    if let v = m.type { w.field("type", v.rawValue) }
    if let v = m.isAccessibleForFree { w.field("is_accessible_for_free", v) }
    if let v = m.section { w.field("section", v) }
    let main = page.text.mainText
    if !main.isEmpty { w.field("text", main) }
    w.key("provenance")
    w.beginObject()
    for key in m.provenance.keys.sorted() {
      w.key(dynamic: key)
      w.value(m.provenance[key])
    }
    w.endObject()
    w.field("charset", page.charset)
    w.field("charset_rule", page.charsetRule)
    if let limit = page.truncatedAt { w.field("truncated_at", limit) }
    if blocks {
      w.key("blocks")
      w.beginArray()
      for block in page.text.blocks {
        w.beginObject()
        w.field("kind", block.kind.rawValue)
        w.field("role", block.role.rawValue)
        w.field("main", block.isMain)
        w.field("offset", block.offset)
        w.field("text", block.text)
        w.endObject()
      }
      w.endArray()
      if let body = page.articleBody { w.field("article_body", body) }
    }
    w.endObject()
    var bytes: [UInt8] = []
    w.drain { bytes.append(contentsOf: $0) }
    return bytes
  }

  public static func text(_ page: ExtractedPage) -> String {
    let m = page.metadata
    var lines: [String] = []
    func line(_ label: String, _ value: String?, _ field: String) {
      guard let value, !value.isEmpty else { return }
      let rule = m.provenance[field].map { "  [\($0)]" } ?? ""
      lines.append("\(label.padding(12))\(value)\(rule)")
    }
    line("Title", m.title, "title")
    line(
      "Authors",
      m.authors.isEmpty
        ? nil
        : m.authors.map { a in
          a.affiliations.isEmpty ? a.name : "\(a.name) (\(a.affiliations.joined(separator: "; ")))"
        }.joined(separator: ", "), "authors")
    line("Published", m.published?.iso, "date")
    line("Modified", m.modified?.iso, "modified")
    line("Site", m.siteName, "site_name")
    line("Publisher", m.publisher, "publisher")
    line("Language", m.language, "language")
    line("Type", m.type?.rawValue, "type")
    line("Canonical", m.canonicalURL, "canonical_url")
    line("DOI", m.doi, "doi")
    line("Section", m.section, "section")
    if let limit = page.truncatedAt {
      lines.append("Note        page longer than \(limit) bytes: only its start was read")
    }
    let main = page.text.blocks.filter(\.isMain)
    let words = main.reduce(0) { $0 + $1.text.split(separator: " ").count }
    lines.append("Main text   \(main.count) blocks, \(words) words (of \(page.text.blocks.count) visible blocks)")
    lines.append("")
    lines.append(page.text.mainText)
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
