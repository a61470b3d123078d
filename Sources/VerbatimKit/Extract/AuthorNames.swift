/// Turns dirty author strings scraped from web pages (JSON-LD, meta tags, visible bylines)
/// into clean person names, or an organisation name when that is the only author.
/// Precision over recall: when in doubt a candidate is dropped. Stdlib only.
enum AuthorNames {
  typealias W = BylineWords

  // MARK: - API

  /// Splits one byline or author string into cleaned names, in order, without duplicates
  /// (case/accent-insensitive). Organisations are returned only when no person is named.
  static func split(_ byline: String) -> [String] {
    guard byline.utf8.count <= 4096 else { return [] }
    var tokens = tokenize(stripBrackets(normalize(byline)))
    tokens = trimTail(stripPrefixes(removePhrases(tokens)))
    return choose(candidates(tokens))
  }

  /// Cleans one name candidate; nil when it is not a plausible author name
  /// (or when it holds several names: use `split` for those).
  static func clean(_ candidate: String) -> String? {
    let names = split(candidate)
    return names.count == 1 ? names[0] : nil
  }

  /// True when the string looks like an organisation rather than a person.
  static func looksLikeOrganisation(_ name: String) -> Bool {
    isOrganisation(tokenize(stripBrackets(normalize(name))).filter(\.isWord))
  }

  // MARK: - Tokens

  struct Token {
    let text: String
    /// Folded lowercase text without a final ".", empty for separators.
    let key: String
    /// One of , ; | / & • : - 、 ・ for separators, nil for words.
    let sep: Character?
    var isWord: Bool { sep == nil }

    static func word(_ text: String) -> Token {
      var key = AuthorNames.fold(text)
      if key.count > 1, key.last == "." { key.removeLast() }
      return Token(text: text, key: key, sep: nil)
    }

    static func separator(_ c: Character) -> Token { Token(text: String(c), key: "", sep: c) }
  }

  struct Candidate {
    let name: String
    let isOrganisation: Bool
    /// Two or more words, or a script without case (CJK names are written without spaces).
    let isFullName: Bool
  }

  /// Unicode spaces → " ", zero-width/format/control characters and quotes dropped,
  /// dashes, bullets and full-width punctuation unified, runs of spaces collapsed.
  static func normalize(_ s: String) -> [Character] {
    var out = String.UnicodeScalarView()
    var lastWasSpace = true
    for u in s.unicodeScalars {
      var r: Unicode.Scalar? = u
      switch u.value {
      case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        r = " "
      case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0x180E:
        r = nil
      case 0x22, 0x2A, 0x60, 0xA7, 0xA9, 0xAB, 0xAE, 0xBB, 0x2018, 0x201C...0x201F, 0x2020, 0x2021,
        0x2039, 0x203A, 0x2122, 0x300C...0x300F, 0x301D...0x301F:
        r = nil
      case 0x2019, 0x02BC, 0x2032: r = "'"
      case 0x2010, 0x2011, 0x2212, 0xFE63, 0xFF0D: r = "-"
      case 0x2012...0x2015, 0x2E3A, 0x2E3B, 0xFE58: r = "\u{2014}"
      case 0x2022, 0x2023, 0x2043, 0x2219, 0x25AA, 0x25CF, 0x25E6, 0x2027: r = "•"
      case 0xFF65: r = "・"
      case 0xFF1A: r = ":"
      case 0xFF0C: r = ","
      case 0xFF1B: r = ";"
      case 0xFF0F, 0x2044: r = "/"
      case 0xFF5C, 0xA6, 0x2016: r = "|"
      case 0xFF06: r = "&"
      case 0xFF1D: r = "="
      case 0xFF64: r = "、"
      case 0xFF08: r = "("
      case 0xFF09: r = ")"
      case 0x3010, 0x3014, 0xFF3B: r = "["
      case 0x3011, 0x3015, 0xFF3D: r = "]"
      default:
        if u.properties.generalCategory == .format { r = nil }
      }
      guard let c = r else { continue }
      if c == " " {
        if lastWasSpace { continue }
        lastWasSpace = true
      } else {
        lastWasSpace = false
      }
      out.append(c)
    }
    var chars = Array(String(out))
    while chars.last == " " { chars.removeLast() }
    return chars
  }

  /// Drops (…), […], {…} and <…> with their content; an unclosed bracket drops the rest.
  static func stripBrackets(_ chars: [Character]) -> [Character] {
    var out: [Character] = []
    out.reserveCapacity(chars.count)
    var depth = 0
    for c in chars {
      switch c {
      case "(", "[", "{", "<":
        depth += 1
        out.append(" ")
      case ")", "]", "}", ">":
        if depth > 0 { depth -= 1 }
        out.append(" ")
      default:
        if depth == 0 { out.append(c) }
      }
    }
    return out
  }

  static func tokenize(_ chars: [Character]) -> [Token] {
    var out: [Token] = []
    var i = 0
    while i < chars.count {
      if chars[i] == " " {
        i += 1
        continue
      }
      var j = i
      var start = i
      while j < chars.count, chars[j] != " " {
        if let s = strongSeparator(chars[j]) {
          addPiece(chars[start..<j], to: &out)
          out.append(.separator(s))
          start = j + 1
        }
        j += 1
      }
      addPiece(chars[start..<j], to: &out)
      i = j
    }
    return out
  }

  static func strongSeparator(_ c: Character) -> Character? {
    switch c {
    case ",", ";", "|", "•", "、", "&": return c
    case "\u{2014}": return "-"
    default: return nil
    }
  }

  /// Tokenizes a piece between spaces and strong separators; e-mails, URLs and handles vanish.
  static func addPiece(_ piece: ArraySlice<Character>, to out: inout [Token]) {
    guard !piece.isEmpty, !isLinkLike(piece) else { return }
    let p = Array(piece)
    var word: [Character] = []
    func emit(_ sep: Character?) {
      if let t = makeWord(word) { out.append(t) }
      word.removeAll()
      if let sep { out.append(.separator(sep)) }
    }
    for (i, c) in p.enumerated() {
      let prev: Character? = i > 0 ? p[i - 1] : nil
      let next: Character? = i + 1 < p.count ? p[i + 1] : nil
      switch c {
      case "=":
        emit(":")
      case ":", "/":
        if let a = prev, let b = next, isDigit(a), isDigit(b) { word.append(c) } else { emit(c) }
      case "-":
        if word.isEmpty || next == nil { emit("-") } else { word.append(c) }
      case "・":
        if isKatakana(prev) || isKatakana(next) { word.append(c) } else { emit("・") }
      case "·":
        if let a = prev, let b = next, a == "l" || a == "L", b == "l" || b == "L" { word.append(c) } else { emit("•") }
      default:
        word.append(c)
      }
    }
    emit(nil)
  }

  /// Trims punctuation around a word, keeping a final "." after a letter ("J.", "Jr.").
  static func makeWord(_ chars: [Character]) -> Token? {
    var s = chars[...]
    while let f = s.first, !(f.isAlpha || isDigit(f)) { s = s.dropFirst() }
    while let l = s.last, !(l.isAlpha || isDigit(l)) {
      if l == ".", s.count >= 2, s[s.endIndex - 2].isAlpha { break }
      s = s.dropLast()
    }
    return s.isEmpty ? nil : .word(String(s))
  }

  static func isLinkLike(_ piece: ArraySlice<Character>) -> Bool {
    guard piece.contains(where: { $0 == "@" || $0 == "." || $0 == ":" }) else { return false }
    if piece.contains("@") { return true }
    let lower = String(piece).lowercased()
    if lower.hasPrefix("http") || lower.hasPrefix("www.") { return true }
    let l = Array(lower)
    for i in l.indices.dropLast(2) where l[i] == ":" && l[i + 1] == "/" && l[i + 2] == "/" { return true }
    if piece.contains(where: \.isUpper) { return false }
    // Bare domains such as "al.com" or "twitter.com/jdoe".
    let labels = l.prefix { $0 != "/" }.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, let tld = labels.last, (2...6).contains(tld.count),
      tld.allSatisfy({ $0.isASCII && $0.isAlpha }),
      labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isAlpha || $0.isNumber || $0 == "-") } })
    else { return false }
    return true
  }

  // MARK: - Whole-byline passes

  static func match(_ t: [Token], _ i: Int, _ phrase: [String]) -> Int? {
    var j = i
    for w in phrase {
      guard j < t.count, t[j].isWord, t[j].key == w else { return nil }
      j += 1
    }
    return j
  }

  static func removePhrases(_ t: [Token]) -> [Token] {
    var out: [Token] = []
    var i = 0
    scan: while i < t.count {
      if let e = W.removablePhrases.match(t, i) {
        i = e
        continue scan
      }
      out.append(t[i])
      i += 1
    }
    return out
  }

  /// Strips "By", "Written by:", "Von", "Autor:", "著者：" … (repeatedly) from the front.
  static func stripPrefixes(_ t: [Token]) -> [Token] {
    var i = 0
    scan: while true {
      while i < t.count, !t[i].isWord { i += 1 }
      guard i < t.count else { break }
      for p in W.prefixes[t[i].key] ?? [] {
        guard let e = match(t, i, p.words) else { continue }
        let hasSep = e < t.count && !t[e].isWord
        if p.needsSeparator && !hasSep { continue }
        let rest = hasSep && t[e].sep == ":" ? e + 1 : e
        if p.needsName {
          guard rest + 1 < t.count, t[rest].isWord, t[rest + 1].isWord,
            t[rest].text.first(where: \.isAlpha)?.isUpper == true
          else { continue }
        }
        i = rest
        continue scan
      }
      break
    }
    return Array(t[i...])
  }

  static func walkBack(_ t: [Token], from i: Int, over words: Set<String>) -> Int {
    var j = i
    while j > 0, !t[j - 1].isWord || words.contains(t[j - 1].key) || (!words.isEmpty && startsWithDigit(t[j - 1].text))
    {
      j -= 1
    }
    return j
  }

  /// Removes photo credits and the date/time/editing tail.
  static func trimTail(_ input: [Token]) -> [Token] {
    var t = stripPrefixes(removeCredits(input))
    guard let cut = dateCut(t) else { return t }
    // "Posted on March 3, 2021 by Jane Doe": nothing before the date, the author follows it.
    if !t[..<cut].contains(where: \.isWord), !W.editMarkers.contains(t[cut].key),
      let by = t[cut...].firstIndex(where: { $0.isWord && W.bylineIntros.contains($0.key) })
    {
      t = stripPrefixes(removeCredits(stripPrefixes(Array(t[by...]))))
      if let cut = dateCut(t) { t.removeSubrange(cut...) }
      return t
    }
    t.removeSubrange(cut...)
    return t
  }

  /// "Photo: X", "Illustration by X", "AP Photo/X", "写真：X": removed up to the next "|", ";" or "•".
  static func removeCredits(_ input: [Token]) -> [Token] {
    var t = input
    scan: while true {
      for i in t.indices where t[i].isWord && W.creditWords.contains(t[i].key) && i + 1 < t.count {
        let n = t[i + 1]
        let credit =
          n.isWord
          ? W.creditJoins.contains(n.key) || W.creditWords.contains(n.key)
          : n.sep == ":" || n.sep == "/" || n.sep == "-"
        guard credit else { continue }
        let start = walkBack(t, from: i, over: W.knownOrganisations)
        let end = t[i...].firstIndex(where: { $0.sep == "|" || $0.sep == ";" || $0.sep == "•" }) ?? t.count
        t.removeSubrange(start..<end)
        continue scan
      }
      return t
    }
  }

  /// Index where the date/time/"Updated"/"Edited by" tail starts, including "on", "Mon", "Last" before it.
  static func dateCut(_ t: [Token]) -> Int? {
    for i in t.indices where t[i].isWord && isDateStart(t, i) {
      if W.contributorPhrases.match(t, i) != nil {
        // "Jane Doe contributed to this report": the names before it are not the authors.
        let sep = t[..<i].lastIndex { tok in
          tok.sep.map { "|;•-".contains($0) }
            ?? (tok.text.hasSuffix(".") && tok.text.filter(\.isAlpha).count >= 3)  // sentence end
        }
        return sep.map { $0 + 1 } ?? 0
      }
      return walkBack(t, from: i, over: W.dateWalkBack)
    }
    return nil
  }

  static func isDateStart(_ t: [Token], _ i: Int) -> Bool {
    let k = t[i].key
    if W.dateMarkers.contains(k) || W.monthsUnambiguous.contains(k) || isDateNumber(t, i) { return true }
    if W.months.contains(k) {
      if i + 1 < t.count, t[i + 1].isWord, startsWithDigit(t[i + 1].text) { return true }
      if i > 0, t[i - 1].isWord, startsWithDigit(t[i - 1].text) { return true }
    }
    return W.cutPhrases.match(t, i) != nil
  }

  /// "3:04", "2021-03-04", "03/04/2021", "2021", "3rd", "10am", "2021年3月", "3 hours ago".
  static func isDateNumber(_ t: [Token], _ i: Int) -> Bool {
    guard startsWithDigit(t[i].text) else { return false }
    var digits = 0
    var groups = 0
    var inDigits = false
    var colon = false
    var dateSep = false
    var letters = ""
    for c in t[i].text {
      if isDigit(c) {
        digits += 1
        if !inDigits {
          groups += 1
          inDigits = true
        }
        continue
      }
      inDigits = false
      switch c {
      case ":": colon = true
      case "-", "/", ".": dateSep = true
      default: letters.append(c)
      }
    }
    if (colon || dateSep) && groups >= 2 { return true }
    if letters.isEmpty {
      if digits == 4, let year = Int(t[i].text), (1900...2099).contains(year) { return true }
      return i + 1 < t.count && t[i + 1].isWord
        && (W.timeWords.contains(t[i + 1].key) || W.months.contains(t[i + 1].key))
    }
    if letters.contains(where: { "年月日時分".contains($0) }) { return true }
    return W.numberSuffixes.contains(fold(letters))
  }

}

/// Letters of one name must come from one script family.
enum NameScript {
  case none, latin, cjk, other

  init(_ c: Character) {
    let v = c.unicodeScalars.first?.value ?? 0
    switch v {
    case 0..<0x250, 0x1E00...0x1EFF: self = .latin
    case 0x1100...0x11FF, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...: self = .cjk
    default: self = .other
    }
  }
}

extension Character {
  // ASCII fast paths for the Unicode property lookups (the hot spot in profiles).
  var isAlpha: Bool {
    if let a = asciiValue { return (a | 0x20) >= 97 && (a | 0x20) <= 122 }
    return isLetter
  }

  var isUpper: Bool {
    if let a = asciiValue { return a >= 65 && a <= 90 }
    return isUppercase
  }

  var isLower: Bool {
    if let a = asciiValue { return a >= 97 && a <= 122 }
    return isLowercase
  }
}
