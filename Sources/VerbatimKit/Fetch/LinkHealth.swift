internal import VerbatimInterop

/// How a cited source answered: one status per source, with the evidence behind it.
public struct LinkHealth: Sendable, Hashable, Codable {
  public enum Status: String, Sendable, Codable, CaseIterable {
    case ok, redirected, dead
    case serverError = "server-error"
    case timeout
    case tlsError = "tls-error"
    case refused
    case tooLarge = "too-large"
    /// 401, 403, 451: the server refuses us (not link rot).
    case blocked
    case rateLimited = "rate-limited"
    case botWall = "bot-wall"
    case soft404 = "soft-404"
    case blockedByPolicy = "blocked-by-policy"
    case notArchived = "not-archived"
    /// Answered, but not with HTML (recorded and archived; PDFs are marked `pdf`).
    case unsupported
    /// Redirects that never end (a loop, or more than the hop limit).
    case redirectLoop = "redirect-loop"
    /// The connection broke (reset, truncated body, bad encoding).
    case networkError = "network-error"
  }

  /// How a redirect chain behaved.
  public enum RedirectClass: String, Sendable, Codable, CaseIterable {
    case permanent, temporary
    case httpsUpgrade = "https-upgrade"
    case crossDomain = "cross-domain"
    case toHomePage = "to-homepage"
  }

  public var status: Status
  public var redirects: [RedirectClass]
  /// What was seen, in words: "HTTP 404", "connection refused", "Cloudflare challenge page".
  public var detail: String

  public init(_ status: Status, redirects: [RedirectClass] = [], detail: String) {
    self.status = status
    self.redirects = redirects
    self.detail = detail
  }

  /// Healthy links: the source can be read (for `fetch`'s exit code).
  public var isHealthy: Bool {
    switch status {
    case .ok, .redirected, .unsupported: true
    default: false
    }
  }
}

/// Recognises pages that answer but are not the content: bot walls, consent interstitials and
/// "not found" pages served with 200. Looks only at the title, the first part of the page and
/// a few headers, with markers of widely deployed products (never of particular sites).
/// Works on ASCII-lower-cased bytes with `ByteSearch` (memmem): Foundation's string search was most of a
/// fetch's CPU time.
public enum PageSignals {
  /// The bot-wall or consent product whose markup the page carries, if any.
  public static func botWall(headers: [HTTPHeader], body: [UInt8]) -> String? {
    if headers.value(of: "cf-mitigated")?.lowercased() == "challenge" { return "Cloudflare challenge" }
    let head = lowercasedPrefix(body, 32_768)
    let title = self.title(head) ?? []
    for (marker, product) in bodyMarkers where contains(head, marker) { return product }
    for (marker, product) in titleMarkers where contains(title, marker) { return product }
    // Consent walls: a consent manager's page that is little more than the banner.
    if body.count < 60_000, consentMarkers.contains(where: { contains(head, $0) }) { return "consent interstitial" }
    return nil
  }

  /// Whether a 200 page says it is not found.
  public static func saysNotFound(_ body: [UInt8]) -> Bool {
    let head = lowercasedPrefix(body, 32_768)
    guard let title = title(head) else { return false }
    return notFoundPhrases.contains { contains(title, $0) } || title.starts(with: Array("404".utf8))
  }

  private static let bodyMarkers: [([UInt8], String)] = [
    ("challenge-platform", "Cloudflare challenge"), ("cf-chl-", "Cloudflare challenge"),
    ("_cf_chl_opt", "Cloudflare challenge"), ("cf-browser-verification", "Cloudflare challenge"),
    ("captcha-delivery.com", "DataDome captcha"), ("px-captcha", "PerimeterX captcha"),
    ("_incapsula_resource", "Imperva Incapsula"), ("incapsula incident id", "Imperva Incapsula"),
    ("/_sec/cp_challenge", "Akamai challenge"), ("ak_bmsc", "Akamai bot manager"),
    ("window._pxappid", "PerimeterX"), ("sucuri website firewall", "Sucuri firewall"),
  ].map { (Array($0.0.utf8), $0.1) }

  private static let titleMarkers: [([UInt8], String)] = [
    ("just a moment", "Cloudflare challenge"), ("attention required! | cloudflare", "Cloudflare block"),
    ("access denied", "access denied page"), ("pardon our interruption", "Imperva bot check"),
    ("are you a robot", "captcha"), ("verify you are human", "captcha"),
    ("before you continue", "consent interstitial"),
  ].map { (Array($0.0.utf8), $0.1) }

  private static let consentMarkers: [[UInt8]] = [
    "consent.google.com", "consent.yahoo.com", "guce.yahoo.com", "consent-management", "cmp-container",
  ].map { Array($0.utf8) }

  private static let notFoundPhrases: [[UInt8]] = [
    "page not found", "404 not found", "not found", "page doesn't exist", "page does not exist",
    "no longer available", "cannot be found", "can't be found", "error 404", "404 error",
  ].map { Array($0.utf8) }

  /// The bytes of the first `<title>`, trimmed.
  static func title(_ lowercasedHTML: [UInt8]) -> [UInt8]? {
    guard let open = find(lowercasedHTML, Array("<title".utf8), from: 0),
      let start = lowercasedHTML[open...].firstIndex(of: 0x3E),
      let close = find(lowercasedHTML, Array("</title>".utf8), from: start)
    else { return nil }
    var a = start + 1
    var b = close
    while a < b, lowercasedHTML[a] <= 0x20 { a += 1 }
    while b > a, lowercasedHTML[b - 1] <= 0x20 { b -= 1 }
    return Array(lowercasedHTML[a..<b])
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    find(haystack, needle, from: 0) != nil
  }

  private static func find(_ haystack: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
    ByteSearch.firstOffset(of: needle, in: haystack, from: start)
  }

  private static func lowercasedPrefix(_ body: [UInt8], _ count: Int) -> [UInt8] {
    body.prefix(count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  }
}
