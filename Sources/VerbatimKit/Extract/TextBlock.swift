/// One block of a page's visible text (a paragraph, heading, list item, quote, cell, …).
///
/// Exists so quote verification can say where a match was found — in the article's own words, or in a
/// comment, a related-stories teaser or a pull-quote — and cite the block it came from.
public struct TextBlock: Sendable, Hashable {
  /// The block's element kind.
  public enum Kind: String, Sendable {
    case paragraph, heading, listItem = "list-item", quote, cell, preformatted, caption
  }

  /// Whose words the block is.
  public enum Role: String, Sendable {
    /// The article's own text.
    case article
    /// Reader comments.
    case comments
    /// Links to, or teasers of, other articles.
    case related
    /// A quotation repeated for display.
    case pullQuote = "pull-quote"
    /// Menus, headers, footers, share bars, consent banners.
    case navigation
    /// Sidebars, widgets, advertising.
    case aside
    /// Anything else outside the main content.
    case other
  }

  public var kind: Kind
  public var role: Role
  /// Whitespace-collapsed text.
  public let text: String
  /// The text's length in Unicode scalars (counted once, when the block is made).
  public let length: Int
  /// Index of the block's element in the page's `HTMLTree`.
  public var node: Int
  /// Offset of the block's first character in `PageText.fullText` (in Unicode scalars).
  public var offset: Int
  /// True when the main-content extractor kept this block.
  public var isMain: Bool
}

/// The text views of one page: blocks with their roles, the main text and the full visible text.
public struct PageText: Sendable {
  /// Every visible block, in document order.
  public var blocks: [TextBlock]

  /// The main content, blocks separated by newlines.
  public var mainText: String {
    blocks.lazy.filter(\.isMain).map(\.text).joined(separator: "\n")
  }

  /// All visible text, blocks separated by newlines (block `offset`s point into it).
  public var fullText: String {
    blocks.lazy.map(\.text).joined(separator: "\n")
  }
}
