public import Foundation
public import VerbatimKit

/// One request the loopback server received, recorded before it was answered.
public struct LoopbackRequest: Sendable {
  /// `GET`, `HEAD`, …
  public var method: String
  /// The request target exactly as sent: path and query (`/retry/429?times=2`).
  public var target: String
  /// The target's path, without the query, still percent-encoded (`/retry/429`).
  public var path: String
  /// The query's parameters, percent-decoded (`+` stays `+`); the last of a repeated name wins.
  public var query: [String: String]
  /// Header lines in the order received, names as sent.
  public var headers: [HTTPHeader]
  /// The request body (empty for `GET`).
  public var body: [UInt8]
  /// `HTTP/1.1`, `HTTP/1.0`.
  public var httpVersion: String
  /// When the request head arrived.
  public var receivedAt: Date

  public init(
    method: String = "GET", target: String, headers: [HTTPHeader] = [], body: [UInt8] = [],
    httpVersion: String = "HTTP/1.1", receivedAt: Date = Date()
  ) {
    self.method = method
    self.target = target
    let split = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    self.path = split.isEmpty ? "" : String(split[0])
    self.query = split.count > 1 ? Self.parseQuery(split[1]) : [:]
    self.headers = headers
    self.body = body
    self.httpVersion = httpVersion
    self.receivedAt = receivedAt
  }

  /// The first value of a header, by case-insensitive name.
  public func header(_ name: String) -> String? { headers.value(of: name) }

  /// A query parameter as an integer, or `defaultValue` when absent or not a number.
  public func int(_ name: String, default defaultValue: Int) -> Int {
    query[name].flatMap { Int($0) } ?? defaultValue
  }

  static func parseQuery(_ query: Substring) -> [String: String] {
    var result: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
      let raw = parts.count > 1 ? String(parts[1]) : ""
      result[name] = raw.removingPercentEncoding ?? raw
    }
    return result
  }
}

/// What the loopback server answers, and how: on time and whole by default, or slowly, stalled,
/// cut short or with a lying `Content-Length` to exercise a client's timeouts and limits.
///
/// The server adds `Content-Length` (the body's size, or `declaredLength`) unless `headers`
/// already has `Content-Length` or `Transfer-Encoding`, and never adds it to 1xx, 204 and 304.
/// A `HEAD` request gets the head alone.
public struct LoopbackResponse: Sendable {
  public var status: Int
  /// Reason phrase; empty means the standard one for `status` (always used for 1xx, 204, 304).
  public var reason: String
  public var headers: [HTTPHeader]
  public var body: [UInt8]
  /// Wait this long before sending the status line.
  public var delayHeaders: Duration?
  /// Send the body `chunk` bytes at a time, one chunk every `every`.
  public var dripBody: (chunk: Int, every: Duration)?
  /// Send this many body bytes, then nothing more: the connection stays open until the client
  /// (or `LoopbackServer.shutdown()`) closes it.
  public var stallAfter: Int?
  /// Announce this `Content-Length` whatever the body's size, send the body, then close.
  public var declaredLength: Int?
  /// Send this many body bytes, then close the connection (the announced length is the body's).
  public var closeMidBody: Int?
  /// Write these bytes to the connection as they are (status line, headers and body) instead of
  /// a message built from the fields above: for framing no well-behaved server produces (a bad
  /// chunk, no length at all, a second response after the first). `dripBody` drips them; the
  /// connection closes after them, or stays open when `stallAfter` is set.
  public var raw: [UInt8]?
  /// A body of this many bytes (`LoopbackContent.hugeSlice`) made while it is sent, 64 KiB at a
  /// time as the client reads, never held whole: for pages of a gigabyte. Replaces `body`.
  public var generatedLength: Int?

  public init(status: Int = 200, reason: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []) {
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
  }

  /// An HTML page, `Content-Type: text/html; charset=<charset>`.
  public static func html(_ html: String, status: Int = 200, charset: String = "utf-8") -> Self {
    .bytes(Array(html.utf8), contentType: "text/html; charset=\(charset)", status: status)
  }

  /// Plain text, `Content-Type: text/plain; charset=utf-8`.
  public static func text(_ text: String, status: Int = 200) -> Self {
    .bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8", status: status)
  }

  /// Any bytes with the given `Content-Type`.
  public static func bytes(
    _ bytes: [UInt8], contentType: String = "application/octet-stream", status: Int = 200
  ) -> Self {
    Self(status: status, headers: [HTTPHeader("Content-Type", contentType)], body: bytes)
  }

  /// A redirect to `location` (a path or an absolute URL, sent as given) with a small HTML body.
  public static func redirect(_ status: Int = 302, to location: String) -> Self {
    var response = Self.html(
      "<!DOCTYPE html><html><head><title>Moved</title></head>"
        + "<body><p>Moved to <a href=\"\(escapeHTML(location))\">here</a>.</p></body></html>",
      status: status)
    response.headers.append(HTTPHeader("Location", location))
    return response
  }

  /// This response with one more header line.
  public func adding(_ name: String, _ value: String) -> Self {
    var copy = self
    copy.headers.append(HTTPHeader(name, value))
    return copy
  }

  /// The first value of a header, by case-insensitive name.
  public func header(_ name: String) -> String? { headers.value(of: name) }

  static func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
