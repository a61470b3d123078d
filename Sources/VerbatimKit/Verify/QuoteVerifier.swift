/// Checks quotes against one extracted page: the matching ladder on each text view in turn, then
/// word alignment to explain an alteration or point at the closest passage.
///
/// Exists as the verification stage's entry point. Page keys and the shingle index are built once and
/// reused for every quote of the page.
public struct QuoteVerifier: Sendable {
  public let page: ExtractedPage
  let views: [(view: TextView, text: String, keys: PageKeys)]
  /// The main and full texts with their word indexes, for alignment.
  private let passages: [(view: TextView, text: String, index: PassageIndex)]
  let locator: FragmentLocator?

  public init(page: ExtractedPage) {
    self.page = page
    self.views = page.views.map { ($0.view, $0.text, PageKeys($0.text)) }
    // The main text is the main blocks of the full text: its words are the full text's, re-based.
    let fullView = views.first { $0.view == .full }
    let mainView = views.first { $0.view == .main }
    let full = WordTokens.analyze(scalars: fullView?.keys.source ?? [])
    let mainLines = page.text.blocks.filter(\.isMain).map { $0.offset..<($0.offset + $0.text.unicodeScalars.count) }
    let main = full.restricted(to: mainLines, joined: mainView?.keys.source ?? [])
    let fullIndex = PassageIndex(full)
    let mainIndex = PassageIndex(main.text, interned: (main.kept.map { fullIndex.ids[$0] }, fullIndex.vocab))
    self.passages = [(.main, mainView?.text ?? "", mainIndex), (.full, fullView?.text ?? "", fullIndex)]
    self.locator = views.first { $0.view == .full }.map { FragmentLocator(fullText: $0.text, keys: $0.keys) }
  }

  /// The minimum a quote needs to be checked: 4 words or 20 characters.
  static func isTooShort(_ quote: String) -> Bool {
    quote.unicodeScalars.count < 20 && WordTokens.tokenize(quote).count < 4
  }

  public func verify(_ quote: String) -> QuoteVerdict {
    if QuoteVerifier.isTooShort(quote) { return QuoteVerdict(status: .tooShort, detail: "fewer than 4 words") }
    if !views.contains(where: { $0.view == .full && !$0.text.isEmpty }), page.articleBody == nil {
      return QuoteVerdict(status: .uncheckable, detail: "the page has no text")
    }
    let prepared = LadderMatcher.PreparedQuote(quote)
    for (view, text, keys) in views {
      guard let match = LadderMatcher.match(prepared, in: keys) else { continue }
      var verdict = QuoteVerdict(status: .verified, detail: QuoteVerifier.detail(match.tier))
      verdict.differences = match.differences
      verdict.view = view
      verdict.range = match.range
      verdict.passage = QuoteVerifier.slice(text, match.range)
      verdict.occurrences = match.occurrences
      if view == .full, let role = role(atFullTextOffset: match.range.lowerBound), role != .article {
        verdict.status = .outsideArticle
        verdict.detail = role.rawValue
      }
      verdict.anchor = anchor(prepared, view: view, match: match)
      return verdict
    }
    let words = WordTokens.analyze(quote)
    for (view, text, index) in passages {
      guard let alignment = PassageFinder.align(words, in: index, minimumCoverage: 0.60) else { continue }
      var verdict: QuoteVerdict
      if alignment.coverage >= 0.85, QuoteVerifier.isSplice(alignment) {
        verdict = QuoteVerdict(status: .spliced, detail: "words cut without an elision mark")
      } else if alignment.coverage >= 0.85 {
        verdict = QuoteVerdict(status: .altered, detail: alignment.isMaterial ? "material" : "minor")
      } else {
        verdict = QuoteVerdict(status: .notFound, detail: "closest passage")
      }
      verdict.view = view
      verdict.range = alignment.pageRange
      verdict.passage = QuoteVerifier.slice(text, alignment.pageRange)
      verdict.edits = alignment.edits.map {
        QuoteEdit(
          kind: $0.kind.rawValue, quoteWords: $0.quoteWords, pageWords: $0.pageWords,
          classes: $0.classes.map(\.rawValue), isMaterial: $0.isMaterial)
      }
      verdict.occurrences = 1
      return verdict
    }
    return QuoteVerdict(status: .notFound, detail: "no passage shares its words")
  }

  /// Every quote word is on the page in order; the only edits are page words left out (three or more,
  /// at least two of them together), none of them material: a splice, not a rewording.
  static func isSplice(_ alignment: Alignment) -> Bool {
    guard !alignment.edits.isEmpty else { return false }
    guard alignment.edits.allSatisfy({ $0.kind == .deletion && !$0.isMaterial }) else { return false }
    let left = alignment.edits.reduce(0) { $0 + $1.pageWords.count }
    return left >= 3 && alignment.edits.contains { $0.pageWords.count >= 2 }
  }

  /// The anchor of a ladder match, located in the full visible text (where positions are counted).
  private func anchor(_ quote: LadderMatcher.PreparedQuote, view: TextView, match: LadderMatch) -> QuoteAnchor? {
    guard view == .main || view == .full, let full = views.first(where: { $0.view == .full }) else { return nil }
    let range: Range<Int>
    if view == .full {
      range = match.range
    } else {
      guard let inFull = LadderMatcher.match(quote, in: full.keys) else { return nil }
      range = inFull.range
    }
    return anchor(fullTextRange: range)
  }

  /// The anchor of a range of the full visible text, with a directive only when it lands back on the range.
  func anchor(fullTextRange range: Range<Int>) -> QuoteAnchor? {
    guard let locator else { return nil }
    let scalars = locator.scalars
    func context(_ r: Range<Int>) -> String {
      String(String.UnicodeScalarView(scalars[r.clamped(to: 0..<scalars.count)]))
    }
    let directive = locator.directive(for: range).map(TextFragment.serialize)
    // Re-parse what was written and re-locate it: a link that lands elsewhere is never given out.
    let checked = directive.flatMap { text -> String? in
      guard let parsed = TextDirective.parse(url: "#:~:" + text).first, locator.locate(parsed) == range else {
        return nil
      }
      return text
    }
    return QuoteAnchor(
      exact: context(range), prefix: context(max(0, range.lowerBound - 64)..<range.lowerBound),
      suffix: context(range.upperBound..<min(scalars.count, range.upperBound + 64)), start: range.lowerBound,
      end: range.upperBound, textDirective: checked)
  }

  static func detail(_ tier: LadderMatch.Tier) -> String {
    switch tier {
    case .exact: return "exact"
    case .typographic: return "typographic"
    case .caseOrDiacritics: return "case"
    case .editorial: return "editorial"
    }
  }

  /// The role of the block holding full-text offset `offset` (in Unicode scalars).
  func role(atFullTextOffset offset: Int) -> TextBlock.Role? {
    var found: TextBlock?
    for block in page.text.blocks where block.offset <= offset { found = block }
    return found?.role
  }

  static func slice(_ text: String, _ range: Range<Int>) -> String {
    let scalars = text.unicodeScalars
    let start =
      scalars.index(scalars.startIndex, offsetBy: max(0, range.lowerBound), limitedBy: scalars.endIndex)
      ?? scalars.endIndex
    let end = scalars.index(start, offsetBy: max(0, range.count), limitedBy: scalars.endIndex) ?? scalars.endIndex
    return String(scalars[start..<end])
  }
}
