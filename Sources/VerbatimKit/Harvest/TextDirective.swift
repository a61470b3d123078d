/// One `text=` directive of a URL's fragment directive (`#:~:text=…`).
///
/// Exists because notes often link to a quoted passage with a text fragment; the quote the
/// author pointed at is the citation Verbatim must verify. Parsing follows the WICG
/// "URL Fragment Text Directives" spec, with strict percent-decoding.
public struct TextDirective: Sendable, Hashable, Codable {
  /// Text that must appear immediately before the match (`prefix-,`), decoded.
  public var prefix: String?
  /// The matched text, or the start of a range match, decoded.
  public var start: String
  /// The end of a range match (`start,end`), decoded; nil for an exact match.
  public var end: String?
  /// Text that must appear immediately after the match (`,-suffix`), decoded.
  public var suffix: String?

  public init(prefix: String? = nil, start: String, end: String? = nil, suffix: String? = nil) {
    self.prefix = prefix
    self.start = start
    self.end = end
    self.suffix = suffix
  }

  /// What a reader should see for the quote: `start` alone, or `start … end` for ranges.
  public var displayText: String {
    guard let end else { return start }
    return start + " … " + end
  }

  /// Parses every valid text directive of a URL (or of a bare fragment string that starts with '#'
  /// or contains ':~:'). Invalid directives are dropped, valid ones kept (spec behaviour).
  public static func parse(url: String) -> [TextDirective] {
    guard let directive = fragmentParts(url)?.directive else { return [] }
    return directive.split(separator: "&", omittingEmptySubsequences: false).compactMap { piece in
      guard piece.hasPrefix("text=") else { return nil }
      return parseValue(piece.dropFirst("text=".count))
    }
  }

  /// The fragment with the whole fragment directive (from the first ":~:") removed; nil when
  /// nothing remains. `#install:~:text=brew` → "install". The id is returned raw (not decoded).
  public static func elementID(url: String) -> String? {
    guard let id = fragmentParts(url)?.elementID, !id.isEmpty else { return nil }
    return String(id)
  }

  /// Splits the fragment of `url` into the element-id part and the fragment directive (the text
  /// after the first ":~:", nil when there is no ":~:"). nil when there is no fragment at all.
  ///
  /// The fragment is whatever follows the first '#'. Without a '#', the whole string counts as a
  /// bare fragment when it contains ":~:" and the part before it has no '/' or '?' (so a URL
  /// without a fragment, whose path merely contains ":~:", is not mistaken for one).
  static func fragmentParts(_ url: String) -> (elementID: Substring, directive: Substring?)? {
    // Byte searches on the UTF-8 view: '#', ':', '~', '/' and '?' are ASCII, so every index
    // found is a scalar boundary of `url` (the generic `firstRange(of:)` was a hot spot).
    let utf8 = url.utf8
    let fragmentStart: String.Index
    if let hash = utf8.firstIndex(of: 0x23) {
      fragmentStart = utf8.index(after: hash)
    } else if let found = firstDelimiter(utf8, from: utf8.startIndex),
      !utf8[..<found].contains(where: { $0 == 0x2F || $0 == 0x3F })
    {
      fragmentStart = utf8.startIndex
    } else {
      return nil
    }
    guard let found = firstDelimiter(utf8, from: fragmentStart) else { return (url[fragmentStart...], nil) }
    return (url[fragmentStart..<found], url[utf8.index(found, offsetBy: 3)...])
  }

  /// Index of the first `:~:` at or after `start`.
  private static func firstDelimiter(_ utf8: String.UTF8View, from start: String.Index) -> String.Index? {
    var i = start
    while let colon = utf8[i...].firstIndex(of: 0x3A) {
      let tilde = utf8.index(after: colon)
      guard tilde != utf8.endIndex else { return nil }
      let second = utf8.index(after: tilde)
      if utf8[tilde] == 0x7E, second != utf8.endIndex, utf8[second] == 0x3A { return colon }
      i = tilde
    }
    return nil
  }

  /// Parses the value of one `text=` piece; nil when it is invalid.
  static func parseValue(_ value: Substring) -> TextDirective? {
    var tokens = value.split(separator: ",", maxSplits: Int.max, omittingEmptySubsequences: false)
    guard (1...4).contains(tokens.count) else { return nil }
    var prefix: String?
    var suffix: String?
    if let first = tokens.first, first.hasSuffix("-") {
      guard let decoded = decodeTerm(first.dropLast()) else { return nil }
      prefix = decoded
      tokens.removeFirst()
    }
    if let last = tokens.last, last.hasPrefix("-") {
      guard let decoded = decodeTerm(last.dropFirst()) else { return nil }
      suffix = decoded
      tokens.removeLast()
    }
    guard (1...2).contains(tokens.count), let start = decodeTerm(tokens[0]) else { return nil }
    var end: String?
    if tokens.count == 2 {
      guard let decoded = decodeTerm(tokens[1]) else { return nil }
      end = decoded
    }
    return TextDirective(prefix: prefix, start: start, end: end, suffix: suffix)
  }

  /// Percent-decodes one term and decodes it as UTF-8. nil when the term is empty, contains a
  /// literal '-', ',' or '&', has a malformed escape, or is not valid UTF-8. `+` stays '+'.
  static func decodeTerm(_ term: Substring) -> String? {
    guard !term.isEmpty, !term.unicodeScalars.contains(where: { $0 == "-" || $0 == "," || $0 == "&" })
    else { return nil }
    guard let bytes = URLBytes.percentDecode(Array(term.utf8)[...]) else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }
}
