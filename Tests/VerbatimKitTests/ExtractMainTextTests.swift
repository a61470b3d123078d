import Testing

@testable import VerbatimKit

/// The main-text extractor on small hand-written pages: what is the article's own text, and which role
/// every other block gets (navigation, comments, related stories, pull-quotes, asides).
@Suite("ExtractMainText")
struct ExtractMainTextTests {
  static func extract(_ html: String) -> ExtractedPage { PageExtractor.extract(Array(html.utf8)) }

  /// A news article with the usual furniture around and inside it.
  static let article = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>The River Keepers | Valley Gazette</title></head>
    <body>
    <header class="site-header"><a href="/">Valley Gazette</a>
    <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
    <main>
    <article>
    <h1>The River Keepers</h1>
    <div class="article-body">
    <p>For the first time in forty years, otters have returned to the river below the old mill, and the \
    volunteers who cleaned its banks say the work is only beginning.</p>
    <p>The group, which meets every Saturday morning, has pulled more than two tonnes of rubbish from the \
    water since it was founded, according to its own records.</p>
    <h2>A slow recovery</h2>
    <p>Fish came back first, then the herons, and finally, last spring, a single otter was seen near the \
    weir by a walker with a camera.</p>
    <figure><img src="otter.jpg" alt="An otter"><figcaption>An otter near the weir, photographed in \
    April.</figcaption></figure>
    <blockquote><p>We had not seen one here since my grandfather's time, and now they are back every \
    evening.</p></blockquote>
    <div class="pullquote"><p>Now they are back every evening.</p></div>
    <p>The volunteers have three priorities for the coming year:</p>
    <ul><li>Planting willows along the eastern bank, where the soil is washing away.</li>
    <li>Removing the old shopping trolleys from under the bridge, which trap debris.</li></ul>
    <p>Sign up for our newsletter to get river news every week.</p>
    <p>The council has promised a grant, although the amount has not been decided, and the group hopes \
    to hire a part-time warden.</p>
    </div>
    <div class="related-posts"><h3>Related stories</h3><ul><li><a href="/a">Herons nest in the park</a></li>
    <li><a href="/b">Mill to become a museum</a></li></ul></div>
    <section id="comments"><h2>Comments</h2>
    <div class="comment"><p>Wonderful news, I saw one last week near the bridge, and it was not shy at all.</p></div>
    <div class="comment"><p>Thank you to all the volunteers for their hard work, it shows.</p></div>
    </section>
    </article>
    </main>
    <aside class="sidebar"><h3>Most read</h3><p><a href="/c">Storm closes the coast road</a></p></aside>
    <footer><p>Valley Gazette, 12 Mill Lane.</p><nav><a href="/privacy">Privacy</a></nav></footer>
    </body></html>
    """

  static let articleMainText = """
    For the first time in forty years, otters have returned to the river below the old mill, and the \
    volunteers who cleaned its banks say the work is only beginning.
    The group, which meets every Saturday morning, has pulled more than two tonnes of rubbish from the \
    water since it was founded, according to its own records.
    A slow recovery
    Fish came back first, then the herons, and finally, last spring, a single otter was seen near the \
    weir by a walker with a camera.
    We had not seen one here since my grandfather's time, and now they are back every evening.
    The volunteers have three priorities for the coming year:
    Planting willows along the eastern bank, where the soil is washing away.
    Removing the old shopping trolleys from under the bridge, which trap debris.
    The council has promised a grant, although the amount has not been decided, and the group hopes \
    to hire a part-time warden.
    """

  static func block(_ page: ExtractedPage, _ text: String) throws -> TextBlock {
    try #require(page.text.blocks.first { $0.text == text }, "no block \"\(text)\"")
  }

  @Test("the article's main text leaves out navigation, furniture, comments and related stories")
  func articleMainText() {
    let page = Self.extract(Self.article)
    #expect(page.text.mainText == Self.articleMainText)
    #expect(page.metadata.title == "The River Keepers")
  }

  @Test("every block has the expected kind, role and main flag")
  func articleBlocks() {
    let page = Self.extract(Self.article)
    let summary = page.text.blocks.map { "\($0.kind.rawValue) \($0.role.rawValue)\($0.isMain ? " main" : "")" }
    #expect(
      summary == [
        "paragraph navigation", "list-item navigation", "list-item navigation",  // header and nav
        "heading other",  // the <h1> sits outside the article body
        "paragraph article main", "paragraph article main", "heading article main", "paragraph article main",
        "caption article", "quote article main", "paragraph pull-quote", "paragraph article main",
        "list-item article main", "list-item article main",
        "paragraph navigation",  // the newsletter sign-up
        "paragraph article main",
        "heading related", "list-item related", "list-item related",
        "heading comments", "paragraph comments", "paragraph comments",
        "heading aside", "paragraph aside",  // the sidebar
        "paragraph navigation", "paragraph navigation",  // the footer
      ])
  }

  @Test("comments, related stories, pull-quote and navigation get their roles")
  func articleRoles() throws {
    let page = Self.extract(Self.article)
    for text in [
      "Comments", "Wonderful news, I saw one last week near the bridge, and it was not shy at all.",
      "Thank you to all the volunteers for their hard work, it shows.",
    ] {
      let block = try Self.block(page, text)
      #expect(block.role == .comments, "\(text)")
      #expect(!block.isMain, "\(text)")
    }
    for text in ["Related stories", "Herons nest in the park", "Mill to become a museum"] {
      let block = try Self.block(page, text)
      #expect(block.role == .related, "\(text)")
      #expect(!block.isMain, "\(text)")
    }
    let pull = try Self.block(page, "Now they are back every evening.")
    #expect(pull.role == .pullQuote)
    #expect(!pull.isMain)
    for text in ["Valley Gazette", "News", "Sport", "Valley Gazette, 12 Mill Lane.", "Privacy"] {
      let block = try Self.block(page, text)
      #expect(block.role == .navigation, "\(text)")
      #expect(!block.isMain, "\(text)")
    }
    #expect(try Self.block(page, "News").kind == .listItem)
    let newsletter = try Self.block(page, "Sign up for our newsletter to get river news every week.")
    #expect(newsletter.role == .navigation)
    #expect(!newsletter.isMain)
    #expect(try Self.block(page, "Storm closes the coast road").role == .aside)
  }

  @Test("captions, quotes, headings and list items get their kinds")
  func articleKinds() throws {
    let page = Self.extract(Self.article)
    let caption = try Self.block(page, "An otter near the weir, photographed in April.")
    #expect(caption.kind == .caption)
    #expect(caption.role == .article)
    #expect(!caption.isMain)
    let quote = try Self.block(
      page, "We had not seen one here since my grandfather's time, and now they are back every evening.")
    #expect(quote.kind == .quote)
    #expect(quote.role == .article)
    #expect(quote.isMain)
    let heading = try Self.block(page, "A slow recovery")
    #expect(heading.kind == .heading)
    #expect(heading.isMain)
    #expect(try Self.block(page, "The River Keepers").kind == .heading)
    for text in [
      "Planting willows along the eastern bank, where the soil is washing away.",
      "Removing the old shopping trolleys from under the bridge, which trap debris.",
    ] {
      let item = try Self.block(page, text)
      #expect(item.kind == .listItem, "\(text)")
      #expect(item.isMain, "\(text)")
    }
    #expect(
      try Self.block(page, "The volunteers have three priorities for the coming year:").kind == .paragraph)
  }

  @Test("block offsets point into the full text")
  func articleOffsets() {
    let page = Self.extract(Self.article)
    let full = Array(page.text.fullText.unicodeScalars)
    var previous = -1
    for block in page.text.blocks {
      let scalars = Array(block.text.unicodeScalars)
      #expect(block.offset > previous, "\(block.text)")
      previous = block.offset
      let end = block.offset + scalars.count
      #expect(end <= full.count, "\(block.text)")
      guard end <= full.count else { continue }
      #expect(Array(full[block.offset..<end]) == scalars, "\(block.text)")
      #expect(end == full.count || full[end] == "\n", "\(block.text)")
    }
    #expect(page.text.blocks.first?.offset == 0)
    #expect(page.text.blocks.map(\.offset)[0..<5] == [0, 15, 20, 26, 44])
  }

  @Test("a lead paragraph between the <h1> and the article container is kept")
  func leadParagraph() throws {
    let html = """
      <html><head><title>Otters Return</title></head><body>
      <h1>Otters Return to the Valley</h1>
      <p>A small team of volunteers has brought the otters back to the valley</p>
      <div class="article-body">
      <p>For the first time in forty years, otters have returned to the river below the old mill, and the \
      volunteers who cleaned its banks say the work is only beginning.</p>
      <p>The group, which meets every Saturday morning, has pulled more than two tonnes of rubbish from the \
      water since it was founded, according to its own records.</p>
      </div>
      </body></html>
      """
    let page = Self.extract(html)
    #expect(
      page.text.mainText == """
        A small team of volunteers has brought the otters back to the valley
        For the first time in forty years, otters have returned to the river below the old mill, and the \
        volunteers who cleaned its banks say the work is only beginning.
        The group, which meets every Saturday morning, has pulled more than two tonnes of rubbish from the \
        water since it was founded, according to its own records.
        """)
    let lead = try Self.block(page, "A small team of volunteers has brought the otters back to the valley")
    #expect(lead.role == .article)
    #expect(lead.isMain)
  }

  @Test(
    "a post container classed \"commented\" is not a comments section",
    arguments: ["article", "div"])
  func commentedIsNotComments(container: String) {
    let html = """
      <html><head><title>Winter Light</title></head><body>
      <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
      <\(container) class="post commented">
      <h1>Winter Light</h1>
      <div class="post-content">
      <p>In the short days of December, the light in the valley turns gold by three o'clock, and the \
      shadows of the poplars stretch across the frozen fields.</p>
      <p>I walk the same path every afternoon, past the mill and the weir, and every day the river looks \
      different, sometimes grey, sometimes silver, sometimes almost black.</p>
      </div>
      </\(container)>
      </body></html>
      """
    let page = Self.extract(html)
    #expect(
      page.text.mainText == """
        In the short days of December, the light in the valley turns gold by three o'clock, and the \
        shadows of the poplars stretch across the frozen fields.
        I walk the same path every afternoon, past the mill and the weir, and every day the river looks \
        different, sometimes grey, sometimes silver, sometimes almost black.
        """)
    #expect(!page.text.blocks.contains { $0.role == .comments })
  }

  @Test("a page whose only content is short still yields it")
  func shortPage() {
    let page = Self.extract(
      "<html><head><title>Closed</title></head><body><p>The library is closed on Monday.</p></body></html>")
    #expect(page.text.mainText == "The library is closed on Monday.")
  }

  @Test("short content in an unlikely-looking container is found by the relaxed retries")
  func shortPageInUnlikelyContainer() {
    // The first pass strips `class="extra"` (an unlikely class, and less than half the page's text);
    // a retry without that heuristic keeps it.
    let html = """
      <html><body><nav><a href="/">Home</a> <a href="/news">News and events</a> \
      <a href="/hours">Opening hours</a> <a href="/contact">Contact us</a></nav>
      <div class="extra"><p>The library is closed on Monday.</p></div></body></html>
      """
    let page = Self.extract(html)
    #expect(page.text.mainText == "The library is closed on Monday.")
    #expect(page.text.blocks.map(\.role) == [.navigation, .article])
  }

  @Test("a short page in two sibling containers keeps both")
  func shortPageInTwoContainers() {
    let html = """
      <html><body><div><p>The library is closed on Monday for repairs.</p></div>
      <div><p>It reopens on Tuesday at nine.</p></div></body></html>
      """
    let page = Self.extract(html)
    #expect(
      page.text.mainText == "The library is closed on Monday for repairs.\nIt reopens on Tuesday at nine.")
  }
}
