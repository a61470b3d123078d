import Testing

@testable import VerbatimKit

/// How page bytes are decoded: `PageCharset.sniff`'s order (BOM, HTTP header, meta prescan, UTF-8
/// validity, windows-1252), and real legacy bytes decoded end to end through `PageExtractor`.
@Suite("ExtractCharset")
struct ExtractCharsetTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func sniff(_ bytes: [UInt8], contentType: String? = nil) -> PageCharset {
    PageCharset.sniff(bytes, contentType: contentType)
  }

  // MARK: Byte-order marks

  @Test("a UTF-8 BOM wins over the HTTP header and the meta")
  func utf8BOMWins() {
    let page = [0xEF, 0xBB, 0xBF] + Self.bytes("<meta charset=\"windows-1252\"><p>Hi</p>")
    let result = Self.sniff(page, contentType: "text/html; charset=shift_jis")
    #expect(result == PageCharset(encoding: "UTF-8", rule: .byteOrderMark))
    #expect(result.rule.rawValue == "bom")
  }

  @Test("UTF-16 BOMs, big- and little-endian")
  func utf16BOMs() {
    let big: [UInt8] = [0xFE, 0xFF, 0x00, 0x3C, 0x00, 0x70, 0x00, 0x3E]
    let little: [UInt8] = [0xFF, 0xFE, 0x3C, 0x00, 0x70, 0x00, 0x3E, 0x00]
    #expect(
      Self.sniff(big, contentType: "text/html; charset=utf-8")
        == PageCharset(encoding: "UTF-16BE", rule: .byteOrderMark))
    #expect(
      Self.sniff(little, contentType: "text/html; charset=utf-8")
        == PageCharset(encoding: "UTF-16LE", rule: .byteOrderMark))
  }

  // MARK: HTTP header and meta prescan

  @Test("the HTTP Content-Type charset beats the page's meta")
  func headerBeatsMeta() {
    let page = Self.bytes("<html><head><meta charset=\"utf-8\"></head><body><p>Plain</p></body></html>")
    let result = Self.sniff(page, contentType: "text/html; charset=ISO-8859-2")
    #expect(result == PageCharset(encoding: "ISO-8859-2", rule: .httpHeader))
    #expect(result.rule.rawValue == "http-content-type")
    let quoted = Self.sniff(page, contentType: "text/html;charset=\"windows-1251\"")
    #expect(quoted == PageCharset(encoding: "windows-1251", rule: .httpHeader))
  }

  @Test("a Content-Type without charset leaves the decision to the meta")
  func headerWithoutCharset() {
    let page = Self.bytes("<meta charset=\"koi8-r\"><p>Plain</p>")
    #expect(Self.sniff(page, contentType: "text/html") == PageCharset(encoding: "KOI8-R", rule: .metaPrescan))
  }

  @Test("<meta charset> in the first 1024 bytes")
  func metaCharset() {
    let page = Self.bytes("<!doctype html><html><head><meta charset=\"euc-jp\"><title>T</title></head></html>")
    let result = Self.sniff(page)
    #expect(result == PageCharset(encoding: "EUC-JP", rule: .metaPrescan))
    #expect(result.rule.rawValue == "meta-charset")
    let unquoted = Self.bytes("<META CHARSET=windows-1254>")
    #expect(Self.sniff(unquoted) == PageCharset(encoding: "windows-1254", rule: .metaPrescan))
  }

  @Test("<meta http-equiv=Content-Type content=\"text/html; charset=…\">")
  func metaHTTPEquiv() {
    let page = Self.bytes(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Big5\"></head></html>")
    #expect(Self.sniff(page) == PageCharset(encoding: "BIG5-HKSCS", rule: .metaPrescan))
    let bare = Self.bytes("<meta http-equiv=content-type content='text/html;charset=gb18030'>")
    #expect(Self.sniff(bare) == PageCharset(encoding: "GB18030", rule: .metaPrescan))
  }

  @Test("the prescan skips comments")
  func prescanSkipsComments() {
    let page = Self.bytes("<!-- <meta charset=\"koi8-r\"> --><meta charset=\"euc-kr\"><p>x</p>")
    #expect(Self.sniff(page) == PageCharset(encoding: "CP949", rule: .metaPrescan))
    let onlyInComment = Self.bytes("<!-- <meta charset=\"koi8-r\"> --><p>x</p>")
    #expect(Self.sniff(onlyInComment) == PageCharset(encoding: "UTF-8", rule: .validUTF8))
  }

  @Test("a meta after the first 1024 bytes is ignored when the bytes are valid UTF-8")
  func lateMetaIgnoredForUTF8() {
    let padding = "<p>" + String(repeating: "filler ", count: 200) + "</p>"  // 1,407 bytes
    let ascii = Self.bytes(padding + "<meta charset=\"windows-1251\"><p>Plain</p>")
    #expect(Self.sniff(ascii) == PageCharset(encoding: "UTF-8", rule: .validUTF8))
    let nonASCII = Self.bytes(padding + "<meta charset=\"windows-1251\"><p>Café</p>")
    #expect(Self.sniff(nonASCII) == PageCharset(encoding: "UTF-8", rule: .validUTF8))
    #expect(Self.sniff(nonASCII).rule.rawValue == "utf8-default")
  }

  @Test("a late meta still counts when the bytes are not UTF-8")
  func lateMetaUsedForLegacyBytes() {
    let padding = "<p>" + String(repeating: "filler ", count: 200) + "</p>"
    let page = Self.bytes(padding + "<meta charset=\"windows-1251\"><p>") + [0xCF, 0xF0, 0xE8] + Self.bytes("</p>")
    #expect(Self.sniff(page) == PageCharset(encoding: "windows-1251", rule: .metaPrescan))
  }

  // MARK: Labels

  @Test(
    "latin1, iso-8859-1 and us-ascii labels mean windows-1252",
    arguments: ["latin1", "iso-8859-1", "ISO-8859-1", "us-ascii", "ascii", "cp1252", "l1"])
  func latinLabels(label: String) {
    #expect(PageCharset.canonicalEncoding(label) == "windows-1252")
    let page = Self.bytes("<meta charset=\"\(label)\"><p>Plain</p>")
    #expect(Self.sniff(page) == PageCharset(encoding: "windows-1252", rule: .metaPrescan))
    #expect(
      Self.sniff(Self.bytes("<p>Plain</p>"), contentType: "text/html; charset=\(label)")
        == PageCharset(encoding: "windows-1252", rule: .httpHeader))
  }

  @Test(
    "legacy labels map to iconv names",
    arguments: [
      ("shift_jis", "CP932"), ("Shift-JIS", "CP932"), ("gb2312", "GBK"), ("euc-kr", "CP949"),
      ("utf8", "UTF-8"), ("utf-16", "UTF-8"), ("iso-8859-15", "ISO-8859-15"), ("windows-1250", "windows-1250"),
    ])
  func labelMapping(label: String, encoding: String) {
    #expect(PageCharset.canonicalEncoding(label) == encoding)
  }

  @Test(
    "shift_jis or gb2312 declared over valid UTF-8 with non-ASCII decodes as UTF-8",
    arguments: ["shift_jis", "gb2312"])
  func declaredButUTF8(label: String) {
    let page = Self.bytes("<meta charset=\"\(label)\"><p>日本語 and 中文</p>")
    let result = Self.sniff(page)
    #expect(result == PageCharset(encoding: "UTF-8", rule: .declaredButUTF8))
    #expect(result.rule.rawValue == "declared-but-utf8")
    #expect(
      Self.sniff(page, contentType: "text/html; charset=\(label)")
        == PageCharset(encoding: "UTF-8", rule: .declaredButUTF8))
  }

  @Test("a legacy label over pure ASCII is believed")
  func declaredOverASCII() {
    let page = Self.bytes("<meta charset=\"shift_jis\"><p>Only ASCII here</p>")
    #expect(Self.sniff(page) == PageCharset(encoding: "CP932", rule: .metaPrescan))
  }

  @Test("invalid UTF-8 and no declaration fall back to windows-1252")
  func fallback() {
    let page = Self.bytes("<p>Caf") + [0xE9] + Self.bytes("</p>")
    let result = Self.sniff(page)
    #expect(result == PageCharset(encoding: "windows-1252", rule: .fallback))
    #expect(result.rule.rawValue == "windows-1252-default")
    #expect(Self.sniff(Self.bytes("<p>Plain</p>")) == PageCharset(encoding: "UTF-8", rule: .validUTF8))
  }

  @Test("unknown labels are ignored")
  func unknownLabels() {
    #expect(PageCharset.canonicalEncoding("x-klingon") == nil)
    let ascii = Self.bytes("<meta charset=\"x-klingon\"><p>Plain</p>")
    #expect(
      Self.sniff(ascii, contentType: "text/html; charset=bogus")
        == PageCharset(encoding: "UTF-8", rule: .validUTF8))
    let legacy = Self.bytes("<meta charset=\"x-klingon\"><p>Caf") + [0xE9] + Self.bytes("</p>")
    #expect(Self.sniff(legacy) == PageCharset(encoding: "windows-1252", rule: .fallback))
  }

  @Test("labels the decoder cannot handle are skipped")
  func undecodableSkipped() {
    let page = Self.bytes("<meta charset=\"euc-jp\"><p>Plain</p>")
    let result = PageCharset.sniff(page, contentType: "text/html; charset=koi8-r") { $0 != "KOI8-R" }
    #expect(result == PageCharset(encoding: "EUC-JP", rule: .metaPrescan))
  }

  // MARK: End to end

  /// "“Café” costs €5." in windows-1252: 0x93 and 0x94 are the curly quotes, 0xE9 é, 0x80 €.
  static let windows1252Body: [UInt8] =
    [0x93] + bytes("Caf") + [0xE9, 0x94] + bytes(" costs ") + [0x80] + bytes("5.")

  @Test("windows-1252 bytes declared in a meta decode to the right characters")
  func windows1252Meta() {
    let page =
      Self.bytes("<html><head><meta charset=\"windows-1252\"><title>Caf") + [0xE9]
      + Self.bytes("</title></head><body><p>") + Self.windows1252Body + Self.bytes("</p></body></html>")
    let extracted = PageExtractor.extract(page)
    #expect(extracted.charset == "windows-1252")
    #expect(extracted.charsetRule == "meta-charset")
    #expect(extracted.metadata.title == "Café")
    #expect(extracted.text.fullText == "\u{201C}Café\u{201D} costs €5.")
  }

  @Test("windows-1252 bytes named by the HTTP header, or undeclared, decode the same")
  func windows1252HeaderAndFallback() {
    let page = Self.bytes("<p>") + Self.windows1252Body + Self.bytes("</p>")
    let viaHeader = PageExtractor.extract(page, contentType: "text/html; charset=iso-8859-1")
    #expect(viaHeader.charset == "windows-1252")
    #expect(viaHeader.charsetRule == "http-content-type")
    #expect(viaHeader.text.fullText == "\u{201C}Café\u{201D} costs €5.")
    let undeclared = PageExtractor.extract(page)
    #expect(undeclared.charsetRule == "windows-1252-default")
    #expect(undeclared.text.fullText == "\u{201C}Café\u{201D} costs €5.")
  }

  /// `<title>東京</title>` and `<p>日本語のテキスト</p>`, in Shift_JIS.
  static let shiftJISPage: [UInt8] =
    bytes("<html><head><meta charset=\"shift_jis\"><title>") + [0x93, 0x8C, 0x8B, 0x9E]
    + bytes("</title></head><body><p>")
    + [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x65, 0x83, 0x4C, 0x83, 0x58, 0x83, 0x67]
    + bytes("</p></body></html>")

  @Test("a Shift_JIS page declared in a meta decodes right")
  func shiftJIS() {
    let extracted = PageExtractor.extract(Self.shiftJISPage)
    #expect(extracted.charset == "CP932")
    #expect(extracted.charsetRule == "meta-charset")
    #expect(extracted.metadata.title == "東京")
    #expect(extracted.text.fullText == "日本語のテキスト")
  }

  @Test("a Shift_JIS page declared only by the HTTP header decodes right")
  func shiftJISHeader() {
    let page = Self.bytes("<p>") + [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA] + Self.bytes("</p>")
    let extracted = PageExtractor.extract(page, contentType: "text/html; charset=Shift_JIS")
    #expect(extracted.charset == "CP932")
    #expect(extracted.charsetRule == "http-content-type")
    #expect(extracted.text.fullText == "日本語")
  }

  @Test("numeric and named entities decode in the title and the text")
  func entities() {
    let page = Self.bytes(
      """
      <html><head><title>&#x201C;Caf&eacute;&#x201D; is well&mdash;known&#8217;s</title></head>
      <body><p>It&#8217;s &#x201C;fine&#x201D; &mdash; really&nbsp;now &amp; then.</p></body></html>
      """)
    let extracted = PageExtractor.extract(page)
    #expect(extracted.metadata.title == "\u{201C}Café\u{201D} is well\u{2014}known\u{2019}s")
    // A no-break space renders as a space between words, so it collapses like one.
    #expect(extracted.text.fullText == "It\u{2019}s \u{201C}fine\u{201D} \u{2014} really now & then.")
  }
}
