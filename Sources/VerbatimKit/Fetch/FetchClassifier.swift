import Foundation
internal import VerbatimInterop

/// Turns what a fetch produced (a transport failure, or a final response after its redirect
/// chain) into one `LinkHealth`.
enum FetchClassifier {
  static func health(for failure: TransferFailure) -> LinkHealth {
    switch failure {
    case .timeout: LinkHealth(.timeout, detail: "no complete answer within the time limit")
    case .stalled: LinkHealth(.timeout, detail: "transfer stalled (below the low-speed limit)")
    case .dnsFailure: LinkHealth(.dead, detail: "host name not found (DNS)")
    case .connectionRefused: LinkHealth(.refused, detail: "connection refused")
    case .connectionFailed: LinkHealth(.networkError, detail: "could not connect")
    case .tls(let message): LinkHealth(.tlsError, detail: "TLS: \(message)")
    case .bodyTooLarge: LinkHealth(.tooLarge, detail: "body larger than the size limit (after decoding)")
    case .headersTooLarge: LinkHealth(.tooLarge, detail: "response headers larger than libcurl's limit (300 KB)")
    case .blockedAddress(let address):
      LinkHealth(
        .blockedByPolicy,
        detail: "address \(address) is not allowed (private, loopback or reserved; see --allow-private)")
    case .truncated: LinkHealth(.networkError, detail: "connection closed before the whole body arrived")
    case .badContentEncoding: LinkHealth(.networkError, detail: "body could not be decoded (Content-Encoding)")
    case .cancelled: LinkHealth(.networkError, detail: "cancelled")
    case .other(let code, let message): LinkHealth(.networkError, detail: "\(message) (libcurl error \(code))")
    }
  }

  /// Health of a final response reached through `hops`.
  static func health(
    status: Int, headers: [HTTPHeader], body: [UInt8], hops: [RedirectHop], finalURL: String, firstURL: String
  ) -> LinkHealth {
    let redirects = redirectClasses(hops, finalURL: finalURL, firstURL: firstURL)
    if let wall = PageSignals.botWall(headers: headers, body: body) {
      return LinkHealth(.botWall, redirects: redirects, detail: "\(wall) (HTTP \(status))")
    }
    switch status {
    case 200...299:
      let type = (headers.value(of: "Content-Type") ?? "").lowercased()
      if !type.isEmpty, !type.contains("html"), !type.contains("xml") {
        let kind = type.contains("pdf") ? "pdf" : type.split(separator: ";").first.map(String.init) ?? type
        return LinkHealth(.unsupported, redirects: redirects, detail: kind)
      }
      if redirects.contains(.toHomePage) {
        return LinkHealth(.soft404, redirects: redirects, detail: "redirected to the site's home page")
      }
      if PageSignals.saysNotFound(body) {
        return LinkHealth(.soft404, redirects: redirects, detail: "HTTP \(status) but the page says it is not found")
      }
      if hops.isEmpty { return LinkHealth(.ok, detail: "HTTP \(status)") }
      return LinkHealth(.redirected, redirects: redirects, detail: "HTTP \(status) after \(hops.count) redirect(s)")
    case 401, 403, 451: return LinkHealth(.blocked, redirects: redirects, detail: "HTTP \(status)")
    case 404, 410: return LinkHealth(.dead, redirects: redirects, detail: "HTTP \(status)")
    case 418: return LinkHealth(.botWall, redirects: redirects, detail: "HTTP 418 to automated clients")
    case 429: return LinkHealth(.rateLimited, redirects: redirects, detail: "HTTP 429 after retries")
    case 500...599: return LinkHealth(.serverError, redirects: redirects, detail: "HTTP \(status)")
    case 300...399: return LinkHealth(.serverError, redirects: redirects, detail: "HTTP \(status) without a Location")
    default: return LinkHealth(.dead, redirects: redirects, detail: "HTTP \(status)")
    }
  }

  /// Classes of a redirect chain from `firstURL` to `finalURL`.
  static func redirectClasses(_ hops: [RedirectHop], finalURL: String, firstURL: String) -> [LinkHealth.RedirectClass] {
    guard !hops.isEmpty else { return [] }
    var classes: [LinkHealth.RedirectClass] = []
    let permanent = hops.allSatisfy { $0.status == 301 || $0.status == 308 }
    classes.append(permanent ? .permanent : .temporary)
    let first = URLIdentity(firstURL)
    let last = URLIdentity(finalURL)
    if firstURL.lowercased().hasPrefix("http://"), finalURL.lowercased().hasPrefix("https://"),
      first.key.map({ $0.dropFirst("http://".count) }) == last.key.map({ $0.dropFirst("https://".count) })
    {
      classes.append(.httpsUpgrade)
    }
    if let a = first.host, let b = last.host, registrableDomain(a) != registrableDomain(b) {
      classes.append(.crossDomain)
    }
    // A deep link that lands on `/` (or an index page) is the classic soft 404.
    if path(of: firstURL).count > 1, ["/", "/index.html", "/index.php", "/home"].contains(path(of: finalURL)) {
      classes.append(.toHomePage)
    }
    return classes
  }

  private static func path(of url: String) -> String {
    guard let key = URLIdentity(url).key, let schemeEnd = key.range(of: "://") else { return "/" }
    let rest = key[schemeEnd.upperBound...]
    guard let slash = rest.firstIndex(of: "/") else { return "/" }
    let path = rest[slash...]
    return String(path.split(separator: "?", maxSplits: 1).first ?? "/")
  }

  /// The last two labels of a host (`www.news.org` → `news.org`); good enough to tell a
  /// cross-site redirect from a same-site one without a public-suffix list.
  private static func registrableDomain(_ host: String) -> String {
    if IPAddress(host) != nil { return host }
    let labels = host.split(separator: ".")
    return labels.suffix(2).joined(separator: ".")
  }
}

/// `Retry-After`: delay-seconds or an HTTP-date.
enum RetryAfter {
  static func milliseconds(_ value: String?, now: Date) -> Int? {
    guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
    if let seconds = Int(value), seconds >= 0 { return seconds * 1000 }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: value) {
        return max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up)))
      }
    }
    return nil
  }
}
