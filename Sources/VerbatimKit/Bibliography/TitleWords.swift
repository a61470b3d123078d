/// How the bibliography writers read a title's words: typographic double quotes, and each word's letters
/// apart from the punctuation around it.
///
/// Exists because biblatex and Hayagriva both protect words from re-casing with braces around the
/// letters only (`“{DeepSeek-V3}”`, `{Routing},`) and both need straight double quotes made typographic
/// first (typst prints `\enquote` and ``` ``…'' ``` literally).
enum TitleWords {
  /// Straight double quotes as “ and ”: opening at the start or after a space, an opening bracket or quote,
  /// a dash or a slash; closing elsewhere.
  static func curlDoubleQuotes(_ text: String) -> String {
    guard text.contains("\"") else { return text }
    var result = ""
    var previous: Character = " "
    for character in text {
      if character == "\"" {
        result.append(previous.isWhitespace || "([{‘“-–—/".contains(previous) ? "“" : "”")
      } else {
        result.append(character)
      }
      previous = character
    }
    return result
  }

  /// A word's leading punctuation, its letters and digits (from the first to the last), and its trailing
  /// punctuation; `core` is empty for a word without letters or digits (then `lead` is the whole word).
  static func parts(_ word: Substring) -> (lead: Substring, core: Substring, trail: Substring) {
    let isText: (Character) -> Bool = { $0.isLetter || $0.isNumber }
    guard let first = word.firstIndex(where: isText), let last = word.lastIndex(where: isText) else {
      return (word, word[word.endIndex...], word[word.endIndex...])
    }
    return (word[..<first], word[first...last], word[word.index(after: last)...])
  }

  /// Whether a headline word carries case a re-casing style would change: a capital letter anywhere,
  /// except in a plain first word whose only capital is its first letter.
  static func carriesCase(_ core: Substring, isFirstWord: Bool) -> Bool {
    let capitals = core.filter(\.isUppercase).count
    return capitals > 0 && !(isFirstWord && capitals == 1 && core.first?.isUppercase == true)
  }
}
