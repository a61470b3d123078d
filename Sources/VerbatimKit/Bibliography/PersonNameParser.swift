import Foundation

/// Splits a name as pages and notes write it ("Pieter de Vries", "de Vries, Pieter", "Martin Luther
/// King Jr.") into the parts citation styles sort and abbreviate by, and tells organisations apart.
///
/// Exists because a wrong split is a wrong reference: "Vries, P. de" sorts under V, and an organisation
/// split as a person prints as "Development, O. for E. C."
enum PersonNameParser {
  /// Lower-case words that start a family name ("van Gogh", "de la Cruz").
  static let particles: Set<String> = [
    "de", "da", "das", "do", "dos", "du", "del", "della", "delle", "dei", "der", "den", "di", "la", "le", "van",
    "von", "ter", "ten", "zu", "zum", "zur", "af", "av", "bin", "ibn", "al", "el", "y", "st.", "'t",
  ]
  static let suffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"]

  /// Words that make a name an organisation's ("Associated Press", "Acme Inc.", "Ministry of Health").
  static let organisationWords: Set<String> = [
    "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "ag", "plc", "corp", "corp.", "corporation", "company", "co.",
    "university", "institute", "institut", "agency", "council", "foundation", "ministry", "department",
    "association", "organisation", "organization", "committee", "commission", "office", "bureau", "group",
    "team", "staff", "board", "press", "news", "media", "society", "centre", "center", "laboratory", "lab",
    "labs", "editors", "editorial", "desk", "newsroom", "government", "bank", "fund", "forum", "network",
  ]

  /// The name as a person, or as an organisation when `isOrganisation` or its words say so.
  static func name(_ written: String, isOrganisation: Bool = false) -> ReferenceName? {
    let text = written.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard !text.isEmpty else { return nil }
    if isOrganisation || looksLikeOrganisation(text) { return .organisation(text) }
    return person(text).map(ReferenceName.person) ?? .organisation(text)
  }

  static func looksLikeOrganisation(_ text: String) -> Bool {
    let words = text.lowercased().split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
    if words.contains(where: { organisationWords.contains($0) || organisationWords.contains($0 + ".") }) {
      return true
    }
    // "GridLab", "OECD": one word without a lower-case start is a name of a body, not of a person…
    // unless it is a single capitalised word ("Madonna"), which is kept as a family name.
    return words.count == 1 && text.count > 1 && text == text.uppercased() && text.rangeOfCharacter(from: .letters) != nil
  }

  /// Splits a person's name; nil when nothing is left to be a family name.
  static func person(_ text: String) -> PersonName? {
    let commaParts = text.split(separator: ",", omittingEmptySubsequences: true).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if commaParts.count >= 2 {
      // "King, Martin Luther, Jr." / "Martin Luther King, Jr." / "de Vries, Pieter"
      if commaParts.count == 2, isSuffix(commaParts[1]) {
        return person(commaParts[0]).map { p in
          var p = p
          p.suffix = commaParts[1]
          return p
        }
      }
      let (particle, family) = splitParticle(commaParts[0].split(separator: " ").map { String($0) })
      guard !family.isEmpty else { return nil }
      let rest = commaParts.dropFirst()
      var given: String? = rest.last
      var suffix: String?
      if rest.count >= 2 {
        suffix = rest.first
      } else if let g = given, isSuffix(g) {
        suffix = g
        given = nil
      }
      return PersonName(family: family, given: given.flatMap { $0.isEmpty ? nil : $0 }, particle: particle, suffix: suffix)
    }
    var words = text.split(separator: " ").map { String($0) }
    var suffix: String?
    if words.count > 1, let last = words.last, isSuffix(last) {
      suffix = last
      words.removeLast()
    }
    guard let lastWord = words.last else { return nil }
    if words.count == 1 { return PersonName(family: lastWord, suffix: suffix) }
    // The family name starts at the first lower-case particle after the first word, else is the last word.
    var start = words.count - 1
    if let p = words.indices.dropFirst().first(where: { isParticle(words[$0]) }), p < words.count - 1 {
      start = p
    } else if words.count > 2, particles.contains(words[words.count - 2].lowercased()) {
      start = words.count - 2  // a capitalised particle belongs to the family name: "Van Damme", "Le Guin"
    }
    let given = words[..<start].joined(separator: " ")
    let (particle, family) = splitParticle(Array(words[start...]))
    return PersonName(family: family, given: given.isEmpty ? nil : given, particle: particle, suffix: suffix)
  }

  /// Leading lower-case particles of a family name, and the rest.
  private static func splitParticle(_ words: [String]) -> (String?, String) {
    var k = 0
    while k < words.count - 1, isParticle(words[k]) { k += 1 }
    let particle = words[..<k].joined(separator: " ")
    return (particle.isEmpty ? nil : particle, words[k...].joined(separator: " "))
  }

  private static func isParticle(_ word: String) -> Bool {
    if word == "'t" { return true }
    guard let first = word.unicodeScalars.first, CharacterSet.lowercaseLetters.contains(first) else { return false }
    return particles.contains(word) || word.hasSuffix("'")
  }

  private static func isSuffix(_ word: String) -> Bool { suffixes.contains(word.lowercased()) }
}
