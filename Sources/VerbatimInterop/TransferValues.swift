public import Foundation

/// One HTTP GET for the transfer engine: everything libcurl needs, as plain values.
///
/// Redirects are not followed here (the fetch stage follows them hop by hop, so that every hop
/// is recorded and checked); a transfer is exactly one request and one response.
public struct TransferRequest: Sendable, Hashable {
  /// Chosen by the caller; results carry it back.
  public var id: Int
  /// What to request: http or https, no fragment, already percent-encoded.
  public var url: String
  /// Politeness group: requests with the same key share the per-host limits.
  public var hostKey: String
  /// Extra request header lines (`If-None-Match: "v1"`).
  public var headers: [String]
  public var userAgent: String
  public var connectTimeoutMilliseconds: Int
  public var totalTimeoutMilliseconds: Int
  /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is stalled.
  public var lowSpeedBytesPerSecond: Int
  public var lowSpeedSeconds: Int
  /// Cap on the decoded body; the transfer stops when it would be exceeded.
  public var maxBodyBytes: Int
  /// Extra CA bundle (PEM) to trust besides the system's, or nil for the system's alone.
  /// Verification stays on.
  public var caFile: String?
  /// Not started before this many milliseconds from submission (retries with backoff).
  public var delayMilliseconds: Int

  public init(
    id: Int, url: String, hostKey: String, headers: [String] = [], userAgent: String,
    connectTimeoutMilliseconds: Int = 10_000, totalTimeoutMilliseconds: Int = 30_000,
    lowSpeedBytesPerSecond: Int = 100, lowSpeedSeconds: Int = 10, maxBodyBytes: Int = 10 << 20,
    caFile: String? = nil, delayMilliseconds: Int = 0
  ) {
    self.id = id
    self.url = url
    self.hostKey = hostKey
    self.headers = headers
    self.userAgent = userAgent
    self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
    self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
    self.lowSpeedSeconds = lowSpeedSeconds
    self.maxBodyBytes = maxBodyBytes
    self.caFile = caFile
    self.delayMilliseconds = delayMilliseconds
  }
}

/// Why a transfer produced no (complete) response.
public enum TransferFailure: Sendable, Hashable {
  case timeout
  /// Slower than the low-speed limit for too long.
  case stalled
  case dnsFailure
  case connectionRefused
  case connectionFailed
  case tls(String)
  /// The decoded body would have exceeded `maxBodyBytes`.
  case bodyTooLarge
  /// The response's header block was larger than libcurl accepts (300 KB).
  case headersTooLarge
  /// Every address of the host was refused by the address policy (the address shown).
  case blockedAddress(String)
  /// Content-Length promised more than the server sent, or the connection closed mid-body.
  case truncated
  case badContentEncoding
  case cancelled
  /// Any other libcurl error: its code and message.
  case other(Int, String)
}

/// What came back: the response (status, headers of the final header block, decoded body) or
/// a failure, with timing and the address actually connected to.
public struct TransferResult: Sendable {
  public var request: TransferRequest
  public var status: Int
  /// `HTTP/1.1`, `HTTP/2`, `HTTP/3`.
  public var httpVersion: String
  public var reason: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  public var remoteAddress: String?
  public var failure: TransferFailure?
  public var startedAt: Date
  public var finishedAt: Date
}

/// Limits the engine enforces while scheduling: total and per-host concurrency, and a minimum
/// interval between the starts of two requests to one host.
public struct TransferLimits: Sendable, Hashable {
  public var concurrency: Int
  public var perHost: Int
  public var hostIntervalMilliseconds: Int
  public init(concurrency: Int = 16, perHost: Int = 2, hostIntervalMilliseconds: Int = 100) {
    self.concurrency = max(1, concurrency)
    self.perHost = max(1, perHost)
    self.hostIntervalMilliseconds = max(0, hostIntervalMilliseconds)
  }
}
