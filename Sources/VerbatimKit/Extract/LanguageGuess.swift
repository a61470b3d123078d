/// Guesses a page's language from its text when the page does not declare one.
///
/// Exists for undeclared pages (one in eight in real corpora). Scripts decide CJK, Korean, Cyrillic,
/// Greek, Arabic and Hebrew; for Latin script the most frequent function words decide, and a guess needs
/// a clear winner.
enum LanguageGuess {
  static func guess(_ text: String) -> String? {
    var kana = 0, han = 0, hangul = 0, cyrillic = 0, greek = 0, arabic = 0, hebrew = 0, latin = 0
    var scanned = 0
    for scalar in text.unicodeScalars {
      scanned += 1
      if scanned > 20_000 { break }
      switch scalar.value {
      case 0x3040...0x30FF: kana += 1
      case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
      case 0xAC00...0xD7AF, 0x1100...0x11FF: hangul += 1
      case 0x0400...0x04FF: cyrillic += 1
      case 0x0370...0x03FF: greek += 1
      case 0x0600...0x06FF: arabic += 1
      case 0x0590...0x05FF: hebrew += 1
      case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
      default: break
      }
    }
    let total = kana + han + hangul + cyrillic + greek + arabic + hebrew + latin
    guard total >= 50 else { return nil }
    if kana * 20 > total { return "ja" }
    if hangul * 3 > total { return "ko" }
    if han * 3 > total { return "zh" }
    if cyrillic * 2 > total { return "ru" }
    if greek * 2 > total { return "el" }
    if arabic * 2 > total { return "ar" }
    if hebrew * 2 > total { return "he" }
    return latinGuess(text)
  }

  private static let functionWords: [(String, Set<String>)] = [
    ("en", ["the", "and", "of", "to", "is", "in", "that", "for", "with", "was", "it", "on", "are", "this"]),
    ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "ein", "eine", "dem", "den", "zu"]),
    ("fr", ["le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "qui", "pas", "sur", "du"]),
    ("es", ["el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "para", "con", "es", "se"]),
    ("it", ["il", "la", "che", "di", "e", "per", "una", "non", "sono", "della", "del", "con", "gli", "è"]),
    ("pt", ["o", "a", "os", "que", "de", "não", "uma", "para", "com", "do", "da", "em", "é", "se"]),
    ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "met", "zijn", "voor", "te", "er"]),
  ]

  private static func latinGuess(_ text: String) -> String? {
    var counts = [Int](repeating: 0, count: functionWords.count)
    var words = 0
    for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(3000) {
      words += 1
      let w = String(word)
      for (k, entry) in functionWords.enumerated() where entry.1.contains(w) { counts[k] += 1 }
    }
    guard words >= 20, let best = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
    let second = counts.indices.filter { $0 != best }.map { counts[$0] }.max() ?? 0
    guard counts[best] * 10 >= words, Double(counts[best]) >= Double(second) * 1.3 else { return nil }
    return functionWords[best].0
  }
}
