import Foundation

/// Text as a biblatex or BibTeX field holds it: LaTeX specials escaped, capitalised words of titles
/// brace-protected, quotes made typographic, and (for plain BibTeX) non-ASCII letters spelled as accent
/// macros.
///
/// Exists because every consumer fails differently on raw text: an unescaped `%` silently truncates a
/// title in pandoc, unprotected capitals are sentence-cased ("AT&t"), `\enquote` prints literally in typst,
/// and BibTeX 0.99 does not read UTF-8. Rules: ../shared/design/bibliography.md §4.
enum TeXText {
  /// Escapes a field value (not a verbatim field such as `url` or `doi`, which are written raw).
  static func escape(_ written: String, ascii: Bool) -> String {
    let text = markBraces(curlQuotes(written))
    var out = ""
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      switch c {
      case "\\": out += "\\textbackslash{}"
      case Self.singleOpen: out += ascii ? "`" : "{‘}"
      case Self.singleClose: out += ascii ? "'" : "{’}"
      case Self.pairedOpen: out += "\\{"
      case Self.pairedClose: out += "\\}"
      case "{", Self.lonelyOpen: out += "\\textbraceleft{}"
      case "}", Self.lonelyClose: out += "\\textbraceright{}"
      case "&", "%", "$", "#", "_": out += "\\" + String(c)
      case "-" where text[text.index(after: index)...].first == "-":
        out += "-{}"  // `--` is an en dash to TeX and pandoc: keep two hyphens as written
      case "^": out += "\\textasciicircum{}"
      case "~": out += "\\textasciitilde{}"
      case "<": out += "\\textless{}"
      case ">": out += "\\textgreater{}"
      case "|": out += "\\textbar{}"
      default:
        if c.isWhitespace {
          if !out.hasSuffix(" ") { out += " " }
        } else if ascii, !c.isASCII {
          out += asciiSpelling(c)
        } else {
          out.append(c)
        }
      }
      index = text.index(after: index)
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  /// A title with every word that carries a capital letter brace-protected (except a first word whose
  /// only capital is its first letter), and a lower-case word where a sentence starts (the first, or
  /// after a colon), so styles that re-case titles keep it as published:
  /// `Reading the “{DeepSeek-V3}” {Report}`. Punctuation around a word stays outside its braces.
  static func title(_ written: String, ascii: Bool) -> String {
    let words = markBraces(curlQuotes(written)).split(whereSeparator: \.isWhitespace)
    var parts: [String] = []
    for (n, word) in words.enumerated() {
      let (lead, core, trail) = TitleWords.parts(word)
      // Sentence-casing readers (pandoc, for English items) capitalise the first word and the word after
      // a colon or a sentence's end: a lower-case one there is protected too.
      let startsSentence = n == 0 || words[n - 1].last.map { ":.?!".contains($0) } == true
      let lowerStart = startsSentence && core.first?.isLowercase == true
      guard TitleWords.carriesCase(core, isFirstWord: n == 0) || lowerStart else {
        parts.append(escape(String(word), ascii: ascii))
        continue
      }
      parts.append(
        escape(String(lead), ascii: ascii) + "{" + escape(String(core), ascii: ascii) + "}"
          + escape(String(trail), ascii: ascii))
    }
    return parts.joined(separator: " ")
  }

  /// A field value other than a title: escaped, with acronyms (words of two capitals or more, `OECD`)
  /// brace-protected as a title's would be.
  static func literal(_ text: String, ascii: Bool) -> String {
    markBraces(curlQuotes(text)).split(separator: " ", omittingEmptySubsequences: true).map { word -> String in
      let letters = word.filter(\.isLetter)
      guard letters.filter(\.isUppercase).count >= 2, word.allSatisfy({ $0.isLetter || $0 == "&" }) else {
        return escape(String(word), ascii: ascii)
      }
      return "{" + escape(String(word), ascii: ascii) + "}"
    }.joined(separator: " ")
  }

  /// Literal braces, marked in the whole text before it is cut into words: pairs become noncharacters
  /// (never in interchanged text) written `\{ \}`, unpaired ones characters written `\textbraceleft{}` (BibTeX counts `\{`).
  static let pairedOpen: Character = Character(Unicode.Scalar(0xFDD0)!)
  static let pairedClose: Character = Character(Unicode.Scalar(0xFDD1)!)
  static let lonelyOpen: Character = Character(Unicode.Scalar(0xFDD2)!)
  static let lonelyClose: Character = Character(Unicode.Scalar(0xFDD3)!)
  /// Single quotation marks (not apostrophes), written `{‘}`/`{’}` so pandoc's reader keeps them as text.
  static let singleOpen: Character = Character(Unicode.Scalar(0xFDD4)!)
  static let singleClose: Character = Character(Unicode.Scalar(0xFDD5)!)

  static func markBraces(_ text: String) -> String {
    guard text.contains("{") || text.contains("}") else { return text }
    var characters = Array(text)
    var open: [Int] = []
    for i in characters.indices {
      if characters[i] == "{" {
        open.append(i)
      } else if characters[i] == "}" {
        if let o = open.popLast() {
          characters[o] = pairedOpen
          characters[i] = pairedClose
        } else {
          characters[i] = lonelyClose
        }
      }
    }
    for o in open { characters[o] = lonelyOpen }
    return String(characters)
  }

  /// Quotation marks as the `.bib` writers need them: straight double quotes typographic
  /// (`TitleWords.curlDoubleQuotes`), single quotation marks marked to be written braced.
  static func curlQuotes(_ written: String) -> String {
    let text = TitleWords.curlDoubleQuotes(written)
    guard text.contains("'") || text.contains("‘") else { return text }
    let characters = Array(text)
    /// A single quote at `j` that can close a quotation: not followed by a letter or digit ("It's").
    func closes(_ j: Int) -> Bool {
      (characters[j] == "'" || characters[j] == "’")
        && !(j + 1 < characters.count && (characters[j + 1].isLetter || characters[j + 1].isNumber))
    }
    var out = ""
    var singleOpen = false
    for (i, c) in characters.enumerated() {
      let previous = i > 0 ? characters[i - 1] : " "
      let next = i + 1 < characters.count ? characters[i + 1] : " "
      let opens = previous.isWhitespace || "([{-–—/“".contains(previous)
      if !singleOpen, c == "‘" || (c == "'" && opens && !next.isWhitespace),
        characters.indices.dropFirst(i + 1).contains(where: closes)
      {
        // A single quotation mark, straight or curly: pandoc's .bib reader reads 'x' and ‘x’ as a
        // quotation and writes it back as "x", so it is marked here and written braced. An apostrophe
        // ("It's", "'90s", "O'Connor") stays as written.
        out.append(Self.singleOpen)
        singleOpen = true
      } else if singleOpen, closes(i) {
        out.append(Self.singleClose)
        singleOpen = false
      } else {
        out.append(c)
      }
    }
    return out
  }



  /// Macros for letters and punctuation outside ASCII (`é` → `{\'e}`, `ß` → `{\ss}`), falling back to a
  /// Latin transliteration, else nothing.
  static func asciiSpelling(_ c: Character) -> String {
    if let known = symbols[c] { return known }
    let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
    if let base = decomposed.first, base.isASCII, decomposed.count > 1 {
      var text = String(base)
      if base == "i" { text = "\\i" }
      for mark in decomposed.dropFirst() {
        guard let accent = accents[mark.value] else { return transliterated(c) }
        text = accent.first!.isLetter ? "\\\(accent){\(text)}" : "\\\(accent)\(text)"
      }
      return "{" + text + "}"
    }
    return transliterated(c)
  }

  private static func transliterated(_ c: Character) -> String {
    guard let latin = String(c).applyingTransform(.toLatin, reverse: false),
      let plain = latin.applyingTransform(.stripDiacritics, reverse: false)
    else { return "" }
    let ascii = plain.unicodeScalars.filter { $0.isASCII && !CharacterSet.controlCharacters.contains($0) }
    return escape(String(String.UnicodeScalarView(ascii)), ascii: true)
  }

  /// Combining mark → accent macro.
  private static let accents: [UInt32: String] = [
    0x0300: "`", 0x0301: "'", 0x0302: "^", 0x0303: "~", 0x0304: "=", 0x0306: "u", 0x0307: ".", 0x0308: "\"",
    0x030A: "r", 0x030B: "H", 0x030C: "v", 0x0323: "d", 0x0327: "c", 0x0328: "k", 0x0331: "b",
  ]

  private static let symbols: [Character: String] = [
    "ß": "{\\ss}", "æ": "{\\ae}", "Æ": "{\\AE}", "ø": "{\\o}", "Ø": "{\\O}", "œ": "{\\oe}", "Œ": "{\\OE}",
    "å": "{\\aa}", "Å": "{\\AA}", "ł": "{\\l}", "Ł": "{\\L}", "ı": "{\\i}",
    "“": "{\\textquotedblleft}", "”": "{\\textquotedblright}", "„": "{\\textquotedblleft}",
    "‘": "`", "’": "'", "«": "{\\textquotedblleft}", "»": "{\\textquotedblright}",
    "–": "--", "—": "---", "…": "...", "\u{00A0}": " ", "·": ".",
  ]
}
