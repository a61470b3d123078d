import Foundation  // only for NFKD / NFC of non-ASCII token keys

/// One word of a text: a run of letters/digits, a single CJK ideograph or kana,
/// or a single `%`/currency symbol.
struct WordToken: Sendable, Equatable {
  /// Case-folded, diacritics stripped (U+0300–U+036F), NFKC, apostrophes unified to `'`.
  var key: String
  /// Unicode scalar offsets in the source string.
  var range: Range<Int>
}

/// Tokens plus per-token context needed by the classifier.
struct TokenizedText: Sendable {
  var tokens: [WordToken]
  /// True when the token opens a sentence (text start, after `. ! ? …`, a line break or an opening quote).
  var sentenceStart: [Bool]
  /// The scalars of the tokenized text (token ranges index into it).
  var scalars: [Unicode.Scalar]

  /// Token `i` as written. Made on demand: only the words of an edit are ever shown.
  func text(_ i: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[tokens[i].range])
    return String(view)
  }

  /// A capitalised word not at sentence start, or an all-caps acronym (not inside an all-caps run).
  func isName(_ i: Int) -> Bool {
    let token = tokens[i]
    if token.key == "i" || token.key.hasPrefix("i'") { return false }
    var letters = 0
    var upper = 0
    var firstLetterUpper: Bool?
    for s in scalars[token.range] where s.properties.isAlphabetic {
      letters += 1
      if s.properties.isUppercase { upper += 1 }
      if firstLetterUpper == nil { firstLetterUpper = s.properties.isUppercase }
    }
    guard firstLetterUpper == true else { return false }
    if letters >= 2 && upper == letters {
      let prevCaps = i > 0 && Self.isAllCaps(scalars[tokens[i - 1].range])
      let nextCaps = i + 1 < tokens.count && Self.isAllCaps(scalars[tokens[i + 1].range])
      return !(prevCaps && nextCaps)
    }
    return !sentenceStart[i]
  }

  /// The tokens inside `ranges` (sorted, disjoint scalar ranges of this text, each a whole line), re-based
  /// onto `joined`: those lines joined by newlines. Equal to tokenizing `joined` (tokens never cross a
  /// newline, and a newline opens a sentence), without doing it again: the main text from the full text.
  /// `kept` lists, for each token of the result, its index here.
  func restricted(to ranges: [Range<Int>], joined: [Unicode.Scalar]) -> (text: TokenizedText, kept: [Int]) {
    var out = TokenizedText(tokens: [], sentenceStart: [], scalars: joined)
    var kept: [Int] = []
    var r = 0
    var base = 0
    for (k, token) in tokens.enumerated() {
      while r < ranges.count && ranges[r].upperBound <= token.range.lowerBound {
        base += ranges[r].count + 1
        r += 1
      }
      guard r < ranges.count else { break }
      guard ranges[r].contains(token.range.lowerBound) else { continue }
      let shift = base - ranges[r].lowerBound
      out.tokens.append(
        WordToken(key: token.key, range: (token.range.lowerBound + shift)..<(token.range.upperBound + shift)))
      out.sentenceStart.append(out.tokens.count == 1 ? true : sentenceStart[k])
      kept.append(k)
    }
    return (out, kept)
  }

  static func isAllCaps(_ text: String) -> Bool { isAllCaps(Array(text.unicodeScalars)[...]) }

  static func isAllCaps(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var letters = 0
    for s in text where s.properties.isAlphabetic {
      if !s.properties.isUppercase { return false }
      letters += 1
    }
    return letters >= 2
  }
}

enum WordTokens {
  static func tokenize(_ text: String) -> [WordToken] { analyze(text).tokens }

  private enum ScalarKind { case word, mark, invisible, cjk, symbol, apostrophe, digitSeparator, other }

  /// Abbreviations after which a full stop does not open a sentence.
  private static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp",
    "no", "fig", "gen", "gov", "sen", "rep", "rev", "mt", "ft", "approx",
  ]

  static func analyze(_ text: String) -> TokenizedText { analyze(scalars: Array(text.unicodeScalars)) }

  static func analyze(scalars: [Unicode.Scalar]) -> TokenizedText {
    let n = scalars.count
    var tokens: [WordToken] = []
    var starts: [Bool] = []
    var tokenStart = -1
    var contentEnd = -1  // end of the last non-invisible scalar of the current token
    var pendingSentence = true  // next token opens a sentence

    func emit(_ range: Range<Int>) {
      tokens.append(WordToken(key: makeKey(scalars[range]), range: range))
      starts.append(pendingSentence)
      pendingSentence = false
    }
    func flush() {
      if tokenStart >= 0 { emit(tokenStart..<contentEnd) }
      tokenStart = -1
    }
    func isLetter(_ i: Int) -> Bool { i >= 0 && i < n && scalars[i].properties.isAlphabetic }
    func isDigit(_ i: Int) -> Bool { i >= 0 && i < n && scalars[i].properties.numericType == .decimal }

    var i = 0
    while i < n {
      let s = scalars[i]
      switch kind(s) {
      case .word:
        if tokenStart < 0 { tokenStart = i }
        contentEnd = i + 1
      case .mark:
        if tokenStart >= 0 { contentEnd = i + 1 }
      case .invisible:
        break  // transparent: neither splits nor ends a word
      case .cjk, .symbol:
        flush()
        emit(i..<i + 1)
      case .apostrophe where tokenStart >= 0 && isLetter(contentEnd - 1) && isLetter(i + 1):
        contentEnd = i + 1
      case .digitSeparator where tokenStart >= 0 && contentEnd == i && isDigit(i - 1) && isDigit(i + 1):
        contentEnd = i + 1
      default:
        flush()
        switch s.value {
        case 0x2E:  // full stop: not right after an abbreviation or a single letter
          if let last = tokens.last {
            let abbreviated =
              last.range.upperBound == i
              && (abbreviations.contains(last.key)
                || (last.key != "i" && last.key.unicodeScalars.count == 1
                  && last.key.unicodeScalars.first!.properties.isAlphabetic))
            if !abbreviated { pendingSentence = true }
          }
        case 0x21, 0x3F, 0x2026, 0x3002, 0xFF01, 0xFF1F, 0x203C, 0x061F, 0x0964,
          0x0A, 0x0D, 0x85, 0x2028, 0x2029,
          0x201C, 0x201E, 0xAB, 0x300C, 0x300E:
          pendingSentence = true
        case 0x22:  // ASCII double quote opens when preceded by space or start
          if i == 0 || scalars[i - 1].properties.isWhitespace { pendingSentence = true }
        default:
          break
        }
      }
      i += 1
    }
    flush()
    return TokenizedText(tokens: tokens, sentenceStart: starts, scalars: scalars)
  }

  private static func kind(_ s: Unicode.Scalar) -> ScalarKind {
    let v = s.value
    if v < 0x80 {
      switch v {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
      case 0x27, 0x60: return .apostrophe
      case 0x2C, 0x2E: return .digitSeparator
      case 0x24, 0x25: return .symbol
      default: return .other
      }
    }
    if isInvisible(v) { return .invisible }
    if isCJK(s) { return .cjk }
    switch v {
    case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0xB4, 0xFF07: return .apostrophe
    case 0x2030, 0xFF05: return .symbol
    default: break
    }
    let p = s.properties
    switch p.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
    case .currencySymbol: return .symbol
    default: break
    }
    if p.isAlphabetic || p.numericType != nil { return .word }
    return .other
  }

  static func isInvisible(_ v: UInt32) -> Bool {
    switch v {
    case 0xAD, 0x034F, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069,
      0xFE00...0xFE0F, 0xFEFF:
      return true
    default:
      return false
    }
  }

  /// Ideographs and kana: one token each.
  static func isCJK(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
    default: return s.properties.isIdeographic
    }
  }

  private static func isApostrophe(_ v: UInt32) -> Bool {
    switch v {
    case 0x27, 0x60, 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0xB4, 0xFF07: return true
    default: return false
    }
  }

  /// Key of one token: invisibles dropped, apostrophes → `'`, NFKD, marks U+0300–U+036F dropped,
  /// lower-cased, ß → ss, ς → σ, NFC.
  static func makeKey(_ slice: ArraySlice<Unicode.Scalar>) -> String {
    if slice.allSatisfy({ $0.isASCII }) {
      return String(unsafeUninitializedCapacity: slice.count) { buffer in
        for (k, s) in slice.enumerated() {
          let v = UInt8(s.value)
          buffer[k] = v == 0x60 ? 0x27 : (v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
        }
        return slice.count
      }
    }

    var cleaned = String.UnicodeScalarView()
    for s in slice where !isInvisible(s.value) {
      cleaned.append(isApostrophe(s.value) ? "'" : s)
    }
    let decomposed = String(cleaned).decomposedStringWithCompatibilityMapping
    var stripped = String.UnicodeScalarView()
    for s in decomposed.unicodeScalars where !(0x300...0x36F).contains(s.value) {
      stripped.append(s)
    }
    var folded = String.UnicodeScalarView()
    for s in String(stripped).lowercased().unicodeScalars {
      switch s.value {
      case 0xDF: folded.append(contentsOf: "ss".unicodeScalars)
      case 0x3C2: folded.append("\u{3C3}")
      default: folded.append(s)
      }
    }
    return String(folded).precomposedStringWithCanonicalMapping
  }
}
