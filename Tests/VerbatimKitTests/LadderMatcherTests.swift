import Testing

@testable import VerbatimKit

private func match(_ quote: String, _ page: String) -> LadderMatch? {
  LadderMatcher.match(quote, in: PageKeys(page))
}

/// The page text covered by a scalar range.
private func text(_ page: String, _ r: Range<Int>) -> String {
  QuoteNormalizer.string(Array(page.unicodeScalars)[r])
}

private func expectMatch(
  _ quote: String, _ page: String, _ tier: LadderMatch.Tier, _ range: Range<Int>,
  _ differences: [String], occurrences: Int = 1, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let m = match(quote, page) else {
    Issue.record("no match for \(quote)", sourceLocation: sourceLocation)
    return
  }
  #expect(m.tier == tier, sourceLocation: sourceLocation)
  #expect(m.range == range, sourceLocation: sourceLocation)
  #expect(m.differences == differences, sourceLocation: sourceLocation)
  #expect(m.occurrences == occurrences, sourceLocation: sourceLocation)
}

// MARK: T0

@Test func t0ExactSubstring() {
  let page = "We will release the model next week. The team said so."
  expectMatch("release the model", page, .exact, 8..<25, [])
  expectMatch("\u{201C}release the model\u{201D}", page, .exact, 8..<25, [])  // the note's outer marks
  #expect(match("release the model", page)?.segmentRanges == [8..<25])
  #expect(text(page, 8..<25) == "release the model")
}

@Test func t0IsCanonicalAware() {
  expectMatch("caf\u{E9} owner", "a cafe\u{301} owner", .exact, 2..<13, [])
}

// MARK: T1

@Test func t1Quotes() {
  expectMatch(
    "He said \"never again\" to us", "He said \u{201C}never again\u{201D} to us.", .typographic, 0..<27,
    ["quotes"])
  expectMatch("It's the model", "It\u{2019}s the model we built.", .typographic, 0..<14, ["quotes"])
}

@Test func t1WhitespaceNbspAndLineWraps() {
  expectMatch("the model was", "the\u{A0}model was here", .typographic, 0..<13, ["whitespace"])
  let page = "the model\nwas released today"
  expectMatch("the model was released", page, .typographic, 0..<22, ["whitespace"])
  #expect(text(page, 0..<22) == "the model\nwas released")
}

@Test func t1InvisiblesSoftHyphenAndZeroWidth() {
  expectMatch("the performance gain", "the perfor\u{AD}mance gain", .typographic, 0..<21, ["invisible"])
  expectMatch("the model", "the\u{200B} model", .typographic, 0..<10, ["invisible"])
}

@Test func t1DashStylesAndSpacesAroundDashes() {
  let page = "It was fast\u{2014}and cheap, they said."
  expectMatch("fast \u{2014} and cheap", page, .typographic, 7..<21, ["dashes"])
  expectMatch("fast -- and cheap", page, .typographic, 7..<21, ["dashes"])
  expectMatch("fast \u{2013} and cheap", page, .typographic, 7..<21, ["dashes"])
}

@Test func t1EllipsisCharacterVersusDots() {
  expectMatch("wait... what", "wait\u{2026} what now", .typographic, 0..<10, ["ellipsis"])
}

@Test func t1EdgePunctuation() {
  let page = "It works, they said."
  expectMatch("It works.", page, .typographic, 0..<8, ["edge-punctuation"])
  expectMatch("It works,", page, .exact, 0..<9, [])
  expectMatch("\u{201C}they said.\u{201D}", page, .exact, 10..<20, [])
  expectMatch(", they said!", page, .typographic, 10..<19, ["edge-punctuation"])
  expectMatch(", they said", page, .exact, 8..<19, [])
  expectMatch(", they\u{A0}said", page, .typographic, 10..<19, ["whitespace"])  // the page has the comma too
}

@Test func t1CompatibilityForms() {
  expectMatch("the final word", "the \u{FB01}nal word", .typographic, 0..<13, ["compatibility"])
}

@Test func realPairNonBreakingHyphenAndCurlyQuotes() {
  let page = "It came close to the performance of US models 7-10 months older, for a good deal less cost\u{2026}"
  let quote =
    "\u{201C}close to the performance of US models 7\u{2011}10 months older, for a good deal less cost\u{201D}"
  expectMatch(quote, page, .typographic, 8..<90, ["dashes"])
  #expect(text(page, 8..<90) == "close to the performance of US models 7-10 months older, for a good deal less cost")
  #expect(
    match("\u{201C}near the performance of US models 7-10 months older, for much less costs\u{201D}", page) == nil)
}

// MARK: T2

@Test func t2Case() {
  expectMatch("the model was released", "They said THE MODEL WAS RELEASED today", .caseOrDiacritics, 10..<32, ["case"])
  expectMatch("die Strasse ist", "die Stra\u{DF}e ist", .caseOrDiacritics, 0..<14, ["case"])
}

@Test func t2Diacritics() {
  expectMatch("naive cafe", "a na\u{EF}ve caf\u{E9} owner", .caseOrDiacritics, 2..<12, ["diacritics"])
  expectMatch("ECOLE", "une \u{E9}cole", .caseOrDiacritics, 4..<9, ["case", "diacritics"])
}

@Test func t2Hyphenation() {
  expectMatch("a well known fact", "a well-known fact", .caseOrDiacritics, 0..<17, ["hyphenation"])
  expectMatch("a wellknown fact", "a well-known fact", .caseOrDiacritics, 0..<17, ["hyphenation"])
  expectMatch("the implementation", "the imple-\nmentation of it", .caseOrDiacritics, 0..<20, ["hyphenation"])
}

@Test func combiningAccentAndSoftHyphenOffsets() {
  let page = "The cafe\u{301} hosts a perfor\u{AD}mance tonight."
  expectMatch("caf\u{E9} hosts a performance", page, .typographic, 4..<30, ["invisible"])
  #expect(text(page, 4..<30) == "cafe\u{301} hosts a perfor\u{AD}mance")
  expectMatch("cafe hosts", page, .caseOrDiacritics, 4..<15, ["diacritics"])
  expectMatch("perfor\u{AD}mance tonight.", page, .exact, 18..<39, [])
  #expect(match("caf", page) == nil)  // not inside a word
  #expect(match("perfor", page) == nil)  // the soft hyphen is inside the word
}

// MARK: Occurrences and negatives

@Test func occurrencesAreCounted() {
  let page = "the cat sat. the cat sat. a cat sat."
  expectMatch("the cat sat", page, .exact, 0..<11, [], occurrences: 2)
  expectMatch("cat sat", page, .exact, 4..<11, [], occurrences: 3)
  expectMatch("THE CAT SAT", page, .caseOrDiacritics, 0..<11, ["case"], occurrences: 2)
  expectMatch("la la", "la la la", .exact, 0..<5, [], occurrences: 2)  // overlapping places count
  expectMatch("Go", "Go now. Go!", .exact, 0..<2, [], occurrences: 2)  // shorter than one 4-gram
}

@Test func negativesNeverMatch() {
  let page = "We will not release the model. It came close to US models 7-10 months older. Costs were 1,000 dollars."
  #expect(match("We will release the model", page) == nil)  // negation dropped
  #expect(match("We will not release the model", "We will release the model.") == nil)  // negation added
  #expect(match("close to US models 2-3 months older", page) == nil)  // number changed
  #expect(match("close to US models 7-10 weeks older", page) == nil)  // word changed
  #expect(match("Costs were 1000 dollars", page) == nil)  // digits are not normalised
  #expect(match("release model the", page) == nil)  // word order
  #expect(match("The board approved the merger.", page) == nil)  // sentence from elsewhere
  #expect(match("he cat", "the cat") == nil)  // mid-word start
  #expect(match("the cat sat", "the cats at home") == nil)  // a moved word break
  #expect(match("We will \u{2026} the model", page)?.tier == .editorial)  // (control: elision is fine)
}

@Test func tooShortQuotes() {
  let page = "Anything \u{2026} at all \u{2014} here."
  for q in ["", "   ", "\u{2026}", "\u{2014}", "\u{201C}\u{201D}", "[...]", "(emphasis added)"] {
    #expect(match(q, page) == nil, "\(q)")
  }
}

// MARK: T3

@Test func t3Elision() {
  let page = "The company said on Tuesday that it would release the model next year. Critics were unconvinced."
  for mark in ["[\u{2026}]", "\u{2026}", "...", "(...)"] {
    guard let m = match("The company said \(mark) it would release the model", page) else {
      Issue.record("no match \(mark)")
      continue
    }
    #expect(m.tier == .editorial)
    #expect(m.segmentRanges == [0..<16, 33..<59])
    #expect(m.range == 0..<59)
    #expect(m.differences == ["elision"])
    #expect(m.occurrences == 1)
  }
  // segments must appear in order
  #expect(match("it would release the model \u{2026} The company said", page) == nil)
  // case differences are reported alongside
  #expect(match("the COMPANY said \u{2026} it would release the model", page)?.differences == ["case", "elision"])
}

@Test func t3ElisionGapLimit() {
  let head = "Alpha beta gamma. "
  let tail = "delta epsilon zeta."
  let near = head + String(repeating: "filler text here. ", count: 100) + tail  // gap 1,800 scalars
  let far = head + String(repeating: "filler text here. ", count: 120) + tail  // gap 2,160 scalars
  let quote = "Alpha beta gamma \u{2026} delta epsilon zeta"
  #expect(match(quote, near)?.segmentRanges == [0..<16, 1818..<1836])
  #expect(match(quote, far) == nil)
}

@Test func t3SegmentsMayNotOverlap() {
  #expect(match("we agree \u{2026} we agree", "so we agree, they said") == nil)
  let m = match("we agree \u{2026} we agree", "we agree, and we agree")
  #expect(m?.segmentRanges == [0..<8, 14..<22])
}

@Test func t3LeadingEllipsisOpensTheEdge() {
  let page = "the performance gain was large"
  #expect(match("formance gain", page) == nil)
  let m = match("\u{2026}formance gain", page)
  #expect(m?.tier == .editorial)
  #expect(m?.range == 7..<20)
  expectMatch("\u{2026}the performance gain\u{2026}", page, .typographic, 0..<20, ["elision"])
}

@Test func t3Insertions() {
  let page = "Smith said the new model works well."
  guard let m = match("Smith said [the system] works well", page) else {
    Issue.record("no match")
    return
  }
  #expect(m.tier == .editorial && m.range == 0..<35 && m.segmentRanges == [0..<35])
  #expect(m.differences == ["insertion"])
  expectMatch("Smith said [that] the new model works well", page, .editorial, 0..<35, ["insertion"])  // 0 words
  let eight = "Smith said one two three four five six seven eight works well."
  let nine = "Smith said one two three four five six seven eight nine works well."
  #expect(match("Smith said [x] works well", eight)?.tier == .editorial)
  #expect(match("Smith said [x] works well", nine) == nil)
}

@Test func t3CaseChangeIsSilent() {
  expectMatch("[T]he model was released", "Then the model was released in May.", .editorial, 5..<27, [])
}

@Test func t3Sic() {
  expectMatch("Teh model was relased [sic] today", "Teh model was relased today.", .editorial, 0..<27, ["sic"])
  expectMatch("Teh model (sic) was relased today", "Teh model was relased today.", .editorial, 0..<27, ["sic"])
}

@Test func t3EmphasisNotes() {
  for note in ["(emphasis added)", "[emphasis added]", "(emphasis in original)", "(italics mine)"] {
    expectMatch(
      "This is very important \(note)", "This is very important, she said.", .editorial, 0..<22,
      ["emphasis"])
  }
}

@Test func t3Occurrences() {
  let page = "A said yes to B. Then A said no to B."
  let m = match("A said \u{2026} to B", page)
  #expect(m?.occurrences == 2)
  #expect(m?.segmentRanges == [0..<6, 11..<15])
}

// MARK: A long page

@Test func thirtyWordQuoteAgainstThirtyKilobytePage() {
  var page = ""
  var i = 0
  while page.unicodeScalars.count < 30_000 {
    page += "Paragraph \(i) talks about models, costs and months of work \u{2014} nothing else. "
    i += 1
  }
  page +=
    "Researchers said the new system came close to the performance of US models 7-10 months older, "
    + "for a good deal less cost, and that the gap would keep shrinking over the next year."
  let keys = PageKeys(page)
  let quote =
    "\u{201C}the new system came close to the performance of US models 7\u{2011}10 months older, "
    + "for a good deal less cost, and that the gap would keep shrinking\u{201D}"
  #expect(LadderMatcher.match(quote, in: keys)?.tier == .typographic)
}
