/// Chooses the page's headline among `<h1>`, structured data, OpenGraph and `<title>`.
///
/// Exists because the raw `<title>` carries site-name suffixes and SEO variants. The visible `<h1>` wins
/// when a declared title confirms it (equal, or the declared one starts with it); otherwise structured
/// data wins, and a `<title>` loses its suffix only when the suffix is the page's known site name.
enum TitleRule {
  static func choose(
    document: PageDocument, tags: HeadTags, article: StructuredArticle?, siteName: String?, url: String? = nil
  ) -> (String, String)? {
    guard let (title, rule) = headline(document: document, tags: tags, article: article, siteName: siteName, url: url)
    else { return nil }
    // A site suffix is never part of a title, wherever the title came from.
    let stripped = stripSiteName(title, siteName: siteName, host: siteHost(tags: tags, url: url))
    return (stripped, stripped == title || rule.hasSuffix("-minus-site-name") ? rule : rule + "-minus-site-name")
  }

  private static func headline(
    document: PageDocument, tags: HeadTags, article: StructuredArticle?, siteName: String?, url: String?
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
    // A headline with a kicker in front ("Genetik Das Geheimnis …") ends with the declared title.
    for heading in headings {
      let key = TitleText.key(heading)
      for (value, rule) in declared where rule != "title" {
        let declaredKey = TitleText.key(value)
        guard declaredKey.count >= 10, key.count > declaredKey.count, key.hasSuffix(declaredKey) else { continue }
        let kicker = key.dropLast(declaredKey.count)
        if TitleText.words(String(kicker)).count <= 4 { return (value, "\(rule) (h1 with kicker)") }
      }
    }
    // A headline that shares most of its words with a declared title is the same title, edited for
    // the page (declared titles are often SEO variants of the visible one).
    var best: (String, String, Double)?
    for heading in headings where !isSiteName(heading, siteName) {
      let words = TitleText.words(heading)
      guard words.count >= 3 else { continue }
      for (value, rule) in declared {
        let declaredWords = TitleText.words(value)
        let overlap = TitleText.overlap(words, declaredWords)
        // …and covers much of it: a site name in the h1 is all inside the title, but small.
        let coverage = TitleText.overlap(declaredWords, words)
        if overlap >= 0.6, coverage >= 0.45, overlap > (best?.2 ?? 0) { best = (heading, rule, overlap) }
      }
    }
    if let best { return (best.0, "h1~\(best.1)") }
    // One headline on the page, in the article: that is the title readers see, whatever the SEO title says.
    let articleHeadings = headings.filter { TitleText.words($0).count >= 4 && !isSiteName($0, siteName) }
    let titleWords = TitleText.words(tags.title ?? "")
    if articleHeadings.count == 1, headlineInArticle(document),
      // …unless it is the small part of the <title> that names the site.
      !(TitleText.overlap(TitleText.words(articleHeadings[0]), titleWords) > 0.8
        && TitleText.overlap(titleWords, TitleText.words(articleHeadings[0])) < 0.45)
    {
      return (articleHeadings[0], "h1")
    }
    let host = siteHost(tags: tags, url: url)
    if let first = declared.first, first.1 != "title" {
      return (stripSiteName(first.0, siteName: siteName, host: host), first.1)
    }
    if let title = tags.title?.collapsingWhitespace(), !title.isEmpty {
      let stripped = stripSiteName(title, siteName: siteName, host: host)
      return (stripped, stripped == title ? "title" : "title-minus-site-name")
    }
    if let heading = headings.first { return (heading, "h1") }
    return nil
  }

  /// Visible `<h1>` texts (up to three), outside navigation.
  static func visibleHeadings(_ document: PageDocument) -> [String] {
    var result: [String] = []
    for h1 in document.elements(named: "h1") where !document.invisible[h1] {
      if document.isWithin(h1, [.navOrFooter, .aside]) { continue }
      // An h1 the page marks as a secondary headline (`itemprop=alternativeHeadline`, a subtitle class).
      let role = (document.attribute("itemprop", of: h1) ?? "").lowercased() + " " + document.classAndID(h1)
      if AuthorRule.containsAny(role, ["alternativeheadline", "subtitle", "subhead", "alt-title", "standfirst"]) {
        continue
      }
      let text = headlineText(document, h1)
      // A short h1 that is all link is a section or logo link, not a headline (a long one links to itself).
      let linked = document.elements(named: "a", in: h1).reduce(0) { $0 + document.text(of: $1).unicodeScalars.count }
      if linked > 0, linked >= text.unicodeScalars.count, TitleText.words(text).count <= 3 { continue }
      if !text.isEmpty, text.unicodeScalars.count < 300 { result.append(text) }
      if result.count == 3 { break }
    }
    return result
  }

  /// The h1's text without a kicker set apart in `<small>` or a kicker-classed element
  /// (`<h1><small>Tunesien</small><br>Große Aufgaben …</h1>`).
  static func headlineText(_ document: PageDocument, _ h1: Int) -> String {
    let nodes = document.tree.nodes
    var builder = TextBuilder()
    var i = h1 + 1
    let end = Int(nodes[h1].end)
    var sawText = false
    while i < end {
      let node = nodes[i]
      if document.invisible[i] {
        i = Int(node.end)
        continue
      }
      if node.kind == .element, !sawText {
        let hint = document.classAndID(i)
        if node.name == "small" || AuthorRule.containsAny(hint, ["kicker", "overline", "eyebrow", "dachzeile", "topline", "roofline"]) {
          let rest = Int(node.end) < end
          if rest {
            i = Int(node.end)
            continue
          }
        }
      }
      if node.kind == .text {
        if !node.text.trimmingASCIISpaces().isEmpty { sawText = true }
        builder.append(node.text)
      } else if node.kind == .element, node.name == "br" || BlockElements.isBlock(node.name) {
        builder.space()
      }
      i += 1
    }
    let text = builder.result
    return text.isEmpty ? document.text(of: h1) : text
  }

  /// `title` without a leading or trailing segment that names the site: equal to `siteName`, or naming the
  /// page's host (`Why X - The Atlantic` on theatlantic.com). Segments are split at spaced separators
  /// (` | `, ` - `, ` – `, ` — `, ` · `, ` :: `, ` » `) and full-width ones (`｜`, `：`).
  static func stripSiteName(_ title: String, siteName: String?, host: String? = nil) -> String {
    let site = siteName.map(TitleText.key)
    func namesSite(_ segment: String) -> Bool {
      if let site, TitleText.key(segment) == site { return true }
      if TitleText.isDomainName(segment) { return true }  // "… | FASSETTE.NET"
      guard let host else { return false }
      return TitleText.segment(segment, namesHost: host)
    }
    /// A last word that is the host's name ("… DOMを扱う MOONGIFT" on moongift.jp).
    func withoutHostWord(_ title: String) -> String? {
      let scalars = Array(title.unicodeScalars)
      guard host != nil, let space = scalars.lastIndex(of: " "), space > 0 else { return nil }
      let tail = String(String.UnicodeScalarView(scalars[(space + 1)...]))
      let head = String(String.UnicodeScalarView(scalars[..<space])).trimmingSeparators()
      return !head.isEmpty && TitleText.compact(tail) == host ? head : nil
    }
    let parts = TitleText.segments(title)
    guard parts.count >= 2 else {
      // Unspaced separators only count when what follows names the host ("Treeviz:phpspot開発日誌").
      let scalars = Array(title.unicodeScalars)
      let tight: Set<Unicode.Scalar> = [":", "|", "_", "\u{FF5C}", "\u{FF1A}", "\u{2013}", "\u{2014}", "\u{00B7}"]
      if host != nil, let cut = scalars.lastIndex(where: { tight.contains($0) }), cut > 0 {
        let tail = String(String.UnicodeScalarView(scalars[(cut + 1)...])).collapsingWhitespace()
        let head = String(String.UnicodeScalarView(scalars[..<cut])).trimmingSeparators()
        if !head.isEmpty, namesSite(tail) { return head }
      }
      // Portal titles "headline_channel_site" (a convention of Chinese sites): two or more underscores,
      // the headline first and most of the length.
      let underscores = scalars.indices.filter { scalars[$0] == "_" }
      if underscores.count >= 2, let first = underscores.first, first * 10 >= scalars.count * 6 {
        let head = String(String.UnicodeScalarView(scalars[..<first])).trimmingSeparators()
        if head.unicodeScalars.contains(where: { $0.value >= 0x3000 }) { return head }
      }
      return withoutHostWord(title) ?? title
    }
    if namesSite(parts[parts.count - 1].text) {
      let head = String(title.unicodeScalars.prefix(parts[parts.count - 1].start)).trimmingSeparators()
      if !head.isEmpty { return stripSiteName(head, siteName: siteName, host: host) }
    }
    if namesSite(parts[0].text) {
      let tail = String(title.unicodeScalars.dropFirst(parts[1].start)).trimmingSeparators()
      if !tail.isEmpty { return tail }
    }
    return withoutHostWord(title) ?? title
  }

  /// The first or last segment of `title` that names the page's host (`Learn Python | Pluralsight` on
  /// pluralsight.com → `Pluralsight`): the site's name as the site writes it.
  static func siteSegment(_ title: String, host: String?) -> String? {
    guard let host else { return nil }
    let parts = TitleText.segments(title)
    guard parts.count >= 2 else { return nil }
    for part in [parts[parts.count - 1], parts[0]] where TitleText.segment(part.text, namesHost: host) {
      return part.text
    }
    return nil
  }

  /// The page's host without `www.` and its public suffix, lowercased and compacted (`theatlantic`).
  static func siteHost(tags: HeadTags, url: String?) -> String? {
    let candidates = [url, tags.link("canonical"), tags.meta(["og:url"])?.value]
    for case let candidate? in candidates {
      let rest: Substring
      if candidate.hasPrefix("//") {
        rest = candidate.dropFirst(2)  // protocol-relative
      } else if let range = candidate.range(of: "://") {
        rest = candidate[range.upperBound...]
      } else {
        continue
      }
      let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }.lowercased()
      var labels = host.split(separator: ".").map(String.init)
      if labels.first == "www" || labels.first == "m" || labels.first == "amp" { labels.removeFirst() }
      guard let main = labels.max(by: { $0.count < $1.count }), main.count >= 3 else { continue }
      return TitleText.compact(main)
    }
    return nil
  }

  /// Whether the first visible `<h1>` sits inside `<article>` / `<main>` or the main content.
  static func headlineInArticle(_ document: PageDocument) -> Bool {
    guard let h1 = document.elements(named: "h1").first(where: { !document.invisible[$0] }) else { return false }
    if document.isWithin(h1, .header), !document.isWithin(h1, .articleOrMain) {
      // A page header's h1 is usually the site's logo.
      return false
    }
    // A linked h1 pointing at the home page is a logo.
    for link in document.elements(named: "a", in: h1) {
      if let href = document.attribute("href", of: link), href == "/" || href.hasSuffix("://") { return false }
    }
    return true
  }
}

extension String {
  /// Without leading and trailing spaces and title separators.
  func trimmingSeparators() -> String {
    let separators: Set<Unicode.Scalar> = ["|", "-", "\u{2013}", "\u{2014}", "\u{00B7}", "\u{2022}", "\u{00BB}", "/", ":", "\u{FF5C}", "\u{FF1A}", "\u{FF0D}", " "]
    var scalars = Substring(self).unicodeScalars[...]
    while let f = scalars.first, separators.contains(f) || TextBuilder.isSpace(f) { scalars = scalars.dropFirst() }
    while let l = scalars.last, separators.contains(l) || TextBuilder.isSpace(l) { scalars = scalars.dropLast() }
    return String(String.UnicodeScalarView(scalars))
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

  /// A bare domain name ("Example.com", "FASSETTE.NET"): one word of labels joined by dots, ending in
  /// an alphabetic label of two or more letters.
  static func isDomainName(_ text: String) -> Bool {
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isLetter && $0.isASCII })
    else { return false }
    return labels.allSatisfy { label in
      !label.isEmpty && label.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII }
    }
  }

  /// Whether a title segment names the site at `host` (compacted main label): it contains the host's
  /// name or is contained in it, and is short — a segment much longer than the host name is a headline
  /// that mentions the site.
  static func segment(_ segment: String, namesHost host: String) -> Bool {
    let compact = compact(segment)
    guard compact.count >= 4, compact.count <= host.count * 2 + 6 else { return false }
    return compact.contains(host) || (host.count >= 4 && host.contains(compact))
  }

  /// Letters and digits only, lowercased: `O'Reilly Japan` → `oreillyjapan`.
  static func compact(_ text: String) -> String {
    String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
  }

  /// The title split at separators; each segment's text and its start (in scalars).
  static func segments(_ title: String) -> [(text: String, start: Int)] {
    let scalars = Array(title.unicodeScalars)
    var result: [(String, Int)] = []
    var start = 0
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      let spaced = i > 0 && i + 1 < scalars.count && scalars[i - 1] == " " && scalars[i + 1] == " "
      let isSeparator =
        (spaced && ["|", "-", "\u{2013}", "\u{2014}", "\u{00B7}", "\u{2022}", "\u{00BB}", "/"].contains(c))
        || c == "\u{FF5C}" || c == "\u{FF1A}" || c == "\u{FF0D}" || (spaced && c == ":" && i + 2 < scalars.count && scalars[i + 2] == ":")
      if isSeparator {
        let text = String(String.UnicodeScalarView(scalars[start..<i])).collapsingWhitespace()
        if !text.isEmpty { result.append((text, start)) }
        start = i + 1
        if c == ":" { start += 1; i += 1 }
      }
      i += 1
    }
    let text = String(String.UnicodeScalarView(scalars[min(start, scalars.count)...])).collapsingWhitespace()
    if !text.isEmpty { result.append((text, start)) }
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
    // Not ":" — `Lust for Youth: Lust for Youth` is one title, the h1 only its first part.
    return "|-·•/»«(".contains(first)
  }
}
