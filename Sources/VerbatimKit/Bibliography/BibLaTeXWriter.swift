/// Writes `.bib` files in two flavours: biblatex (UTF-8, `@online`, `date`, `urldate`; for biber, pandoc,
/// typst and Obsidian) and plain BibTeX (7-bit ASCII, `@misc` with `\url`, `year` and `month`; for classic
/// `.bst` styles).
///
/// Exists because the two flavours share escaping and names but differ in entry types and fields; the
/// mapping is ../shared/design/bibliography.md §3.
public enum BibLaTeXWriter {
  public enum Flavour: Sendable { case biblatex, bibtex }

  public static func render(_ references: [Reference], flavour: Flavour = .biblatex) -> String {
    let header =
      flavour == .biblatex
      ? "% biblatex, UTF-8. Written by Verbatim: capitalised title words are brace-protected, url and doi raw.\n"
      : "% Plain BibTeX, ASCII. Written by Verbatim. The document needs \\usepackage{url}.\n"
    return header + references.map { "\n" + entry($0, flavour: flavour) }.joined()
  }

  static func entry(_ r: Reference, flavour: Flavour) -> String {
    let ascii = flavour == .bibtex
    var fields: [(String, String)] = []
    func add(_ name: String, _ value: String?) {
      guard let value, !value.isEmpty else { return }
      fields.append((name, value))
    }
    func text(_ value: String?) -> String? { value.map { TeXText.literal($0, ascii: ascii) } }
    let type: String
    if !r.authors.isEmpty { add("author", names(r.authors, ascii: ascii)) }
    if flavour == .biblatex, r.authors.contains(where: { if case .person(let p) = $0 { p.particle != nil } else { false } }) {
      add("options", "useprefix=true")
    }
    add("title", TeXText.title(r.title, ascii: ascii))
    let url = r.url.map(verbatim)
    let accessed = r.accessed?.dayString
    switch flavour {
    case .biblatex:
      switch r.kind {
      case .webpage, .blogPost:
        type = "online"
        add("organization", text(r.container ?? r.publisher))
      case .newspaperArticle, .magazineArticle:
        type = "article"
        add("journaltitle", text(r.container))
        add("entrysubtype", r.kind == .newspaperArticle ? "newspaper" : "magazine")
      case .journalArticle:
        type = "article"
        add("journaltitle", text(r.container))
      case .report:
        type = "report"
        add("type", text(r.genre ?? "Report"))
        add("number", text(r.number))
        add("note", text(r.series))
        add("institution", text(r.publisher ?? r.container))
        add("location", text(r.place))
      }
      add("date", r.issued?.dayString)
      add("urldate", accessed)
      add("doi", r.doi.map(verbatim))
      add("url", url)
      add("langid", r.language.flatMap(babelLanguage))
    case .bibtex:
      let seen = accessed.map { "Accessed " + $0 }
      func note(_ lead: String?) -> String? {
        let parts = [lead.map { TeXText.literal($0, ascii: true) }, seen].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ". ")
      }
      if r.authors.isEmpty {
        // BibTeX sorts by author; without one, `key` is what it sorts and labels by.
        add("key", TeXText.escape(r.container ?? r.publisher ?? r.title, ascii: true))
      }
      func dates() {
        add("year", r.issued.map { String($0.year) })
        if let month = r.issued?.month { fields.append(("month", monthMacros[month - 1])) }
      }
      switch r.kind {
      case .webpage, .blogPost:
        type = "misc"
        add("howpublished", url.map { "\\url{\($0)}" })
        let site = r.container ?? r.publisher
        add("note", note(r.kind == .blogPost ? ["Blog post", site].compactMap { $0 }.joined(separator: ", ") : site))
        dates()
      case .newspaperArticle, .magazineArticle, .journalArticle:
        type = "article"
        add("journal", text(r.container))
        dates()
        add("doi", r.doi.map(verbatim))
        add("note", [url.map { "\\url{\($0)}" }, seen].compactMap { $0 }.joined(separator: ". "))
      case .report:
        type = "techreport"
        add("institution", text(r.publisher ?? r.container))
        add("address", text(r.place))
        add("type", text(r.genre ?? "Report"))
        add("number", text(r.number))
        dates()
        add("doi", r.doi.map(verbatim))
        let link = r.doi.map { "https://doi.org/" + verbatim($0) } ?? url
        add("note", [link.map { "\\url{\($0)}" }, seen].compactMap { $0 }.joined(separator: ". "))
      }
    }
    var out = "@\(type){\(r.key),\n"
    for (name, value) in fields {
      let padding = String(repeating: " ", count: max(1, 13 - name.count))
      let written = name == "month" && flavour == .bibtex ? value : "{" + value + "}"
      out += "  \(name)\(padding)= \(written),\n"
    }
    return out + "}\n"
  }

  /// `de Vries, Pieter and O'Connor, Siobhán and {{OECD}}`: persons as "particle family, suffix, given"
  /// (BibTeX's von-Last-Jr-First), organisations in double braces so " and " and commas stay theirs.
  static func names(_ names: [ReferenceName], ascii: Bool) -> String {
    names.map { name -> String in
      switch name {
      case .organisation(let literal):
        return "{" + TeXText.escape(literal, ascii: ascii) + "}"
      case .person(let p):
        func part(_ s: String) -> String {
          let escaped = TeXText.escape(s, ascii: ascii)
          // A part holding the word "and" or a comma would be split: protect it.
          let words = s.lowercased().split(separator: " ")
          return words.contains("and") || s.contains(",") ? "{" + escaped + "}" : escaped
        }
        var text = [p.particle.map { TeXText.escape($0, ascii: ascii) }, part(p.family)].compactMap { $0 }
          .joined(separator: " ")
        if let suffix = p.suffix { text += ", " + part(suffix) }
        if let given = p.given { text += ", " + part(given) }
        return text
      }
    }.joined(separator: " and ")
  }

  /// A value for a verbatim field (`url`, `doi`): raw, but never with whitespace, a backslash or a brace,
  /// which would end or break the field.
  static func verbatim(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case " ": out += "%20"
      case "{": out += "%7B"
      case "}": out += "%7D"
      case "\\": out += "%5C"
      case "\t", "\n", "\r": continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static let monthMacros = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

  /// The babel name biblatex's `langid` expects for a BCP 47 tag; nil when unknown (then none is written).
  static func babelLanguage(_ tag: String) -> String? {
    let lower = tag.lowercased()
    if let exact = babel[lower] { return exact }
    return babel[String(lower.prefix { $0 != "-" && $0 != "_" })]
  }

  private static let babel: [String: String] = [
    "en": "english", "en-us": "american", "en-gb": "british", "en-au": "australian", "en-ca": "canadian",
    "en-nz": "newzealand", "de": "ngerman", "de-at": "naustrian", "de-ch": "nswissgerman", "fr": "french",
    "es": "spanish", "it": "italian", "pt": "portuguese", "pt-br": "brazilian", "nl": "dutch", "sv": "swedish",
    "da": "danish", "nb": "norsk", "no": "norsk", "nn": "nynorsk", "fi": "finnish", "pl": "polish", "cs": "czech",
    "sk": "slovak", "sl": "slovene", "hr": "croatian", "hu": "magyar", "ro": "romanian", "ru": "russian",
    "uk": "ukrainian", "el": "greek", "tr": "turkish", "ca": "catalan", "eu": "basque", "gl": "galician",
    "ga": "irish", "cy": "welsh", "is": "icelandic", "et": "estonian", "lv": "latvian", "lt": "lithuanian",
    "he": "hebrew", "ar": "arabic",
    "id": "indonesian", "ms": "malay", "vi": "vietnamese",
  ]
}
