public import Foundation

/// One capture of a source: the final response of a fetch (after redirects), where its WARC
/// record lies, and the hash of the stored body. A row of the ledger's `captures` table.
///
/// Exists so reports and audits can answer "what did this source say, and when" from the
/// ledger without opening WARC files, and so `readBody` can find and verify the evidence.
public struct CaptureRecord: Sendable, Hashable {
  /// One hop of a redirect chain before the final response.
  public struct Redirect: Sendable, Hashable, Codable {
    public var url: String
    public var status: Int
    /// The `Location` header, as sent.
    public var location: String?

    public init(url: String, status: Int, location: String?) {
      self.url = url
      self.status = status
      self.location = location
    }
  }

  /// The ledger row id; nil until recorded.
  public var id: Int64?
  /// The source identity key (`URLIdentity.key`).
  public var key: String
  /// The URL the note cites (before any `--remap`).
  public var originalURL: String
  /// The first URL requested (after remapping).
  public var requestedURL: String
  /// The URL of the final response.
  public var finalURL: String
  public var httpStatus: Int
  public var contentType: String?
  public var etag: String?
  public var lastModified: String?
  /// The final response's headers as archived (see `StoredResponse`).
  public var responseHeaders: [HTTPHeader]
  /// When the final response arrived, in whole seconds (the WARC-Date precision, so a
  /// rebuilt ledger has the same value).
  public var capturedAt: Date
  /// Lower-case hex SHA-256 of the stored (decoded) body.
  public var sha256: String
  public var bodyLength: Int
  /// Store-relative WARC file, and the gzip member of the final response record in it.
  public var warcFile: String
  public var warcOffset: Int
  public var warcLength: Int
  /// The hops before the final response, in order.
  public var redirects: [Redirect]

  public init(
    id: Int64? = nil, key: String, originalURL: String, requestedURL: String, finalURL: String, httpStatus: Int,
    contentType: String?, etag: String?, lastModified: String?, responseHeaders: [HTTPHeader], capturedAt: Date,
    sha256: String, bodyLength: Int, warcFile: String, warcOffset: Int, warcLength: Int, redirects: [Redirect]
  ) {
    self.id = id
    self.key = key
    self.originalURL = originalURL
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.httpStatus = httpStatus
    self.contentType = contentType
    self.etag = etag
    self.lastModified = lastModified
    self.responseHeaders = responseHeaders
    self.capturedAt = capturedAt
    self.sha256 = sha256
    self.bodyLength = bodyLength
    self.warcFile = warcFile
    self.warcOffset = warcOffset
    self.warcLength = warcLength
    self.redirects = redirects
  }

  /// The capture of a chain of stored responses (the last one final), its final response
  /// record at `location`. Used for both recording and rebuilding, so they agree.
  init(key: String, chain: [StoredResponse], location: (file: String, offset: Int, length: Int)) {
    let first = chain[0]
    let final = chain[chain.count - 1]
    self.init(
      key: key, originalURL: first.originalURL ?? first.url, requestedURL: first.url, finalURL: final.url,
      httpStatus: final.status, contentType: final.headers.value(of: "Content-Type"),
      etag: final.headers.value(of: "ETag"), lastModified: final.headers.value(of: "Last-Modified"),
      responseHeaders: final.headers, capturedAt: final.date, sha256: SHA256.hash(final.body).hexString,
      bodyLength: final.body.count, warcFile: location.file, warcOffset: location.offset,
      warcLength: location.length,
      redirects: chain.dropLast().map {
        Redirect(url: $0.url, status: $0.status, location: $0.headers.value(of: "Location"))
      })
  }
}

/// One link check of a source: when, how healthy, and optionally the capture it produced.
/// A row of the ledger's `checks` table.
///
/// Exists so Verbatim can report a source's history ("failing since 2026-10-02, 3 checks")
/// rather than only the latest result.
public struct CheckRecord: Sendable, Hashable {
  /// The outcome class of a check (`LinkHealth.Status` raw values). Stored as text, so new
  /// kinds need no schema change; `outcome` says how each counts in a failure history.
  public struct Health: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// How a check counts when telling how long a source has been failing.
    public enum Outcome: Sendable, Hashable {
      /// The source answered with its content.
      case ok
      /// The source did not deliver its content (dead, refused, timed out, blocked, …).
      case failure
      /// No request was made (offline, or refused by policy): the check says nothing.
      case notChecked
    }

    public static let ok: Health = "ok"
    public static let redirected: Health = "redirected"
    /// Answered, with something other than HTML (a PDF, an image): the source works.
    public static let unsupported: Health = "unsupported"
    public static let dead: Health = "dead"
    public static let timeout: Health = "timeout"
    public static let blocked: Health = "blocked"
    public static let blockedByPolicy: Health = "blocked-by-policy"
    public static let notArchived: Health = "not-archived"

    /// `ok`, `redirected` and `unsupported` are OK; `blocked-by-policy` and `not-archived`
    /// (no request made) are not checks; every other kind is a failure.
    public var outcome: Outcome {
      switch self {
      case .ok, .redirected, .unsupported: .ok
      case .blockedByPolicy, .notArchived: .notChecked
      default: .failure
      }
    }

    /// Whether the check found the source working.
    public var isOK: Bool { outcome == .ok }
  }

  /// The ledger row id; nil until recorded.
  public var id: Int64?
  public var key: String
  public var checkedAt: Date
  public var health: Health
  /// nil when no response arrived.
  public var httpStatus: Int?
  /// A human-readable explanation (`connection refused`, `404 Not Found`).
  public var detail: String?
  /// The capture this check produced, if it archived one.
  public var captureID: Int64?

  public init(
    id: Int64? = nil, key: String, checkedAt: Date, health: Health, httpStatus: Int? = nil, detail: String? = nil,
    captureID: Int64? = nil
  ) {
    self.id = id
    self.key = key
    self.checkedAt = checkedAt
    self.health = health
    self.httpStatus = httpStatus
    self.detail = detail
    self.captureID = captureID
  }
}

/// How long a source has been failing, from its check history.
public struct FailureHistory: Sendable, Hashable {
  /// The earliest failure of the current run of failures; nil when the latest check was OK
  /// (or there are no checks).
  public var firstFailure: Date?
  /// Failed checks since the last OK one (all checks, if none was OK); checks that made no
  /// request (`Health.Outcome.notChecked`) are not counted.
  public var consecutiveFailures: Int
  /// The most recent OK check; nil if the source never checked OK.
  public var lastOK: Date?

  public init(firstFailure: Date?, consecutiveFailures: Int, lastOK: Date?) {
    self.firstFailure = firstFailure
    self.consecutiveFailures = consecutiveFailures
    self.lastOK = lastOK
  }
}
