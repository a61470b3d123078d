/// Writes CSL-JSON (`refs.json`), the bibliography format pandoc, Zotero, citeproc processors and
/// Obsidian citation plugins read most faithfully.
///
/// Exists apart from the `.bib` writers because CSL-JSON needs no escaping beyond JSON and keeps the title
/// exactly as published; it is checked against the CSL data schema (`URL`, not `url`; names as objects;
/// dates as integer `date-parts`). Organisation authors carry the form Obsidian's citation plugin can print
/// (`literal` plus the same `family`), and `custom.verbatim-provenance` records where each value came from.
public enum CSLJSONWriter {
  public static func render(_ references: [Reference]) -> String {
    var json = JSONWriter(pretty: true)
    json.beginArray()
    for r in references { write(r, into: &json) }
    json.endArray()
    json.newline()
    return json.output
  }

  static func type(_ kind: Reference.Kind) -> String {
    switch kind {
    case .webpage: "webpage"
    case .blogPost: "post-weblog"
    case .newspaperArticle: "article-newspaper"
    case .magazineArticle: "article-magazine"
    case .report: "report"
    case .journalArticle: "article-journal"
    }
  }

  static func write(_ r: Reference, into json: inout JSONWriter) {
    json.beginObject()
    json.field("id", r.key)
    json.field("citation-key", r.key)
    json.field("type", type(r.kind))
    json.field("title", Reference.singleLine(r.title))
    if !r.authors.isEmpty {
      json.key("author")
      json.beginArray()
      for name in r.authors {
        json.beginObject()
        switch name {
        case .organisation(let literal):
          let name = Reference.singleLine(literal)
          json.field("literal", name)
          json.field("family", name)
          json.field("given", "")
        case .person(let p):
          json.field("family", Reference.singleLine(p.family))
          optional("given", p.given, &json)
          optional("non-dropping-particle", p.particle, &json)
          optional("suffix", p.suffix, &json)
        }
        json.endObject()
      }
      json.endArray()
    }
    optional("container-title", r.container, &json)
    optional("section", r.section, &json)
    optional("publisher", r.publisher, &json)
    optional("publisher-place", r.place, &json)
    optional("collection-title", r.series, &json)
    optional("number", r.number, &json)
    optional("genre", r.genre, &json)
    date("issued", r.issued, &json)
    date("accessed", r.accessed, &json)
    optional("DOI", r.doi, &json)
    optional("URL", r.url, &json)
    optional("language", r.language, &json)
    if !r.provenance.isEmpty {
      json.key("custom")
      json.beginObject()
      json.key("verbatim-provenance")
      json.beginObject()
      for field in r.provenance.keys.sorted() { json.field(dynamic: field, r.provenance[field]) }
      json.endObject()
      json.endObject()
    }
    json.endObject()
  }

  /// A text variable on one line (CSL-JSON processors print line breaks raw), left out when empty.
  private static func optional(_ name: StaticString, _ value: String?, _ json: inout JSONWriter) {
    guard let value = value.map(Reference.singleLine), !value.isEmpty else { return }
    json.field(name, value)
  }

  private static func date(_ name: StaticString, _ date: ReferenceDate?, _ json: inout JSONWriter) {
    guard let date else { return }
    json.key(name)
    json.beginObject()
    json.key("date-parts")
    json.beginArray()
    json.beginArray()
    json.value(date.year)
    if let month = date.month {
      json.value(month)
      if let day = date.day { json.value(day) }
    }
    json.endArray()
    json.endArray()
    json.endObject()
  }
}

extension JSONWriter {
  mutating func field(dynamic name: String, _ string: String?) {
    key(dynamic: name)
    value(string)
  }
}
