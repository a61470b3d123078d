public import Foundation

/// Everything that shapes a fetch run: limits, politeness, security policy, caching.
/// Defaults are the documented ones of `verbatim fetch`.
public struct FetchConfiguration: Sendable {
  /// Total transfers in flight.
  public var concurrency = 16
  /// Transfers in flight per host.
  public var perHost = 2
  /// Minimum time between the starts of two requests to one host.
  public var hostIntervalMilliseconds = 100
  public var userAgent = "Verbatim/\(VerbatimVersion.string) (citation and link checker)"
  public var connectTimeoutMilliseconds = 10_000
  public var totalTimeoutMilliseconds = 30_000
  /// Below this many bytes per second for `lowSpeedSeconds`, a transfer is stalled.
  public var lowSpeedBytesPerSecond = 100
  public var lowSpeedSeconds = 10
  /// Cap on a body after decoding (a decompression bomb stops here).
  public var maxBodyBytes = 10 * 1024 * 1024
  public var maxRedirects = 10
  /// Tries per hop for timeouts, 429 and 503.
  public var maxTries = 3
  /// First retry waits this long, doubling each time (plus up to 25% jitter).
  public var backoffMilliseconds = 1_000
  /// A server's Retry-After is honoured up to this.
  public var retryAfterCapMilliseconds = 60_000
  public var addressPolicy = AddressPolicy()
  /// Extra CA bundle to trust (`--cacert`).
  public var caFile: String?
  public var remaps: [URLRemap] = []
  /// A capture younger than this is reused without a request; older ones are revalidated.
  public var maxAgeSeconds: Double = 7 * 24 * 3600
  /// No network at all: sources come from the store only.
  public var offline = false

  public init() {}
}

/// One distinct source to fetch: its identity key, the URL to request, where it is cited.
public struct SourceRequest: Sendable, Hashable {
  public var key: String
  /// The URL as cited (the first spelling seen), fragment included.
  public var url: String
  /// What to request: no fragment, percent-encoded, punycode host.
  public var fetchURL: String
  public var citedBy: [Citation]

  public struct Citation: Sendable, Hashable, Codable {
    public var note: String
    public var line: Int
  }

  public init(key: String, url: String, fetchURL: String, citedBy: [Citation]) {
    self.key = key
    self.url = url
    self.fetchURL = fetchURL
    self.citedBy = citedBy
  }

  /// The distinct web sources of a harvest, by identity key, in first-citation order.
  public static func sources(of harvest: VaultHarvest) -> [SourceRequest] {
    var order: [String] = []
    var byKey: [String: SourceRequest] = [:]
    for note in harvest.notes {
      for link in note.links where link.isFetchable && !link.flags.contains(.hidden) {
        guard let key = link.key, let fetchURL = URLIdentity(link.url).fetchURL else { continue }
        let citation = Citation(note: link.note, line: link.position.line)
        if byKey[key] == nil {
          order.append(key)
          byKey[key] = SourceRequest(key: key, url: link.url, fetchURL: fetchURL, citedBy: [citation])
        } else if byKey[key]?.citedBy.last != citation {
          byKey[key]?.citedBy.append(citation)
        }
      }
    }
    return order.map { byKey[$0]! }
  }
}

/// One step of a redirect chain.
public struct RedirectHop: Sendable, Hashable, Codable {
  public var url: String
  public var status: Int
  public var location: String
  public init(url: String, status: Int, location: String) {
    self.url = url
    self.status = status
    self.location = location
  }
}

/// What the fetch stage learned about one source.
public struct SourceOutcome: Sendable {
  public var source: SourceRequest
  /// The first URL requested (differs from the cited one when remapped).
  public var requestedURL: String
  public var finalURL: String?
  public var httpStatus: Int?
  public var redirects: [RedirectHop]
  public var health: LinkHealth
  public var contentType: String?
  public var capturedAt: Date?
  /// SHA-256 (hex) of the archived body.
  public var sha256: String?
  /// The capture was reused from the store (fresh, revalidated with 304, or offline).
  public var fromStore: Bool
  /// Earlier checks: when the link started failing and how many checks in a row failed.
  public var failingSince: Date?
  public var consecutiveFailures: Int
}
