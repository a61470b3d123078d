import Testing

@testable import VerbatimKit

/// Extraction never fails: empty, binary, broken, huge, deep and truncated pages give a result, and text
/// the browser would not show never reaches the extracted text.
@Suite("ExtractRobustness")
struct ExtractRobustnessTests {
  static func extract(_ html: String, byteLimit: Int? = nil) -> ExtractedPage {
    if let byteLimit { return PageExtractor.extract(Array(html.utf8), byteLimit: byteLimit) }
    return PageExtractor.extract(Array(html.utf8))
  }

  /// Every block's `offset` points at its text in `fullText` (in Unicode scalars).
  static func offsetsConsistent(_ text: PageText) -> Bool {
    let full = Array(text.fullText.unicodeScalars)
    for block in text.blocks {
      let scalars = Array(block.text.unicodeScalars)
      guard block.offset >= 0, block.offset + scalars.count <= full.count,
        Array(full[block.offset..<(block.offset + scalars.count)]) == scalars
      else { return false }
    }
    return true
  }

  /// A fixed pseudo-random byte sequence (Knuth's MMIX linear congruential generator).
  static func lcgBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var result: [UInt8] = []
    result.reserveCapacity(count)
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      result.append(UInt8(truncatingIfNeeded: state >> 56))
    }
    return result
  }

  // MARK: Garbage in

  @Test("empty input gives an empty page")
  func emptyInput() {
    let page = PageExtractor.extract([])
    #expect(page.text.blocks.isEmpty)
    #expect(page.text.mainText == "")
    #expect(page.text.fullText == "")
    #expect(page.metadata.title == nil)
    #expect(page.metadata.authors.isEmpty)
    #expect(page.charset == "UTF-8")
    #expect(page.charsetRule == "utf8-default")
    #expect(page.truncatedAt == nil)
  }

  @Test("random binary bytes give a result without crashing", arguments: [1, 42, 2024] as [UInt64])
  func randomBytes(seed: UInt64) {
    let bytes = Self.lcgBytes(count: 65_536, seed: seed)
    let page = PageExtractor.extract(bytes)
    #expect(page.charset == "windows-1252")
    #expect(page.charsetRule == "windows-1252-default")
    #expect(page.truncatedAt == nil)
    #expect(Self.offsetsConsistent(page.text))
    #expect(page.text.blocks.allSatisfy { !$0.text.isEmpty })
  }

  @Test("random bytes inside an HTML page stay in their paragraph")
  func randomBytesInPage() {
    let noise = Self.lcgBytes(count: 4096, seed: 7).map { $0 == UInt8(ascii: "<") ? UInt8(ascii: "x") : $0 }
    let bytes =
      Array("<html><body><p>Before the noise.</p><p>".utf8) + noise
      + Array("</p><p>After the noise.</p></body></html>".utf8)
    let page = PageExtractor.extract(bytes)
    let texts = page.text.blocks.map(\.text)
    #expect(page.charsetRule == "windows-1252-default")
    #expect(texts.first == "Before the noise.")
    #expect(Self.offsetsConsistent(page.text))
    #expect(texts.last == "After the noise.")
  }

  @Test("a byte windows-1252 leaves undefined does not end the page")
  func undefinedWindows1252Byte() {
    // The Encoding Standard maps 0x81 to U+0081; iconv's CP1252 rejects it.
    let bytes =
      Array("<html><body><p>Caf".utf8) + [0xE9] + Array(" one.</p><p>odd ".utf8) + [0x81]
      + Array(" byte</p><p>After the odd byte.</p></body></html>".utf8)
    let page = PageExtractor.extract(bytes)
    #expect(page.charset == "windows-1252")
    #expect(page.text.blocks.first?.text == "Café one.")
    #expect(page.text.fullText == "Café one.\nodd \u{81} byte\nAfter the odd byte.")
  }

  @Test("an invalid Shift_JIS sequence becomes U+FFFD and the page goes on")
  func invalidShiftJISSequence() {
    // 日本 in Shift_JIS, then 0x85 0x40 (unassigned), then more text.
    let bytes =
      Array("<html><head><meta charset=\"shift_jis\"></head><body><p>".utf8) + [0x93, 0xFA, 0x96, 0x7B]
      + Array(" ".utf8) + [0x85, 0x40] + Array(" after</p><p>After the odd bytes.</p></body></html>".utf8)
    let page = PageExtractor.extract(bytes)
    #expect(page.charset == "CP932")
    #expect(page.text.blocks.first?.text.hasPrefix("日本 \u{FFFD}") == true)
    #expect(page.text.blocks.last?.text == "After the odd bytes.")
  }

  @Test("invalid UTF-8 in a UTF-8 page becomes U+FFFD")
  func invalidUTF8() {
    let bytes =
      Array("<html><head><meta charset=\"utf-8\"></head><body><p>abc".utf8) + [0xFF, 0xFE]
      + Array("def ghi".utf8) + [0xE2, 0x82] + Array(" jkl</p></body></html>".utf8)
    let page = PageExtractor.extract(bytes)
    #expect(page.charset == "UTF-8")
    #expect(page.charsetRule == "meta-charset")
    #expect(page.text.fullText == "abc\u{FFFD}\u{FFFD}def ghi\u{FFFD} jkl")
  }

  @Test("NUL bytes inside text do not end the page")
  func nulBytes() {
    let bytes =
      Array("<html><body><p>one".utf8) + [0x00] + Array("two</p><p>three".utf8) + [0x00, 0x00]
      + Array("</p><p>four</p></body></html>".utf8)
    let page = PageExtractor.extract(bytes)
    #expect(page.text.fullText == "one two\nthree\nfour")
  }

  // MARK: Deep and long pages

  @Test("20,000 nested divs: the text at the bottom is found")
  func deepNesting() {
    let depth = 20_000
    let html =
      "<html><body>" + String(repeating: "<div>", count: depth)
      + "<p>The text at the bottom of a very deep page.</p>" + String(repeating: "</div>", count: depth)
      + "</body></html>"
    let page = Self.extract(html)
    #expect(page.text.fullText == "The text at the bottom of a very deep page.")
    #expect(page.text.mainText == "The text at the bottom of a very deep page.")
  }

  @Test("20,000 unclosed <div><span> pairs: the text after them is found")
  func unclosedElements() {
    let html =
      "<html><body>" + String(repeating: "<div><span>", count: 20_000)
      + "The text after many unclosed elements." + "</body></html>"
    let page = Self.extract(html)
    #expect(page.text.fullText == "The text after many unclosed elements.")
  }

  @Test("a page longer than the byte limit is read up to the limit")
  func byteLimit() {
    var html = "<html><head><title>Long page</title></head><body>"
    html += "<p>The opening paragraph is read.</p>"
    for k in 0..<2_400 { html += "<p>Paragraph number \(k) of filler text.</p>" }
    html += "<p>The closing paragraph is never read.</p></body></html>"
    #expect(html.utf8.count > 90_000)
    let page = Self.extract(html, byteLimit: 4096)
    #expect(page.truncatedAt == 4096)
    #expect(page.metadata.title == "Long page")
    #expect(page.text.blocks.first?.text == "The opening paragraph is read.")
    #expect(page.text.fullText.contains("Paragraph number 10 of filler text."))
    #expect(!page.text.fullText.contains("Paragraph number 1000 "))
    #expect(!page.text.fullText.contains("closing paragraph"))
  }

  @Test("a page within the byte limit is not marked truncated")
  func withinByteLimit() {
    let page = Self.extract("<html><body><p>Short.</p></body></html>", byteLimit: 4096)
    #expect(page.truncatedAt == nil)
    #expect(page.text.fullText == "Short.")
  }

  // MARK: Invisible text

  @Test(
    "invisible elements never contribute text",
    arguments: [
      ("script", "<script>var secret = 'SECRET';</script>"),
      ("style", "<style>p::after { content: 'SECRET'; }</style>"),
      ("template", "<template><p>SECRET</p></template>"),
      ("svg title", "<svg viewBox=\"0 0 10 10\"><title>SECRET</title><text>SECRET</text></svg>"),
      ("noscript", "<noscript><p>SECRET</p></noscript>"),
      ("hidden attribute", "<div hidden><p>SECRET</p></div>"),
      ("display:none", "<div style=\"color: red; display:none\"><p>SECRET</p></div>"),
      ("display: none spaced", "<p style=\"DISPLAY : NONE\">SECRET</p>"),
      ("visibility: hidden", "<section style=\"visibility: hidden\"><p>SECRET</p></section>"),
    ])
  func invisible(label: String, fragment: String) {
    let html = "<html><body><p>Visible before.</p>\(fragment)<p>Visible after.</p></body></html>"
    let page = Self.extract(html)
    #expect(page.text.fullText == "Visible before.\nVisible after.", "\(label)")
    #expect(!page.text.fullText.contains("SECRET"), "\(label)")
    #expect(!page.text.mainText.contains("SECRET"), "\(label)")
  }

  @Test("hidden text inside a visible paragraph is left out of that paragraph")
  func hiddenInline() {
    let html = """
      <html><body><p>Shown <span style="display:none">SECRET</span>words<script>SECRET</script> only.</p>
      </body></html>
      """
    let page = Self.extract(html)
    #expect(page.text.fullText == "Shown words only.")
  }
}
