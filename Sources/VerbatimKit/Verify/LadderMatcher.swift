/// The outcome of T0–T3 against one text.
struct LadderMatch: Sendable, Equatable {
  enum Tier: Int, Sendable { case exact, typographic, caseOrDiacritics, editorial }
  var tier: Tier
  /// Matched range in the page text, in Unicode scalar offsets of `Array(pageText.unicodeScalars)`
  /// (for editorial matches: from the first segment's start to the last segment's end).
  var range: Range<Int>
  /// Per segment ranges (one for non-editorial matches).
  var segmentRanges: [Range<Int>]
  /// What differed, for the report, in the order of `LadderMatcher.differenceOrder`.
  var differences: [String]
  /// How many places in the text match at this tier.
  var occurrences: Int
  /// How many of them the caller's preference accepts (0 without one).
  var preferred: Int = 0
}

/// Precomputed keys of one page text, reused for many quotes.
struct PageKeys: Sendable {
  let source: [Unicode.Scalar]
  /// Keys by `KeyLevel.rawValue`.
  let keys: [QuoteKey]
  /// 4-gram index of each key.
  let index: [GramIndex]

  init(_ pageText: String) {
    source = Array(pageText.unicodeScalars)
    let exact = QuoteNormalizer.exactBuffer(source)
    let typographic = QuoteNormalizer.typographic(exact)
    keys = [exact.key, typographic.key, QuoteNormalizer.folded(typographic).key]
    index = keys.map { GramIndex($0.scalars) }
  }

  func key(_ level: KeyLevel) -> QuoteKey { keys[level.rawValue] }
}

/// Positions of every 4-scalar gram of a key, bucketed by hash (compressed rows: `offsets` into `positions`).
/// The table has about one bucket per two grams (a power of two, 64 to 16,384): short texts stay small.
struct GramIndex: Sendable {
  static let q = 4
  let mask: UInt32
  let offsets: [Int32]
  let positions: [Int32]

  init(_ s: [Unicode.Scalar]) {
    let grams = max(0, s.count - Self.q + 1)
    var buckets = 64
    while buckets < 16_384 && buckets * 2 < grams { buckets *= 2 }
    let mask = UInt32(buckets - 1)
    var offsets = [Int32](repeating: 0, count: buckets + 1)
    var positions = [Int32](repeating: 0, count: grams)
    var hashes = [Int32](repeating: 0, count: grams)
    s.withUnsafeBufferPointer { t in
      for p in 0..<grams {
        let h = Self.hash(t, p, mask)
        hashes[p] = Int32(h)
        offsets[h + 1] += 1
      }
    }
    for b in 0..<buckets { offsets[b + 1] += offsets[b] }
    var cursor = offsets
    for p in 0..<grams {
      let h = Int(hashes[p])
      positions[Int(cursor[h])] = Int32(p)
      cursor[h] += 1
    }
    self.mask = mask
    self.offsets = offsets
    self.positions = positions
  }

  static func hash(_ t: UnsafeBufferPointer<Unicode.Scalar>, _ p: Int, _ mask: UInt32) -> Int {
    let h =
      t[p].value &* 0x9E37_79B1 &+ t[p + 1].value &* 0x85EB_CA77 &+ t[p + 2].value &* 0xC2B2_AE3D
      &+ t[p + 3].value &* 0x27D4_EB2F
    return Int((h ^ (h >> 15)) & mask)
  }

  func hash(_ t: UnsafeBufferPointer<Unicode.Scalar>, _ p: Int) -> Int { Self.hash(t, p, mask) }
  func count(_ h: Int) -> Int { Int(offsets[h + 1] - offsets[h]) }
  func forEach(_ h: Int, _ body: (Int) -> Void) {
    for k in Int(offsets[h])..<Int(offsets[h + 1]) { body(Int(positions[k])) }
  }
}

enum LadderMatcher {
  /// Largest gap (page scalars) between two segments around an elision *(proposal)*.
  static let maxElisionGap = 2_000
  /// An insertion stands for at most this many page words *(proposal)*, within `maxInsertionGap` scalars.
  static let maxInsertionWords = 8
  static let maxInsertionGap = 400
  /// Cap on candidate placements tried for one editorial quote.
  static let searchBudget = 100_000
  static let differenceOrder = [
    "quotes", "dashes", "whitespace", "invisible", "ellipsis", "compatibility", "edge-punctuation",
    "case", "diacritics", "hyphenation", "elision", "insertion", "sic", "emphasis",
  ]

  /// A quote normalised once at every key level, reused against each text view of a page.
  struct PreparedQuote: Sendable {
    let source: [Unicode.Scalar]
    /// Keys by `KeyLevel.rawValue`; empty when the quote has no word.
    let keys: [QuoteKey]
    /// The editorial reading, nil when the quote has no editorial marks.
    let editorial: EditorialQuote?

    init(_ quote: String) {
      source = Array(QuoteNormalizer.stripOuter(Array(quote.unicodeScalars)))
      let exact = QuoteNormalizer.exactBuffer(source)
      if exact.key.hasWord {
        let typographic = QuoteNormalizer.typographic(exact)
        keys = [exact.key, typographic.key, QuoteNormalizer.folded(typographic).key]
      } else {
        keys = []
      }
      let editorial = EditorialQuote(quote)
      self.editorial = editorial.isEditorial ? editorial : nil
    }
  }

  /// Runs T0, T1, T2, then T3 (only when the quote has editorial marks), stopping at the first success.
  /// nil when none matches.
  static func match(_ quote: String, in page: PageKeys) -> LadderMatch? {
    match(PreparedQuote(quote), in: page)
  }

  /// `prefer`: among the places that match at a tier, report the first it accepts (a place in the main
  /// text, say) rather than the first on the page; `LadderMatch.preferred` counts them.
  static func match(_ quote: PreparedQuote, in page: PageKeys, prefer: ((Range<Int>) -> Bool)? = nil) -> LadderMatch? {
    guard !quote.keys.isEmpty else { return nil }
    for level in [KeyLevel.exact, .typographic, .folded] {
      if let m = matchWhole(quote.keys[level.rawValue], quote.source, page, level, prefer: prefer) { return m }
    }
    return quote.editorial.flatMap { matchEditorial($0, page, prefer: prefer) }
  }

  // MARK: T0–T2

  static func matchWhole(
    _ qk: QuoteKey, _ source: [Unicode.Scalar], _ page: PageKeys, _ level: KeyLevel,
    prefer: ((Range<Int>) -> Bool)? = nil
  ) -> LadderMatch? {
    guard qk.hasWord else { return nil }
    let pk = page.key(level)
    let m = qk.count
    let starts = find(qk.scalars, in: page, level) {
      boundaryOK(page, pk, $0, m, start: true, end: true)
        && (level < .folded || breaksConsistent(source, qk, page.source, pk, $0))
    }
    guard var first = starts.first else { return nil }
    var preferred = 0
    if let prefer {
      let accepted = starts.filter { prefer(pk.sourceRange($0..<($0 + m))) }
      preferred = accepted.count
      first = accepted.first ?? first
    }
    let range = pk.sourceRange(first..<(first + m))
    var diffs = Set<String>()
    if level > .exact {
      classify(source, qk, page, pk, at: first, level: level, edges: (true, true), caseExempt: [], into: &diffs)
    }
    return LadderMatch(
      tier: LadderMatch.Tier(rawValue: level.rawValue)!, range: range, segmentRanges: [range],
      differences: ordered(diffs), occurrences: starts.count, preferred: preferred)
  }

  /// Every source range where `term` matches at the folded level (case, accents, typography ignored),
  /// in document order: how a browser finds a text-fragment term.
  static func ranges(of term: String, in page: PageKeys) -> [Range<Int>] {
    let qk = QuoteNormalizer.key(term, level: .folded)
    guard qk.hasWord else { return [] }
    let pk = page.key(.folded)
    let m = qk.count
    let source = Array(term.unicodeScalars)
    return find(qk.scalars, in: page, .folded) {
      boundaryOK(page, pk, $0, m, start: true, end: true) && breaksConsistent(source, qk, page.source, pk, $0)
    }.map { pk.sourceRange($0..<($0 + m)) }
  }

  // MARK: Search

  /// All starts of `pat` in page key `level` accepted by `accept`, ascending (overlaps allowed).
  /// Looks up the pattern's rarest 4-gram in the page's index and verifies each candidate.
  static func find(_ pat: [Unicode.Scalar], in page: PageKeys, _ level: KeyLevel, _ accept: (Int) -> Bool) -> [Int] {
    let text = page.key(level).scalars
    let index = page.index[level.rawValue]
    let m = pat.count
    let n = text.count
    let q = GramIndex.q
    guard m > 0, n >= m else { return [] }
    var out: [Int] = []
    pat.withUnsafeBufferPointer { p in
      text.withUnsafeBufferPointer { t in
        func verify(_ i: Int) {
          guard i >= 0, i + m <= n else { return }
          var j = 0
          while j < m && t[i + j] == p[j] { j += 1 }
          if j == m && accept(i) { out.append(i) }
        }
        guard m >= q else {
          for i in 0...(n - m) where t[i] == p[0] { verify(i) }
          return
        }
        var best = 0
        var bestCount = Int.max
        for j in 0...(m - q) {
          let c = index.count(index.hash(p, j))
          if c < bestCount {
            best = j
            bestCount = c
          }
        }
        index.forEach(index.hash(p, best)) { verify($0 - best) }
      }
    }
    return out
  }

  /// A match must not start or end inside a page word (checked on the page's own scalars, skipping invisibles).
  /// Never inside one source character either (key scalars sharing a source span: a cluster, `ß` → `ss`).
  static func boundaryOK(_ page: PageKeys, _ pk: QuoteKey, _ s: Int, _ m: Int, start: Bool, end: Bool) -> Bool {
    let src = page.source
    if s > 0 && pk.sourceIndex[s] < pk.sourceEnd[s - 1] { return false }
    if s + m < pk.count && pk.sourceIndex[s + m] < pk.sourceEnd[s + m - 1] { return false }
    if start && Chars.isAlnum(pk.scalars[s]) {
      var p = pk.sourceIndex[s] - 1
      while p >= 0 && Chars.isInvisible(src[p]) { p -= 1 }
      if p >= 0 && Chars.isAlnum(src[p]) { return false }
    }
    if end && Chars.isAlnum(pk.scalars[s + m - 1]) {
      var p = pk.sourceEnd[s + m - 1]
      while p < src.count && Chars.isInvisible(src[p]) { p += 1 }
      if p < src.count && Chars.isAlnum(src[p]) { return false }
    }
    return true
  }

  /// At T2 a word break may exist on one side only ("well known" / "wellknown"), but a break that moves
  /// ("the cat sat" / "the cats at") makes different words: reject a quote-only break followed by a
  /// page-only break (or the reverse) with no common break between them.
  static func breaksConsistent(
    _ qsrc: [Unicode.Scalar], _ qk: QuoteKey, _ psrc: [Unicode.Scalar], _ pk: QuoteKey,
    _ s: Int
  ) -> Bool {
    func hasBreak(_ src: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
      a < b && src[a..<b].contains { Chars.isSpace($0) || Chars.isDash($0) }
    }
    var pending: Bool?  // side of an unmatched break: true = quote, false = page
    for k in 1..<max(1, qk.count) where Chars.isLetter(qk.scalars[k - 1]) && Chars.isLetter(qk.scalars[k]) {
      let q = hasBreak(qsrc, qk.sourceEnd[k - 1], qk.sourceIndex[k])
      let p = hasBreak(psrc, pk.sourceEnd[s + k - 1], pk.sourceIndex[s + k])
      if q == p {
        if q { pending = nil }
        continue
      }
      if let side = pending, side != q { return false }
      pending = q
    }
    return true
  }

  static func ordered(_ diffs: Set<String>) -> [String] {
    differenceOrder.filter(diffs.contains) + diffs.subtracting(differenceOrder).sorted()
  }
}

// MARK: Differences

extension LadderMatcher {
  /// The scalars of one chunk, sorted by the normalisation class that would remove or map them.
  struct Classes {
    var spaces: [Unicode.Scalar] = [], invisible: [Unicode.Scalar] = [], quotes: [Unicode.Scalar] = []
    var dashes: [Unicode.Scalar] = [], rest: [Unicode.Scalar] = []
    init(_ s: ArraySlice<Unicode.Scalar>) {
      for c in s {
        if Chars.isSpace(c) {
          spaces.append(c)
        } else if Chars.isInvisible(c) {
          invisible.append(c)
        } else if Chars.isQuote(c) {
          quotes.append(c)
        } else if Chars.isDash(c) {
          dashes.append(c)
        } else {
          rest.append(c)
        }
      }
    }
  }

  /// Lists what differs between the quote's source and the page's source, given that the quote key equals
  /// the page key at `s`. Walks key scalars in groups that share source spans and compares each group's
  /// source chunk (the scalars it came from plus whatever was deleted before it) on both sides.
  static func classify(
    _ qsrc: [Unicode.Scalar], _ qk: QuoteKey, _ page: PageKeys, _ pk: QuoteKey, at s: Int,
    level: KeyLevel, edges: (Bool, Bool), caseExempt: Set<Int>, into found: inout Set<String>
  ) {
    let psrc = page.source
    let m = qk.count
    var i = 0
    while i < m {
      var j = i + 1
      while j < m
        && (qk.sourceIndex[j] < qk.sourceEnd[j - 1] || pk.sourceIndex[s + j] < pk.sourceEnd[s + j - 1])
      {
        j += 1
      }
      let qa = i == 0 ? qk.sourceIndex[0] : qk.sourceEnd[i - 1]
      let qb = max(qa, qk.sourceEnd[j - 1])
      let pa = i == 0 ? pk.sourceIndex[s] : pk.sourceEnd[s + i - 1]
      let pb = max(pa, pk.sourceEnd[s + j - 1])
      if !qsrc[qa..<qb].elementsEqual(psrc[pa..<pb]) {
        let exempt = caseExempt.contains { (qa..<qb).contains($0) }
        classifyChunk(
          qsrc[qa..<qb], psrc[pa..<pb], prev: i > 0 ? qk.scalars[i - 1] : nil,
          first: qk.scalars[i], level: level, caseExempt: exempt, into: &found)
      }
      i = j
    }
    let range = pk.sourceRange(s..<(s + m))
    if edges.0, let d = edgeDifference(qsrc[0..<qk.sourceIndex[0]], psrc, leading: true, at: range.lowerBound) {
      found.insert(d)
    }
    if edges.1, let d = edgeDifference(qsrc[qk.sourceEnd[m - 1]...], psrc, leading: false, at: range.upperBound) {
      found.insert(d)
    }
  }

  static func classifyChunk(
    _ q: ArraySlice<Unicode.Scalar>, _ p: ArraySlice<Unicode.Scalar>, prev: Unicode.Scalar?,
    first: Unicode.Scalar, level: KeyLevel, caseExempt: Bool, into found: inout Set<String>
  ) {
    let a = Classes(q)
    let b = Classes(p)
    let join = level == .folded && prev.map(Chars.isLetter) == true && Chars.isLetter(first)
    let dashy = first == "-" || prev == "-" || !a.dashes.isEmpty || !b.dashes.isEmpty
    if a.invisible != b.invisible { found.insert("invisible") }
    if a.quotes != b.quotes { found.insert("quotes") }
    if a.dashes != b.dashes { found.insert(join ? "hyphenation" : "dashes") }
    if a.spaces != b.spaces {
      if join && (a.spaces.isEmpty != b.spaces.isEmpty || a.dashes != b.dashes) {
        found.insert("hyphenation")
      } else {
        found.insert(dashy ? "dashes" : "whitespace")
      }
    }
    let qs = QuoteNormalizer.string(a.rest[...])
    let ps = QuoteNormalizer.string(b.rest[...])
    guard qs != ps else { return }  // String == is canonical equivalence (e + U+0301 == é)
    let kq = QuoteNormalizer.nfkc(qs)
    let kp = QuoteNormalizer.nfkc(ps)
    if kq == kp || level < .folded {
      found.insert(a.rest.contains("…") || b.rest.contains("…") ? "ellipsis" : "compatibility")
      return
    }
    let fq = kq.uppercased().lowercased()
    let fp = kp.uppercased().lowercased()
    let isCase = fq == fp
    let isMarks = !isCase && QuoteNormalizer.stripMarks(kq) == QuoteNormalizer.stripMarks(kp)
    let isBoth = !isCase && !isMarks && QuoteNormalizer.stripMarks(fq) == QuoteNormalizer.stripMarks(fp)
    if (isCase || isBoth) && !caseExempt { found.insert("case") }
    if isMarks || isBoth { found.insert("diacritics") }
    if !isCase && !isMarks && !isBoth { found.insert("compatibility") }
  }

  /// What the quote had beyond its key at one edge (N8 trimmed it), unless the page has the same there
  /// (compared with the page's nearest non-space scalars on that side).
  static func edgeDifference(_ q: ArraySlice<Unicode.Scalar>, _ psrc: [Unicode.Scalar], leading: Bool, at p: Int)
    -> String?
  {
    let rem = q.filter { !Chars.isSpace($0) && !Chars.isQuote($0) && !Chars.isInvisible($0) }
    guard !rem.isEmpty else { return nil }
    var adjacent: [Unicode.Scalar] = []
    var i = leading ? p - 1 : p
    while i >= 0 && i < psrc.count && adjacent.count < rem.count {
      if !Chars.isSpace(psrc[i]) { adjacent.append(psrc[i]) }
      i += leading ? -1 : 1
    }
    if leading { adjacent.reverse() }
    if adjacent == rem { return nil }
    if rem.contains("\u{2026}") || rem.filter({ $0 == "." }).count >= 3 { return "elision" }
    return "edge-punctuation"
  }
}
