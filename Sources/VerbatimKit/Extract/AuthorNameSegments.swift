/// The second half of `AuthorNames`: splitting a cleaned byline into name segments, validating one
/// name, recognising organisations, and the character helpers the whole component uses.
extension AuthorNames {
  // MARK: - Segments

  /// Splits tokens into name candidates on separators and conjunctions, and turns
  /// "Doe, Jane" / "Jong, Michiel de" / "Doe, J., Roe, R." into natural order.
  static func candidates(_ t: [Token]) -> [Candidate] {
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
  static func mergeSuffixes(_ parts: [[Token]]) -> [[Token]] {
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

  static func isLastFirst(_ parts: [[Token]]) -> Bool {
    parts.count == 2 && isSurnamePart(parts[0]) && isGivenPart(parts[1], initialsOnly: false)
  }

  /// "Doe, J., Roe, R. A." → ["J. Doe", "R. A. Roe"].
  static func invertedInitialPairs(_ parts: [[Token]]) -> [[Token]]? {
    guard parts.count >= 4, parts.count.isMultiple(of: 2) else { return nil }
    var out: [[Token]] = []
    for i in stride(from: 0, to: parts.count, by: 2) {
      guard isSurnamePart(parts[i]), isGivenPart(parts[i + 1], initialsOnly: true) else { return nil }
      out.append(invert(surname: parts[i], given: parts[i + 1]))
    }
    return out
  }

  static func isNameWord(_ t: Token) -> Bool {
    t.text.first?.isUpper == true && t.text.filter(\.isAlpha).count >= 2
      && t.text.allSatisfy { $0.isAlpha || $0 == "-" || $0 == "'" }
      && !isCoreRole(t.key) && !W.roleModifiers.contains(t.key) && !W.degrees.contains(t.key)
      && !W.knownOrganisations.contains(t.key) && !W.placeFirstWords.contains(t.key)
      && !W.commonWords.contains(t.key) && !W.suffixes.contains(t.key)
  }

  /// "J.", "J", "J.R."
  static func isInitial(_ t: Token) -> Bool {
    let letters = t.text.filter(\.isAlpha).count
    let dots = t.text.filter { $0 == "." }.count
    return t.text.first?.isUpper == true && letters <= 2 && (letters == dots || (letters == 1 && dots == 0))
  }

  static func isParticle(_ t: Token) -> Bool {
    t.text.first?.isLower == true && W.particles.contains(t.key)
  }

  /// "Doe", "de Jong", "Van der Berg".
  static func isSurnamePart(_ p: [Token]) -> Bool {
    guard let last = p.last, p.count <= 3, isNameWord(last) else { return false }
    return p.dropLast().allSatisfy { W.particles.contains($0.key) }
  }

  static func isGivenPart(_ p: [Token], initialsOnly: Bool) -> Bool {
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
  static func invert(surname: [Token], given: [Token]) -> [Token] {
    var g = given
    var suffix: [Token] = []
    if let last = g.last, W.suffixes.contains(last.key), g.count > 1 { suffix = [g.removeLast()] }
    return g + surname + suffix
  }

  // MARK: - One name

  /// Cleans one segment: titles, intros, social junk, roles, places and degrees are removed,
  /// then the rest is validated and re-cased.
  static func cleanSegment(_ input: [Token]) -> Candidate? {
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
  static func isAcronym(_ t: Token) -> Bool {
    let letters = t.text.filter(\.isAlpha)
    return (2...5).contains(letters.count) && letters.count == t.text.count
      && letters.allSatisfy(\.isUpper) && !W.romanNumerals.contains(t.key)
  }

  static func isCoreRole(_ key: String) -> Bool {
    if W.coreRoles.contains(key) { return true }
    if let h = key.firstIndex(of: "-"), W.coreRoles.contains(String(key[..<h])) { return true }
    let n = key.utf8.count
    return n > 11 && W.roleSuffixes.contains { n > $0.utf8.count + 2 && key.hasSuffix($0) }
  }

  static func validate(_ w: [Token], isOrganisation org: Bool) -> Candidate? {
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
    var script = NameScript.none
    for c in name {
      if c.isAlpha {
        letters += 1
        if c.isUpper { upper = true } else if c.isLower { lower = true }
        let s = NameScript(c)
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
  static func isJunkWordInName(_ t: Token) -> Bool {
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
  static func isCapitalised(_ word: String) -> Bool {
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
  static func choose(_ candidates: [Candidate]) -> [String] {
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

  static func isOrganisation(_ w: [Token]) -> Bool {
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

  static func startsWithDigit(_ s: String) -> Bool {
    s.first.map(isDigit) ?? false
  }

  static func isKatakana(_ c: Character?) -> Bool {
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

  static let latin1 = Array("aaaaaa*ceeeeiiiidnooooo?ouuuuy**aaaaaa*ceeeeiiiidnooooo?ouuuuy*y")
  static let latinA = Array(
    "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii" + "iiiijjkkklllllll"
      + "lllnnnnnnnnnoooo" + "oo**rrrrrrssssss" + "sstttttt" + "uuuuuuuu" + "uuuuwwyyyzzzzzzs")

  static func foldScalar(_ u: Unicode.Scalar) -> String? {
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
