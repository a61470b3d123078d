/// Chooses the page's headline among `<h1>`, structured data, OpenGraph and `<title>`.
///
/// Exists because the raw `<title>` carries site-name suffixes and SEO variants. The visible `<h1>` wins
/// when a declared title confirms it (equal, or the declared one starts with it); otherwise structured
/// data wins, and a `<title>` loses its suffix only when the suffix is the page's known site name.
enum TitleRule {
  static func choose(
    document: PageDocument, tags: HeadTags, article: StructuredArticle?, siteName: String?
  ) -> (String, String)? {
    var declared: [(String, String)] = []
    func add(_ value: String?, _ rule: String) {
      guard let value else { return }
      let clean = value.collapsingWhitespace()
      if !clean.isEmpty { declared.append((clean, rule)) }
    }
    add(article?.headline, "\(article?.source ?? "jsonld"):headline")
    add(tags.meta(["citation_title"])?.value, "citation_title")
    add(tags.meta(["og:title"])?.value, "og:title")
    add(tags.meta(["twitter:title"])?.value, "twitter:title")
    add(tags.meta(["dc.title", "dcterms.title"])?.value, "dc.title")
    add(tags.itemProperties.first { $0.name == "headline" }?.value, "microdata:headline")
    add(tags.title, "title")

    let headings = visibleHeadings(document)
    for heading in headings {
      let key = TitleText.key(heading)
      if let match = declared.first(where: { TitleText.key($0.0) == key }) {
        return (heading, "h1=\(match.1)")
      }
    }
    for heading in headings where heading.unicodeScalars.count >= 10 {
      let key = TitleText.key(heading)
      if let match = declared.first(where: { TitleText.startsWithSegment(TitleText.key($0.0), key) }) {
        return (heading, "h1<\(match.1)")
      }
    }
    // A headline that shares most of its words with a declared title is the same title, edited for
    // the page (declared titles are often SEO variants of the visible one).
    var best: (String, String, Double)?
    for heading in headings where !isSiteName(heading, siteName) {
      let words = TitleText.words(heading)
      guard words.count >= 3 else { continue }
      for (value, rule) in declared {
        let overlap = TitleText.overlap(words, TitleText.words(value))
        if overlap >= 0.6, overlap > (best?.2 ?? 0) { best = (heading, rule, overlap) }
      }
    }
    if let best { return (best.0, "h1~\(best.1)") }
    if let first = declared.first, first.1 != "title" {
      return (stripSiteName(first.0, siteName: siteName), first.1)
    }
    if let title = tags.title?.collapsingWhitespace(), !title.isEmpty {
      let stripped = stripSiteName(title, siteName: siteName)
      return (stripped, stripped == title ? "title" : "title-minus-site-name")
    }
    if let heading = headings.first { return (heading, "h1") }
    return nil
  }

  /// Visible `<h1>` texts (up to three), outside navigation.
  static func visibleHeadings(_ document: PageDocument) -> [String] {
    var result: [String] = []
    for h1 in document.elements(named: "h1") where !document.invisible[h1] {
      if document.ancestor(of: h1, named: ["nav", "footer", "aside"]) != nil { continue }
      let text = document.text(of: h1)
      if !text.isEmpty, text.unicodeScalars.count < 300 { result.append(text) }
      if result.count == 3 { break }
    }
    return result
  }

  /// `title` without a trailing or leading segment equal to `siteName` (" | Site", " - Site", "Site: ").
  static func stripSiteName(_ title: String, siteName: String?) -> String {
    guard let siteName, !siteName.isEmpty else { return title }
    let site = TitleText.key(siteName)
    let scalars = Array(title.unicodeScalars)
    let separators: Set<Unicode.Scalar> = ["|", "-", "\u{2013}", "\u{2014}", ":", "\u{00B7}", "\u{2022}", "/", "\u{00BB}", "\u{00AB}"]
    // Trailing: last separator surrounded by spaces.
    var i = scalars.count - 2
    while i > 0 {
      if separators.contains(scalars[i]), scalars[i - 1] == " " || scalars[i] == ":", scalars[i + 1] == " " {
        let head = String(String.UnicodeScalarView(scalars[..<i])).collapsingWhitespace()
        let tail = String(String.UnicodeScalarView(scalars[(i + 1)...])).collapsingWhitespace()
        if TitleText.key(tail) == site, !head.isEmpty { return stripSiteName(head, siteName: siteName) }
        if TitleText.key(head) == site, !tail.isEmpty, scalars[i] != ":" { return tail }
      }
      i -= 1
    }
    return title
  }
}

extension TitleRule {
  static func isSiteName(_ text: String, _ siteName: String?) -> Bool {
    guard let siteName else { return false }
    return TitleText.key(text) == TitleText.key(siteName)
  }
}

/// Title comparison keys: compatibility-normalised, case-folded, quotes and dashes unified, spaces collapsed.
enum TitleText {
  static func key(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var space = false
    for scalar in text.lowercased().unicodeScalars {
      var s = scalar
      switch scalar.value {
      case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4: s = "'"
      case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: s = "\""
      case 0x2010...0x2015, 0x2212: s = "-"
      default: break
      }
      if TextBuilder.isSpace(s) {
        space = true
        continue
      }
      if space, !out.isEmpty { out.append(" ") }
      space = false
      out.append(s)
    }
    return String(out)
  }

  /// Lowercased words; each CJK character counts as a word.
  static func words(_ text: String) -> [String] {
    var result: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in text.lowercased().unicodeScalars {
      let v = scalar.value
      let cjk = (0x3040...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0xAC00...0xD7AF).contains(v)
      if cjk {
        if !current.isEmpty { result.append(String(current)); current = String.UnicodeScalarView() }
        result.append(String(scalar))
      } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        current.append(scalar)
      } else if !current.isEmpty {
        result.append(String(current))
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { result.append(String(current)) }
    return result
  }

  /// Share of `a`'s words that also occur in `b`.
  static func overlap(_ a: [String], _ b: [String]) -> Double {
    guard !a.isEmpty else { return 0 }
    let set = Set(b)
    return Double(a.filter { set.contains($0) }.count) / Double(a.count)
  }

  /// Whether `full` is `prefix` followed by a separator (`prefix | Site`, `prefix - Site`, `prefix: more`).
  static func startsWithSegment(_ full: String, _ prefix: String) -> Bool {
    guard full.count > prefix.count, full.hasPrefix(prefix) else { return false }
    let rest = full.dropFirst(prefix.count).drop { $0 == " " }
    guard let first = rest.first else { return false }
    return "|-:·•/»«(".contains(first)
  }
}
