/// Checking quotes as the harvest stage found them: a text fragment by the words its directive selects,
/// and a straight-quoted span whose inner marks can be paired two ways by the reading that verifies.
///
/// Exists because a note's quote is more than its text: a `#:~:text=` link says exactly which words it
/// points at (with `start,end` ranges and `prefix-,`/`,-suffix` context), and `"a 2x "compute
/// multiplier" (CM)…"` may be one quote with a quote inside or two quotes with words between.
extension QuoteVerifier {
  /// The verdict for one harvested quote.
  public func verify(_ quote: Quote) -> QuoteVerdict {
    if quote.kind == .textFragment, let directive = quote.directive { return verify(directive: directive) }
    let verdict = verify(quote.text)
    guard verdict.status != .verified, verdict.status != .tooShort else { return verdict }
    for reading in StraightQuoteReadings.alternatives(quote.text) {
      if let joined = verifyAll(reading) { return joined }
    }
    return verdict
  }

  /// A text directive is verified when it selects text on the page as a browser would (first match,
  /// context touching it). When the words are there but the context is not, the quote is still the page's
  /// words and the difference `fragment-context` says the link will not scroll; otherwise the verdict is
  /// the ladder's on the missing term, with its evidence.
  public func verify(directive: TextDirective) -> QuoteVerdict {
    guard !fullText.isEmpty else {
      return QuoteVerdict(status: .uncheckable, detail: "the page has no text")
    }
    if let range = locator.locate(directive) {
      return located(range, detail: "text-fragment", differences: [])
    }
    let starts = locator.occurrences(directive.start)
    guard let start = starts.first else { return missing(directive.start, part: "start") }
    guard let end = directive.end else {
      return located(start, detail: "text-fragment", differences: ["fragment-context"], occurrences: starts.count)
    }
    let ends = locator.occurrences(end)
    guard let last = ends.first(where: { $0.lowerBound >= start.upperBound }) else {
      return missing(end, part: "end")
    }
    return located(start.lowerBound..<last.upperBound, detail: "text-fragment", differences: ["fragment-context"])
  }

  private func located(_ range: Range<Int>, detail: String, differences: [String], occurrences: Int = 1)
    -> QuoteVerdict
  {
    var verdict = QuoteVerdict(status: .verified, detail: detail)
    verdict.differences = differences
    verdict.view = .full
    verdict.range = range
    verdict.occurrences = occurrences
    verdict.passage = QuoteVerifier.slice(fullText, range)
    if let role = role(atFullTextOffset: range.lowerBound), role != .article {
      verdict.status = .outsideArticle
      verdict.detail = role.rawValue
    }
    verdict.anchor = anchor(fullTextRange: range)
    return verdict
  }

  /// A directive term the page lacks: the ladder's verdict on it (an alteration or the closest passage)
  /// when it is long enough to check, a plain not-found otherwise.
  private func missing(_ term: String, part: String) -> QuoteVerdict {
    var verdict = verify(term)
    switch verdict.status {
    case .altered, .notFound, .spliced:
      verdict.detail = "fragment \(part): " + verdict.detail
      return verdict
    default:
      return QuoteVerdict(status: .notFound, detail: "fragment \(part) not on the page")
    }
  }

  /// Every piece verified: one verdict for the reading (the first piece's place, all pieces' passages).
  private func verifyAll(_ pieces: [String]) -> QuoteVerdict? {
    var verdicts: [QuoteVerdict] = []
    for piece in pieces {
      let verdict = verify(piece)
      guard verdict.status == .verified else { return nil }
      verdicts.append(verdict)
    }
    guard var first = verdicts.first else { return nil }
    first.detail = "pairing"
    first.differences = Array(Set(verdicts.flatMap(\.differences)).union(["pairing"])).sorted()
    first.passage = verdicts.compactMap(\.passage).joined(separator: " … ")
    return first
  }
}

/// The other readings of a span whose straight double quotes pair two ways.
///
/// `"a "b" c"` was read as one quote with `"b"` inside (flanking rules); the other reading is two quotes,
/// `a` and `c`, with `b` outside them. Only straight marks are ambiguous: curly ones say which way they face.
enum StraightQuoteReadings {
  /// Alternative readings, each a list of quote pieces; empty when the span has no inner straight pair.
  static func alternatives(_ text: String) -> [[String]] {
    let scalars = Array(text.unicodeScalars)
    let marks = scalars.indices.filter { scalars[$0] == "\"" }
    guard marks.count >= 2, marks.count % 2 == 0 else { return [] }
    // Sequential pairing of the inner marks: the text before the first and after the last are quotes,
    // and between them every other stretch (mark 1 to 2 is outside, 2 to 3 inside, …).
    var pieces: [String] = []
    var from = 0
    for (k, mark) in marks.enumerated() where k % 2 == 0 {
      pieces.append(string(scalars[from..<mark]))
      from = marks[k + 1] + 1
    }
    pieces.append(string(scalars[from...]))
    let kept = pieces.filter { !QuoteVerifier.isTooShort($0) }
    return kept.isEmpty ? [] : [kept]
  }

  private static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
    String(String.UnicodeScalarView(s)).trimmingASCIISpaces()
  }
}
