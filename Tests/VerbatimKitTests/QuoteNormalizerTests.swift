import Testing

@testable import VerbatimKit

private func key(_ s: String, _ level: KeyLevel = .typographic) -> String {
  QuoteNormalizer.key(s, level: level).string
}

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

@Test func n0ComposesAndMapsClusterToBothSourceScalars() {
  let k = QuoteNormalizer.key("cafe\u{301} au lait", level: .exact)
  #expect(k.scalars == scalars("caf\u{E9} au lait"))
  #expect(k.sourceIndex == [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12])
  #expect(k.sourceEnd[3] == 5)
  #expect(k.sourceRange(0..<4) == 0..<5)  // "café" covers e and U+0301
  #expect(k.sourceRange(3..<4) == 3..<5)
  #expect(k.sourceRange(5..<7) == 6..<8)  // "au"
}

@Test func exactLevelIsOnlyNFC() {
  #expect(key("“Hi” — it’s\u{A0}ok.", .exact) == "“Hi” — it’s\u{A0}ok.")
  #expect(key("Hello", .typographic) == "Hello")
  #expect(KeyLevel.exact < .typographic && KeyLevel.typographic < .folded)
}

@Test func n1DeletesInvisibles() {
  let k = QuoteNormalizer.key("per\u{AD}for\u{200B}mance\u{FEFF}", level: .typographic)
  #expect(k.string == "performance")
  #expect(k.sourceIndex == [0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12])
  #expect(k.sourceRange(0..<11) == 0..<13)
  #expect(k.sourceRange(3..<6) == 4..<7)  // "for"
  for c in [
    "\u{200C}", "\u{200D}", "\u{2060}", "\u{34F}", "\u{180E}", "\u{200E}", "\u{200F}", "\u{202A}",
    "\u{202E}", "\u{2066}", "\u{2069}", "\u{FE0F}",
  ] {
    #expect(key("ab\(c)cd") == "abcd")
  }
}

@Test func n2MapsAndCollapsesWhitespace() {
  let k = QuoteNormalizer.key("  a\u{A0}b \n\t c\u{202F}d\u{3000}", level: .typographic)
  #expect(k.string == "a b c d")
  #expect(k.sourceIndex == [2, 3, 4, 5, 9, 10, 11])
  #expect(k.sourceRange(3..<4) == 5..<9)  // the space stands for " \n\t "
  #expect(key("a\u{2003}b\u{2028}c\u{205F}d\u{1680}e") == "a b c d e")
}

@Test func n3CompatibilityMapping() {
  let k = QuoteNormalizer.key("\u{FB01}ne \u{FF46}\u{FF55}\u{FF4C}\u{FF4C} x\u{B2}", level: .typographic)
  #expect(k.string == "fine full x2")
  #expect(Array(k.sourceIndex.prefix(2)) == [0, 0])  // both letters of the ligature
  let e = QuoteNormalizer.key("wait\u{2026}what", level: .typographic)
  #expect(e.string == "wait...what")
  #expect(Array(e.sourceIndex[4..<7]) == [4, 4, 4])
  #expect(e.sourceRange(4..<7) == 4..<5)
}

@Test func n4DoubleQuotesAreFoldedThenDropped() {
  for q in [
    "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{AB}", "\u{BB}", "\u{2039}", "\u{203A}",
    "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{301D}", "\u{301E}", "\u{301F}", "\u{FF02}",
  ] {
    #expect(key("say \(q)hi\(q) now") == "say hi now", "\(q)")
  }
}

@Test func n5SingleQuotesFoldToApostrophe() {
  for q in ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2BC}", "\u{2032}", "`", "\u{B4}", "\u{FF07}"] {
    #expect(key("it\(q)s") == "it's", "\(q)")
  }
}

@Test func n6DropsOptionalQuoteMarks() {
  #expect(
    key("\u{2018}Hello,\u{2019} he said. It\u{2019}s the students\u{2019} books")
      == "Hello, he said. It's the students books")
  #expect(key("He said \"never 'ever' again\"") == "He said never ever again")
  let k = QuoteNormalizer.key("\"ab\"", level: .typographic)
  #expect(k.sourceIndex == [1, 2])
}

@Test func n7UnifiesDashesAndSpacesAroundThem() {
  #expect(key("a \u{2014} b") == "a-b")
  #expect(key("a\u{2013}b") == "a-b")
  #expect(key("a -- b") == "a-b")
  #expect(key("7\u{2011}10") == "7-10")
  #expect(key("x \u{2212} y") == "x-y")
  #expect(key("p\u{FE58}q r\u{FF0D}s t\u{2010}u") == "p-q r-s t-u")
  let k = QuoteNormalizer.key("a---b", level: .typographic)
  #expect(k.string == "a-b")
  #expect(k.sourceRange(1..<2) == 1..<4)
}

@Test func n8TrimsEdgePunctuationOnly() {
  #expect(key("...Hello, world!?") == "Hello, world")
  #expect(key(" ; x .") == "x")
  #expect(key("a, b. c") == "a, b. c")
  #expect(key("Hello.", .exact) == "Hello.")
}

@Test func n9FullCaseFolding() {
  let k = QuoteNormalizer.key("Straße", level: .folded)
  #expect(k.string == "strasse")
  #expect(k.sourceIndex == [0, 1, 2, 3, 4, 4, 5])
  #expect(key("HELLO World", .folded) == "helloworld")
  #expect(key("\u{3A3}\u{3C9}\u{3C2}", .folded) == "\u{3C3}\u{3C9}\u{3C3}")  // Σως → σωσ
}

@Test func n10DropsLatinDiacriticsOnly() {
  #expect(key("na\u{EF}ve caf\u{E9} \u{C5}ngstr\u{F6}m", .folded) == "naivecafeangstrom")
  let k = QuoteNormalizer.key("cafe\u{301}", level: .folded)
  #expect(k.string == "cafe")
  #expect(k.sourceRange(3..<4) == 3..<5)
  #expect(key("\u{928}\u{92E}\u{938}\u{94D}\u{924}\u{947}", .folded) == "\u{928}\u{92E}\u{938}\u{94D}\u{924}\u{947}")
}

@Test func n11HyphenSpaceNothingBetweenLetters() {
  for s in ["well-known", "well known", "wellknown", "well-\nknown", "well\u{2010}known", "Well Known"] {
    #expect(key(s, .folded) == "wellknown", "\(s)")
  }
  #expect(key("US models 7-10 months", .folded) == "usmodels 7-10 months")
  #expect(key("7 10", .folded) == "7 10")
}

@Test func wordPresence() {
  #expect(!QuoteNormalizer.key("\u{2014} \u{2026} \u{201C}\u{201D}", level: .typographic).hasWord)
  #expect(QuoteNormalizer.key("a", level: .typographic).hasWord)
  #expect(QuoteNormalizer.key("", level: .folded).count == 0)
}

@Test func emptyRangeMapsToAPoint() {
  let k = QuoteNormalizer.key("ab", level: .exact)
  #expect(k.sourceRange(1..<1) == 1..<1)
  #expect(k.sourceRange(2..<2) == 2..<2)
}

@Test func pageOffsetsWithCombiningAccentAndSoftHyphen() {
  let page = "The cafe\u{301} hosts a perfor\u{AD}mance tonight."
  let keys = PageKeys(page)
  let t = keys.key(.typographic)
  #expect(t.string == "The caf\u{E9} hosts a performance tonight")
  // key "é" (index 7) comes from source 7..<9; key "performance" (17..<28) from 18..<30.
  #expect(t.sourceRange(7..<8) == 7..<9)
  #expect(t.sourceRange(17..<28) == 18..<30)
  let src = Array(page.unicodeScalars)
  #expect(QuoteNormalizer.string(src[t.sourceRange(4..<8)]) == "cafe\u{301}")
  #expect(QuoteNormalizer.string(src[t.sourceRange(17..<28)]) == "perfor\u{AD}mance")
  let f = keys.key(.folded)
  #expect(f.string == "thecafehostsaperformancetonight")
  #expect(f.sourceRange(3..<7) == 4..<9)
}
