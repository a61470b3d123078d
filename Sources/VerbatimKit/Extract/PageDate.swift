// Publication dates as written in a web page: never converted to UTC, never more precise than the page.
// Pure Swift stdlib (no Foundation). Word tables and the tokenizer live in DateWords.swift.

/// A date as precise as the page states it; the calendar day is the one written in the page (its own time zone).
public struct PageDate: Sendable, Hashable, Comparable {
  public var year: Int
  public var month: Int?  // 1...12
  public var day: Int?  // 1...31, only when month != nil
  public var hour: Int?
  public var minute: Int?
  public var second: Int?
  public var utcOffsetMinutes: Int?  // nil when the text gave no offset; 0 for "Z"

  public init(
    year: Int, month: Int? = nil, day: Int? = nil, hour: Int? = nil, minute: Int? = nil,
    second: Int? = nil, utcOffsetMinutes: Int? = nil
  ) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.utcOffsetMinutes = utcOffsetMinutes
  }

  /// "2021-03-04" / "2021-03" / "2021"
  public var dayString: String { String(decoding: dayBytes(), as: UTF8.self) }

  /// "2021-03-04", "2021-03", "2021", or with time "2021-03-04T10:05:00+01:00" / "…Z" / "…" (no offset known).
  public var iso: String {
    var out = dayBytes()
    if day != nil, let h = hour {
      out.append(84)
      Self.pad(&out, h, 2)
      out.append(58)
      Self.pad(&out, minute ?? 0, 2)
      out.append(58)
      Self.pad(&out, second ?? 0, 2)
      if let off = utcOffsetMinutes {
        if off == 0 {
          out.append(90)
        } else {
          out.append(off < 0 ? 45 : 43)
          Self.pad(&out, abs(off) / 60, 2)
          out.append(58)
          Self.pad(&out, abs(off) % 60, 2)
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Ordering by (year, month ?? 0, day ?? 0, hour, minute, second); the offset is not considered.
  public static func < (a: PageDate, b: PageDate) -> Bool {
    (a.year, a.month ?? 0, a.day ?? 0, a.hour ?? 0, a.minute ?? 0, a.second ?? 0)
      < (b.year, b.month ?? 0, b.day ?? 0, b.hour ?? 0, b.minute ?? 0, b.second ?? 0)
  }

  private func dayBytes() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(25)
    Self.pad(&out, year, 4)
    if let m = month {
      out.append(45)
      Self.pad(&out, m, 2)
      if let d = day {
        out.append(45)
        Self.pad(&out, d, 2)
      }
    }
    return out
  }

  private static func pad(_ out: inout [UInt8], _ value: Int, _ width: Int) {
    let v = max(value, 0)
    var div = 1
    var w = 1
    while w < width || v / div >= 10 {
      div *= 10
      w += 1
    }
    while div > 0 {
      out.append(48 + UInt8(v / div % 10))
      div /= 10
    }
  }

  static func daysIn(month m: Int, year y: Int) -> Int {
    switch m {
    case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// A validated calendar day, or nil.
  static func ymd(_ y: Int, _ m: Int, _ d: Int, years: ClosedRange<Int>) -> PageDate? {
    guard years.contains(y), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
    return PageDate(year: y, month: m, day: d)
  }
}

enum DateText {
  static let humanYears = 1990...2100
  static let machineYears = 1000...2999
  static let urlYears = 1990...2100
  static let epochYears = 1995...2100

  /// Machine-readable values (ISO 8601 and web variants, compact, epoch), RFC 1123/2822, then parseHuman.
  static func parse(_ text: String) -> PageDate? {
    var s = text
    if let d = s.withUTF8({ machine($0) }) { return d }
    return parseHuman(text)
  }

  /// A date written for people, possibly inside surrounding words; the first one scanning left to right.
  static func parseHuman(_ text: String, allowYearOnly: Bool = false) -> PageDate? {
    var digits = false
    for b in text.utf8 where (b >= 48 && b <= 57) || b == 0xEF {
      digits = true
      break
    }
    guard digits else { return nil }
    let scan = HumanDateScan(t: DateLexer.tokens(text))
    if let d = scan.firstDate() { return d }
    return allowYearOnly ? scan.firstYear() : nil
  }

  /// A date embedded in a URL path. Query strings and fragments are ignored; never a bare year.
  static func fromURL(_ url: String) -> PageDate? {
    var s = url
    return s.withUTF8 { scanURL($0) }
  }

  // MARK: - Machine formats

  private struct Cursor {
    let b: UnsafeBufferPointer<UInt8>
    var p: Int
    let end: Int
    var done: Bool { p >= end }
    func peek() -> UInt8 { p < end ? b[p] : 0 }
    mutating func eat(_ c: UInt8) -> Bool {
      if peek() == c {
        p += 1
        return true
      }
      return false
    }
    mutating func skipSpaces() { while peek() == 32 { p += 1 } }
    mutating func number() -> (v: Int, n: Int) {
      var v = 0
      var n = 0
      while p < end, b[p] >= 48, b[p] <= 57 {
        if n < 18 { v = v * 10 + Int(b[p] - 48) }
        n += 1
        p += 1
      }
      return (v, n)
    }
    /// A run of ASCII letters looked up in the word table (0 when unknown).
    mutating func word() -> Int {
      var key: UInt64 = 0
      var n = 0
      while p < end, case let l = DateWords.letter(UInt32(b[p])), l != 0, b[p] < 128 {
        key = key &<< 5 | UInt64(l)
        n += 1
        p += 1
      }
      return n > 0 && n <= 12 ? DateWords.table[key] ?? 0 : 0
    }
    /// "+01:00", "+0100", "+01", "-5".
    mutating func offset() -> Int? {
      let sign = peek()
      guard sign == 43 || sign == 45 else { return nil }
      p += 1
      let (v, n) = number()
      var h = v
      var m = 0
      if n == 4 {
        h = v / 100
        m = v % 100
      } else if n == 1 || n == 2 {
        if eat(58) {
          let (mv, mn) = number()
          guard mn == 2 else { return nil }
          m = mv
        }
      } else {
        return nil
      }
      guard h <= 14, m <= 59 else { return nil }
      return (sign == 43 ? 1 : -1) * (h * 60 + m)
    }
  }

  private static func machine(_ b: UnsafeBufferPointer<UInt8>) -> PageDate? {
    var lo = 0
    var hi = b.count
    while lo < hi, b[lo] == 32 || (b[lo] >= 9 && b[lo] <= 13) { lo += 1 }
    while hi > lo, b[hi - 1] == 32 || (b[hi - 1] >= 9 && b[hi - 1] <= 13) { hi -= 1 }
    var c = Cursor(b: b, p: lo, end: hi)
    let (v, n) = c.number()
    guard n > 0 else { return nil }
    if c.done {
      switch n {
      case 4: return machineYears.contains(v) ? PageDate(year: v) : nil
      case 8: return PageDate.ymd(v / 10000, v / 100 % 100, v % 100, years: machineYears)
      case 10: return epoch(v)
      case 13: return epoch(v / 1000)
      case 14:
        guard var d = PageDate.ymd(v / 10_000_000_000, v / 100_000_000 % 100, v / 1_000_000 % 100, years: machineYears),
          v / 10_000 % 100 <= 23, v / 100 % 100 <= 59, v % 100 <= 59
        else { return nil }
        d.hour = v / 10_000 % 100
        d.minute = v / 100 % 100
        d.second = v % 100
        return d
      default: return nil
      }
    }
    var date: PageDate
    let compact = n == 8
    if compact {
      guard let d = PageDate.ymd(v / 10000, v / 100 % 100, v % 100, years: machineYears) else { return nil }
      date = d
    } else if n == 4 {
      let sep = c.peek()
      guard sep == 45 || sep == 47 || sep == 46 else { return nil }
      c.p += 1
      let (m, mn) = c.number()
      guard mn == 1 || mn == 2 else { return nil }
      if c.done {
        guard sep != 46, mn == 2, (1...12).contains(m), machineYears.contains(v) else { return nil }
        return PageDate(year: v, month: m)
      }
      guard c.eat(sep) else { return nil }
      let (d, dn) = c.number()
      guard dn == 1 || dn == 2, let day = PageDate.ymd(v, m, d, years: machineYears) else { return nil }
      date = day
      if c.done { return date }
    } else {
      return nil
    }
    let t = c.peek()
    guard t == 84 || t == 116 || t == 32 else { return nil }
    c.p += 1
    c.skipSpaces()
    let (h, hn) = c.number()
    var hour = h
    var minute = 0
    var second: Int?
    if compact && (hn == 4 || hn == 6) {
      hour = hn == 4 ? h / 100 : h / 10000
      minute = hn == 4 ? h % 100 : h / 100 % 100
      if hn == 6 { second = h % 100 }
    } else {
      guard hn == 1 || hn == 2, c.eat(58) else { return nil }
      let (mi, mn) = c.number()
      guard mn == 2 else { return nil }
      minute = mi
      if c.eat(58) {
        let (s, sn) = c.number()
        guard sn == 2 else { return nil }
        second = s
        if c.eat(46) || c.eat(44) { guard c.number().n > 0 else { return nil } }
      }
    }
    guard hour <= 23, minute <= 59, (second ?? 0) <= 60 else { return nil }
    date.hour = hour
    date.minute = minute
    date.second = second.map { min($0, 59) }
    c.skipSpaces()
    let z = c.peek()
    if z == 90 || z == 122 {
      c.p += 1
      date.utcOffsetMinutes = 0
    } else if z == 43 || z == 45 {
      guard let off = c.offset() else { return nil }
      date.utcOffsetMinutes = off
    } else if DateWords.letter(UInt32(z)) != 0 {
      let code = c.word()
      if code == DateWords.tzUnknown {
        date.utcOffsetMinutes = nil
      } else {
        guard code >= DateWords.tzBase else { return nil }
        date.utcOffsetMinutes = code - DateWords.tzBase - 1000
        if date.utcOffsetMinutes == 0, c.peek() == 43 || c.peek() == 45 {
          guard let off = c.offset() else { return nil }
          date.utcOffsetMinutes = off
        }
      }
    }
    c.skipSpaces()
    if c.eat(91) {
      while !c.done && c.peek() != 93 { c.p += 1 }
      guard c.eat(93) else { return nil }
    }
    return c.done ? date : nil
  }

  /// Seconds since 1970 as a UTC instant, only within 1995...2100.
  private static func epoch(_ seconds: Int) -> PageDate? {
    let days = seconds / 86400
    let rest = seconds % 86400
    // Days to civil date (H. Hinnant's algorithm); seconds are positive here.
    let z = days + 719_468
    let era = z / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    guard var date = PageDate.ymd(y, m, d, years: epochYears) else { return nil }
    date.hour = rest / 3600
    date.minute = rest / 60 % 60
    date.second = rest % 60
    date.utcOffsetMinutes = 0
    return date
  }

  // MARK: - URLs

  private static func scanURL(_ b: UnsafeBufferPointer<UInt8>) -> PageDate? {
    var end = b.count
    for i in 0..<b.count where b[i] == 63 || b[i] == 35 {
      end = i
      break
    }
    var start = 0
    var i = 0
    while i + 2 < end, b[i] != 47 {
      if b[i] == 58 && b[i + 1] == 47 && b[i + 2] == 47 {
        start = i + 3
        break
      }
      i += 1
    }
    if start == 0, end >= 2, b[0] == 47, b[1] == 47 { start = 2 }
    if start > 0 { while start < end, b[start] != 47 { start += 1 } }
    var segs: [(Int, Int)] = []
    var s = start
    for j in start...end where j == end || b[j] == 47 {
      if j > s { segs.append((s, j)) }
      s = j + 1
    }
    func isDigit(_ x: UInt8) -> Bool { x >= 48 && x <= 57 }
    func digits(_ r: (Int, Int)) -> (v: Int, n: Int)? {
      // Longer runs are no date part (and 19 digits or more would overflow).
      guard r.1 - r.0 <= 8 else { return nil }
      var v = 0
      for k in r.0..<r.1 {
        guard isDigit(b[k]) else { return nil }
        v = v * 10 + Int(b[k] - 48)
      }
      return (v, r.1 - r.0)
    }
    /// "20" or "20.html".
    func daySeg(_ r: (Int, Int)) -> Int? {
      var k = r.0
      var v = 0
      while k < r.1, k - r.0 < 3, isDigit(b[k]) {  // a third digit is enough to refuse (no overflow)
        v = v * 10 + Int(b[k] - 48)
        k += 1
      }
      guard k - r.0 >= 1, k - r.0 <= 2 else { return nil }
      if k == r.1 { return v }
      guard b[k] == 46, k + 1 < r.1 else { return nil }
      for x in (k + 1)..<r.1 where DateWords.letter(UInt32(b[x])) == 0 { return nil }
      return v
    }
    func monthWord(_ r: (Int, Int)) -> (Int, Bool)? {
      var key: UInt64 = 0
      guard r.1 - r.0 <= 12 else { return nil }
      for k in r.0..<r.1 {
        guard b[k] < 128, case let l = DateWords.letter(UInt32(b[k])), l != 0 else { return nil }
        key = key &<< 5 | UInt64(l)
      }
      let code = DateWords.table[key] ?? 0
      if (1...12).contains(code) { return (code, true) }
      if (DateWords.weakMonth + 1...DateWords.weakMonth + 12).contains(code) {
        return (code - DateWords.weakMonth, false)
      }
      return nil
    }
    for k in segs.indices {
      if let (y, yn) = digits(segs[k]), yn == 4, urlYears.contains(y), k + 1 < segs.count {
        var m = 0
        var monthOnlyOK = false
        if let (mv, mn) = digits(segs[k + 1]), mn <= 2, (1...12).contains(mv) {
          m = mv
          monthOnlyOK = mn == 2
        } else if let (mv, strong) = monthWord(segs[k + 1]) {
          m = mv
          monthOnlyOK = strong
        }
        if m > 0 {
          if k + 2 < segs.count, let d = daySeg(segs[k + 2]) {
            if let date = PageDate.ymd(y, m, d, years: urlYears) { return date }
          } else if monthOnlyOK {
            return PageDate(year: y, month: m)
          }
        }
      }
      // Inside one segment: "20160920" or "2016-09-20" / "2016_09_20", bounded by non-digits.
      var p = segs[k].0
      let e = segs[k].1
      while p < e {
        guard isDigit(b[p]) else {
          p += 1
          continue
        }
        var q = p
        var v = 0
        while q < e, isDigit(b[q]) {
          if q - p < 18 { v = v * 10 + Int(b[q] - 48) }
          q += 1
        }
        if q - p == 8, let d = PageDate.ymd(v / 10000, v / 100 % 100, v % 100, years: urlYears) { return d }
        if q - p == 4, q < e, b[q] == 45 || b[q] == 95 {
          let sep = b[q]
          var r = q + 1
          var m = 0
          var d = 0
          while r < e, isDigit(b[r]), r - q <= 3 {
            m = m * 10 + Int(b[r] - 48)
            r += 1
          }
          let mn = r - q - 1
          if mn >= 1, mn <= 2, r < e, b[r] == sep {
            var t = r + 1
            while t < e, isDigit(b[t]), t - r <= 3 {
              d = d * 10 + Int(b[t] - 48)
              t += 1
            }
            let dn = t - r - 1
            if dn >= 1, dn <= 2, t == e || !isDigit(b[t]),
              let date = PageDate.ymd(v, m, d, years: urlYears)
            {
              return date
            }
          }
        }
        p = q
      }
    }
    return nil
  }
}

// MARK: - Tokens shared with DateWords.swift

/// One token of human text.
struct DateToken: Sendable {
  enum Kind: UInt8, Sendable { case num, word, sym }
  var kind: Kind
  /// Number value, word code (`DateWords`; 0 = unknown Latin word, -1 = non-Latin word) or scalar value.
  var v: Int
  /// Digit count or letter count.
  var n: Int
  /// Whitespace before this token.
  var sp: Bool
}

/// Symbols the date grammar cares about.
enum DateSymbol {
  static let dot = 46, dash = 45, slash = 47, colon = 58, comma = 44, plus = 43
  static let lparen = 40, rparen = 41, copyright = 0xA9, ordMasc = 0xBA, ordFem = 0xAA, degree = 0xB0
  static let year = 0x5E74, month = 0x6708, day = 0x65E5  // 年 月 日
  static let kYear = 0xB144, kMonth = 0xC6D4, kDay = 0xC77C  // 년 월 일
}
