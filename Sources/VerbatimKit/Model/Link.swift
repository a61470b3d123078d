/// One link found in a note, with where it was written and how.
///
/// External links are what Verbatim fetches (once per `key`); internal links (wikilinks, embeds)
/// and non-web schemes are recorded and counted, never fetched.
public struct Link: Sendable, Hashable, Codable {
  /// The syntax the link was written in.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case inline, reference, definition, autolink, bare, html, image, embed
    case frontMatter = "front-matter"
    case dataview, footnote
    case inlineFootnote = "inline-footnote"
    case wikilink
    case wikiEmbed = "wiki-embed"
  }

  /// Extra facts about a link that do not change its kind.
  public enum Flag: String, Sendable, Codable, CaseIterable {
    /// Inside an Obsidian `%% … %%` comment.
    case hidden
    /// Inside `~~strikethrough~~` (a retracted or withdrawn source).
    case struck
    /// The URL carries a `#:~:text=` text fragment (also harvested as a quote).
    case textFragment = "text-fragment"
    /// A wikilink whose target is a web URL (`[[https://…]]`): probably meant as an external link.
    case probablyExternal = "probably-external"
    /// Inside a quote's own words: the quoted author's hyperlink, never the quote's attribution.
    case insideQuote = "inside-quote"
  }

  /// The URL as written, with Markdown escapes and HTML entities resolved.
  public var url: String
  /// Identity of the source: see `URLIdentity.key`; nil for internal and non-web links.
  public var key: String?
  public var scheme: URLScheme
  /// Note path relative to the vault.
  public var note: String
  /// Where the URL (or the wikilink target) starts.
  public var position: SourcePosition
  public var kind: Kind
  /// Link text, alt text, wikilink alias or reference label.
  public var text: String?
  /// Front-matter key, Dataview field name, footnote label or reference label.
  public var field: String?
  public var flags: [Flag]
  /// Byte range of the whole link construct in the note (internal bookkeeping, not serialised).
  var span: Range<Int>

  /// Wikilinks and embeds point into the vault.
  public var isInternal: Bool { kind == .wikilink || kind == .wikiEmbed }
  /// Whether the fetch stage should request it.
  public var isFetchable: Bool { !isInternal && scheme == .web }

  enum CodingKeys: String, CodingKey {
    case url, key, scheme, note, position, kind, text, field, flags
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    url = try c.decode(String.self, forKey: .url)
    key = try c.decodeIfPresent(String.self, forKey: .key)
    scheme = try c.decode(URLScheme.self, forKey: .scheme)
    note = try c.decode(String.self, forKey: .note)
    position = try c.decode(SourcePosition.self, forKey: .position)
    kind = try c.decode(Kind.self, forKey: .kind)
    text = try c.decodeIfPresent(String.self, forKey: .text)
    field = try c.decodeIfPresent(String.self, forKey: .field)
    flags = try c.decode([Flag].self, forKey: .flags)
    span = 0..<0
  }

  init(
    url: String, note: String, position: SourcePosition, kind: Kind, text: String? = nil,
    field: String? = nil, flags: [Flag] = [], span: Range<Int>
  ) {
    let identity = URLIdentity(url)
    self.url = url
    self.key = kind == .wikilink || kind == .wikiEmbed ? nil : identity.key
    self.scheme = kind == .wikilink || kind == .wikiEmbed ? .relative : identity.scheme
    self.note = note
    self.position = position
    self.kind = kind
    self.text = text
    self.field = field
    self.flags = flags
    self.span = span
  }
}
