/// Finds where a text directive lands in a page's full text (first occurrence wins, context must touch
/// the match with only whitespace between), and generates the shortest directive that lands on a given
/// range.
struct FragmentLocator {
  let text: String
  let scalars: [Unicode.Scalar]
  let keys: PageKeys

  init(fullText: String, keys: PageKeys? = nil) {
    text = fullText
    let keys = keys ?? PageKeys(fullText)
    scalars = keys.source
    self.keys = keys
  }

  /// Every place `term` matches (case-, accent- and typography-insensitive), in document order.
  func occurrences(_ term: String) -> [Range<Int>] { LadderMatcher.ranges(of: term, in: keys) }

  /// The range the directive selects, or nil when it selects nothing.
  func locate(_ d: TextDirective) -> Range<Int>? {
    for start in occurrences(d.start) {
      if let prefix = d.prefix, !touches(prefix, before: start.lowerBound) { continue }
      var range = start
      if let end = d.end {
        guard let e = occurrences(end).first(where: { $0.lowerBound >= start.upperBound }) else { continue }
        range = start.lowerBound..<e.upperBound
      }
      if let suffix = d.suffix, !touches(suffix, after: range.upperBound) { continue }
      return range
    }
    return nil
  }

  private func touches(_ context: String, before position: Int) -> Bool {
    occurrences(context).contains { r in
      r.upperBound <= position && scalars[r.upperBound..<position].allSatisfy(Self.isGap)
    }
  }

  private func touches(_ context: String, after position: Int) -> Bool {
    occurrences(context).contains { r in
      r.lowerBound >= position && scalars[position..<r.lowerBound].allSatisfy(Self.isGap)
    }
  }

  /// What may separate context from its match: whitespace, and the edge punctuation our keys trim.
  static func isGap(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || ".,;:!?\"'\u{201C}\u{201D}\u{2018}\u{2019}".unicodeScalars.contains(s)
  }

  /// The shortest directive that resolves to exactly `target`, or nil (ambiguous, or not expressible).
  /// Candidates are tried shortest first and made only when the shorter ones failed: most quotes are
  /// unique on their page, and their first candidate is the quote itself.
  func directive(for target: Range<Int>) -> TextDirective? {
    let slice = scalars[target]
    let exact = String(String.UnicodeScalarView(slice))
    let crossesBlocks = slice.contains("\n")
    func accept(_ candidate: TextDirective) -> Bool {
      guard !candidate.start.isEmpty, candidate.prefix != "", candidate.suffix != "" else { return false }
      return locate(candidate) == core(target)
    }
    if !crossesBlocks, slice.count <= 300 {
      let whole = TextDirective(start: exact)
      if accept(whole) { return whole }
      for n in 1...3 {
        let (before, after) = context(around: target, words: n)
        let candidate = TextDirective(prefix: before, start: exact, suffix: after)
        if accept(candidate) { return candidate }
      }
    }
    // A range: the first and last words (of the first and last lines when the quote crosses blocks).
    let lines = slice.split(separator: "\n")
    let first = lines.first.map { $0.split(separator: " ") } ?? []
    let last = lines.last.map { $0.split(separator: " ") } ?? []
    let words = slice.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    guard words >= 6 else { return nil }
    func text(_ words: ArraySlice<ArraySlice<Unicode.Scalar>>) -> String {
      var view = String.UnicodeScalarView()
      for (k, word) in words.enumerated() {
        if k > 0 { view.append(" ") }
        view.append(contentsOf: word)
      }
      return String(view)
    }
    for n in [3, 4, 5, 7, 10] where n * 2 <= words {
      let firstWords = text(first.prefix(n))
      let lastWords = text(last.suffix(n))
      guard !firstWords.isEmpty, !lastWords.isEmpty else { continue }
      let candidate = TextDirective(start: firstWords, end: lastWords)
      if accept(candidate) { return candidate }
    }
    return nil
  }

  /// `range` without the edge punctuation, spaces and quote marks at its ends: what a match of its text
  /// covers, since matching trims them (N8) as a browser's highlight would not matter for.
  func core(_ range: Range<Int>) -> Range<Int> {
    func trimmed(_ s: Unicode.Scalar) -> Bool { Chars.isEdgePunct(s) || Chars.isSpace(s) || Chars.isQuote(s) }
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi && trimmed(scalars[lo]) { lo += 1 }
    while hi > lo && trimmed(scalars[hi - 1]) { hi -= 1 }
    return lo..<hi
  }

  /// Up to `n` words before and after `range` within its block ("" when there are none).
  private func context(around range: Range<Int>, words n: Int) -> (String?, String?) {
    var start = range.lowerBound
    var count = 0
    while start > 0, scalars[start - 1] != "\n" {
      if scalars[start - 1] == " ", start < range.lowerBound, scalars[start] != " " {
        count += 1
        if count == n { break }
      }
      start -= 1
    }
    var end = range.upperBound
    count = 0
    while end < scalars.count, scalars[end] != "\n" {
      if scalars[end] == " ", end > range.upperBound, scalars[end - 1] != " " {
        count += 1
        if count == n { break }
      }
      end += 1
    }
    let before = String(String.UnicodeScalarView(scalars[start..<range.lowerBound])).trimmingASCIISpaces()
    let after = String(String.UnicodeScalarView(scalars[range.upperBound..<end])).trimmingASCIISpaces()
    return (before.isEmpty ? "" : before, after.isEmpty ? "" : after)
  }
}
