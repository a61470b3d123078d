import Foundation

/// How a URL found in a note is classified.
///
/// Exists so the harvester can decide, without fetching, whether a link is something it
/// can archive (`web`), something to record but never fetch (`mailto`, `nonWeb`), or a link
/// inside the vault (`relative`).
public enum URLScheme: String, Sendable, Codable {
  case web, mailto, nonWeb = "non-web", relative
}

/// The identity of one link as written in a note.
///
/// Exists because the same source is linked in many spellings (upper-case hosts, IDN hosts,
/// default ports, tracking parameters, text fragments); Verbatim needs one dedupe key per
/// source and one URL the fetcher can actually request. Parsing is done by hand on UTF-8
/// bytes because `Foundation.URL` mishandles IDN hosts and spaces on Linux.
public struct URLIdentity: Sendable, Hashable {
  /// The URL exactly as given (already Markdown-unescaped by the caller).
  public let written: String
  /// Dedupe key: lower-cased scheme and punycoded host, no default port, fragment or
  /// tracking parameters, path "" → "/", spaces and non-ASCII percent-encoded. nil for non-web URLs.
  public let key: String?
  /// What the fetcher should request: the written URL minus its fragment, host punycoded,
  /// spaces and non-ASCII percent-encoded, `www.`-only links prefixed with http://. nil for non-web.
  public let fetchURL: String?
  /// How the URL is classified.
  public let scheme: URLScheme
  /// Lower-cased host in punycode, without a trailing dot; nil when none (and for non-web URLs).
  public let host: String?
  /// The raw fragment (after the first '#', without '#'), nil when none.
  public let fragment: String?

  public init(_ written: String) {
    // Most URLs in notes are already in key form (`https://host/path`, lower-case host, no
    // query, fragment, port, spaces or non-ASCII): they are their own key and fetch URL.
    if let host = Self.canonicalHost(written) {
      self.init(canonical: written, host: host)
    } else {
      self.init(parsing: written)
    }
  }

  private init(canonical: String, host: String) {
    written = canonical
    key = canonical
    fetchURL = canonical
    scheme = .web
    self.host = host
    fragment = nil
  }

  /// The full parse, for any URL (`init(_:)` takes a shortcut for canonical ones).
  init(parsing written: String) {
    self.written = written
    let bytes = URLBytes.trimmed(Array(written.utf8))
    let hashIndex = bytes.firstIndex(of: .hash)
    fragment = hashIndex.map { URLBytes.string(bytes[($0 + 1)...]) }

    let (kind, afterScheme, schemeName) = URLIdentity.classify(bytes)
    scheme = kind
    guard kind == .web, let afterScheme, let schemeName else {
      key = nil
      fetchURL = nil
      host = nil
      return
    }
    let parts = WebURLParts(schemeName: schemeName, rest: afterScheme)
    host = parts.keyHost.isEmpty ? nil : parts.keyHost
    key = parts.key
    fetchURL = parts.fetchURL
  }

  /// The host of a URL that is already canonical: `http(s)://` in lower case, a lower-case
  /// ASCII host without port or trailing dot, then `/` and a path of printable ASCII without
  /// `?`, `#` or `%`; nil for anything else.
  static func canonicalHost(_ written: String) -> String? {
    var written = written
    return written.withUTF8 { u -> String? in
      let prefix: Int
      if u.count > 8, u[0] == 0x68, u[1] == 0x74, u[2] == 0x74, u[3] == 0x70, u[4] == 0x73, u[5] == 0x3A,
        u[6] == 0x2F, u[7] == 0x2F
      {
        prefix = 8
      } else if u.count > 7, u[0] == 0x68, u[1] == 0x74, u[2] == 0x74, u[3] == 0x70, u[4] == 0x3A,
        u[5] == 0x2F, u[6] == 0x2F
      {
        prefix = 7
      } else {
        return nil
      }
      var i = prefix
      while i < u.count {
        let c = u[i]
        guard (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E else { break }
        i += 1
      }
      guard i > prefix, i < u.count, u[i] == 0x2F, u[i - 1] != 0x2E, u[prefix] != 0x2E else { return nil }
      let hostEnd = i
      while i < u.count {
        let c = u[i]
        guard c > 0x20, c < 0x7F, c != 0x3F, c != 0x23, c != 0x25, c != 0x5C else { return nil }
        i += 1
      }
      return String(decoding: UnsafeBufferPointer(rebasing: u[prefix..<hostEnd]), as: UTF8.self)
    }
  }

  /// Classifies trimmed bytes; for web URLs also returns the bytes after `scheme:` (or the whole
  /// input for scheme-less `www.` links) and the lower-cased scheme name.
  private static func classify(_ bytes: [UInt8]) -> (URLScheme, ArraySlice<UInt8>?, String?) {
    if URLBytes.hasCaseInsensitivePrefix(bytes, "www.") {
      return (.web, bytes[...], "http")
    }
    guard let colon = URLBytes.schemeColon(bytes) else { return (.relative, nil, nil) }
    let name = URLBytes.string(bytes[..<colon]).lowercased()
    switch name {
    case "http", "https": return (.web, bytes[(colon + 1)...], name)
    case "mailto": return (.mailto, nil, nil)
    default: return (.nonWeb, nil, nil)
    }
  }
}

/// The pieces of a web URL after `scheme:`, split by hand.
private struct WebURLParts {
  let key: String
  let fetchURL: String
  let keyHost: String

  init(schemeName: String, rest: ArraySlice<UInt8>) {
    // Like browsers, tolerate any number of slashes after "http:".
    var body = rest.drop { $0 == .slash || $0 == .backslash }
    if let hash = body.firstIndex(of: .hash) { body = body[..<hash] }
    let authorityEnd = body.firstIndex { $0 == .slash || $0 == .question } ?? body.endIndex
    let authority = body[..<authorityEnd]
    let afterAuthority = body[authorityEnd...]
    let queryStart = afterAuthority.firstIndex(of: .question)
    let path = queryStart.map { afterAuthority[..<$0] } ?? afterAuthority
    let query = queryStart.map { afterAuthority[($0 + 1)...] }

    var userinfo: ArraySlice<UInt8>?
    var hostPort = authority
    if let at = authority.lastIndex(of: .at) {
      userinfo = authority[..<at]
      hostPort = authority[(at + 1)...]
    }
    let (rawHost, rawPort) = WebURLParts.splitHostPort(hostPort)

    let fetchHost = IDNA.asciiHost(URLBytes.string(rawHost))
    var keyHost = fetchHost
    if keyHost.hasSuffix(".") && !keyHost.hasPrefix("[") { keyHost.removeLast() }
    self.keyHost = keyHost

    let userPart = userinfo.map { URLBytes.encodeLoose($0) + "@" } ?? ""
    let pathText = path.isEmpty ? "/" : URLBytes.encodeLoose(path)

    var fetch = schemeName + "://" + userPart + fetchHost
    if let rawPort, !rawPort.isEmpty { fetch += ":" + URLBytes.encodeLoose(rawPort) }
    fetch += pathText
    if let query { fetch += "?" + URLBytes.encodeLoose(query) }
    fetchURL = fetch

    var keyText = schemeName + "://" + userPart + keyHost
    if let port = WebURLParts.keyPort(rawPort, scheme: schemeName) { keyText += ":" + port }
    keyText += pathText
    if let query {
      let kept = TrackingParameters.strip(query)
      if !kept.isEmpty { keyText += "?" + kept }
    }
    key = keyText
  }

  /// Splits `host[:port]` or `[v6][:port]`; the port is nil when there is no colon.
  static func splitHostPort(_ hostPort: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
    if hostPort.first == .openBracket, let close = hostPort.firstIndex(of: .closeBracket) {
      let host = hostPort[...close]
      let after = hostPort[(close + 1)...]
      if after.first == .colon { return (host, after.dropFirst()) }
      return (host, nil)
    }
    if let colon = hostPort.lastIndex(of: .colon) {
      return (hostPort[..<colon], hostPort[(colon + 1)...])
    }
    return (hostPort, nil)
  }

  /// The port for the key: nil when absent, empty or the scheme's default; numeric ports
  /// are written without leading zeros; anything else is kept (encoded) as written.
  static func keyPort(_ raw: ArraySlice<UInt8>?, scheme: String) -> String? {
    guard let raw, !raw.isEmpty else { return nil }
    guard raw.allSatisfy({ $0 >= .zero && $0 <= .nine }) else { return URLBytes.encodeLoose(raw) }
    let digits = raw.drop { $0 == .zero }
    guard digits.count <= 9, let value = Int(URLBytes.string(digits.isEmpty ? [.zero] : digits)) else {
      return URLBytes.encodeLoose(raw)
    }
    if (scheme == "http" && value == 80) || (scheme == "https" && value == 443) { return nil }
    return String(value)
  }
}

/// Query parameters that identify a click, not a resource; dropped from dedupe keys.
enum TrackingParameters {
  static let names: Set<String> = [
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_eid", "mc_cid", "igshid",
    "_ga", "_gl", "yclid", "twclid", "ref_src", "ref_url", "s_cid", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_id", "__hssc", "__hstc", "__hsfp", "hsctatracking", "_hsenc", "_hsmi",
  ]

  /// True when a parameter name (compared case-insensitively) is a tracking parameter.
  static func isTracking(name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasPrefix("utm_") || names.contains(lower)
  }

  /// The query (without '?') minus tracking parameters and empty pieces, encoded loosely;
  /// the remaining parameters keep their order and exact text.
  static func strip(_ query: ArraySlice<UInt8>) -> String {
    query.split(separator: .ampersand, omittingEmptySubsequences: true)
      .filter { piece in
        let name = piece.firstIndex(of: .equals).map { piece[..<$0] } ?? piece
        return !isTracking(name: URLBytes.string(name))
      }
      .map { URLBytes.encodeLoose($0) }
      .joined(separator: "&")
  }
}

/// Byte-level helpers shared by the URL parsers.
enum URLBytes {
  static func string<C: Collection<UInt8>>(_ bytes: C) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Drops leading and trailing ASCII whitespace and control characters.
  static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
    let isSpace: (UInt8) -> Bool = { $0 <= 0x20 }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return [] }
    return Array(bytes[first...last])
  }

  static func hasCaseInsensitivePrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
    let p = Array(prefix.utf8)
    guard bytes.count >= p.count else { return false }
    return zip(bytes, p).allSatisfy { lowerASCII($0) == $1 }
  }

  static func lowerASCII(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
  }

  /// Index of the ':' ending an RFC 3986 scheme (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")), if any.
  static func schemeColon(_ bytes: [UInt8]) -> Int? {
    guard let first = bytes.first, isAlpha(first) else { return nil }
    for (i, b) in bytes.enumerated().dropFirst() {
      if b == .colon { return i }
      if !(isAlpha(b) || (b >= .zero && b <= .nine) || b == 0x2B || b == 0x2D || b == 0x2E) { return nil }
    }
    return nil
  }

  static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

  /// Percent-encodes (UTF-8, uppercase hex) spaces, control characters and non-ASCII bytes;
  /// everything else, including existing escapes, is kept as written.
  static func encodeLoose<C: Collection<UInt8>>(_ bytes: C) -> String {
    var out = ""
    out.reserveCapacity(bytes.count)
    for b in bytes {
      if b <= 0x20 || b >= 0x7F {
        out += "%" + hexDigit(b >> 4) + hexDigit(b & 0x0F)
      } else {
        out.unicodeScalars.append(Unicode.Scalar(b))
      }
    }
    return out
  }

  static func hexDigit(_ nibble: UInt8) -> String {
    String(Unicode.Scalar(nibble < 10 ? 0x30 + nibble : 0x37 + nibble))
  }

  static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x41...0x46: return b - 0x37
    case 0x61...0x66: return b - 0x57
    default: return nil
    }
  }

  /// Strict percent-decoding to bytes: nil when a '%' is not followed by two hex digits.
  static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      guard b == .percent else {
        out.append(b)
        i += 1
        continue
      }
      guard i + 2 < bytes.endIndex, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
        return nil
      }
      out.append(hi << 4 | lo)
      i += 3
    }
    return out
  }
}

/// Host-name mapping to ASCII (the parts of UTS #46 / IDNA that matter for dedupe).
enum IDNA {
  /// NFKC, full-width dots → '.', per-label Unicode lower-casing, then "xn--" + punycode for
  /// labels with non-ASCII. Percent-escaped hosts are decoded first; IPv6 literals are only lower-cased.
  static func asciiHost(_ host: String) -> String {
    if host.hasPrefix("[") { return host.lowercased() }
    // Fast path: plain ASCII hosts (almost all of them) only need lower-casing.
    if host.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x25 }) {
      return String(decoding: host.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
    var text = host
    if text.contains("%"), let bytes = URLBytes.percentDecode(Array(text.utf8)[...]),
      let decoded = String(validating: bytes, as: UTF8.self)
    {
      text = decoded
    }
    text = text.precomposedStringWithCompatibilityMapping
    let dots: Set<Unicode.Scalar> = ["\u{3002}", "\u{FF0E}", "\u{FF61}"]
    var mapped = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { mapped.append(dots.contains(scalar) ? "." : scalar) }
    let labels = String(mapped).split(separator: ".", omittingEmptySubsequences: false)
    return labels.map { label -> String in
      let lower = label.lowercased().precomposedStringWithCanonicalMapping
      if lower.unicodeScalars.allSatisfy(\.isASCII) { return lower }
      return "xn--" + Punycode.encode(lower)
    }.joined(separator: ".")
  }
}

/// RFC 3492 Punycode encoder (Bootstring with the Punycode parameters).
enum Punycode {
  private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
  private static let initialBias = 72, initialN = 0x80

  /// Encodes a label's code points; basic (ASCII) code points are copied as-is, followed by
  /// '-' when there are any, then the encoded deltas. No "xn--" prefix.
  static func encode(_ input: String) -> String {
    let codePoints = input.unicodeScalars.map { Int($0.value) }
    var output: [UInt8] = codePoints.filter { $0 < 0x80 }.map { UInt8($0) }
    let basicCount = output.count
    if basicCount > 0 { output.append(.hyphen) }
    var n = initialN, delta = 0, bias = initialBias, handled = basicCount
    while handled < codePoints.count {
      let m = codePoints.filter { $0 >= n }.min()!
      delta += (m - n) * (handled + 1)
      n = m
      for c in codePoints {
        if c < n { delta += 1 }
        guard c == n else { continue }
        var q = delta
        var k = base
        while true {
          let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
          if q < t { break }
          output.append(digit(t + (q - t) % (base - t)))
          q = (q - t) / (base - t)
          k += base
        }
        output.append(digit(q))
        bias = adapt(delta, numPoints: handled + 1, firstTime: handled == basicCount)
        delta = 0
        handled += 1
      }
      delta += 1
      n += 1
    }
    return URLBytes.string(output)
  }

  private static func digit(_ d: Int) -> UInt8 {
    d < 26 ? UInt8(0x61 + d) : UInt8(0x30 + d - 26)
  }

  private static func adapt(_ delta: Int, numPoints: Int, firstTime: Bool) -> Int {
    var delta = firstTime ? delta / damp : delta / 2
    delta += delta / numPoints
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }
}

fileprivate extension UInt8 {
  static let hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
  static let question = UInt8(ascii: "?"), at = UInt8(ascii: "@"), colon = UInt8(ascii: ":")
  static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
  static let ampersand = UInt8(ascii: "&"), equals = UInt8(ascii: "="), percent = UInt8(ascii: "%")
  static let hyphen = UInt8(ascii: "-"), zero = UInt8(ascii: "0")
  static let nine = UInt8(ascii: "9")
}
