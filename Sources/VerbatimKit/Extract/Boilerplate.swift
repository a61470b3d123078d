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
    "don't miss", "don’t miss", "trending", "most read", "most popular", "breaking news", "citation:",
    "published:", "updated:", "posted:", "last updated", "veröffentlicht am", "aktualisiert am", "publié le",
    "mis à jour le", "anzeige", "auch lesen", "mehr lesen", "mehr zum thema", "weiterlesen", "read also", "see also", "advertising disclosure", "affiliate disclosure", "à lire aussi", "lire aussi", "voir aussi", "te puede interesar", "関連記事",
  ]

  static func isFurniture(_ text: String) -> Bool {
    let count = text.scalarCount(cappedAt: 500)
    guard count <= 500 else { return false }
    let lower = text.lowercased()
    if lower.hasPrefix("this document is subject to copyright") { return true }
    guard count <= 220 else { return false }
    // "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM": a dateline, not prose.
    if count <= 120, lower.hasPrefix("updated") || lower.hasPrefix("posted") || lower.hasPrefix("published"),
      DateText.parseHuman(text) != nil
    {
      return true
    }
    for phrase in leading where lower.hasPrefix(phrase) { return true }
    if count <= 160, contains(lower, "newsletter"), contains(lower, "sign up") || contains(lower, "subscribe") {
      return true
    }
    return false
  }

  /// "A 14th century plague doctor (Image: GETTY)": a caption that is not marked up as one.
  static func isCaption(_ text: String) -> Bool {
    guard text.scalarCount(cappedAt: 300) <= 300 else { return false }
    let lower = text.lowercased()
    // "Figure 4: …", "Abbildung 4: …", "Abb. 4 …", "Fig. 2 –"
    for label in ["figure ", "fig. ", "abbildung ", "abb. ", "image ", "bild ", "grafik ", "tabelle ", "table "]
    where lower.hasPrefix(label) {
      let rest = lower.dropFirst(label.count)
      if let first = rest.first, first.isNumber { return true }
    }
    // Press-photo captions name people by position and do not end like a sentence:
    // "Maria Tillessen (l.) und Alexandra Sackmann mit …", "Jane Doe (left) and John Roe at …".
    if let last = text.unicodeScalars.last, !".!?:\"”“".unicodeScalars.contains(last) {
      for marker in ["(l.)", "(r.)", "(v.l.)", "(v. l.)", "(v.l.n.r.)", "(left)", "(right)", "(from left)", "(center)"]
      where ASCIIText.find(Array(marker.utf8), in: Array(lower.utf8), from: 0) != nil {
        return true
      }
    }
    guard text.hasSuffix(")") else { return false }
    guard let open = lower.lastIndex(of: "(") else { return false }
    let inside = lower[lower.index(after: open)...]
    return ["image:", "photo:", "picture:", "credit:", "foto:", "bild:", "getty", "reuters", "ap photo", "afp"].contains {
      inside.hasPrefix($0) || inside.hasPrefix(" " + $0)
    }
  }

  /// "By Jane Doe, Chief Executive": a short byline, not a sentence that starts with "By".
  static func isByline(_ text: String) -> Bool {
    guard text.scalarCount(cappedAt: 80) <= 80, let last = text.unicodeScalars.last, !".!?".unicodeScalars.contains(last)
    else { return false }
    return AuthorRule.bylineWord(text) != nil
  }

  static func hasLetters(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.isAlphabetic }
  }

  private static func contains(_ text: String, _ word: String) -> Bool {
    ASCIIText.find(Array(word.utf8), in: Array(text.utf8), from: 0) != nil
  }
}
