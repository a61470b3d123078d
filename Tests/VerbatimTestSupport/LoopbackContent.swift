import Foundation
import Synchronization

/// The bodies the built-in routes serve, public so tests can compare a fetched page with what
/// the server sent. All deterministic: the same bytes on every run and machine.
public enum LoopbackContent {
  // MARK: Bundled files

  /// `/ok`: a small UTF-8 article (`Resources/ok.html`).
  public static let okPage = resource("ok.html")
  /// The `<title>` (and `<h1>`) of `okPage`.
  public static let okTitle = "Loopback Test Article"
  /// The first paragraph of `okPage`'s article, as text (with its curly apostrophe).
  public static let okFirstParagraph =
    "The quick brown fox jumps over the lazy dog. This paragraph is the article’s first, and tests quote it word for word."
  /// `okPage` gzip-, brotli- and zlib-encoded (`/gzip`, `/brotli`, `/deflate`).
  public static let okPageGzip = resource("ok.html.gz")
  public static let okPageBrotli = resource("ok.html.br")
  public static let okPageDeflate = resource("ok.html.zz")
  /// A gzip (~200 KB) and a brotli (~330 B) body that both inflate to `bombSize` spaces.
  public static let bombGzip = resource("bomb.gz")
  public static let bombBrotli = resource("bomb.br")
  public static let bombSize = 200 << 20
  /// `/pdf`: a one-page PDF saying "Loopback test PDF".
  public static let pdf = resource("tiny.pdf")

  static func resource(_ name: String) -> [UInt8] {
    let path = TestCertificate.resourcePath(name)
    guard let data = FileManager.default.contents(atPath: path) else {
      fatalError("VerbatimTestSupport: cannot read \(path)")
    }
    return [UInt8](data)
  }

  // MARK: Charsets

  /// The sentence each charset page carries in its `<p id="text">`.
  public static let charsetText = "“Curly quotes” – it’s a naïve café, 5 €."
  /// `/charset/utf-8`: `charsetText` in UTF-8, header `text/html; charset=utf-8`.
  public static let utf8Page = Array(charsetPage(charset: "utf-8", text: charsetText).utf8)
  /// `/charset/windows-1252`: `charsetText` encoded as Windows-1252 (0x93 “, 0x94 ”, 0x96 –,
  /// 0x92 ’, 0xEF ï, 0xE9 é, 0x80 €), header `text/html; charset=windows-1252`.
  public static let windows1252Page = charsetPage(charset: "windows-1252", text: charsetText)
    .unicodeScalars.map { scalar -> UInt8 in
      let map: [Unicode.Scalar: UInt8] = ["“": 0x93, "”": 0x94, "–": 0x96, "’": 0x92, "€": 0x80]
      if let byte = map[scalar] { return byte }
      precondition(scalar.value < 0x100, "no Windows-1252 byte for \(scalar)")
      return UInt8(scalar.value)
    }
  /// The Japanese sentence of `/charset/shift_jis-utf8-body`.
  public static let shiftJISMislabeledText = "日本語のテキストです。"
  /// `/charset/shift_jis-utf8-body`: `<meta charset="shift_jis">` but the bytes are UTF-8, and
  /// the `Content-Type` header (`text/html`) names no charset.
  public static let shiftJISMislabeledPage = Array(
    charsetPage(charset: "shift_jis", text: shiftJISMislabeledText).utf8)

  static func charsetPage(charset: String, text: String) -> String {
    """
    <!DOCTYPE html>
    <html><head><meta charset="\(charset)"><title>Charset \(charset)</title></head>
    <body><h1>Charset \(charset)</h1><p id="text">\(text)</p></body></html>

    """
  }

  // MARK: Pages

  /// `/`: the site's home page (where `/redirect/home` lands).
  public static let homePage = Array(
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Loopback Home</title></head>
    <body><h1>Loopback Home</h1><p>Welcome to the loopback test site.</p>
    <ul><li><a href="/ok">Test article</a></li><li><a href="/pages/1.html">Archive</a></li></ul>
    </body></html>

    """.utf8)

  /// `/soft404`: a "not found" page sent with status 200.
  public static let soft404Page = Array(
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>
    <body><h1>Page not found</h1>
    <p>The page you are looking for does not exist. It may have been moved or deleted.</p>
    <p><a href="/">Go to the home page</a></p></body></html>

    """.utf8)

  /// `/botwall/403` and `/botwall/200`: a Cloudflare-style "managed challenge" interstitial.
  public static let botwallPage = Array(
    """
    <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
    <meta name="robots" content="noindex,nofollow">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta http-equiv="refresh" content="390"></head>
    <body class="no-js"><div class="main-wrapper" role="main"><div class="main-content">
    <h1 class="zone-name-title h1">127.0.0.1</h1>
    <h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
    <div id="cf-chl-widget-loopback"></div>
    <noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript>
    <form id="challenge-form" action="/botwall/403?__cf_chl_f_tk=loopback" method="POST"></form>
    </div></div>
    <script>(function(){window._cf_chl_opt={cvId: '3',cZone: '127.0.0.1',cType: 'managed',cRay: '0000000000000000',cH: 'loopback'};
    var cpo=document.createElement('script');cpo.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=0000000000000000';
    document.getElementsByTagName('head')[0].appendChild(cpo);}());</script>
    <div class="footer" role="contentinfo"><div class="footer-inner"><div class="text-center">Ray ID: <code>0000000000000000</code></div>
    <div class="text-center">Performance &amp; security by Cloudflare</div></div></div>
    </body></html>

    """.utf8)

  /// `/consent`: a cookie-consent interstitial (status 200) standing in front of the article.
  public static let consentPage = Array(
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Before you continue</title>
    <meta name="robots" content="noindex"></head>
    <body><div id="cookie-consent" class="consent-banner" role="dialog" aria-modal="true">
    <h1>Before you continue</h1>
    <p>We use cookies and data to deliver and maintain our services, measure audience engagement
    and personalise content and ads. Select “Accept all” to agree or “Reject all” to decline.</p>
    <form method="POST" action="/consent/save">
    <button type="submit" name="set" value="accept">Accept all</button>
    <button type="submit" name="set" value="reject">Reject all</button>
    </form><p><a href="/consent/options">More options</a></p></div></body></html>

    """.utf8)

  /// The small HTML page of `/status/N` and of unknown paths.
  public static func statusPage(_ status: Int, reason: String) -> [UInt8] {
    let title = "\(status) \(reason)".trimmingCharacters(in: .whitespaces)
    return Array(
      """
      <!DOCTYPE html>
      <html><head><title>\(title)</title></head>
      <body><h1>\(title)</h1><p>The loopback server answered \(status).</p></body></html>

      """.utf8)
  }

  // MARK: Generated

  /// Exactly `count` bytes of HTML-ish text (`/large`, `/slow`, `/stall`, `/lying-length`): an
  /// opening `<html><body>`, numbered `<p>` lines, and `</body></html>` when it fits.
  public static func large(_ count: Int) -> [UInt8] {
    let count = max(count, 0)
    let open = largeOpen
    let close = Array("</body></html>\n".utf8)
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    bytes.append(contentsOf: open.prefix(count))
    let fill = count - bytes.count - (count >= open.count + close.count ? close.count : 0)
    var left = fill
    while left > 0 {
      let part = largeBlock.prefix(left)
      bytes.append(contentsOf: part)
      left -= part.count
    }
    if bytes.count < count { bytes.append(contentsOf: close.prefix(count - bytes.count)) }
    return bytes
  }

  /// Bytes `offset..<offset + count` of `/huge`: the opening of `large`, then its numbered lines
  /// repeated without end (no closing tags), so any part is made without the parts before it.
  public static func hugeSlice(from offset: Int, count: Int) -> [UInt8] {
    var bytes = [UInt8]()
    bytes.reserveCapacity(max(count, 0))
    var position = max(offset, 0)
    let end = position + max(count, 0)
    while position < end {
      if position < largeOpen.count {
        bytes.append(contentsOf: largeOpen[position..<min(largeOpen.count, end)])
        position = min(largeOpen.count, end)
      } else {
        let start = (position - largeOpen.count) % largeBlock.count
        let part = largeBlock[start..<min(largeBlock.count, start + end - position)]
        bytes.append(contentsOf: part)
        position += part.count
      }
    }
    return bytes
  }

  /// The first bytes of `large` and `hugeSlice`.
  static let largeOpen = Array("<!DOCTYPE html>\n<html><head><title>Large page</title></head><body>\n".utf8)

  /// 1000 numbered lines (~64 KB) that `large` repeats.
  static let largeBlock: [UInt8] = {
    var text = ""
    for line in 1...1000 {
      let number = String(line)
      text += "<p>Line \(String(repeating: "0", count: 4 - number.count))\(number): "
      text += "the quick brown fox jumps over the lazy dog.</p>\n"
    }
    return Array(text.utf8)
  }()
}
