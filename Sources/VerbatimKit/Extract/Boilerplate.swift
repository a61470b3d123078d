/// Short blocks that are page furniture whatever container they sit in: "You may also like",
/// newsletter sign-ups, share prompts, copyright lines.
///
/// Exists because sites put these inside the article container, where class names cannot tell them apart.
enum Boilerplate {
  /// Phrases that make a short block furniture when it starts with them.
  static let leading: [String] = [
    "you may also like", "you might also like", "related articles", "related stories", "related posts",
    "related:", "more from", "more stories", "recommended for you", "read more:", "read next",
    "share this", "share on", "follow us", "click here to", "advertisement", "sponsored", "all rights reserved",
    "copyright ©", "© copyright", "this document is subject to copyright", "sign up for", "subscribe to",
    "weitere artikel", "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren",
    "anzeige", "auch lesen", "advertising disclosure", "affiliate disclosure", "à lire aussi", "lire aussi", "voir aussi", "te puede interesar", "関連記事",
  ]

  static func isFurniture(_ text: String) -> Bool {
    let count = text.unicodeScalars.count
    guard count <= 220 else { return false }
    let lower = text.lowercased()
    for phrase in leading where lower.hasPrefix(phrase) { return true }
    if count <= 160, contains(lower, "newsletter"), contains(lower, "sign up") || contains(lower, "subscribe") {
      return true
    }
    return false
  }

  static func hasLetters(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.isAlphabetic }
  }

  private static func contains(_ text: String, _ word: String) -> Bool {
    ASCIIText.find(Array(word.utf8), in: Array(text.utf8), from: 0) != nil
  }
}
