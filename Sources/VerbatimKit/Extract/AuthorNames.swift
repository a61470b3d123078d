/// Turns dirty author strings scraped from web pages (JSON-LD, meta tags, visible bylines)
/// into clean person names, or an organisation name when that is the only author.
/// Precision over recall: when in doubt a candidate is dropped. Stdlib only.
enum AuthorNames {
  private typealias W = BylineWords

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

  private static func strongSeparator(_ c: Character) -> Character? {
    switch c {
    case ",", ";", "|", "•", "、", "&": return c
    case "\u{2014}": return "-"
    default: return nil
    }
  }

  /// Tokenizes a piece between spaces and strong separators; e-mails, URLs and handles vanish.
  private static func addPiece(_ piece: ArraySlice<Character>, to out: inout [Token]) {
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
  private static func makeWord(_ chars: [Character]) -> Token? {
    var s = chars[...]
    while let f = s.first, !(f.isAlpha || isDigit(f)) { s = s.dropFirst() }
    while let l = s.last, !(l.isAlpha || isDigit(l)) {
      if l == ".", s.count >= 2, s[s.endIndex - 2].isAlpha { break }
      s = s.dropLast()
    }
    return s.isEmpty ? nil : .word(String(s))
  }

  private static func isLinkLike(_ piece: ArraySlice<Character>) -> Bool {
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

  private static func removePhrases(_ t: [Token]) -> [Token] {
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
  private static func stripPrefixes(_ t: [Token]) -> [Token] {
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

  private static func walkBack(_ t: [Token], from i: Int, over words: Set<String>) -> Int {
    var j = i
    while j > 0, !t[j - 1].isWord || words.contains(t[j - 1].key) || (!words.isEmpty && startsWithDigit(t[j - 1].text))
    {
      j -= 1
    }
    return j
  }

  /// Removes photo credits and the date/time/editing tail.
  private static func trimTail(_ input: [Token]) -> [Token] {
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
  private static func removeCredits(_ input: [Token]) -> [Token] {
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
  private static func dateCut(_ t: [Token]) -> Int? {
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

  private static func isDateStart(_ t: [Token], _ i: Int) -> Bool {
    let k = t[i].key
    if W.dateMarkers.contains(k) || W.monthsUnambiguous.contains(k) || isDateNumber(t, i) { return true }
    if W.months.contains(k) {
      if i + 1 < t.count, t[i + 1].isWord, startsWithDigit(t[i + 1].text) { return true }
      if i > 0, t[i - 1].isWord, startsWithDigit(t[i - 1].text) { return true }
    }
    return W.cutPhrases.match(t, i) != nil
  }

  /// "3:04", "2021-03-04", "03/04/2021", "2021", "3rd", "10am", "2021年3月", "3 hours ago".
  private static func isDateNumber(_ t: [Token], _ i: Int) -> Bool {
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

  // MARK: - Segments

  /// Splits tokens into name candidates on separators and conjunctions, and turns
  /// "Doe, Jane" / "Jong, Michiel de" / "Doe, J., Roe, R." into natural order.
  private static func candidates(_ t: [Token]) -> [Candidate] {
    var chunks: [(parts: [[Token]], conjunction: Bool)] = []
    var parts: [[Token]] = []
    var current: [Token] = []
    func closePart() {
      if !current.isEmpty { parts.append(current) }
      current = []
    }
    func closeChunk(conjunction: Bool) {
      closePart()
      if !parts.isEmpty {
        chunks.append((parts, conjunction))
      } else if conjunction, !chunks.isEmpty {
        chunks[chunks.count - 1].conjunction = true
      }
      parts = []
    }
    for tok in t {
      if let s = tok.sep {
        if s == "," { closePart() } else { closeChunk(conjunction: s == "&") }
      } else if W.conjunctions.contains(tok.text) {
        closeChunk(conjunction: true)
      } else {
        current.append(tok)
      }
    }
    closeChunk(conjunction: false)

    let merged = chunks.map { mergeSuffixes($0.parts) }
    let cleaned = merged.map { $0.map(cleanSegment) }
    // Parts that can be (half of) a name: roles, degrees and junk are left out.
    func nameParts(_ ci: Int) -> [[Token]] {
      merged[ci].indices.filter { i in
        let p = merged[ci][i]
        return cleaned[ci][i] != nil || p.allSatisfy(isInitial) || isSurnamePart(p)
          || isGivenPart(p, initialsOnly: false)
      }.map { merged[ci][$0] }
    }
    var out: [Candidate] = []
    for ci in chunks.indices {
      let names = nameParts(ci)
      if let pairs = invertedInitialPairs(names) {
        out += pairs.compactMap(cleanSegment)
        continue
      }
      if isLastFirst(names) {
        let serialList = chunks[ci].conjunction && ci + 1 < chunks.count && !isLastFirst(nameParts(ci + 1))
        if !serialList, let name = cleanSegment(invert(surname: names[0], given: names[1])) {
          out.append(name)
          continue
        }
      }
      out += cleaned[ci].compactMap { $0 }
    }
    return out
  }

  /// "Jane Doe, Jr." → "Jane Doe Jr."
  private static func mergeSuffixes(_ parts: [[Token]]) -> [[Token]] {
    var out: [[Token]] = []
    for p in parts {
      if p.count == 1, W.suffixes.contains(p[0].key), !out.isEmpty {
        out[out.count - 1].append(p[0])
      } else {
        out.append(p)
      }
    }
    return out
  }

  private static func isLastFirst(_ parts: [[Token]]) -> Bool {
    parts.count == 2 && isSurnamePart(parts[0]) && isGivenPart(parts[1], initialsOnly: false)
  }

  /// "Doe, J., Roe, R. A." → ["J. Doe", "R. A. Roe"].
  private static func invertedInitialPairs(_ parts: [[Token]]) -> [[Token]]? {
    guard parts.count >= 4, parts.count.isMultiple(of: 2) else { return nil }
    var out: [[Token]] = []
    for i in stride(from: 0, to: parts.count, by: 2) {
      guard isSurnamePart(parts[i]), isGivenPart(parts[i + 1], initialsOnly: true) else { return nil }
      out.append(invert(surname: parts[i], given: parts[i + 1]))
    }
    return out
  }

  private static func isNameWord(_ t: Token) -> Bool {
    t.text.first?.isUpper == true && t.text.filter(\.isAlpha).count >= 2
      && t.text.allSatisfy { $0.isAlpha || $0 == "-" || $0 == "'" }
      && !isCoreRole(t.key) && !W.roleModifiers.contains(t.key) && !W.degrees.contains(t.key)
      && !W.knownOrganisations.contains(t.key) && !W.placeFirstWords.contains(t.key)
      && !W.commonWords.contains(t.key) && !W.suffixes.contains(t.key)
  }

  /// "J.", "J", "J.R."
  private static func isInitial(_ t: Token) -> Bool {
    let letters = t.text.filter(\.isAlpha).count
    let dots = t.text.filter { $0 == "." }.count
    return t.text.first?.isUpper == true && letters <= 2 && (letters == dots || (letters == 1 && dots == 0))
  }

  private static func isParticle(_ t: Token) -> Bool {
    t.text.first?.isLower == true && W.particles.contains(t.key)
  }

  /// "Doe", "de Jong", "Van der Berg".
  private static func isSurnamePart(_ p: [Token]) -> Bool {
    guard let last = p.last, p.count <= 3, isNameWord(last) else { return false }
    return p.dropLast().allSatisfy { W.particles.contains($0.key) }
  }

  private static func isGivenPart(_ p: [Token], initialsOnly: Bool) -> Bool {
    var words = p[...]
    if let last = words.last, W.suffixes.contains(last.key), words.count > 1 { words = words.dropLast() }
    while let last = words.last, isParticle(last), words.count > 1 { words = words.dropLast() }
    guard let first = words.first, words.count <= 3 else { return false }
    if initialsOnly { return words.allSatisfy(isInitial) }
    guard isNameWord(first) || isInitial(first) else { return false }
    // "José Luis", "Jane A.", "J. R."
    let rest = words.dropFirst()
    return rest.allSatisfy(isInitial) || (rest.count == 1 && isNameWord(rest[rest.startIndex]))
  }

  /// Given names, then trailing particles of the given part, then surname, then a Jr./III suffix.
  private static func invert(surname: [Token], given: [Token]) -> [Token] {
    var g = given
    var suffix: [Token] = []
    if let last = g.last, W.suffixes.contains(last.key), g.count > 1 { suffix = [g.removeLast()] }
    return g + surname + suffix
  }

  // MARK: - One name

  /// Cleans one segment: titles, intros, social junk, roles, places and degrees are removed,
  /// then the rest is validated and re-cased.
  private static func cleanSegment(_ input: [Token]) -> Candidate? {
    var w = input.filter(\.isWord)
    while !w.isEmpty {
      if let e = W.introPhrases.match(w, 0) {
        w.removeFirst(e)
        continue
      }
      if w.count > 1, W.titles.contains(w[0].key) {
        w.removeFirst()
        continue
      }
      break
    }
    guard let last = w.last else { return nil }
    for s in W.cjkRoleSuffixes where last.text.count > s.count && last.text.hasSuffix(s) {
      w[w.count - 1] = .word(String(last.text.dropLast(s.count)))
      break
    }
    if let j = w.indices.first(where: { i in
      W.junkWords.contains(w[i].key) || W.junkPhrases.match(w, i) != nil
    }) {
      w.removeSubrange(j...)
    }
    let wireStaff = w.count == 2 && W.knownOrganisations.contains(w[0].key) && W.organisationTails.contains(w[1].key)
    if !wireStaff, let k = w.firstIndex(where: { isCoreRole($0.key) }) {
      var j = k
      while j > 0, W.roleModifiers.contains(w[j - 1].key) { j -= 1 }
      w.removeSubrange(j...)
    }
    if let p = w.indices.first(where: { $0 >= 2 && W.placePrepositions.contains(w[$0].text.lowercased()) }),
      !isOrganisation(Array(w[..<p]))
    {
      w.removeSubrange(p...)
    }
    // Outlet or place glued after a name: "Jane Doe BBC News", "Jane Doe New Delhi".
    if let a = w.indices.first(where: { i in
      i >= 2 && w[i - 1].text.contains(where: \.isLower) && !W.particles.contains(w[i].key)
        && (W.knownOrganisations.contains(w[i].key) || isAcronym(w[i])
          || (W.gluedPlaceWords.contains(w[i].key) && i + 1 < w.count))
    }), !isOrganisation(Array(w[..<a])) {
      w.removeSubrange(a...)
    }
    // Visually hidden duplicates: "Jane Doe Jane Doe".
    for period in stride(from: 1, through: w.count / 2, by: 1) where w.count.isMultiple(of: period) {
      if w.indices.allSatisfy({ w[$0].key == w[$0 % period].key }) {
        w.removeSubrange(period...)
        break
      }
    }
    while let last = w.last,
      W.degrees.contains(last.key)
        || (W.capsDegrees.contains(last.key) && !last.text.contains(where: \.isLower))
    {
      w.removeLast()
    }
    guard !w.isEmpty, w.count <= 6 else { return nil }
    let org = isOrganisation(w)
    if !org, w.count >= 2,
      W.placeFirstWords.contains(w[0].key)
        || W.placeLastWords.contains(w[w.count - 1].key.filter { $0 != "." })
    {
      return nil
    }
    return validate(w, isOrganisation: org)
  }

  /// "BBC", "MBE" — but not initials ("J.R.") or roman numerals ("III").
  private static func isAcronym(_ t: Token) -> Bool {
    let letters = t.text.filter(\.isAlpha)
    return (2...5).contains(letters.count) && letters.count == t.text.count
      && letters.allSatisfy(\.isUpper) && !W.romanNumerals.contains(t.key)
  }

  private static func isCoreRole(_ key: String) -> Bool {
    if W.coreRoles.contains(key) { return true }
    if let h = key.firstIndex(of: "-"), W.coreRoles.contains(String(key[..<h])) { return true }
    let n = key.utf8.count
    return n > 11 && W.roleSuffixes.contains { n > $0.utf8.count + 2 && key.hasSuffix($0) }
  }

  private static func validate(_ w: [Token], isOrganisation org: Bool) -> Candidate? {
    var texts = w.map(\.text)
    if let last = texts.last, last.count > 3, last.hasSuffix("'s") || last.hasSuffix("'S") {
      texts[texts.count - 1] = String(last.dropLast(2))  // "Jane Doe's"
    }
    if let last = texts.last, last.hasSuffix("."), last.filter(\.isAlpha).count >= 3,
      !last.dropLast().contains("."), !W.organisationSuffixes.contains(w[w.count - 1].key)
    {
      texts[texts.count - 1] = String(last.dropLast())
    }
    let name = texts.joined(separator: " ")
    guard name.count <= 60 else { return nil }
    var letters = 0
    var upper = false
    var lower = false
    var script = Script.none
    for c in name {
      if c.isAlpha {
        letters += 1
        if c.isUpper { upper = true } else if c.isLower { lower = true }
        let s = Script(c)
        if script == .none { script = s } else if s != script { return nil }  // "Jane 著者", "Oд"
      } else if !(c == " " || c == "." || c == "-" || c == "'" || c == "·" || c == "・") {
        return nil  // digits, "_", "#", "/", …
      }
    }
    guard letters >= 2, w.contains(where: { $0.text.filter(\.isAlpha).count >= 2 }) else { return nil }
    if W.blocked.contains(fold(name)) || w.contains(where: { W.stockAgencies.contains($0.key) }) { return nil }
    if w.count == 1, W.lonelyWords.contains(w[0].key) { return nil }  // "Dr.", "Jr.", "Von", "III"
    if W.suffixes.contains(w[0].key) { return nil }  // "Jr. E"
    if !org, w.contains(where: isJunkWordInName) || w.dropLast().contains(where: { $0.key.hasSuffix("'s") }) {
      return nil  // "Editor's Pick"
    }
    // A lowercase particle neither ends a name nor starts a two-word one ("March von", "von Jane").
    if !org, w.count >= 2, let first = w.first, let final = w.last,
      isParticle(final) || (w.count == 2 && isParticle(first))
    {
      return nil
    }
    var out = texts
    if lower && !upper {
      if w.count == 1 {
        guard W.lowercaseOrganisations.contains(w[0].key) else { return nil }
        return Candidate(name: name, isOrganisation: true, isFullName: false)
      }
      guard texts.allSatisfy({ $0.filter(\.isAlpha).count >= 2 }) else { return nil }
      out = titleCase(texts)
    } else if upper && !lower {
      if !org { out = titleCase(texts) }
    } else if upper {
      for (i, t) in texts.enumerated() where !isCapitalised(t) {
        if W.particles.contains(w[i].key) || (org && W.orgConnectives.contains(w[i].key)) { continue }
        return nil
      }
    }
    return Candidate(
      name: out.joined(separator: " "), isOrganisation: org,
      isFullName: w.count >= 2 || !(upper || lower))
  }

  /// Function words and camel-case handles ("JaneDoe") inside a person name.
  private static func isJunkWordInName(_ t: Token) -> Bool {
    if W.commonWords.contains(t.key) && !W.particles.contains(t.key) && !isInitial(t) {
      // "An", "To", "Do" are also Vietnamese/Korean/Chinese names when capitalised.
      return !(W.nameLikeCommonWords.contains(t.key) && t.text.first?.isUpper == true)
    }
    let chars = Array(t.text)
    for i in chars.indices.dropFirst() where chars[i].isUpper && chars[i - 1].isLower {
      let head = fold(String(chars[..<i]).filter(\.isAlpha))
      if !W.camelCasePrefixes.contains(head) { return true }
    }
    // "B.com", "x.y": a dot inside a name word is followed by a capital ("J.R.").
    for i in chars.indices.dropLast() where chars[i] == "." && chars[i + 1].isLower { return true }
    // "AUpdated", "TİOJane" (but "OBrien", "DAngelo").
    for i in chars.indices.dropLast(2) where chars[i].isUpper && chars[i + 1].isUpper && chars[i + 2].isLower {
      if !(i == 0 && "ODL".contains(chars[0])) { return true }
    }
    return false
  }

  /// First letter uppercase, or after an elided/hyphenated particle ("d'Alembert", "al-Assad").
  private static func isCapitalised(_ word: String) -> Bool {
    guard let first = word.first(where: \.isAlpha) else { return true }
    if first.isUpper || !first.isLower { return true }
    guard let d = word.firstIndex(where: { $0 == "'" || $0 == "-" }) else { return false }
    return word[word.index(after: d)...].first(where: \.isAlpha)?.isUpper == true
  }

  /// "JEAN-LUC O'NEIL VAN DAMME III" → "Jean-Luc O'Neil van Damme III".
  static func titleCase(_ words: [String]) -> [String] {
    words.enumerated().map { i, word in
      let lower = word.lowercased()
      let key = fold(lower).filter { $0 != "." }
      if i > 0, W.particles.contains(key) { return lower }
      if i > 0, W.romanNumerals.contains(key) { return word.uppercased() }
      var out = ""
      var capitalise = true
      for c in lower {
        if capitalise && c.isAlpha {
          out += c.uppercased()
          capitalise = false
        } else {
          out.append(c)
          if c == "-" || c == "'" || c == "." { capitalise = true }
        }
      }
      return out
    }
  }

  /// Drops organisations when people are named, and lone surnames/places next to full names.
  private static func choose(_ candidates: [Candidate]) -> [String] {
    var seen = Set<String>()
    let unique = candidates.filter { seen.insert(fold($0.name).filter(\.isAlpha)).inserted }
    let people = unique.filter { !$0.isOrganisation }
    let orgs = unique.filter(\.isOrganisation)
    let chosen: [Candidate]
    if people.contains(where: \.isFullName) {
      chosen = people.filter(\.isFullName)
    } else if !people.isEmpty {
      chosen = !orgs.isEmpty ? orgs : people.count == 1 ? people : []
    } else {
      chosen = orgs
    }
    return chosen.map(\.name)
  }

  // MARK: - Organisations

  private static func isOrganisation(_ w: [Token]) -> Bool {
    guard let first = w.first, let last = w.last else { return false }
    let keys = w.map(\.key)
    if W.knownOrganisations.contains(keys.joined(separator: " ")) { return true }
    if keys.count >= 2 {
      if W.organisationFirstWords.contains(first.key) { return true }
      if W.knownOrganisations.contains(first.key), W.organisationTails.contains(keys[1]) { return true }
      if W.organisationSuffixes.contains(last.key.filter { $0 != "." }) { return true }
    }
    if keys.contains(where: W.organisationWords.contains) { return true }
    if keys.count == 1 {
      if isAcronym(first) { return true }  // NASA, BBC, AFP
    }
    guard let scalar = last.text.unicodeScalars.last, scalar.value >= 0x3000 else { return false }
    let joined = w.map(\.text).joined()
    return W.cjkOrganisationSuffixes.contains { joined.hasSuffix($0) && joined.count > 1 }
  }

  // MARK: - Characters

  static func isDigit(_ c: Character) -> Bool {
    if let a = c.asciiValue { return a >= 48 && a <= 57 }
    return c.unicodeScalars.first?.properties.generalCategory == .decimalNumber
  }

  private static func startsWithDigit(_ s: String) -> Bool {
    s.first.map(isDigit) ?? false
  }

  private static func isKatakana(_ c: Character?) -> Bool {
    guard let v = c?.unicodeScalars.first?.value else { return false }
    return (0x30A1...0x30FA).contains(v) || (0x30FC...0x30FF).contains(v)
      || (0xFF66...0xFF9F).contains(v) || (0x31F0...0x31FF).contains(v)
  }

  /// Lowercase and strip diacritics ("Müller" → "muller", "Æ" → "ae").
  static func fold(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
    var out = String.UnicodeScalarView()
    for u in s.lowercased().unicodeScalars {
      let v = u.value
      if v < 0x80 {
        out.append(u)
        continue
      }
      if (0x300...0x36F).contains(v) { continue }
      if let m = foldScalar(u) { out.append(contentsOf: m.unicodeScalars) } else { out.append(u) }
    }
    return String(out)
  }

  private static let latin1 = Array("aaaaaa*ceeeeiiiidnooooo?ouuuuy**aaaaaa*ceeeeiiiidnooooo?ouuuuy*y")
  private static let latinA = Array(
    "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii" + "iiiijjkkklllllll"
      + "lllnnnnnnnnnoooo" + "oo**rrrrrrssssss" + "sstttttt" + "uuuuuuuu" + "uuuuwwyyyzzzzzzs")

  private static func foldScalar(_ u: Unicode.Scalar) -> String? {
    let v = u.value
    switch v {
    case 0xDF: return "ss"
    case 0xC6, 0xE6: return "ae"
    case 0xDE, 0xFE: return "th"
    case 0x152, 0x153: return "oe"
    case 0xC0...0xFF:
      let c = latin1[Int(v - 0xC0)]
      return c == "?" ? nil : String(c)
    case 0x100...0x17F:
      return String(latinA[Int(v - 0x100)])
    case 0x180...0x24F, 0x1E00...0x1EFF:
      // "LATIN SMALL LETTER A WITH DOT BELOW" → "a"
      guard let name = u.properties.name, name.hasPrefix("LATIN SMALL LETTER ") else { return nil }
      let base = name.dropFirst(19).prefix { $0 != " " }
      return base.count == 1 ? base.lowercased() : nil
    default:
      return nil
    }
  }
}

/// Letters of one name must come from one script family.
private enum Script {
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
  fileprivate var isAlpha: Bool {
    if let a = asciiValue { return (a | 0x20) >= 97 && (a | 0x20) <= 122 }
    return isLetter
  }

  fileprivate var isUpper: Bool {
    if let a = asciiValue { return a >= 65 && a <= 90 }
    return isUppercase
  }

  fileprivate var isLower: Bool {
    if let a = asciiValue { return a >= 97 && a <= 122 }
    return isLowercase
  }
}
