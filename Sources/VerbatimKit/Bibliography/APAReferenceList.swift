/// An APA-style (7th edition) reference list in Markdown, sorted, for pasting into a note.
///
/// Exists for the reader who needs a readable list rather than a file for a citation processor: each
/// entry is one paragraph (author, date, title, site, URL), with Markdown's special characters escaped so
/// a title with `*` or `[` stays text.
public enum APAReferenceList {
  public static func render(_ references: [Reference]) -> String {
    let sorted = references.sorted { a, b in
      let x = sortKey(a), y = sortKey(b)
      return x != y ? x < y : a.key < b.key
    }
    return sorted.map { entry($0) + "\n" }.joined(separator: "\n")
  }

  /// APA 9.44–9.46: by every author's family name and initials in turn (so a single author comes before
  /// the same author with others), then by year, then by title; a work without author by its title.
  static func sortKey(_ r: Reference) -> String {
    let names = r.authors.map { name -> String in
      switch name {
      case .organisation(let literal): CitationKey.fold(literal)
      case .person(let p): CitationKey.fold(name.sortName) + " " + CitationKey.fold(initials(p.given ?? ""))
      }
    }
    let lead = names.isEmpty ? CitationKey.fold(r.title) : names.joined(separator: " ")
    return lead + "  " + (r.issued.map { String($0.year) } ?? "0000") + " " + CitationKey.fold(r.title)
  }

  static func entry(_ r: Reference) -> String {
    var parts: [String] = []
    let title = escape(r.title)
    // Works in a periodical (a newspaper, magazine, journal or blog) have a plain title and an italic
    // periodical; stand-alone works (a web page, a report) an italic title.
    let periodical = [.newspaperArticle, .magazineArticle, .journalArticle, .blogPost].contains(r.kind)
    let italicTitle = periodical ? title : "*" + title + "*"
    // Reports and journal articles are dated by year; news, magazines, blogs and web pages by day.
    let dated = r.kind == .report || r.kind == .journalArticle ? r.issued.map { ReferenceDate(year: $0.year) } : r.issued
    var titlePart = italicTitle
    if r.kind == .report, let number = r.number {
      titlePart += " (" + escape([r.genre ?? "Report", "No. " + number].joined(separator: " ")) + ")"
    }
    if r.authors.isEmpty {
      parts.append(ending(titlePart))
      parts.append(ending("(" + date(dated) + ")"))
    } else {
      parts.append(ending(authors(r.authors)))
      parts.append(ending("(" + date(dated) + ")"))
      parts.append(ending(titlePart))
    }
    let authorNames = Set(r.authors.map(\.sortName))
    switch r.kind {
    case .newspaperArticle, .magazineArticle, .journalArticle, .blogPost:
      if let container = r.container ?? (r.kind == .blogPost ? r.publisher : nil) {
        parts.append(ending("*" + escape(container) + "*"))
      }
    case .report:
      if let publisher = r.publisher ?? r.container, !authorNames.contains(publisher) {
        parts.append(ending(escape(publisher)))
      }
    case .webpage:
      if let site = r.container ?? r.publisher, !authorNames.contains(site) { parts.append(ending(escape(site))) }
    }
    if let doi = r.doi {
      parts.append("<https://doi.org/" + doi + ">")
    } else if let url = r.url {
      parts.append("<" + url + ">")
    }
    // One paragraph per entry, whatever line breaks the values hold.
    return parts.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Adds the period APA puts after each element, unless the element already ends in one (or in `?`/`!`).
  private static func ending(_ text: String) -> String {
    let trimmed = text.hasSuffix("*") ? String(text.dropLast()) : text
    return trimmed.hasSuffix(".") || trimmed.hasSuffix("?") || trimmed.hasSuffix("!") ? text : text + "."
  }

  /// `Lefèvre, C.`, `de Vries, P., & O’Connor, S.`; up to 20 authors, then the first 19, an ellipsis and the last.
  static func authors(_ names: [ReferenceName]) -> String {
    var written = names.map(author)
    if written.count > 20 {
      written = Array(written.prefix(19)) + ["… " + written.last!]
      return written.joined(separator: ", ")
    }
    guard written.count > 1 else { return written.first ?? "" }
    return written.dropLast().joined(separator: ", ") + ", & " + written.last!
  }

  static func author(_ name: ReferenceName) -> String {
    switch name {
    case .organisation(let literal): return escape(literal)
    case .person(let p):
      var text = escape([p.particle, p.family].compactMap { $0 }.joined(separator: " "))
      if let given = p.given, !given.isEmpty { text += ", " + initials(given) }
      if let suffix = p.suffix { text += ", " + escape(suffix) }
      return text
    }
  }

  /// `Jean-Claude` → `J.-C.`, `Martin Luther` → `M. L.`
  static func initials(_ given: String) -> String {
    given.split(separator: " ").map { word in
      word.split(separator: "-").compactMap { $0.first.map { String($0) + "." } }.joined(separator: "-")
    }.joined(separator: " ")
  }

  static func date(_ date: ReferenceDate?) -> String {
    guard let date else { return "n.d." }
    var text = String(date.year)
    if let month = date.month {
      text += ", " + ReferenceDate.monthNames[month - 1]
      if let day = date.day { text += " \(day)" }
    }
    return text
  }

  /// Backslash-escapes the characters Markdown (and Obsidian) would read as markup.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      if "\\`*_[]<>#|~$=".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }
}
