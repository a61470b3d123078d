/// Checks quotes against one extracted page: the matching ladder on each text view in turn, then
/// word alignment to explain an alteration or point at the closest passage.
///
/// Exists as the verification stage's entry point. Page keys and the shingle index are built once and
/// reused for every quote of the page. The main text is the full text's main blocks, so a quote is
/// matched in the full text once and attributed to the main text when its place lies in main blocks;
/// the main text's own keys are built only for the rare quote that spans a block left out of it.
public struct QuoteVerifier: Sendable {
  public let page: ExtractedPage
  let fullText: String
  private let fullKeys: PageKeys
  private let mainText: String
  private let mainKeys: Deferred<PageKeys>
  private let mainMap: MainTextMap
  /// The JSON-LD `articleBody` and the description, tried after the page's own text.
  private let otherViews: [(view: TextView, text: String, keys: PageKeys)]
  /// The main and full texts with their word indexes, for alignment: built on the first quote the
  /// ladder does not match (a page whose quotes all match never needs them).
  private let passageIndexes: Deferred<[PassageIndex]>
  let locator: FragmentLocator

  public init(page: ExtractedPage) {
    self.page = page
    let texts = page.views
    let fullText = texts.first { $0.view == .full }?.text ?? ""
    let mainText = texts.first { $0.view == .main }?.text ?? ""
    self.fullText = fullText
    self.mainText = mainText
    fullKeys = PageKeys(fullText)
    mainKeys = Deferred { PageKeys(mainText) }
    mainMap = MainTextMap(page.text.blocks)
    otherViews = texts.filter { $0.view != .full && $0.view != .main }.map { ($0.view, $0.text, PageKeys($0.text)) }
    let fullScalars = fullKeys.source
    let mainLines = page.text.blocks.filter(\.isMain).map { $0.offset..<($0.offset + $0.length) }
    passageIndexes = Deferred {
      // The main text's words are the full text's, re-based.
      let full = WordTokens.analyze(scalars: fullScalars)
      let main = full.restricted(to: mainLines, joined: Array(mainText.unicodeScalars))
      let fullIndex = PassageIndex(full)
      let mainIndex = PassageIndex(main.text, interned: (main.kept.map { fullIndex.ids[$0] }, fullIndex.vocab))
      return [mainIndex, fullIndex]
    }
    locator = FragmentLocator(fullText: fullText, keys: fullKeys)
  }

  /// The minimum a quote needs to be checked: 4 words or 20 characters.
  static func isTooShort(_ quote: String) -> Bool {
    quote.unicodeScalars.count < 20 && WordTokens.tokenize(quote).count < 4
  }

  public func verify(_ quote: String) -> QuoteVerdict {
    if QuoteVerifier.isTooShort(quote) { return QuoteVerdict(status: .tooShort, detail: "fewer than 4 words") }
    if fullText.isEmpty, page.articleBody == nil {
      return QuoteVerdict(status: .uncheckable, detail: "the page has no text")
    }
    let prepared = LadderMatcher.PreparedQuote(quote)
    // The full text, preferring a place in the main text.
    if let match = LadderMatcher.match(prepared, in: fullKeys, prefer: { mainMap.mainRange($0) != nil }) {
      if match.preferred > 0, let range = mainMap.mainRange(match.range) {
        return verified(
          match, view: .main, text: mainText, range: range, occurrences: match.preferred, full: match.range)
      }
      // Only outside the main blocks: the main text may still hold it, across a block it left out.
      if let inMain = LadderMatcher.match(prepared, in: mainKeys.get()) {
        return verified(inMain, view: .main, text: mainText, range: inMain.range, occurrences: inMain.occurrences)
      }
      return verified(
        match, view: .full, text: fullText, range: match.range, occurrences: match.occurrences, full: match.range)
    }
    // Every word in the main text, in order, but no ladder match in the full text: the quote may span a
    // block the main text left out.
    let words = WordTokens.analyze(quote)
    let indexes = passageIndexes.get()
    let passages = [(view: TextView.main, text: mainText, index: indexes[0]), (.full, fullText, indexes[1])]
    let mainAlignment = PassageFinder.align(words, in: passages[0].index, minimumCoverage: 0.60)
    if let alignment = mainAlignment, alignment.coverage == 1, alignment.edits.allSatisfy({ $0.kind == .deletion }),
      let inMain = LadderMatcher.match(prepared, in: mainKeys.get())
    {
      return verified(inMain, view: .main, text: mainText, range: inMain.range, occurrences: inMain.occurrences)
    }
    for (view, text, keys) in otherViews {
      guard let match = LadderMatcher.match(prepared, in: keys) else { continue }
      return verified(match, view: view, text: text, range: match.range, occurrences: match.occurrences)
    }
    for (view, text, index) in passages {
      let found = view == .main ? mainAlignment : PassageFinder.align(words, in: index, minimumCoverage: 0.60)
      guard let alignment = found else { continue }
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

  /// A ladder match as a verdict. `full` is the place in the full visible text, for the anchor; a match
  /// found only in the full text outside the article's blocks is `outside-article`.
  private func verified(
    _ match: LadderMatch, view: TextView, text: String, range: Range<Int>, occurrences: Int, full: Range<Int>? = nil
  ) -> QuoteVerdict {
    var verdict = QuoteVerdict(status: .verified, detail: QuoteVerifier.detail(match.tier))
    verdict.differences = match.differences
    verdict.view = view
    verdict.range = range
    verdict.passage = QuoteVerifier.slice(text, range)
    verdict.occurrences = occurrences
    if view == .full, let role = role(atFullTextOffset: range.lowerBound), role != .article {
      verdict.status = .outsideArticle
      verdict.detail = role.rawValue
    }
    verdict.anchor = full.flatMap { anchor(fullTextRange: $0) }
    return verdict
  }

  /// Every quote word is on the page in order; the only edits are page words left out (three or more,
  /// at least two of them together), none of them material: a splice, not a rewording.
  static func isSplice(_ alignment: Alignment) -> Bool {
    guard !alignment.edits.isEmpty else { return false }
    guard alignment.edits.allSatisfy({ $0.kind == .deletion && !$0.isMaterial }) else { return false }
    let left = alignment.edits.reduce(0) { $0 + $1.pageWords.count }
    return left >= 3 && alignment.edits.contains { $0.pageWords.count >= 2 }
  }

  /// The anchor of a range of the full visible text, with a directive only when it lands back on the range.
  func anchor(fullTextRange range: Range<Int>) -> QuoteAnchor? {
    let scalars = locator.scalars
    func context(_ r: Range<Int>) -> String {
      String(String.UnicodeScalarView(scalars[r.clamped(to: 0..<scalars.count)]))
    }
    // Re-parse what was written and re-locate it: a link that lands elsewhere is never given out. (A
    // directive that parses back to the one `directive(for:)` located needs no second search.)
    let checked = locator.directive(for: range).flatMap { directive -> String? in
      let text = TextFragment.serialize(directive)
      guard let parsed = TextDirective.parse(url: "#:~:" + text).first,
        parsed == directive || locator.locate(parsed) == locator.core(range)
      else { return nil }
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
