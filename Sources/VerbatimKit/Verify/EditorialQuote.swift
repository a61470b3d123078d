/// A quote as written in a note, with its editorial marks parsed (design §4): segments between elisions,
/// bracketed insertions (wildcards over 0–8 source tokens), [T]he case changes, [sic], emphasis notes.
///
/// Parsing runs on the raw (NFC) quote, before compatibility normalisation turns `…` into dots.
struct EditorialQuote: Sendable, Equatable {
  /// A run of quoted text, or a bracketed insertion standing for 0–8 source words.
  struct Part: Sendable, Equatable {
    var text: String
    var isInsertion: Bool
    /// Scalar offsets in `text` of letters written as `[T]` (case changed by the note-taker).
    var caseChangeOffsets: [Int] = []
  }

  /// The text between two elisions.
  struct Segment: Sendable, Equatable {
    var parts: [Part]
    /// Display form: insertions keep their brackets.
    var text: String {
      parts.map { $0.isInsertion ? "[\($0.text)]" : $0.text }.joined(separator: " ")
    }
  }

  /// Longest bracketed text taken as an insertion.
  static let maxInsertionLength = 40
  static let emphasisNotes: Set<String> = [
    "emphasis added", "emphasis in original", "italics mine", "emphasis mine", "italics added",
    "italics in original", "emphasis original",
  ]

  var segments: [Segment]
  var elisions = 0
  var insertions: [String] = []
  var hasSic = false
  var emphasisNote: String?
  /// `[T]he`-style case changes.
  var caseChanges = 0
  /// A leading ellipsis: the first segment may start anywhere (no word boundary needed).
  var openStart = false
  /// A trailing ellipsis: the last segment may end anywhere.
  var openEnd = false

  var isEditorial: Bool {
    elisions > 0 || !insertions.isEmpty || hasSic || emphasisNote != nil || caseChanges > 0
  }

  init(_ raw: String) {
    let a = QuoteNormalizer.exactBuffer(Array(QuoteNormalizer.stripOuter(Array(raw.unicodeScalars)))).s  // NFC
    let n = a.count
    var segs: [Segment] = []
    var parts: [Part] = []
    var cur: [Unicode.Scalar] = []
    var curCase: [Int] = []
    var sawWord = false  // any word before the current position
    var lastWasElision = false

    func flushPart() {
      var i = 0
      var j = cur.count
      while i < j && Chars.isSpace(cur[i]) { i += 1 }
      while j > i && Chars.isSpace(cur[j - 1]) { j -= 1 }
      if cur[i..<j].contains(where: Chars.isAlnum) {
        parts.append(
          Part(
            text: QuoteNormalizer.string(cur[i..<j]), isInsertion: false,
            caseChangeOffsets: curCase.map { $0 - i }))
      }
      cur = []
      curCase = []
    }
    func flushSegment() {
      flushPart()
      if !parts.isEmpty { segs.append(Segment(parts: parts)) }
      parts = []
    }
    /// Deleting a note such as `[sic]` must not leave two spaces behind.
    func skipDoubleSpace(_ next: Int) -> Int {
      if next < n, Chars.isSpace(a[next]), let last = cur.last, Chars.isSpace(last) { return next + 1 }
      return next
    }

    var i = 0
    while i < n {
      if let len = Self.elisionLength(a, i) {
        flushSegment()
        elisions += 1
        if !sawWord { openStart = true }
        lastWasElision = true
        i += len
        continue
      }
      if a[i] == "[" || a[i] == "(", let close = Self.closing(a, i) {
        let inner = Array(a[(i + 1)..<close])
        let innerText = QuoteNormalizer.string(inner[...])
        var note = innerText.lowercased()
        while note.hasSuffix(".") { note.removeLast() }
        if note == "sic" || note == "sic!" {
          hasSic = true
          i = skipDoubleSpace(close + 1)
          continue
        }
        if Self.emphasisNotes.contains(note) {
          emphasisNote = innerText
          i = skipDoubleSpace(close + 1)
          continue
        }
        if a[i] == "[" {
          if inner.count == 1, Chars.isLetter(inner[0]), close + 1 < n, Chars.isLetter(a[close + 1]) {
            curCase.append(cur.count)
            cur.append(inner[0])
            caseChanges += 1
            sawWord = true
            lastWasElision = false
            i = close + 1
            continue
          }
          // "[61]" is a footnote marker copied with the text, not an editorial insertion: it must match as written.
          let footnote = inner.allSatisfy { $0.properties.numericType != nil }
          if !footnote, inner.count <= Self.maxInsertionLength, inner.contains(where: Chars.isAlnum) {
            flushPart()
            parts.append(Part(text: innerText, isInsertion: true))
            insertions.append(innerText)
            sawWord = true
            lastWasElision = false
            i = close + 1
            continue
          }
        }
      }
      if Chars.isAlnum(a[i]) {
        sawWord = true
        lastWasElision = false
      }
      cur.append(a[i])
      i += 1
    }
    flushSegment()
    openEnd = lastWasElision
    segments = segs.isEmpty ? [Segment(parts: [])] : segs
  }

  /// Length of an elision mark at `i`: `…`, `...` (3+ dots), `. . .`, or one of those in `[ ]` / `( )`.
  static func elisionLength(_ a: [Unicode.Scalar], _ i: Int) -> Int? {
    let c = a[i]
    if c == "…" { return 1 }
    if c == "." {
      let run = dotRun(a, i)
      return run.dots >= 3 ? run.end - i : nil
    }
    guard c == "[" || c == "(" else { return nil }
    let close: Unicode.Scalar = c == "[" ? "]" : ")"
    var j = i + 1
    while j < a.count && a[j] == " " { j += 1 }
    guard j < a.count else { return nil }
    if a[j] == "…" {
      j += 1
    } else if a[j] == "." {
      let run = dotRun(a, j)
      guard run.dots >= 3 else { return nil }
      j = run.end
    } else {
      return nil
    }
    while j < a.count && a[j] == " " { j += 1 }
    guard j < a.count && a[j] == close else { return nil }
    return j + 1 - i
  }

  /// Dots starting at `i`, optionally separated by single spaces (`. . .`).
  static func dotRun(_ a: [Unicode.Scalar], _ i: Int) -> (dots: Int, end: Int) {
    var j = i
    var dots = 0
    var end = i
    while j < a.count {
      if a[j] == "." {
        dots += 1
        j += 1
        end = j
      } else if a[j] == " " && j + 1 < a.count && a[j + 1] == "." {
        j += 1
      } else {
        break
      }
    }
    return (dots, end)
  }

  /// Index of the bracket closing the one at `i`, if near and not nested.
  static func closing(_ a: [Unicode.Scalar], _ i: Int) -> Int? {
    let (open, close): (Unicode.Scalar, Unicode.Scalar) = a[i] == "[" ? ("[", "]") : ("(", ")")
    var j = i + 1
    while j < a.count && j <= i + 64 {
      if a[j] == close { return j }
      if a[j] == open { return nil }
      j += 1
    }
    return nil
  }
}

// MARK: - T3 (editorial matching)

extension LadderMatcher {
  struct Piece {
    enum Link { case start, insertion, elision }
    var part: EditorialQuote.Part
    var source: [Unicode.Scalar]
    var key: QuoteKey
    var link: Link
    var segment: Int
  }

  static func matchEditorial(_ quote: EditorialQuote, _ page: PageKeys, prefer: ((Range<Int>) -> Bool)? = nil)
    -> LadderMatch?
  {
    var pieces: [Piece] = []
    var link = Piece.Link.start
    for (s, segment) in quote.segments.enumerated() {
      if s > 0 && !pieces.isEmpty { link = .elision }
      for part in segment.parts {
        if part.isInsertion {
          if link == .start && !pieces.isEmpty { link = .insertion }
          continue
        }
        let key = QuoteNormalizer.key(part.text, level: .folded)
        guard key.hasWord else { continue }
        pieces.append(
          Piece(
            part: part, source: Array(part.text.unicodeScalars), key: key,
            link: pieces.isEmpty ? .start : link, segment: s))
        link = .start
      }
    }
    guard !pieces.isEmpty else { return nil }
    let pk = page.key(.folded)
    var occurrences: [[Int]] = []
    for (i, piece) in pieces.enumerated() {
      let open = (start: i == 0 && quote.openStart, end: i == pieces.count - 1 && quote.openEnd)
      let list = find(piece.key.scalars, in: page, .folded) {
        boundaryOK(page, pk, $0, piece.key.count, start: !open.start, end: !open.end)
          && breaksConsistent(piece.source, piece.key, page.source, pk, $0)
      }
      if list.isEmpty { return nil }
      occurrences.append(list)
    }
    var budget = searchBudget
    var found = 0
    var best: [Int]?
    var bestPreferred = false
    var preferred = 0
    func span(_ chain: [Int]) -> Range<Int> {
      pk.sourceRange(chain[0]..<(chain[0] + pieces[0].key.count))
        .lowerBound..<pk.sourceRange(
          chain[chain.count - 1]..<(chain[chain.count - 1] + pieces[chain.count - 1].key.count)
        )
        .upperBound
    }
    for p in occurrences[0] {
      var chosen = [p]
      let end = p + pieces[0].key.count
      if extend(1, end, pk.sourceEnd[end - 1], &chosen, pieces, occurrences, page, &budget) {
        found += 1
        let isPreferred = prefer?(span(chosen)) ?? false
        if isPreferred { preferred += 1 }
        if best == nil || (isPreferred && !bestPreferred) {
          best = chosen
          bestPreferred = isPreferred
        }
      }
      if budget <= 0 { break }
    }
    guard let chain = best else { return nil }
    let ranges = chain.indices.map { pk.sourceRange(chain[$0]..<(chain[$0] + pieces[$0].key.count)) }
    // An insertion at the quote's edge has no page words of its own; if the page has its own brackets
    // right there, the note's brackets are the page's text, and the literal tiers already said no.
    let edgeParts = quote.segments.flatMap(\.parts)
    if edgeParts.last?.isInsertion == true, nextScalar(page.source, from: ranges[ranges.count - 1].upperBound) == "[" {
      return nil
    }
    if edgeParts.first?.isInsertion == true, previousScalar(page.source, before: ranges[0].lowerBound) == "]" {
      return nil
    }
    var segmentRanges: [Range<Int>] = []
    var diffs = Set<String>()
    for (i, piece) in pieces.enumerated() {
      if i > 0 && pieces[i - 1].segment == piece.segment {
        let last = segmentRanges.count - 1
        segmentRanges[last] = segmentRanges[last].lowerBound..<ranges[i].upperBound
      } else {
        segmentRanges.append(ranges[i])
      }
      let edges = (i == 0 && !quote.openStart, i == pieces.count - 1 && !quote.openEnd)
      classify(
        piece.source, piece.key, page, pk, at: chain[i], level: .folded,
        edges: edges, caseExempt: Set(piece.part.caseChangeOffsets), into: &diffs)
    }
    if quote.elisions > 0 { diffs.insert("elision") }
    if !quote.insertions.isEmpty { diffs.insert("insertion") }
    if quote.hasSic { diffs.insert("sic") }
    if quote.emphasisNote != nil { diffs.insert("emphasis") }
    return LadderMatch(
      tier: .editorial, range: ranges[0].lowerBound..<ranges[ranges.count - 1].upperBound,
      segmentRanges: segmentRanges, differences: ordered(diffs), occurrences: found, preferred: preferred)
  }

  /// Depth-first placement of pieces `idx...` after key position `prevEnd` (source position `prevSrcEnd`).
  static func extend(
    _ idx: Int, _ prevEnd: Int, _ prevSrcEnd: Int, _ chosen: inout [Int], _ pieces: [Piece],
    _ occurrences: [[Int]], _ page: PageKeys, _ budget: inout Int
  ) -> Bool {
    if idx == pieces.count { return true }
    let pk = page.key(.folded)
    let list = occurrences[idx]
    let m = pieces[idx].key.count
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < prevEnd { lo = mid + 1 } else { hi = mid }
    }
    for k in lo..<list.count {
      budget -= 1
      if budget <= 0 { return false }
      let p = list[k]
      let srcStart = pk.sourceIndex[p]
      if srcStart < prevSrcEnd { continue }
      let gap = srcStart - prevSrcEnd
      switch pieces[idx].link {
      case .elision, .start:
        if gap > maxElisionGap { return false }
      case .insertion:
        if gap > maxInsertionGap { return false }
        if words(page.source, prevSrcEnd, srcStart) > maxInsertionWords { return false }
        // Brackets on the page itself are the page's text, not room for the note's insertion.
        if page.source[prevSrcEnd..<srcStart].contains(where: { $0 == "[" || $0 == "]" }) { continue }
      }
      chosen.append(p)
      if extend(idx + 1, p + m, pk.sourceEnd[p + m - 1], &chosen, pieces, occurrences, page, &budget) {
        return true
      }
      chosen.removeLast()
    }
    return false
  }

  /// The first scalar at or after `i` that is neither a space nor edge punctuation (`.,;:!?`).
  static func nextScalar(_ s: [Unicode.Scalar], from i: Int) -> Unicode.Scalar? {
    var k = i
    while k < s.count, s[k].properties.isWhitespace || ".,;:!?".unicodeScalars.contains(s[k]) { k += 1 }
    return k < s.count ? s[k] : nil
  }

  /// The last scalar before `i` that is neither a space nor edge punctuation.
  static func previousScalar(_ s: [Unicode.Scalar], before i: Int) -> Unicode.Scalar? {
    var k = i - 1
    while k >= 0, s[k].properties.isWhitespace || ".,;:!?".unicodeScalars.contains(s[k]) { k -= 1 }
    return k >= 0 ? s[k] : nil
  }

  /// Words (letter/digit runs) in `s[a..<b]`; invisibles do not split a word.
  static func words(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Int {
    var count = 0
    var inWord = false
    for i in a..<b where !Chars.isInvisible(s[i]) {
      let w = Chars.isAlnum(s[i])
      if w && !inWord { count += 1 }
      inWord = w
    }
    return count
  }
}
