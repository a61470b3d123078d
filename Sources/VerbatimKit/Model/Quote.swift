/// A passage a note presents as someone else's words, tied to the source it is attributed to.
public struct Quote: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable {
    /// A `>` blockquote (or a quote/cite callout).
    case block
    /// Words between quotation marks inside prose.
    case inline
    /// A `#:~:text=` directive in a link's URL.
    case textFragment = "text-fragment"
  }

  /// How the source of a quote was chosen, so users can see when the tool guessed.
  public enum Attribution: String, Sendable, Codable, CaseIterable {
    /// A link right after the quote in the same paragraph, or the link whose text the quote is;
    /// for a blockquote, a source line right after it (`— [Source](…)`, at most one blank line
    /// between).
    case adjacentLink = "adjacent-link"
    /// A link in the blockquote's `— Name, [Source](url)` attribution line.
    case attributionLine = "attribution-line"
    /// A link in the title line of a quote callout (`> [!quote] [Speech](url)`).
    case calloutTitle = "callout-title"
    /// The first web link of the footnote referenced on the quote.
    case footnote
    /// The nearest preceding web link in the same section (outside any quote, and not another
    /// blockquote's callout title or attribution line).
    case nearestPreceding = "nearest-preceding"
    /// The note's `source:`/`url:`/`link:` front-matter key.
    case frontMatter = "front-matter"
    /// The note's primary source: a web link standing alone near the top.
    case primarySource = "primary-source"
    /// The URL whose text fragment this quote is.
    case textFragment = "text-fragment"
    /// No source could be found.
    case none
  }

  /// Stable while the note's quote text (and its order among identical quotes) is unchanged.
  public var id: String
  public var note: String
  public var kind: Kind
  /// The quoted words with Markdown removed (links become their text, emphasis markers dropped).
  public var text: String
  /// The quoted words exactly as written in the note (between the quote marks, or the blockquote
  /// lines without their `>` markers).
  public var raw: String
  /// First character of the quoted words (for a text fragment: of the directive's value,
  /// after `text=`, or the URL's start when the note writes the URL with escapes).
  public var start: SourcePosition
  /// Last character of the quoted words (inclusive).
  public var end: SourcePosition
  /// URL as written of the attributed source, nil when none.
  public var source: String?
  /// Identity key of the attributed source.
  public var sourceKey: String?
  public var attribution: Attribution
  /// Named speaker from an attribution line (`— Jane Doe, Acme`).
  public var speaker: String?
  /// False for quotes under 4 words and 20 characters (scare quotes, terms): listed, not checked.
  public var checkable: Bool
  /// Emphasis markers were removed from the text (the note may have added emphasis).
  public var hadEmphasis: Bool
  /// For text-fragment quotes, the parsed directive.
  public var directive: TextDirective?
  /// Callout type for callout blockquotes (`quote`, `cite`).
  public var callout: String?
  /// Byte range of the quoted words in the note (internal bookkeeping, not serialised).
  var span: Range<Int> = 0..<0

  enum CodingKeys: String, CodingKey {
    case id, note, kind, text, raw, start, end, source, sourceKey, attribution, speaker, checkable
    case hadEmphasis, directive, callout
  }
}

extension Quote {
  /// Minimum size of a checkable quote (quotes.md §1): 4 words or 20 characters.
  static func isCheckable(_ text: String) -> Bool {
    if text.unicodeScalars.count >= 20 { return true }
    var words = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
      if isWordScalar && !inWord { words += 1 }
      inWord = isWordScalar
    }
    return words >= 4
  }
}
