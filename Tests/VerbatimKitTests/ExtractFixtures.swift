@testable import VerbatimKit

/// Shared pieces of the extraction tests' hand-written pages.
enum ExtractFixtures {
  /// Two paragraphs of running text without any date or name in them.
  static let body = """
    <p>The first paragraph of the story explains what happened, who was there and why it matters to the
    people who live nearby. It runs long enough to count as running text for the extractor.</p>
    <p>A second paragraph adds detail: numbers, a quote from an official and a note on what comes next,
    so that the page looks like an ordinary news article rather than a stub.</p>
    """

  /// The metadata of `html`, served as UTF-8 (and from `url` when given).
  static func metadata(_ html: String, url: String? = nil) -> PageMetadata {
    PageExtractor.extract(Array(html.utf8), contentType: "text/html; charset=utf-8", url: url).metadata
  }
}
