import Testing

@testable import VerbatimKit

private func keys(_ text: String) -> [String] { WordTokens.tokenize(text).map(\.key) }

@Test func basicWordsAndScalarRanges() {
  let a = WordTokens.analyze("Hello, wide world.")
  #expect(
    a.tokens == [
      WordToken(key: "hello", range: 0..<5),
      WordToken(key: "wide", range: 7..<11),
      WordToken(key: "world", range: 12..<17),
    ])
  #expect(a.tokens.indices.map { a.text($0) } == ["Hello", "wide", "world"])
}

@Test func numberRangesSplitOnDashes() {
  #expect(keys("7-10 months") == ["7", "10", "months"])
  #expect(keys("7\u{2013}10 months") == ["7", "10", "months"])
  #expect(keys("COVID-19") == ["covid", "19"])
}

@Test func digitSeparatorsStayInsideNumbers() {
  #expect(keys("1,000 people, 3.5 km.") == ["1,000", "people", "3.5", "km"])
  #expect(keys("in 2019, then") == ["in", "2019", "then"])
}

@Test func contractionsAreOneToken() {
  #expect(keys("don't") == ["don't"])
  #expect(keys("Don\u{2019}t stop") == ["don't", "stop"])
  #expect(WordTokens.analyze("don\u{2019}t").text(0) == "don\u{2019}t")
  #expect(keys("'quoted' students'") == ["quoted", "students"])
}

@Test func keysFoldCaseDiacriticsAndWidth() {
  #expect(keys("Café NAÏVE Straße ＡＢＣ") == ["cafe", "naive", "strasse", "abc"])
  #expect(keys("ΟΔΟΣ") == ["οδοσ"])
}

@Test func combiningMarksAndInvisiblesKeepScalarOffsets() {
  let a = WordTokens.analyze("cafe\u{301} organ\u{AD}ise")
  let tokens = a.tokens
  #expect(tokens.count == 2)
  #expect(tokens[0] == WordToken(key: "cafe", range: 0..<5))
  #expect(a.text(0) == "cafe\u{301}")
  #expect(tokens[1].key == "organise")
  #expect(tokens[1].range == 6..<15)
}

@Test func cjkIsOneTokenPerIdeographOrKana() {
  #expect(keys("東京タワーへ行く") == ["東", "京", "タ", "ワ", "ー", "へ", "行", "く"])
  let tokens = WordTokens.tokenize("日本語text")
  #expect(tokens.map(\.key) == ["日", "本", "語", "text"])
  #expect(tokens.map(\.range) == [0..<1, 1..<2, 2..<3, 3..<7])
  #expect(keys("한국어 문장") == ["한국어", "문장"])
}

@Test func percentAndCurrencyAreTokens() {
  #expect(keys("$5 or 7% or 3 €") == ["$", "5", "or", "7", "%", "or", "3", "€"])
}

@Test func sentenceStartsAndNames() {
  let a = WordTokens.analyze("The rise. Then Mr. Smith met NASA and Bob \"Hello\" said I. The U.S. Army")
  let words = a.tokens.indices.map { a.text($0) }
  #expect(
    words == [
      "The", "rise", "Then", "Mr", "Smith", "met", "NASA", "and", "Bob", "Hello", "said", "I",
      "The", "U", "S", "Army",
    ])
  #expect(
    a.sentenceStart == [
      true, false, true, false, false, false, false, false, false, true, false, false,
      true, false, false, false,
    ])
  let names = a.tokens.indices.filter { a.isName($0) }.map { a.text($0) }
  #expect(names == ["Mr", "Smith", "NASA", "Bob", "U", "S", "Army"])
}

@Test func allCapsRunsAreNotAcronyms() {
  let a = WordTokens.analyze("BREAKING NEWS TODAY: the FDA acted")
  #expect(a.tokens.indices.filter { a.isName($0) }.map { a.text($0) } == ["BREAKING", "TODAY", "FDA"])
}

@Test func emptyAndPunctuationOnly() {
  #expect(WordTokens.tokenize("").isEmpty)
  #expect(WordTokens.tokenize(" -- ... !? ").isEmpty)
}

@Test func mainTextTokensComeFromTheFullTextsTokens() {
  let html = """
    <html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Storage should be boring</h1>
    <p>Utilities have spent a decade treating grid batteries as a bet. Mr. Smith said so.</p>
    <aside class="related"><a href="/x">Read more: the cheapest batteries of 2025</a></aside>
    <p>"Infrastructure is bought on measured performance," said the U.S. grid's operator.</p>
    </article><footer>© 2025 Power Weekly</footer></body></html>
    """
  let page = PageExtractor.extract(Array(html.utf8))
  let full = WordTokens.analyze(page.text.fullText)
  let lines = page.text.blocks.filter(\.isMain).map { $0.offset..<($0.offset + $0.text.unicodeScalars.count) }
  let derived = full.restricted(to: lines, joined: Array(page.text.mainText.unicodeScalars)).text
  let direct = WordTokens.analyze(page.text.mainText)
  // A block outside the main text sits between two main blocks: the re-basing crosses a gap.
  let flags = page.text.blocks.map(\.isMain)
  #expect(flags.indices.contains { k in !flags[k] && flags[..<k].contains(true) && flags[(k + 1)...].contains(true) })
  #expect(derived.tokens == direct.tokens)
  #expect(derived.sentenceStart == direct.sentenceStart)
  #expect(derived.tokens.indices.map { derived.text($0) } == direct.tokens.indices.map { direct.text($0) })
}
