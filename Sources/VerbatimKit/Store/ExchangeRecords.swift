import Foundation

/// How one `HTTPExchange` becomes a WARC `request` and `response` record, and what a stored
/// response looks like when read back.
///
/// Both the writer and the ledger rebuild go through `StoredResponse`, so a capture recorded at
/// fetch time and one rebuilt from the WARC files are equal field for field.
enum ExchangeRecords {
  /// Extension fields (ISO 28500 §5.1 allows other named fields) that let `rebuildLedger`
  /// recover captures from the WARC files alone: the source identity key, and the response's
  /// place in its redirect chain (`2/3`).
  static let keyField = "Verbatim-Source-Key"
  static let chainField = "Verbatim-Chain"
  static let originalEncodingField = "X-Verbatim-Original-Content-Encoding"

  /// The request record and the response record for `exchange`, each pointing at the other.
  static func records(
    for exchange: HTTPExchange, requestID: String, responseID: String, warcinfoID: String?,
    key: String?, chain: (index: Int, count: Int)?
  ) -> (request: WARCRecord, response: WARCRecord) {
    let date = WARCDate.format(exchange.date)
    func common(_ type: String, _ id: String, _ other: String) -> [HTTPHeader] {
      var fields = [
        HTTPHeader("WARC-Type", type), HTTPHeader("WARC-Record-ID", "<\(id)>"), HTTPHeader("WARC-Date", date),
        HTTPHeader("WARC-Target-URI", exchange.url),
      ]
      if let original = exchange.originalURL { fields.append(HTTPHeader("WARC-Refers-To-Target-URI", original)) }
      if let address = exchange.remoteAddress { fields.append(HTTPHeader("WARC-IP-Address", address)) }
      if let name = protocolName(exchange.httpVersion) { fields.append(HTTPHeader("WARC-Protocol", name)) }
      fields.append(HTTPHeader("WARC-Concurrent-To", "<\(other)>"))
      if let warcinfoID { fields.append(HTTPHeader("WARC-Warcinfo-ID", "<\(warcinfoID)>")) }
      return fields
    }

    let requestBlock = self.requestBlock(exchange).serialized()
    var request = common("request", requestID, responseID)
    request.append(HTTPHeader("WARC-Block-Digest", digest(requestBlock)))
    request.append(HTTPHeader("Content-Type", "application/http;msgtype=request"))

    let stored = StoredResponse(exchange)
    let responseBlock = stored.block.serialized()
    var response = common("response", responseID, requestID)
    response.append(HTTPHeader("WARC-Block-Digest", digest(responseBlock)))
    response.append(HTTPHeader("WARC-Payload-Digest", digest(stored.body)))
    if let key { response.append(HTTPHeader(keyField, sanitized(key))) }
    if let chain { response.append(HTTPHeader(chainField, "\(chain.index)/\(chain.count)")) }
    response.append(HTTPHeader("Content-Type", "application/http;msgtype=response"))
    return (WARCRecord(headers: request, block: requestBlock), WARCRecord(headers: response, block: responseBlock))
  }

  /// The record that starts every file: who wrote it and to which format.
  static func warcinfo(id: String, date: Date, filename: String) -> WARCRecord {
    let block = Array(
      ("software: Verbatim/\(VerbatimVersion.string)\r\n" + "format: WARC File Format 1.1\r\n"
        + "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n").utf8)
    return WARCRecord(
      headers: [
        HTTPHeader("WARC-Type", "warcinfo"), HTTPHeader("WARC-Record-ID", "<\(id)>"),
        HTTPHeader("WARC-Date", WARCDate.format(date)), HTTPHeader("WARC-Filename", filename),
        HTTPHeader("WARC-Block-Digest", digest(block)), HTTPHeader("Content-Type", "application/warc-fields"),
      ], block: block)
  }

  /// `sha1:` + RFC 4648 base32, the digest form warcio, pywb and Heritrix write and check.
  static func digest(_ bytes: [UInt8]) -> String { "sha1:" + Base32.encode(SHA1.hash(bytes)) }

  /// `h2` / `h3` for HTTP/2 and HTTP/3 (the WARC-Protocol field); nil for HTTP/1.x.
  static func protocolName(_ version: String) -> String? {
    let v = version.lowercased()
    if v == "h2" || v.hasPrefix("http/2") || v == "2" || v == "2.0" { return "h2" }
    if v == "h3" || v.hasPrefix("http/3") || v == "3" { return "h3" }
    return nil
  }

  /// The version written in start lines: archivers store HTTP/2 and HTTP/3 as HTTP/1.1.
  static func startLineVersion(_ version: String) -> String {
    version.uppercased().hasPrefix("HTTP/1.0") ? "HTTP/1.0" : "HTTP/1.1"
  }

  /// `GET /path?query HTTP/1.1`, `Host`, then the request headers as sent.
  static func requestBlock(_ exchange: HTTPExchange) -> HTTPBlock {
    let (authority, target) = requestTarget(exchange.url)
    var headers = cleaned(exchange.requestHeaders)
    if headers.value(of: "Host") == nil, !authority.isEmpty { headers.insert(HTTPHeader("Host", authority), at: 0) }
    return HTTPBlock(
      startLine: "\(exchange.method) \(target) \(startLineVersion(exchange.httpVersion))", headers: headers, body: [])
  }

  /// Splits a URL into its authority (without user info) and its request target (path and
  /// query, never empty, no fragment).
  static func requestTarget(_ url: String) -> (authority: String, target: String) {
    var rest = Substring(url)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    guard let schemeEnd = rest.range(of: "://") else { return ("", rest.isEmpty ? "/" : String(rest)) }
    let afterScheme = rest[schemeEnd.upperBound...]
    let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
    var authority = afterScheme[..<authorityEnd]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    let target = afterScheme[authorityEnd...]
    return (String(authority), target.isEmpty ? "/" : target.first == "?" ? "/" + target : String(target))
  }

  /// Drops HTTP/2 pseudo-headers and empty names; a CR or LF in a value becomes a space and the
  /// value loses surrounding white space, exactly as the reader will parse it back.
  static func cleaned(_ headers: [HTTPHeader]) -> [HTTPHeader] {
    headers.compactMap { header in
      let name = trimmed(sanitized(header.name))
      guard !name.isEmpty, !name.hasPrefix(":"), !name.contains(":") else { return nil }
      return HTTPHeader(name, trimmed(sanitized(header.value)))
    }
  }

  static func sanitized(_ s: String) -> String {
    s.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
      ? String(s.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 }) : s
  }

  static let reasons: [Int: String] = [
    100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
    204: "No Content", 206: "Partial Content", 300: "Multiple Choices", 301: "Moved Permanently", 302: "Found",
    303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    412: "Precondition Failed", 415: "Unsupported Media Type", 418: "I'm a teapot", 429: "Too Many Requests",
    451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 501: "Not Implemented",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  ]
}

/// A response as the archive stores it: decoded body, headers rewritten to describe that body.
/// Built from an exchange when writing and from a WARC record when rebuilding; both give the
/// same value.
struct StoredResponse: Hashable {
  var url: String
  var originalURL: String?
  var status: Int
  /// The stored headers: no `Transfer-Encoding`, no `Content-Encoding` when the body was
  /// decoded (its value kept in `X-Verbatim-Original-Content-Encoding`), `Content-Length`
  /// equal to the stored body's length.
  var headers: [HTTPHeader]
  var body: [UInt8]
  /// WARC-Date precision: whole seconds.
  var date: Date
  var block: HTTPBlock

  init(_ exchange: HTTPExchange) {
    url = exchange.url
    originalURL = exchange.originalURL
    status = exchange.status
    body = exchange.body
    date = wholeSeconds(exchange.date)
    var headers: [HTTPHeader] = []
    var placedLength = false
    let length = HTTPHeader("Content-Length", String(exchange.body.count))
    for header in ExchangeRecords.cleaned(exchange.responseHeaders) {
      let name = header.name.lowercased()
      if name == "transfer-encoding" { continue }
      if name == "content-encoding", exchange.contentEncoding != nil { continue }
      if name == ExchangeRecords.originalEncodingField.lowercased() { continue }
      if name == "content-length" {
        if !placedLength { headers.append(length) }
        placedLength = true
        continue
      }
      headers.append(header)
    }
    if !placedLength { headers.append(length) }
    if let encoding = exchange.contentEncoding.map({ trimmed(ExchangeRecords.sanitized($0)) }), !encoding.isEmpty {
      headers.append(HTTPHeader(ExchangeRecords.originalEncodingField, encoding))
    }
    self.headers = headers
    let version = ExchangeRecords.startLineVersion(exchange.httpVersion)
    let reason = exchange.reason.isEmpty ? ExchangeRecords.reasons[exchange.status] ?? "" : exchange.reason
    block = HTTPBlock(
      startLine: "\(version) \(exchange.status) \(trimmed(ExchangeRecords.sanitized(reason)))", headers: headers,
      body: exchange.body)
  }

  /// The stored response in a WARC `response` record; nil for other records.
  init?(record: WARCRecord) throws(StoreError) {
    guard record.type == "response", let url = record.targetURI, let date = record.date else { return nil }
    let block = try HTTPBlock(parsing: record.block)
    guard let status = block.status else { return nil }
    self.url = url
    originalURL = record[field: "WARC-Refers-To-Target-URI"]
    self.status = status
    headers = block.headers
    body = block.body
    self.date = date
    self.block = block
  }
}
