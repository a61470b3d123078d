public import Foundation

/// One HTTP header line, name as received.
public struct HTTPHeader: Sendable, Hashable, Codable {
  public var name: String
  public var value: String
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension Array where Element == HTTPHeader {
  /// First value of a header, by case-insensitive name.
  public func value(of name: String) -> String? {
    first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// One request and its response, as the fetch stage performed it: what the archive stores as a
/// WARC request/response pair. A redirect chain is several exchanges.
///
/// The body is the payload after content decoding (libcurl decodes gzip, deflate, brotli);
/// `contentEncoding` keeps the encoding it arrived with, and the archive records that in place
/// of the `Content-Encoding` header so stored records stay self-consistent.
public struct HTTPExchange: Sendable, Hashable {
  /// The URL requested (after `--remap`): the WARC-Target-URI.
  public var url: String
  /// The URL the note cites, when a remap changed it (recorded as `WARC-Refers-To-Target-URI`).
  public var originalURL: String?
  public var method: String
  public var requestHeaders: [HTTPHeader]
  /// `HTTP/1.1`, `HTTP/2`.
  public var httpVersion: String
  public var status: Int
  public var reason: String
  public var responseHeaders: [HTTPHeader]
  public var body: [UInt8]
  public var contentEncoding: String?
  /// When the response was received.
  public var date: Date
  /// The server's IP address, as connected to.
  public var remoteAddress: String?

  public init(
    url: String, originalURL: String? = nil, method: String = "GET", requestHeaders: [HTTPHeader],
    httpVersion: String, status: Int, reason: String, responseHeaders: [HTTPHeader], body: [UInt8],
    contentEncoding: String? = nil, date: Date, remoteAddress: String? = nil
  ) {
    self.url = url
    self.originalURL = originalURL
    self.method = method
    self.requestHeaders = requestHeaders
    self.httpVersion = httpVersion
    self.status = status
    self.reason = reason
    self.responseHeaders = responseHeaders
    self.body = body
    self.contentEncoding = contentEncoding
    self.date = date
    self.remoteAddress = remoteAddress
  }
}
