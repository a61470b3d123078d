import Foundation

/// The citation key scheme: `<family><year><titleword>` in lower-case ASCII (`lefevre2025reading`,
/// `devries2024att`, `oecd2024generative`).
///
/// Exists so keys are readable, predictable and safe everywhere a key is typed: pandoc's bare `@key`,
/// LaTeX's `\cite`, typst labels and Obsidian citation plugins (no hyphens, colons or apostrophes).
/// Keys are made once; `CitationKeyLedger` keeps them stable afterwards.
enum CitationKey {
  static let maximumLength = 40
  /// Title words that never make a key ("the", "of", …), English plus a few frequent others.
  static let stopWords: Set<String> = [
    "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "with", "at", "by", "from", "as", "is", "are",
    "be", "it", "its", "this", "that", "into", "onto", "about", "after", "before", "over", "under", "how", "why",
    "what", "when", "who", "we", "our", "you", "your", "i", "my", "not", "no", "vs", "via", "der", "die", "das",
    "ein", "eine", "und", "le", "la", "les", "un", "une", "des", "du", "de", "et", "el", "los", "las", "y",
  ]

  /// The key before any collision suffix.
  static func base(for reference: Reference) -> String {
    // The first author, else the site, else the host: the first of them with letters a key can hold (a
    // name in another script folds to nothing), else `anon`.
    let candidates = [reference.authors.first.map(authorPart), reference.container.map(sitePart), hostPart(reference.url)]
    let author = candidates.lazy.compactMap { $0 }.first { !$0.isEmpty } ?? "anon"
    let year = reference.issued.map { String($0.year) } ?? "nd"
    let word = titleWord(reference.title)
    var key = author + year + word
    if key.count > maximumLength { key = String(key.prefix(maximumLength)) }
    return key
  }

  /// Whether `key` has the shape this scheme produces (what a pinned key must look like, too).
  static func isValid(_ key: String) -> Bool {
    guard let first = key.unicodeScalars.first, ("a"..."z").contains(first), key.count <= 64 else { return false }
    return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
  }

  static func authorPart(_ name: ReferenceName) -> String {
    switch name {
    case .person(let person):
      return leadingLetter(fold([person.particle, person.family].compactMap { $0 }.joined()))
    case .organisation(let name):
      return leadingLetter(organisationPart(name))
    }
  }

  /// An organisation's acronym: a trailing "(OECD)", else the initials of its capitalised words when there
  /// are several, else its folded name; at most 12 characters.
  static func organisationPart(_ name: String) -> String {
    if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
      let inner = fold(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
      if !inner.isEmpty { return String(inner.prefix(12)) }
    }
    let words = name.split(whereSeparator: \.isWhitespace)
    let capitalised = words.filter { $0.first?.isUppercase == true }
    if capitalised.count >= 2 {
      return String(fold(capitalised.map { String($0.first!) }.joined()).prefix(12))
    }
    return String(fold(name).prefix(12))
  }

  static func sitePart(_ name: String) -> String {
    var words = name.split(whereSeparator: \.isWhitespace)
    if words.count > 1, words.first?.lowercased() == "the" { words.removeFirst() }
    return leadingLetter(String(fold(words.joined()).prefix(16)))
  }

  /// The registrable-looking label of the URL's host (`www.example-times.com` → `exampletimes`).
  static func hostPart(_ url: String?) -> String {
    guard let url, let host = URLComponents(string: url)?.host?.lowercased() else { return "" }
    var labels = host.split(separator: ".").map(String.init)
    if labels.count > 1 { labels.removeLast() }
    // A two-part public suffix (`co.uk`, `com.au`): the name is the label before it.
    if labels.count > 1, labels != ["www", labels.last!],
      ["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or"].contains(labels.last!)
    {
      labels.removeLast()
    }
    if labels.count > 1, ["www", "blog", "m", "en", "news"].contains(labels.first!) { labels.removeFirst() }
    let label = labels.last ?? host
    return leadingLetter(String(fold(label).prefix(16)))
  }

  static func titleWord(_ title: String) -> String {
    var text = title
    // A URL standing in for a missing title: its path's words, not its scheme and host.
    if let url = URLComponents(string: title), url.scheme?.hasPrefix("http") == true, url.host != nil {
      text = url.path.map { "/-_.".contains($0) ? " " : $0 }.reduce(into: "") { $0.append($1) }
    }
    for raw in text.split(whereSeparator: { $0.isWhitespace || $0 == "/" }) {
      let word = fold(String(raw))
      if word.isEmpty || stopWords.contains(word) { continue }
      return String(word.prefix(20))
    }
    return ""
  }

  /// Lower-case ASCII letters and digits only: accents dropped (é → e), ligatures spelled out (ß → ss,
  /// æ → ae), everything else removed.
  static func fold(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if let spelled = spelledOut[scalar] {
        out += spelled
      }
    }
    return out
  }

  static let spelledOut: [Unicode.Scalar: String] = [
    "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i", "ħ": "h",
  ]

  /// `text` from its first letter (a key starts with one); empty when it has none.
  private static func leadingLetter(_ text: String) -> String {
    String(text.drop { !("a"..."z").contains($0) })
  }
}
