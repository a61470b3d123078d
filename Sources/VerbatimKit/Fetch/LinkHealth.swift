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
public enum PageSignals {
  /// The bot-wall or consent product whose markup the page carries, if any.
  public static func botWall(headers: [HTTPHeader], body: [UInt8]) -> String? {
    if headers.value(of: "cf-mitigated")?.lowercased() == "challenge" { return "Cloudflare challenge" }
    let head = lowercasedPrefix(body, 32_768)
    let title = self.title(head) ?? ""
    let markers: [(String, String)] = [
      ("challenge-platform", "Cloudflare challenge"), ("cf-chl-", "Cloudflare challenge"),
      ("_cf_chl_opt", "Cloudflare challenge"), ("cf-browser-verification", "Cloudflare challenge"),
      ("captcha-delivery.com", "DataDome captcha"), ("px-captcha", "PerimeterX captcha"),
      ("_incapsula_resource", "Imperva Incapsula"), ("incapsula incident id", "Imperva Incapsula"),
      ("/_sec/cp_challenge", "Akamai challenge"), ("ak_bmsc", "Akamai bot manager"),
      ("window._pxappid", "PerimeterX"), ("sucuri website firewall", "Sucuri firewall"),
    ]
    for (marker, product) in markers where head.contains(marker) { return product }
    let titles: [(String, String)] = [
      ("just a moment", "Cloudflare challenge"), ("attention required! | cloudflare", "Cloudflare block"),
      ("access denied", "access denied page"), ("pardon our interruption", "Imperva bot check"),
      ("are you a robot", "captcha"), ("verify you are human", "captcha"),
      ("before you continue", "consent interstitial"),
    ]
    for (marker, product) in titles where title.contains(marker) { return product }
    // Consent walls: a consent manager's page that is little more than the banner.
    let consent = ["consent.google.com", "consent.yahoo.com", "guce.yahoo.com", "consent-management", "cmp-container"]
    if body.count < 60_000, consent.contains(where: { head.contains($0) }) { return "consent interstitial" }
    return nil
  }

  /// Whether a 200 page says it is not found.
  public static func saysNotFound(_ body: [UInt8]) -> Bool {
    let head = lowercasedPrefix(body, 32_768)
    guard let title = title(head) else { return false }
    let phrases = [
      "page not found", "404 not found", "not found", "page doesn't exist", "page does not exist",
      "no longer available", "cannot be found", "can't be found", "error 404", "404 error",
    ]
    return phrases.contains { title.contains($0) } || title.hasPrefix("404")
  }

  /// The text of the first `<title>`, lower-cased and trimmed.
  static func title(_ lowercasedHTML: String) -> String? {
    guard let open = lowercasedHTML.range(of: "<title"),
      let start = lowercasedHTML[open.upperBound...].firstIndex(of: ">"),
      let close = lowercasedHTML[start...].range(of: "</title>")
    else { return nil }
    return String(lowercasedHTML[lowercasedHTML.index(after: start)..<close.lowerBound]).trimmingWhitespace()
  }

  private static func lowercasedPrefix(_ body: [UInt8], _ count: Int) -> String {
    String(decoding: body.prefix(count), as: UTF8.self).lowercased()
  }
}
