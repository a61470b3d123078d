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
  func directive(for target: Range<Int>) -> TextDirective? {
    let exact = String(String.UnicodeScalarView(scalars[target]))
    let crossesBlocks = exact.unicodeScalars.contains("\n")
    let words = exact.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    var candidates: [TextDirective] = []
    if !crossesBlocks, exact.unicodeScalars.count <= 300 {
      candidates.append(TextDirective(start: exact))
      for n in 1...3 {
        let (before, after) = context(around: target, words: n)
        candidates.append(TextDirective(prefix: before, start: exact, suffix: after))
      }
    }
    if words.count >= 6 {
      let lines = exact.split(separator: "\n").map(String.init)
      for n in [3, 4, 5, 7, 10] where n * 2 <= words.count {
        let firstWords = (lines.first ?? exact).split(separator: " ").prefix(n).joined(separator: " ")
        let lastWords = (lines.last ?? exact).split(separator: " ").suffix(n).joined(separator: " ")
        guard !firstWords.isEmpty, !lastWords.isEmpty else { continue }
        candidates.append(TextDirective(start: firstWords, end: lastWords))
      }
    }
    for candidate in candidates where !candidate.start.isEmpty {
      if candidate.prefix == "" || candidate.suffix == "" { continue }
      if locate(candidate) == target { return candidate }
    }
    return nil
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
