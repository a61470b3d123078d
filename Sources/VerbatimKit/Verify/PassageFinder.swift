/// Precomputed 3-token shingle index of one page text.
struct PassageIndex: Sendable {
  let tokens: [WordToken]
  let analysis: TokenizedText
  /// Token key ids (interned per page).
  let ids: [Int32]
  let vocab: [String: Int32]
  /// Positions of each id, CSR layout: `idPositions[idOffsets[id]..<idOffsets[id + 1]]`.
  let idOffsets: [Int32]
  let idPositions: [Int32]
  let shingles: ShingleTable
  let shingleNext: [Int32]

  init(_ pageText: String) { self.init(WordTokens.analyze(pageText)) }

  /// `interned`: the token ids and vocabulary of a larger text this one's tokens come from (the main
  /// text's from the full text's), so the words are not hashed again.
  init(_ analysis: TokenizedText, interned: (ids: [Int32], vocab: [String: Int32])? = nil) {
    self.analysis = analysis
    tokens = analysis.tokens
    var vocab: [String: Int32] = interned?.vocab ?? [:]
    var ids: [Int32] = interned?.ids ?? []
    if interned == nil {
      ids.reserveCapacity(tokens.count)
      for token in tokens {
        if let id = vocab[token.key] {
          ids.append(id)
        } else {
          let id = Int32(vocab.count)
          vocab[token.key] = id
          ids.append(id)
        }
      }
    }
    var offsets = [Int32](repeating: 0, count: vocab.count + 1)
    for id in ids { offsets[Int(id) + 1] += 1 }
    for k in 0..<vocab.count { offsets[k + 1] += offsets[k] }
    var fill = offsets
    var positions = [Int32](repeating: 0, count: ids.count)
    for (pos, id) in ids.enumerated() {
      positions[Int(fill[Int(id)])] = Int32(pos)
      fill[Int(id)] += 1
    }
    var shingles = ShingleTable(capacity: ids.count)
    var next = [Int32](repeating: -1, count: ids.count)
    if ids.count >= 3 {
      for pos in 0...(ids.count - 3) {
        next[pos] = shingles.add(Self.shingleKey(ids[pos], ids[pos + 1], ids[pos + 2]), at: Int32(pos))
      }
    }
    self.ids = ids
    self.vocab = vocab
    idOffsets = offsets
    idPositions = positions
    self.shingles = shingles
    shingleNext = next
  }

  /// Exact for vocabularies under 2^21 ids; beyond that collisions only add candidate windows.
  static func shingleKey(_ a: Int32, _ b: Int32, _ c: Int32) -> UInt64 {
    let mask: UInt64 = 0x1F_FFFF
    return (UInt64(a) & mask) << 42 | (UInt64(b) & mask) << 21 | (UInt64(c) & mask)
  }

  func count(of id: Int32) -> Int { Int(idOffsets[Int(id) + 1] - idOffsets[Int(id)]) }
}

struct Alignment: Sendable {
  var pageRange: Range<Int>  // scalar offsets in the page text of the aligned passage
  var coverage: Double  // aligned matching quote tokens / quote tokens
  var edits: [WordEdit]
  var isMaterial: Bool { edits.contains { $0.isMaterial } }
}

extension Alignment {
  /// §5 step 5 decision.
  var verdict: String {
    if coverage >= 0.85 { return isMaterial ? "altered-material" : "altered-minor" }
    if coverage >= 0.60 { return "not-found-closest" }
    return "not-found"
  }
}

enum PassageFinder {
  static let maxSeedHits = 512
  static let maxCandidates = 8
  static let rareTokenLimit = 64
  /// Page tokens between the sentence start and a mismatched first quote word that may be absorbed.
  static let maxLeadAbsorb = 2

  /// Words that rarely stand alone for a content word the quote put in their place.
  static let functionWords: Set<String> = [
    "to", "of", "in", "on", "at", "by", "for", "with", "from", "as", "than", "that", "into", "onto", "upon",
  ]

  enum Op: Equatable { case match(Int, Int), sub(Int, Int), ins(Int), del(Int) }

  struct Fit {
    var score: Int
    var matches: Int
    var ops: [Op]
    var window: Range<Int>
  }

  /// The best alignment of `quote` in the page, or nil when no window shares a shingle (or 2 rare tokens) with it.
  static func align(_ quote: String, in index: PassageIndex) -> Alignment? {
    align(WordTokens.analyze(quote), in: index)
  }

  /// The best alignment of an already tokenized quote; nil as well when fewer than `minimumCoverage` of
  /// its words match (the edits of a passage that will not be shown are not worth classifying).
  static func align(_ q: TokenizedText, in index: PassageIndex, minimumCoverage: Double = 0) -> Alignment? {
    let m = q.tokens.count
    guard m > 0, !index.tokens.isEmpty else { return nil }
    let qids = q.tokens.map { index.vocab[$0.key] ?? -1 }
    var best: Fit?
    for window in candidateWindows(qids, index) {
      let fit = fitAlign(qids, index.ids, window)
      if let b = best, b.score >= fit.score { continue }
      best = fit
      if fit.matches == m { break }
    }
    guard let fit = best, Double(fit.matches) >= minimumCoverage * Double(m) else { return nil }
    return makeAlignment(fit, quote: q, index: index)
  }

  // MARK: Seeding

  private struct Hit {
    var diag: Int
    var tag: Int
  }

  /// Windows of about 1.5× the quote length around diagonals supported by shared shingles
  /// (rarest first) or, failing that, by at least two distinct rare tokens.
  static func candidateWindows(_ qids: [Int32], _ index: PassageIndex) -> [Range<Int>] {
    let m = qids.count
    var hits: [Hit] = []
    if m >= 3 {
      var found: [(count: Int32, head: Int32, i: Int)] = []
      for i in 0...(m - 3) where qids[i] >= 0 && qids[i + 1] >= 0 && qids[i + 2] >= 0 {
        if let e = index.shingles[PassageIndex.shingleKey(qids[i], qids[i + 1], qids[i + 2])] {
          found.append((e.count, e.head, i))
        }
      }
      found.sort { ($0.count, $0.i) < ($1.count, $1.i) }
      for s in found {
        if !hits.isEmpty && hits.count + Int(s.count) > maxSeedHits { break }
        var pos = s.head
        while pos >= 0 && hits.count < maxSeedHits {
          hits.append(Hit(diag: Int(pos) - s.i, tag: s.i))
          pos = index.shingleNext[Int(pos)]
        }
      }
    }
    var clusters = cluster(hits, m: m, minSupport: 1)
    if clusters.isEmpty {
      hits.removeAll()
      let rare = (0..<m).filter { qids[$0] >= 0 && index.count(of: qids[$0]) <= rareTokenLimit }
        .sorted { index.count(of: qids[$0]) < index.count(of: qids[$1]) }
      for i in rare {
        let id = Int(qids[i])
        let lo = Int(index.idOffsets[id])
        let hi = Int(index.idOffsets[id + 1])
        if hits.count + (hi - lo) > maxSeedHits { break }
        for k in lo..<hi { hits.append(Hit(diag: Int(index.idPositions[k]) - i, tag: id)) }
      }
      clusters = cluster(hits, m: m, minSupport: 2)
    }
    let n = index.tokens.count
    return clusters.prefix(maxCandidates).compactMap { c in
      let lo = max(0, c.lo - m / 4 - 2)
      let hi = min(n, c.hi + m + m / 4 + 2)
      return lo < hi ? lo..<hi : nil
    }
  }

  private static func cluster(_ hits: [Hit], m: Int, minSupport: Int) -> [(lo: Int, hi: Int, support: Int)] {
    let sorted = hits.sorted { ($0.diag, $0.tag) < ($1.diag, $1.tag) }
    let tolerance = max(3, m / 4)
    var out: [(lo: Int, hi: Int, support: Int)] = []
    var start = 0
    func close(_ end: Int) {
      guard end > start else { return }
      let support = Set(sorted[start..<end].map(\.tag)).count
      if support >= minSupport { out.append((sorted[start].diag, sorted[end - 1].diag, support)) }
    }
    guard !sorted.isEmpty else { return [] }
    for k in 1...sorted.count {
      if k == sorted.count || sorted[k].diag - sorted[k - 1].diag > tolerance
        || sorted[k].diag - sorted[start].diag > m
      {
        close(k)
        start = k
      }
    }
    return out.sorted { ($0.support, -$0.lo) > ($1.support, -$1.lo) }
  }

  // MARK: Alignment

  /// Score units: a match is +1 (with +1 in the low bits so ties prefer more matches),
  /// a substitution, insertion or deletion is −1.
  static let matchScore = (1 << 20) + 1
  static let editScore = -(1 << 20)

  /// Fitting alignment: every quote token is aligned, the page side has free ends.
  /// Unit scores (match +1, edit −1); ties prefer more matches, then substitution over insertion/deletion.
  static func fitAlign(_ q: [Int32], _ page: [Int32], _ window: Range<Int>) -> Fit {
    let m = q.count
    let w = window.count
    let cols = w + 1
    let p = Array(page[window])
    var d = [Int](repeating: 0, count: (m + 1) * cols)
    for i in 1...m {
      let row = i * cols
      let prev = row - cols
      d[row] = i * editScore
      for j in stride(from: 1, through: w, by: 1) {
        let diag = d[prev + j - 1] + (q[i - 1] == p[j - 1] ? matchScore : editScore)
        d[row + j] = max(diag, d[prev + j] + editScore, d[row + j - 1] + editScore)
      }
    }
    func diagonalAt(_ i: Int, _ j: Int) -> Bool {
      j > 0 && d[i * cols + j] == d[(i - 1) * cols + j - 1] + (q[i - 1] == p[j - 1] ? matchScore : editScore)
    }
    var endJ = 0
    for j in 0...w {
      let c = d[m * cols + j]
      let b = d[m * cols + endJ]
      if c > b || (c == b && diagonalAt(m, j) && !diagonalAt(m, endJ)) { endJ = j }
    }
    var ops: [Op] = []
    var i = m
    var j = endJ
    var matches = 0
    while i > 0 {
      if diagonalAt(i, j) {
        if q[i - 1] == p[j - 1] {
          ops.append(.match(i - 1, window.lowerBound + j - 1))
          matches += 1
        } else {
          ops.append(.sub(i - 1, window.lowerBound + j - 1))
        }
        i -= 1
        j -= 1
      } else if d[i * cols + j] == d[(i - 1) * cols + j] + editScore {
        ops.append(.ins(i - 1))
        i -= 1
      } else {
        ops.append(.del(window.lowerBound + j - 1))
        j -= 1
      }
    }
    return Fit(score: d[m * cols + endJ], matches: matches, ops: ops.reversed(), window: window)
  }

  // MARK: Edits

  private struct Group {
    var q: [Int] = []
    var p: [Int] = []
  }

  static func makeAlignment(_ fit: Fit, quote: TokenizedText, index: PassageIndex) -> Alignment {
    var groups: [Group] = []
    var current = Group()
    var leadingMismatch = false
    for (k, op) in fit.ops.enumerated() {
      switch op {
      case .match:
        if !current.q.isEmpty || !current.p.isEmpty {
          groups.append(current)
          current = Group()
        }
      case .sub(let qi, let pj):
        current.q.append(qi)
        current.p.append(pj)
        if k == 0 { leadingMismatch = true }
      case .ins(let qi):
        current.q.append(qi)
        if k == 0 { leadingMismatch = true }
      case .del(let pj):
        current.p.append(pj)
      }
    }
    if !current.q.isEmpty || !current.p.isEmpty { groups.append(current) }

    func words(_ g: Group) -> (q: [EditWord], p: [EditWord]) {
      (
        g.q.map { EditWord(key: quote.tokens[$0].key, text: quote.text($0), isName: quote.isName($0)) },
        g.p.map {
          EditWord(key: index.tokens[$0].key, text: index.analysis.text($0), isName: index.analysis.isName($0))
        }
      )
    }
    func classes(_ g: Group) -> [WordEdit.Class] {
      let w = words(g)
      return EditClassifier.classify(quote: w.q, page: w.p)
    }

    // A reworded opening ("close to" → "near") absorbs the page words back to a sentence start
    // (≤ 2 tokens), or one more word when the page side is only a function word.
    if leadingMismatch, var first = groups.first, let ps = first.p.first, !first.q.isEmpty,
      classes(first) == [.other], !index.analysis.sentenceStart[ps]
    {
      var absorb = 0
      for k in 1...maxLeadAbsorb where ps - k >= 0 && absorb == 0 && index.analysis.sentenceStart[ps - k] {
        absorb = k
      }
      if absorb == 0, ps > 0,
        first.p.allSatisfy({ functionWords.contains(index.tokens[$0].key) }),
        !first.q.contains(where: { functionWords.contains(quote.tokens[$0].key) })
      {
        absorb = 1
      }
      if absorb > 0 {
        first.p.insert(contentsOf: (ps - absorb)..<ps, at: 0)
        if classes(first) == [.other] { groups[0] = first }
      }
    }

    let edits = groups.map { g -> WordEdit in
      let kind: WordEdit.Kind = g.q.isEmpty ? .deletion : (g.p.isEmpty ? .insertion : .substitution)
      return WordEdit(
        kind: kind, quoteWords: g.q.map { quote.text($0) },
        pageWords: g.p.map { index.analysis.text($0) }, classes: classes(g))
    }

    var pagePositions: [Int] = fit.ops.compactMap {
      switch $0 {
      case .match(_, let pj), .sub(_, let pj), .del(let pj): return pj
      case .ins: return nil
      }
    }
    if let absorbed = groups.first?.p.first { pagePositions.append(absorbed) }
    let range: Range<Int>
    if let lo = pagePositions.min(), let hi = pagePositions.max() {
      range = index.tokens[lo].range.lowerBound..<index.tokens[hi].range.upperBound
    } else {
      let at = index.tokens[min(fit.window.lowerBound, index.tokens.count - 1)].range.lowerBound
      range = at..<at
    }
    let coverage = Double(fit.matches) / Double(quote.tokens.count)
    return Alignment(pageRange: range, coverage: coverage, edits: edits)
  }
}
