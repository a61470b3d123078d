import Testing

@testable import VerbatimKit

// MARK: Helpers

/// Scalar-offset range of the first occurrence of `needle` in `haystack`.
private func scalarRange(of needle: String, in haystack: String) -> Range<Int>? {
  let h = Array(haystack.unicodeScalars)
  let n = Array(needle.unicodeScalars)
  guard !n.isEmpty, n.count <= h.count else { return nil }
  for start in 0...(h.count - n.count) where h[start..<start + n.count].elementsEqual(n) {
    return start..<start + n.count
  }
  return nil
}

private func align(_ quote: String, _ page: String) -> Alignment? {
  PassageFinder.align(quote, in: PassageIndex(page))
}

private func edit(_ kind: WordEdit.Kind, _ quote: [String], _ page: [String], _ classes: [WordEdit.Class]) -> WordEdit {
  WordEdit(kind: kind, quoteWords: quote, pageWords: page, classes: classes)
}

private let before = "Unrelated opening remarks about weather and trains. "
private let after = " Several other sentences follow about gardens, recipes and football."

/// Runs one fixture: the quote must align exactly onto `passage` with `edits`.
private func check(
  page passage: String, quote: String, edits: [WordEdit], verdict: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let page = before + passage + after
  guard let a = align(quote, page) else {
    Issue.record("no alignment", sourceLocation: sourceLocation)
    return
  }
  #expect(a.edits == edits, sourceLocation: sourceLocation)
  #expect(a.verdict == verdict, sourceLocation: sourceLocation)
  #expect(a.pageRange == scalarRange(of: passage, in: page), sourceLocation: sourceLocation)
}

// MARK: Fixtures per class

@Test func numberChange() {
  check(
    page: "the children were 7-10 months older than their peers at the time of testing",
    quote: "the children were 2-3 months older than their peers at the time of testing",
    edits: [edit(.substitution, ["2", "3"], ["7", "10"], [.number])], verdict: "altered-material")
}

@Test func negationAdded() {
  check(
    page: "We will release the model weights next year",
    quote: "We will not release the model weights next year",
    edits: [edit(.insertion, ["not"], [], [.negation])], verdict: "altered-material")
}

@Test func negationRemoved() {
  check(
    page: "The drug did not reduce mortality in the trial",
    quote: "The drug did reduce mortality in the trial",
    edits: [edit(.deletion, [], ["not"], [.negation])], verdict: "altered-material")
}

@Test func negationContraction() {
  check(
    page: "The committee doesn't expect prices to fall before the summer",
    quote: "The committee does expect prices to fall before the summer",
    edits: [edit(.substitution, ["does"], ["doesn't"], [.negation])], verdict: "altered-material")
}

@Test func quantifierChange() {
  check(
    page: "Some of the respondents said they would support the policy",
    quote: "All of the respondents said they would support the policy",
    edits: [edit(.substitution, ["All"], ["Some"], [.quantifier])], verdict: "altered-material")
}

@Test func modalChange() {
  check(
    page: "The new rules will apply to all companies from next January",
    quote: "The new rules might apply to all companies from next January",
    edits: [edit(.substitution, ["might"], ["will"], [.modal])], verdict: "altered-material")
}

@Test func comparativeChange() {
  check(
    page: "the larger model performed well on every benchmark we ran",
    quote: "the largest model performed well on every benchmark we ran",
    edits: [edit(.substitution, ["largest"], ["larger"], [.comparison])], verdict: "altered-material")
}

@Test func nameSwap() {
  check(
    page: "In March the contract went to Microsoft after a long review by the agency",
    quote: "In March the contract went to Google after a long review by the agency",
    edits: [edit(.substitution, ["Google"], ["Microsoft"], [.name])], verdict: "altered-material")
}

@Test func personSwap() {
  check(
    page: "They said the results were disappointing for the whole team",
    quote: "We said the results were disappointing for the whole team",
    edits: [edit(.substitution, ["We"], ["They"], [.person])], verdict: "altered-material")
}

@Test func spellingVariantIsMinor() {
  check(
    page: "Volunteers helped organise the annual festival in the town centre this summer",
    quote: "Volunteers helped organize the annual festival in the town centre this summer",
    edits: [edit(.substitution, ["organize"], ["organise"], [.spelling])], verdict: "altered-minor")
}

@Test func articleSwapIsMinor() {
  check(
    page: "The minister announced a review of the funding formula for rural schools",
    quote: "The minister announced the review of the funding formula for rural schools",
    edits: [edit(.substitution, ["the"], ["a"], [.article])], verdict: "altered-minor")
}

@Test func verbatimQuoteHasNoEdits() {
  let page = before + "Stocks rallied after the announcement." + after
  let a = align("stocks rallied after the announcement", page)
  #expect(a?.coverage == 1)
  #expect(a?.edits == [])
  #expect(a?.verdict == "altered-minor")
  #expect(a?.pageRange == scalarRange(of: "Stocks rallied after the announcement", in: page))
}

// MARK: The garbled repost

@Test(arguments: [
  "Chinese labs have moved fast. The new release comes ",
  "Chinese labs have moved fast. ",
])
func garbledRepost(prefix: String) {
  let sentence =
    prefix.hasSuffix("comes ")
    ? "close to the performance of US models 7-10 months older, for a good deal less cost"
    : "Close to the performance of US models 7-10 months older, for a good deal less cost"
  let page = before + prefix + sentence + ". Analysts were surprised." + after
  let quote = "near the performance of US models 7-10 months older, for much less costs"
  guard let a = align(quote, page) else {
    Issue.record("no alignment")
    return
  }
  #expect(a.pageRange == scalarRange(of: sentence, in: page))
  #expect(
    a.edits == [
      edit(.substitution, ["near"], [String(sentence.prefix(5)), "to"], [.other]),
      edit(.substitution, ["much"], ["a", "good", "deal"], [.quantifier]),
      edit(.substitution, ["costs"], ["cost"], [.spelling]),
    ])
  #expect(a.isMaterial)
  #expect(a.coverage == 11.0 / 14.0)
  #expect(a.verdict == "not-found-closest")
}

// MARK: Not found

@Test func unrelatedSentenceIsNotFound() {
  let page = String(
    repeating: "The council approved the budget for the new library after a long debate. "
      + "Residents had asked for longer opening hours and more study rooms. ", count: 20)
  let a = align("The migratory patterns of arctic terns span both poles each year", page)
  #expect(a == nil || a!.coverage < 0.6)
}

@Test func scatteredWordsAreNotAlignedOntoAWrongWindow() {
  let quoteWords = ["quantum", "lattice", "harvest", "rapidly", "dissolved", "ancient", "copper", "marmalade"]
  var sentences: [String] = []
  for k in 0..<400 {
    var s = "Filler\(k) sentence number\(k) keeps going\(k) along quietly\(k)"
    if k % 50 == 7 { s += " " + quoteWords[k / 50] }
    sentences.append(s + ".")
  }
  let page = sentences.joined(separator: " ")
  let a = align(quoteWords.joined(separator: " "), page)
  #expect(a == nil || a!.coverage < 0.6)
}

@Test func decoyShinglesLoseToTheRealPassage() {
  let passage = "the harbour authority said the new crane would double container traffic by autumn"
  let decoys =
    "Reporters said the new ferry was late. The harbour authority met on Monday. "
    + "Traffic by autumn is hard to predict. A new crane would cost money. "
  let page = String(repeating: decoys, count: 5) + passage + ". " + String(repeating: decoys, count: 5)
  let quote = "the harbour authority said the new crane would triple container traffic by autumn"
  guard let a = align(quote, page) else {
    Issue.record("no alignment")
    return
  }
  #expect(a.pageRange == scalarRange(of: passage, in: page))
  #expect(a.edits == [edit(.substitution, ["triple"], ["double"], [.number])])
  #expect(a.verdict == "altered-material")
}

@Test func emptyInputs() {
  #expect(align("", "Some page text here.") == nil)
  #expect(align("Some quote", "") == nil)
  #expect(align("entirely absent words", "Some page text here.") == nil)
}

@Test func twoRareTokensSeedAShortQuote() {
  let page = before + "Zyxomer praised Quellberg warmly." + after
  let a = align("Zyxomer criticised Quellberg", page)
  #expect(a?.pageRange == scalarRange(of: "Zyxomer praised Quellberg", in: page))
  #expect(a?.edits == [edit(.substitution, ["criticised"], ["praised"], [.other])])
}

@Test func verdictThresholds() {
  let material = [edit(.substitution, ["2"], ["7"], [.number])]
  let minor = [edit(.substitution, ["a"], ["the"], [.article])]
  #expect(Alignment(pageRange: 0..<1, coverage: 0.85, edits: material).verdict == "altered-material")
  #expect(Alignment(pageRange: 0..<1, coverage: 0.9, edits: minor).verdict == "altered-minor")
  #expect(Alignment(pageRange: 0..<1, coverage: 0.84, edits: material).verdict == "not-found-closest")
  #expect(Alignment(pageRange: 0..<1, coverage: 0.6, edits: minor).verdict == "not-found-closest")
  #expect(Alignment(pageRange: 0..<1, coverage: 0.59, edits: []).verdict == "not-found")
}

// MARK: CJK

@Test func cjkInsertion() {
  let page = "今日は天気がとても良いです。私たちは公園で散歩しました。それから駅前のカフェでコーヒーを飲みました。"
  guard let a = align("私たちは公園で散歩をしました", page) else {
    Issue.record("no alignment")
    return
  }
  #expect(a.pageRange == scalarRange(of: "私たちは公園で散歩しました", in: page))
  #expect(a.edits == [edit(.insertion, ["を"], [], [.other])])
  #expect(a.verdict == "altered-minor")
}

@Test func cjkNumberChange() {
  let page = "今日は天気がとても良いです。会議は三時に始まります。それから皆で食事をしました。"
  guard let a = align("会議は二時に始まります", page) else {
    Issue.record("no alignment")
    return
  }
  #expect(a.pageRange == scalarRange(of: "会議は三時に始まります", in: page))
  #expect(a.edits == [edit(.substitution, ["二"], ["三"], [.number])])
  #expect(a.verdict == "altered-material")
}

// MARK: Scale

/// Deterministic pseudo-random generator (LCG).
private struct LCG {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

@Test func twoMegabytePageWithThousandQuotes() {
  var rng = LCG(state: 42)
  let syllables = [
    "ka", "lo", "mi", "ren", "tu", "sa", "vor", "qui", "del", "an", "pe", "rho", "zu", "nix",
    "bra", "to", "lem", "fi", "go", "sul",
  ]
  let vocabulary: [String] = (0..<20_000).map { _ in
    (0..<(2 + rng.next(3))).map { _ in syllables[rng.next(syllables.count)] }.joined()
  }
  var parts: [String] = []
  var size = 0
  while size < 2_000_000 {
    let length = 8 + rng.next(13)
    var words = (0..<length).map { _ in vocabulary[rng.next(vocabulary.count)] }
    words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
    let sentence = words.joined(separator: " ") + ". "
    size += sentence.unicodeScalars.count
    parts.append(sentence)
  }
  let page = parts.joined()
  let scalars = Array(page.unicodeScalars)
  let index = PassageIndex(page)
  #expect(index.tokens.count > 200_000)

  var failures = 0
  for k in 0..<1_000 {
    let length = 10 + rng.next(21)
    let start = rng.next(index.tokens.count - length)
    let expected = index.tokens[start].range.lowerBound..<index.tokens[start + length - 1].range.upperBound
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[expected])
    var quote = String(view)
    let modified = k % 3 == 0
    if modified {
      let target = index.tokens[start + length / 2]
      let offset = target.range.lowerBound - expected.lowerBound
      var qs = Array(quote.unicodeScalars)
      qs.replaceSubrange(offset..<offset + target.range.count, with: "zzqx".unicodeScalars)
      var v = String.UnicodeScalarView()
      v.append(contentsOf: qs)
      quote = String(v)
    }
    guard let a = PassageFinder.align(quote, in: index) else {
      failures += 1
      continue
    }
    let ok =
      a.pageRange == expected
      && a.edits.count == (modified ? 1 : 0)
      && a.coverage == (modified ? Double(length - 1) / Double(length) : 1)
    if !ok { failures += 1 }
  }
  #expect(failures == 0)
}
