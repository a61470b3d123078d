// Word tables, Latin letter folding and the tokenizer behind DateText.parseHuman.
// Pure Swift stdlib: words are folded to ASCII a–z (accents dropped, case ignored) and
// packed 5 bits per letter into a UInt64 (up to 12 letters), then looked up in one table.

enum DateWords {
  // Word codes. Months are 1...12; weak months (also common words) are 101...112.
  static let ordinal = 20, connector = 21, copyright = 22, at = 23, am = 24, pm = 25
  static let block = 26, tzUnknown = 27, letterT = 28, letterH = 29, letterC = 30
  static let letterA = 31, letterP = 32, letterM = 33
  static let weakMonth = 100
  /// Time-zone words: tzBase + 1000 + offset minutes.
  static let tzBase = 10_000

  static let table: [UInt64: Int] = build()

  /// Month words per month: English, German, French, Spanish, Italian, Portuguese, Dutch,
  /// Polish and Czech (nominative + genitive), with abbreviations, all accent-folded.
  private static let months: [String] = [
    "january jan januar janner jaenner janvier janv enero ene gennaio gen janeiro januari styczen stycznia sty leden ledna",
    "february feb febr februar feber fevrier fevr fev febrero febbraio fevereiro februari luty lutego lut unor unora",
    "march mar marz maerz mrz mars marzo marco maart mrt marzec marca brezen brezna",
    "april apr avril avr abril abr aprile kwiecien kwietnia kwi duben dubna",
    "may mai mayo maggio mag maio mei maj maja kveten kvetna",
    "june jun juni juin junio giugno giu junho czerwiec czerwca cze cerven cervna",
    "july jul juli juillet juil julio luglio lug julho lipiec lipca lip cervenec cervence",
    "august aug aout agosto ago augustus sierpien sierpnia sie srpen srpna",
    "september sep sept septembre septiembre setiembre settembre set setembro wrzesien wrzesnia wrz zari",
    "october oct oktober octobre octubre ottobre ott outubro out okt pazdziernik pazdziernika paz rijen rijna",
    "november nov novembre noviembre novembro listopad listopada listopadu lis",
    "december dec dezember dez decembre diciembre dic dicembre dezembro grudzien grudnia gru prosinec prosince",
  ]
  /// Month words that are also everyday words: only accepted with a day ("4 set 2021", never "set 2021").
  private static let weak: Set<String> = ["sie", "set", "ago", "out", "marco", "gen", "mag"]

  private static let others: [(Int, String)] = [
    (ordinal, "st nd rd th er"),
    (connector, "de del of"),
    (copyright, "copyright copr"),
    (at, "at um as las alle ore om o godz v kl klo"),
    (am, "am"), (pm, "pm"),
    (
      block,
      "version ver isbn issn tel phone fax no nr vol pp page pages build rev release id ref fig figure table chapter since seit depuis desde founded"
    ),
    (tzUnknown, "et pt ct mt"),
    (letterT, "t"), (letterH, "h"), (letterC, "c"), (letterA, "a"), (letterP, "p"), (letterM, "m"),
  ]
  private static let zones: [(String, Int)] = [
    ("z", 0), ("gmt", 0), ("utc", 0), ("ut", 0), ("wet", 0), ("west", 60), ("bst", 60), ("cet", 60),
    ("mez", 60), ("cest", 120), ("mesz", 120), ("eet", 120), ("eest", 180), ("est", -300), ("edt", -240),
    ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
    ("akst", -540), ("akdt", -480), ("hst", -600), ("jst", 540), ("kst", 540), ("hkt", 480), ("sgt", 480),
    ("aest", 600), ("aedt", 660),
  ]

  static func key(_ word: Substring) -> UInt64 {
    word.utf8.reduce(0) { $0 &<< 5 | UInt64($1 &- 96) }
  }

  private static func build() -> [UInt64: Int] {
    var t: [UInt64: Int] = [:]
    for (i, line) in months.enumerated() {
      for w in line.split(separator: " ") { t[key(w)] = weak.contains(String(w)) ? weakMonth + i + 1 : i + 1 }
    }
    for (code, line) in others { for w in line.split(separator: " ") { t[key(w)] = code } }
    for (w, off) in zones { t[key(Substring(w))] = tzBase + 1000 + off }
    return t
  }

  /// Latin-1 Supplement U+00C0...U+00FF and Latin Extended-A U+0100...U+017F folded to a–z ("*" = not a letter).
  static let latin1 = fold("aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty")
  static let latinExtA = fold(
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
  )

  private static func fold(_ s: String) -> [UInt8] { s.utf8.map { $0 == 42 ? 0 : $0 - 96 } }

  /// Letter number 1...26 for a Latin letter (accents dropped), 0 otherwise.
  @inline(__always) static func letter(_ s: UInt32) -> UInt8 {
    if s < 128 {
      if s >= 97 && s <= 122 { return UInt8(s - 96) }
      if s >= 65 && s <= 90 { return UInt8(s - 64) }
      return 0
    }
    if s >= 0xC0 && s <= 0xFF { return latin1[Int(s - 0xC0)] }
    if s >= 0x100 && s <= 0x17F { return latinExtA[Int(s - 0x100)] }
    if s == 0x1E9E { return 19 }
    return 0
  }
}

struct DateLexer {
  private var out: [DateToken] = []
  private var sp = true
  private var mode: UInt8 = 0  // 0 idle, 1 number, 2 word
  private var value = 0, count = 0, key: UInt64 = 0, latin = true, tokSp = false
  private let table = DateWords.table

  static func tokens(_ text: String) -> [DateToken] {
    var lx = DateLexer()
    lx.out.reserveCapacity(32)
    for u in text.unicodeScalars { lx.feed(u) }
    lx.flush()
    return lx.out
  }

  private mutating func flush() {
    if mode == 1 {
      out.append(DateToken(kind: .num, v: value, n: count, sp: tokSp))
    } else if mode == 2 {
      let code = !latin ? -1 : (count <= 12 ? table[key] ?? 0 : 0)
      out.append(DateToken(kind: .word, v: code, n: count, sp: tokSp))
    }
    mode = 0
  }

  private mutating func begin(_ m: UInt8) {
    flush()
    mode = m
    value = 0
    count = 0
    key = 0
    latin = true
    tokSp = sp
    sp = false
  }

  private mutating func feed(_ u: Unicode.Scalar) {
    let s = u.value
    var digit: UInt32 = 99
    if s >= 48 && s <= 57 { digit = s - 48 } else if s >= 0xFF10 && s <= 0xFF19 { digit = s - 0xFF10 }
    if digit < 10 {
      if mode != 1 { begin(1) }
      if count < 18 { value = value * 10 + Int(digit) }
      count += 1
      return
    }
    let l = DateWords.letter(s)
    if l != 0 {
      if mode != 2 { begin(2) }
      if count < 12 { key = key &<< 5 | UInt64(l) }
      count += 1
      return
    }
    if s >= 0x300 && s <= 0x36F { return }  // combining accent (NFD text)
    switch Int(s) {
    case 9...13, 32, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      flush()
      sp = true
      return
    case DateSymbol.year, DateSymbol.month, DateSymbol.day, DateSymbol.kYear, DateSymbol.kMonth, DateSymbol.kDay,
      DateSymbol.ordMasc, DateSymbol.ordFem:
      symbol(Int(s))
      return
    default: break
    }
    if s >= 0x80 && u.properties.isAlphabetic {
      if mode != 2 { begin(2) }
      latin = false
      count += 1
      return
    }
    let mapped: Int
    switch Int(s) {
    case 0xFF0F: mapped = DateSymbol.slash
    case 0xFF1A: mapped = DateSymbol.colon
    case 0xFF0E: mapped = DateSymbol.dot
    case 0xFF0C: mapped = DateSymbol.comma
    case 0xFF0D, 0x2010, 0x2011, 0x2212: mapped = DateSymbol.dash
    default: mapped = Int(s)
    }
    symbol(mapped)
  }

  private mutating func symbol(_ v: Int) {
    flush()
    out.append(DateToken(kind: .sym, v: v, n: 1, sp: sp))
    sp = false
  }
}

/// Pattern matcher over tokens for DateText.parseHuman.
struct HumanDateScan {
  let t: [DateToken]

  // MARK: token predicates

  private func num(_ i: Int, _ digits: ClosedRange<Int>) -> Int? {
    guard i < t.count, t[i].kind == .num, digits.contains(t[i].n) else { return nil }
    return t[i].v
  }
  /// `i` may be -1: "c)" at the very start is looked at for a "(" before it.
  private func isSym(_ i: Int, _ s: Int) -> Bool { t.indices.contains(i) && t[i].kind == .sym && t[i].v == s }
  private func glued(_ i: Int) -> Bool { i < t.count && !t[i].sp }
  private func word(_ i: Int) -> Int? { i < t.count && t[i].kind == .word ? t[i].v : nil }
  private func month(_ i: Int, weak: Bool) -> Int? {
    guard let w = word(i) else { return nil }
    if w >= 1 && w <= 12 { return w }
    if weak, w > DateWords.weakMonth, w <= DateWords.weakMonth + 12 { return w - DateWords.weakMonth }
    return nil
  }
  private func year(_ i: Int) -> Int? {
    guard let y = num(i, 4...4), DateText.humanYears.contains(y) else { return nil }
    return y
  }
  private func skipConnectors(_ j: inout Int) {
    var hops = 0
    while hops < 2, word(j) == DateWords.connector {
      j += 1
      hops += 1
    }
  }
  private static func isLink(_ v: Int) -> Bool {
    switch v {
    case DateSymbol.dot, DateSymbol.dash, DateSymbol.slash, DateSymbol.colon, DateSymbol.comma, DateSymbol.plus, 0x2013,
      0x2014:
      return true
    default: return false
    }
  }

  /// A number may start a date unless it continues something glued before it ("v2.", "1.04.02.2022", "978-").
  private func startOK(_ i: Int) -> Bool {
    guard i > 0, !t[i].sp else { return true }
    let p = t[i - 1]
    switch p.kind {
    case .num: return false
    case .word: return p.v < 0  // glued to CJK text is fine, to Latin letters is not
    case .sym: return !(i >= 2 && t[i - 2].kind == .num && !p.sp && Self.isLink(p.v))
    }
  }

  /// No numeric continuation glued after a date ("2021-03-04-7", "4.2.2022.1").
  private func endOK(_ k: Int) -> Bool {
    guard glued(k) else { return true }
    switch t[k].kind {
    case .num: return false
    case .word: return true
    case .sym: return !(Self.isLink(t[k].v) && glued(k + 1) && t[k + 1].kind == .num)
    }
  }

  /// "Copyright", "©", "(c)": returns the end of the numbers that follow it.
  private func copyrightZone(_ i: Int) -> Int? {
    let tk = t[i]
    let marker =
      (tk.kind == .word && tk.v == DateWords.copyright) || (tk.kind == .sym && tk.v == DateSymbol.copyright)
      || (tk.kind == .word && tk.v == DateWords.letterC && isSym(i - 1, DateSymbol.lparen)
        && isSym(i + 1, DateSymbol.rparen))
    guard marker else { return nil }
    var j = i + 1
    while j < t.count {
      let x = t[j]
      let skip =
        (x.kind == .num && x.n == 4) || (x.kind == .sym && x.v != DateSymbol.dot)
        || (x.kind == .word && (x.v == DateWords.copyright || x.v == DateWords.letterC))
      guard skip else { break }
      j += 1
    }
    return j
  }

  // MARK: scanning

  func firstDate() -> PageDate? {
    var zoneEnd = 0
    for i in t.indices {
      if let z = copyrightZone(i) {
        zoneEnd = max(zoneEnd, z)
        continue
      }
      guard i >= zoneEnd, let (found, k) = match(i) else { continue }
      // An impossible date ("31 April 2021") consumes its tokens: no "April 2021" from it.
      guard let d = found else {
        zoneEnd = max(zoneEnd, k)
        continue
      }
      return d.day == nil ? d : withTime(d, k)
    }
    return nil
  }

  func firstYear() -> PageDate? {
    var zoneEnd = 0
    for i in t.indices {
      if let z = copyrightZone(i) {
        zoneEnd = max(zoneEnd, z)
        continue
      }
      guard i >= zoneEnd, let y = year(i) else { continue }
      if i > 0 {
        let p = t[i - 1]
        if p.kind == .num { continue }
        if p.kind == .word,
          [DateWords.block, DateWords.at, DateWords.letterA, DateWords.letterP, DateWords.letterC].contains(p.v)
        {
          continue
        }
        if !t[i].sp {
          guard p.kind == .sym, [DateSymbol.lparen, 91, 34, 39, 0x201C, 0x2018, 0xAB, 0x201E].contains(p.v) else {
            continue
          }
        }
        if p.kind == .sym, i >= 2, t[i - 2].kind == .num, Self.isLink(p.v) { continue }
      }
      if i + 1 < t.count {
        let q = t[i + 1]
        if q.kind == .num { continue }
        if !q.sp {
          guard q.kind == .sym,
            [
              DateSymbol.rparen, 93, DateSymbol.dot, DateSymbol.comma, 59, 34, 39, 0x201D, 0x2019, 0xBB, 33, 63,
              DateSymbol.colon,
            ].contains(q.v),
            !(glued(i + 2) && t[i + 2].kind == .num)
          else { continue }
        } else if q.kind == .sym, Self.isLink(q.v), num(i + 2, 1...9) != nil {
          continue  // "2019 – 2021", "2021 / 22"
        }
      }
      return PageDate(year: y)
    }
    return nil
  }

  /// A date starting at token i: (date or nil when impossible, index after it).
  private func match(_ i: Int) -> (PageDate?, Int)? {
    let tk = t[i]
    switch tk.kind {
    case .num:
      guard startOK(i), i == 0 || word(i - 1) != DateWords.block else { return nil }
      if tk.n == 4 { return yearFirst(i) }
      return tk.n <= 2 ? dayFirst(i) : nil
    case .word:
      return month(i, weak: true) != nil ? monthFirst(i) : nil
    case .sym:
      return nil
    }
  }

  /// "2021-03-04", "2021/3/4", "2021.03.04", "2021. 3. 4.", "2021-03", "2021年3月4日", "2021년 3월 4일".
  private func yearFirst(_ i: Int) -> (PageDate?, Int)? {
    guard let y = year(i), i + 1 < t.count, t[i + 1].kind == .sym else { return nil }
    let sep = t[i + 1].v
    if sep == DateSymbol.year || sep == DateSymbol.kYear {
      let (mMark, dMark) =
        sep == DateSymbol.year ? (DateSymbol.month, DateSymbol.day) : (DateSymbol.kMonth, DateSymbol.kDay)
      guard let m = num(i + 2, 1...2), (1...12).contains(m), isSym(i + 3, mMark) else { return nil }
      if let d = num(i + 4, 1...2), isSym(i + 5, dMark) {
        return (PageDate.ymd(y, m, d, years: DateText.humanYears), i + 6)
      }
      return (PageDate(year: y, month: m), i + 4)
    }
    guard glued(i + 1), sep == DateSymbol.dot || sep == DateSymbol.dash || sep == DateSymbol.slash,
      let m = num(i + 2, 1...2), sep == DateSymbol.dot || glued(i + 2)
    else { return nil }
    if isSym(i + 3, sep), glued(i + 3), let d = num(i + 4, 1...2), sep == DateSymbol.dot || glued(i + 4) {
      var k = i + 5
      if sep == DateSymbol.dot, isSym(k, DateSymbol.dot), glued(k) { k += 1 }
      guard endOK(k) else { return nil }
      return (PageDate.ymd(y, m, d, years: DateText.humanYears), k)
    }
    // Year-month: "2021-03", "2021/03" (two-digit month, nothing glued after).
    guard sep != DateSymbol.dot, t[i + 2].n == 2, (1...12).contains(m) else { return nil }
    if glued(i + 3) {
      guard t[i + 3].kind == .sym, t[i + 3].v != sep, endOK(i + 3) else { return nil }
    }
    return (PageDate(year: y, month: m), i + 3)
  }

  /// "04.02.2022", "4. 2. 2022", "4/2/2022" (US), "13-04-2022" (unambiguous only), "3rd of March 2021",
  /// "4. Februar 2022", "1er mars 2021", "4 de marzo de 2021".
  private func dayFirst(_ i: Int) -> (PageDate?, Int)? {
    let a = t[i].v
    if glued(i + 1), t[i + 1].kind == .sym {
      let sep = t[i + 1].v
      if sep == DateSymbol.dot || sep == DateSymbol.slash || sep == DateSymbol.dash, let b = num(i + 2, 1...2),
        isSym(i + 3, sep), glued(i + 3), let y = num(i + 4, 4...4),
        sep == DateSymbol.dot || (glued(i + 2) && glued(i + 4))
      {
        guard endOK(i + 5) else { return nil }
        var d = a
        var m = b
        if sep == DateSymbol.slash {
          if a <= 12 {
            m = a
            d = b
          }
        } else if sep == DateSymbol.dash {
          if a > 12 {
          } else if b > 12 {
            m = a
            d = b
          } else if a != b {
            return (nil, i + 5)
          }
        }
        return (PageDate.ymd(y, m, d, years: DateText.humanYears), i + 5)
      }
    }
    var j = i + 1
    if glued(j),
      word(j) == DateWords.ordinal || isSym(j, DateSymbol.ordMasc) || isSym(j, DateSymbol.ordFem)
        || isSym(j, DateSymbol.degree)
    {
      j += 1
    }
    if isSym(j, DateSymbol.dot) { j += 1 }
    skipConnectors(&j)
    guard let m = month(j, weak: true) else { return nil }
    j += 1
    if isSym(j, DateSymbol.dot), glued(j) { j += 1 }
    if isSym(j, DateSymbol.comma) { j += 1 }
    skipConnectors(&j)
    guard let y = year(j), endOK(j + 1) else { return nil }
    return (PageDate.ymd(y, m, a, years: DateText.humanYears), j + 1)
  }

  /// "March 3, 2021", "Mar. 3 2021", "Sept 3rd, 2021", and year-month "Dec 2021", "diciembre de 2021".
  private func monthFirst(_ i: Int) -> (PageDate?, Int)? {
    let strong = month(i, weak: false)
    guard let m = strong ?? month(i, weak: true) else { return nil }
    var j = i + 1
    if isSym(j, DateSymbol.dot), glued(j) { j += 1 }
    if let d = num(j, 1...2) {
      var k = j + 1
      if glued(k), word(k) == DateWords.ordinal { k += 1 }
      if isSym(k, DateSymbol.comma) { k += 1 }
      guard let y = year(k), endOK(k + 1) else { return nil }
      return (PageDate.ymd(y, m, d, years: DateText.humanYears), k + 1)
    }
    guard strong != nil else { return nil }
    if isSym(j, DateSymbol.comma) { j += 1 }
    skipConnectors(&j)
    guard let y = year(j), endOK(j + 1), !(glued(j + 1) && t[j + 1].kind == .word) else { return nil }
    return (PageDate(year: y, month: m), j + 1)
  }

  // MARK: time of day

  private func withTime(_ d: PageDate, _ k: Int) -> PageDate {
    guard let (h, m, s, off) = time(k) else { return d }
    var r = d
    r.hour = h
    r.minute = m
    r.second = s
    r.utcOffsetMinutes = off
    return r
  }

  /// "10:05", "10:05:00.123", "5pm", "5:30 p.m. EST", "à 10h30", "T10:05Z", "10:05 GMT+0100".
  private func time(_ start: Int) -> (Int, Int, Int?, Int?)? {
    var j = start
    if j < t.count, t[j].kind == .sym {
      switch t[j].v {
      case DateSymbol.comma, DateSymbol.dash, 0x2013, 0x2014, 0x7C, 0xB7, 0x40, 0x2022: j += 1
      default: break
      }
    }
    if glued(j), word(j) == DateWords.letterT {
      j += 1
    } else {
      var hops = 0
      while hops < 2, let w = word(j), w == DateWords.at || w == DateWords.letterA {
        j += 1
        hops += 1
        if isSym(j, DateSymbol.dot), glued(j) { j += 1 }  // "godz. 10:15"
      }
    }
    guard var h = num(j, 1...2) else { return nil }
    j += 1
    var mi = 0
    var s: Int?
    var hasMinutes = false
    if isSym(j, DateSymbol.colon), glued(j), glued(j + 1), let v = num(j + 1, 2...2) {
      mi = v
      hasMinutes = true
      j += 2
      if isSym(j, DateSymbol.colon), glued(j), glued(j + 1), let v2 = num(j + 1, 2...2) {
        s = v2
        j += 2
        if isSym(j, DateSymbol.dot) || isSym(j, DateSymbol.comma), glued(j), glued(j + 1), num(j + 1, 1...18) != nil {
          j += 2
        }
      }
    } else if glued(j), word(j) == DateWords.letterH, glued(j + 1), let v = num(j + 1, 2...2) {
      mi = v
      hasMinutes = true
      j += 2
    }
    var half = 0
    if let w = word(j), w == DateWords.am || w == DateWords.pm {
      half = w == DateWords.am ? 1 : 2
      j += 1
    } else if let w = word(j), w == DateWords.letterA || w == DateWords.letterP, isSym(j + 1, DateSymbol.dot),
      glued(j + 1),
      glued(j + 2), word(j + 2) == DateWords.letterM
    {
      half = w == DateWords.letterA ? 1 : 2
      j += 3
      if isSym(j, DateSymbol.dot), glued(j) { j += 1 }
    }
    guard hasMinutes || half != 0 else { return nil }
    if half != 0 {
      guard (1...12).contains(h) else { return nil }
      h = h % 12 + (half == 2 ? 12 : 0)
    }
    guard h <= 23, mi <= 59, (s ?? 0) <= 60 else { return nil }
    return (h, mi, s.map { min($0, 59) }, zone(j))
  }

  private func zone(_ j: Int) -> Int? {
    if let w = word(j) {
      guard w >= DateWords.tzBase else { return nil }
      let off = w - DateWords.tzBase - 1000
      if off == 0, glued(j + 1), let o = numericOffset(j + 1) { return o }
      return off
    }
    return numericOffset(j)
  }

  /// "+0100", "-05:00", "+1" (after GMT/UTC).
  private func numericOffset(_ j: Int) -> Int? {
    guard isSym(j, DateSymbol.plus) || isSym(j, DateSymbol.dash), glued(j + 1), let v = num(j + 1, 1...4),
      t[j + 1].n != 3
    else { return nil }
    var h = v
    var m = 0
    if t[j + 1].n == 4 {
      h = v / 100
      m = v % 100
    } else if isSym(j + 2, DateSymbol.colon), glued(j + 2), glued(j + 3), let mm = num(j + 3, 2...2) {
      m = mm
    }
    guard h <= 14, m <= 59 else { return nil }
    return (isSym(j, DateSymbol.plus) ? 1 : -1) * (h * 60 + m)
  }
}
