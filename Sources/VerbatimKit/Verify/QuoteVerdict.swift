/// What checking one quote against its source found.
///
/// Exists so every stage after verification (reports, annotations, audits) speaks one vocabulary:
/// a status, a detail saying how, the differences, and where on the page the words are.
public struct QuoteVerdict: Sendable, Codable {
  public enum Status: String, Sendable, Codable, CaseIterable {
    /// The page says it (exactly, or with only typographic, case or editorial differences).
    case verified
    /// The page says something close, with word-level changes (minor or material).
    case altered
    /// The page does not say it (the closest passage is given when there is one).
    case notFound = "not-found"
    /// The page could not be read: no capture, fetch failure, bot wall, paywall, no text.
    case uncheckable
    /// Too short to check (scare quotes and terms).
    case tooShort = "too-short"
    /// Found only in comments, asides, related stories or a pull-quote: not the article's own words.
    case outsideArticle = "outside-article"
    /// The words are on the page, in order, but with passages cut out and no elision mark saying so.
    case spliced
  }

  public var status: Status
  /// `exact`, `typographic`, `case`, `editorial` (verified); `minor`, `material` (altered); a reason otherwise.
  public var detail: String
  /// What differed, by class (`quotes`, `dashes`, `case`, `elision`, …) for verified quotes.
  public var differences: [String] = []
  /// The word-level edits, for altered quotes and closest passages.
  public var edits: [QuoteEdit] = []
  /// The text view the match was found in.
  public var view: TextView?
  /// The matched passage, in the page's own characters.
  public var passage: String?
  /// Unicode-scalar offsets of the passage in the view's text.
  public var range: Range<Int>?
  /// How many places of the view match.
  public var occurrences: Int = 0
  /// Where the verified words are in the page's full visible text, for re-checks and links.
  public var anchor: QuoteAnchor?

  public init(status: Status, detail: String) {
    self.status = status
    self.detail = detail
  }

  /// True for the statuses that need the note-taker's attention.
  public var isFinding: Bool {
    switch status {
    case .verified, .tooShort: return false
    default: return true
    }
  }
}

/// One word-level difference between a quote and the page.
public struct QuoteEdit: Sendable, Hashable, Codable {
  /// `substitution`, `insertion` (words only in the quote), `deletion` (words only on the page).
  public var kind: String
  public var quoteWords: [String]
  public var pageWords: [String]
  /// `negation`, `number`, `quantifier`, `modal`, `comparison`, `name`, `person` (material);
  /// `spelling`, `article`, `punctuation`, `other`.
  public var classes: [String]
  public var isMaterial: Bool
}

/// A W3C Web Annotation anchor for a verified quote: TextQuoteSelector (`exact` from the page's own
/// characters, with `prefix` and `suffix` context) and TextPositionSelector (`start`, `end`, in Unicode
/// scalars of the full visible text), plus a text-fragment directive that was re-parsed and re-located.
public struct QuoteAnchor: Sendable, Hashable, Codable {
  public var exact: String
  public var prefix: String
  public var suffix: String
  public var start: Int
  public var end: Int
  /// `text=…`, to append to the page URL after `#:~:`; nil when no directive singles the words out.
  public var textDirective: String?

  /// The page URL with the directive (any earlier directive removed).
  public func fragmentURL(for url: String) -> String? {
    guard let textDirective else { return nil }
    var base = url
    if let marker = base.range(of: ":~:") { base = String(base[..<marker.lowerBound]) }
    if !base.contains("#") { base += "#" }
    return base + ":~:" + textDirective
  }
}
