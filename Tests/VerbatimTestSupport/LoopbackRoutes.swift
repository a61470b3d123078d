import Foundation
import NIOHTTP1
import VerbatimKit

/// The loopback server's built-in routes. Paths match exactly (query ignored) unless noted;
/// numbers in query parameters fall back to the default shown when absent or malformed. Every
/// route answers any method; `HEAD` gets the head alone. Unknown paths answer a 404 page.
enum LoopbackRoutes {
  /// Sizes a query may ask for are capped here (1 GiB).
  static let maxBytes = 1 << 30

  /// The built-in response to `request`; `hit(key)` counts earlier requests with that key (and
  /// counts this one), for the `/retry` routes.
  static func response(to request: LoopbackRequest, hit: (String) -> Int) -> LoopbackResponse {
    let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    let bytes = { (name: String, fallback: Int) in min(max(request.int(name, default: fallback), 0), maxBytes) }
    switch parts.first ?? "" {
    // `/`: the home page.
    case "" where parts.isEmpty: return html(LoopbackContent.homePage)
    // `/ok`: a small UTF-8 article with a <title> and <p>s (LoopbackContent.okPage).
    case "ok" where parts.count == 1: return html(LoopbackContent.okPage)
    case "charset" where parts.count == 2: return charset(parts[1])
    // `/gzip`, `/brotli`, `/deflate`: the /ok page with that Content-Encoding (zlib-wrapped for
    // deflate), whatever the request's Accept-Encoding.
    case "gzip" where parts.count == 1: return encoded(LoopbackContent.okPageGzip, "gzip")
    case "brotli" where parts.count == 1: return encoded(LoopbackContent.okPageBrotli, "br")
    case "deflate" where parts.count == 1: return encoded(LoopbackContent.okPageDeflate, "deflate")
    case "redirect": return redirect(Array(parts.dropFirst()), request)
    // `/status/N`: status N (100–999) with a small HTML page; 401 adds WWW-Authenticate, 405
    // Allow. 1xx, 204 and 304 come without a body.
    case "status" where parts.count == 2:
      guard let status = Int(parts[1]), (100...999).contains(status) else { return notFound() }
      return statusResponse(status)
    case "retry" where parts.count == 2: return retry(parts[1], request, hit: hit)
    // `/slow?bytes=N&chunk=C&ms=D`: N bytes (1024) of /large text, C bytes (128) every D ms (100).
    case "slow" where parts.count == 1:
      var response = html(LoopbackContent.large(bytes("bytes", 1024)))
      response.dripBody = (
        max(request.int("chunk", default: 128), 1), .milliseconds(max(request.int("ms", default: 100), 0))
      )
      return response
    // `/stall?bytes=N`: announces N + 1024 bytes, sends the head and N bytes (512), then nothing
    // until the client closes.
    case "stall" where parts.count == 1:
      let sent = bytes("bytes", 512)
      var response = html(LoopbackContent.large(sent + 1024))
      response.stallAfter = sent
      return response
    // `/slow-headers?ms=D`: the /ok page, its status line sent only after D ms (1000).
    case "slow-headers" where parts.count == 1:
      var response = html(LoopbackContent.okPage)
      response.delayHeaders = .milliseconds(max(request.int("ms", default: 1000), 0))
      return response
    // `/large?bytes=N`: exactly N bytes (1 MiB) of HTML-ish text.
    case "large" where parts.count == 1: return html(LoopbackContent.large(bytes("bytes", 1 << 20)))
    // `/lying-length?declared=N&actual=M`: Content-Length N (1000), M bytes (100), then close.
    case "lying-length" where parts.count == 1:
      var response = html(LoopbackContent.large(bytes("actual", 100)))
      response.declaredLength = bytes("declared", 1000)
      return response
    // `/bomb/gzip`, `/bomb/brotli`: ~200 KB / ~330 B bodies inflating to 200 MiB of spaces.
    case "bomb" where parts == ["bomb", "gzip"]: return encoded(LoopbackContent.bombGzip, "gzip")
    case "bomb" where parts == ["bomb", "brotli"]: return encoded(LoopbackContent.bombBrotli, "br")
    // `/botwall/403` (with `cf-mitigated: challenge`) and `/botwall/200`: a Cloudflare-style
    // "Just a moment..." challenge page.
    case "botwall" where parts.count == 2 && (parts[1] == "403" || parts[1] == "200"):
      var response = LoopbackResponse.bytes(
        LoopbackContent.botwallPage, contentType: "text/html; charset=UTF-8", status: Int(parts[1])!)
      response.headers += [
        HTTPHeader("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate"),
        HTTPHeader("Server", "cloudflare"), HTTPHeader("CF-RAY", "0000000000000000-LHR"),
      ]
      if parts[1] == "403" { response.headers.append(HTTPHeader("cf-mitigated", "challenge")) }
      return response
    // `/consent`: a cookie-consent interstitial, status 200.
    case "consent" where parts.count == 1: return html(LoopbackContent.consentPage)
    // `/soft404`: status 200, <title>Page not found</title>.
    case "soft404" where parts.count == 1: return html(LoopbackContent.soft404Page)
    // `/pdf`: a one-page PDF, `application/pdf`.
    case "pdf" where parts.count == 1:
      return .bytes(LoopbackContent.pdf, contentType: "application/pdf")
    case "etag" where parts.count == 1: return etag(request)
    // `/pages/N.html[?ms=D]`: ~50 KB deterministic benchmark page N (LoopbackContent.benchmarkPage),
    // its headers delayed by D ms (a network round trip, for benchmarks).
    case "pages" where parts.count == 2 && parts[1].hasSuffix(".html"):
      guard let n = Int(parts[1].dropLast(5)) else { return notFound() }
      var response = html(LoopbackContent.benchmarkPage(n))
      let delay = request.int("ms", default: 0)
      if delay > 0 { response.delayHeaders = .milliseconds(delay) }
      return response
    // `/headers/many?count=N&pad=P`: N (100, at most 10 000) extra headers `X-Loopback-I: value-I`,
    // each value padded with `v` to P bytes (at most 1000) when P is longer.
    case "headers" where parts == ["headers", "many"]:
      let count = min(max(request.int("count", default: 100), 0), 10_000)
      let pad = min(max(request.int("pad", default: 0), 0), 1000)
      var response = LoopbackResponse.text("\(count) extra headers\n")
      response.headers += (1...max(count, 1)).prefix(count).map { i in
        let value = "value-\(i)"
        return HTTPHeader("X-Loopback-\(i)", value + String(repeating: "v", count: max(pad - value.count, 0)))
      }
      return response
    // `/huge?bytes=N&chunked=1`: N bytes (1 GiB) of `LoopbackContent.hugeSlice`, made as they are
    // sent, never held whole; with `Content-Length`, or chunked without one when `chunked=1`.
    case "huge" where parts.count == 1:
      var response = html([])
      response.generatedLength = max(request.int("bytes", default: maxBytes), 0)
      if request.query["chunked"] == "1" { response.headers.append(HTTPHeader("Transfer-Encoding", "chunked")) }
      return response
    // `/drip-head?ms=D&headers=N`: the /ok page with N (10, at most 10 000) extra headers
    // `X-Drip-I: value-I`, the whole response, head first, sent one byte every D ms (50), then close.
    case "drip-head" where parts.count == 1:
      let count = min(max(request.int("headers", default: 10), 0), 10_000)
      let extra = (0..<count).map { "X-Drip-\($0 + 1): value-\($0 + 1)\r\n" }.joined()
      var response = LoopbackResponse()
      response.raw = rawResponse(extra + "Content-Length: \(LoopbackContent.okPage.count)\r\n", LoopbackContent.okPage)
      response.dripBody = (1, .milliseconds(max(request.int("ms", default: 50), 0)))
      return response
    case "chunked" where parts.count == 2: return brokenChunked(parts[1])
    // `/close-delimited?bytes=N`: neither `Content-Length` nor chunking: N bytes (1024) of /large
    // text, then close (for HTTP/1.1 the close is the end of such a body).
    case "close-delimited" where parts.count == 1:
      var response = LoopbackResponse()
      response.raw = rawResponse("", LoopbackContent.large(bytes("bytes", 1024)))
      return response
    // `/excess-length`: `Content-Length` announces the /ok page, which is followed in the same
    // write by a whole second response (status 200, `text/html`, body `SMUGGLED`, kept-alive);
    // the connection then stays open. A client must not read the excess as its next response.
    case "excess-length" where parts.count == 1:
      let smuggled = rawResponse("Content-Length: 8\r\n", Array("SMUGGLED".utf8))
      var response = LoopbackResponse()
      response.raw =
        rawResponse("Content-Length: \(LoopbackContent.okPage.count)\r\n", LoopbackContent.okPage) + smuggled
      response.stallAfter = response.raw?.count
      return response
    default: return notFound()
    }
  }

  /// A response as bytes: `HTTP/1.1 200 OK`, `Content-Type: text/html; charset=utf-8`, the
  /// `headers` lines given (each ending in CRLF), a blank line, `body`.
  static func rawResponse(_ headers: String, _ body: [UInt8]) -> [UInt8] {
    Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\(headers)\r\n".utf8) + body
  }

  /// `/chunked/bad-size`: `Transfer-Encoding: chunked`, a first chunk (the /ok page's first 100
  /// bytes), then the chunk-size line `zz` (not hexadecimal) and close.
  /// `/chunked/no-last-chunk`: the /ok page in two chunks, then close without the final `0` chunk.
  static func brokenChunked(_ kind: String) -> LoopbackResponse {
    func chunk(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
      Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [0x0D, 0x0A]
    }
    let page = LoopbackContent.okPage
    let body: [UInt8]
    switch kind {
    case "bad-size": body = chunk(page.prefix(100)) + Array("zz\r\n".utf8) + page.dropFirst(100)
    case "no-last-chunk": body = chunk(page.prefix(100)) + chunk(page.dropFirst(100))
    default: return notFound()
    }
    var response = LoopbackResponse()
    response.raw = rawResponse("Transfer-Encoding: chunked\r\n", body)
    return response
  }

  static func html(_ bytes: [UInt8]) -> LoopbackResponse {
    .bytes(bytes, contentType: "text/html; charset=utf-8")
  }

  static func encoded(_ bytes: [UInt8], _ encoding: String) -> LoopbackResponse {
    html(bytes).adding("Content-Encoding", encoding).adding("Vary", "Accept-Encoding")
  }

  static func notFound() -> LoopbackResponse { statusResponse(404) }

  static func statusResponse(_ status: Int) -> LoopbackResponse {
    let reason = reasonPhrase(status)
    var response = LoopbackResponse.bytes(
      LoopbackContent.statusPage(status, reason: reason), contentType: "text/html; charset=utf-8",
      status: status)
    if (100..<200).contains(status) || status == 204 || status == 304 { response.body = [] }
    if status == 401 { response.headers.append(HTTPHeader("WWW-Authenticate", "Basic realm=\"loopback\"")) }
    if status == 405 { response.headers.append(HTTPHeader("Allow", "GET, HEAD")) }
    return response
  }

  /// `/charset/utf-8`, `/charset/windows-1252` (curly quotes as cp1252 bytes), and
  /// `/charset/shift_jis-utf8-body` (meta says shift_jis, bytes are UTF-8, header names none).
  static func charset(_ name: String) -> LoopbackResponse {
    switch name {
    case "utf-8": html(LoopbackContent.utf8Page)
    case "windows-1252":
      .bytes(LoopbackContent.windows1252Page, contentType: "text/html; charset=windows-1252")
    case "shift_jis-utf8-body": .bytes(LoopbackContent.shiftJISMislabeledPage, contentType: "text/html")
    default: notFound()
    }
  }

  /// `/redirect/{301,302,303,307,308}?to=PATH_OR_URL` (any 3xx; `to` defaults to /ok),
  /// `/redirect/chain/N` (N hops, then /ok), `/redirect/loop` (to itself, forever),
  /// `/redirect/endless/N` (302 to `/redirect/endless/N+1`: every hop a new URL, forever),
  /// `/redirect/home[/anything/deeper]` (301 to `/`), `/redirect/to?url=ABSOLUTE` (302 to any
  /// URL as given — another loopback host, `file:///etc/passwd` — 400 without `url`).
  static func redirect(_ parts: [String], _ request: LoopbackRequest) -> LoopbackResponse {
    switch parts.first {
    case let code? where parts.count == 1 && Int(code).map({ (300...399).contains($0) }) == true:
      return .redirect(Int(code)!, to: request.query["to"] ?? "/ok")
    case "chain" where parts.count == 2:
      guard let hops = Int(parts[1]), hops >= 0 else { return notFound() }
      return hops == 0 ? html(LoopbackContent.okPage) : .redirect(302, to: hops == 1 ? "/ok" : "/redirect/chain/\(hops - 1)")
    case "loop" where parts.count == 1: return .redirect(302, to: "/redirect/loop")
    case "endless" where parts.count == 2:
      guard let hop = Int(parts[1]), hop >= 0, hop < Int.max else { return notFound() }
      return .redirect(302, to: "/redirect/endless/\(hop + 1)")
    case "home": return .redirect(301, to: "/")
    case "to" where parts.count == 1:
      guard let url = request.query["url"], !url.isEmpty else { return statusResponse(400) }
      return .redirect(302, to: url)
    default: return notFound()
    }
  }

  /// `/retry/S?times=K&retry-after=A`: the first K (1) requests with this exact path and query
  /// answer status S (429, 503, …) with `Retry-After: A` (1; none when `retry-after=` is empty);
  /// later ones get the /ok page. `/retry/S-date?times=K` sends an HTTP-date: the first whole
  /// second at least 1 s after the request arrived.
  static func retry(_ spec: String, _ request: LoopbackRequest, hit: (String) -> Int) -> LoopbackResponse {
    let byDate = spec.hasSuffix("-date")
    guard let status = Int(byDate ? String(spec.dropLast(5)) : spec), (400...599).contains(status) else {
      return notFound()
    }
    guard hit(request.target) < max(request.int("times", default: 1), 0) else {
      return html(LoopbackContent.okPage)
    }
    var response = statusResponse(status)
    if byDate {
      let when = Date(timeIntervalSince1970: (request.receivedAt.timeIntervalSince1970 + 1).rounded(.up))
      response.headers.append(HTTPHeader("Retry-After", httpDate(when)))
    } else if case let after = request.query["retry-after"] ?? "1", !after.isEmpty {
      response.headers.append(HTTPHeader("Retry-After", after))
    }
    return response
  }

  /// The Last-Modified of `/etag`.
  static let etagLastModified = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01 00:00:00 GMT

  /// `/etag`: the /ok page with `ETag: "v1"` and `Last-Modified: Wed, 01 Jan 2025 00:00:00 GMT`;
  /// 304 when If-None-Match lists "v1" (or W/"v1", or *), or, without If-None-Match, when
  /// If-Modified-Since is not older than Last-Modified.
  static func etag(_ request: LoopbackRequest) -> LoopbackResponse {
    let notModified: Bool
    if let tags = request.header("If-None-Match") {
      notModified = tags.split(separator: ",").contains { tag in
        let tag = tag.trimmingCharacters(in: .whitespaces)
        return tag == "*" || tag == "\"v1\"" || tag == "W/\"v1\""
      }
    } else if let since = request.header("If-Modified-Since").flatMap(parseHTTPDate) {
      notModified = since >= etagLastModified
    } else {
      notModified = false
    }
    var response = notModified ? LoopbackResponse(status: 304) : html(LoopbackContent.okPage)
    response.headers += [
      HTTPHeader("ETag", "\"v1\""), HTTPHeader("Last-Modified", httpDate(etagLastModified)),
      HTTPHeader("Cache-Control", "no-cache"),
    ]
    return response
  }

  static func reasonPhrase(_ status: Int) -> String {
    HTTPResponseStatus(statusCode: status).reasonPhrase
  }

  static func httpDateFormatter() -> DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter
  }

  /// `Wed, 01 Jan 2025 00:00:00 GMT`.
  static func httpDate(_ date: Date) -> String { httpDateFormatter().string(from: date) }

  static func parseHTTPDate(_ text: String) -> Date? { httpDateFormatter().date(from: text) }
}
