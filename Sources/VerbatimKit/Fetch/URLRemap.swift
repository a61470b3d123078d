/// `--remap 'REGEX REPLACEMENT'` (lychee's syntax): fetch a URL from another address while every
/// record, report and bibliography keeps the original URL as the source's identity.
/// `$1`…`$9` in the replacement stand for the pattern's capture groups; the first matching rule
/// applies.
public struct URLRemap: Sendable, CustomStringConvertible {
  public let pattern: String
  public let replacement: String

  /// Parses `REGEX REPLACEMENT` (separated by the first run of spaces).
  public init(_ rule: String) throws(URLRemapError) {
    let trimmed = rule.trimmingWhitespace()
    guard let space = trimmed.firstIndex(of: " ") else { throw .missingReplacement(rule) }
    pattern = String(trimmed[..<space])
    replacement = String(trimmed[space...]).trimmingWhitespace()
    do {
      _ = try Regex(pattern)
    } catch {
      throw .invalidPattern(pattern, "\(error)")
    }
  }

  public var description: String { "\(pattern) \(replacement)" }

  /// The remapped URL, or nil when the pattern does not match.
  public func apply(to url: String) -> String? {
    // `Regex` is not Sendable: compiled per use (rules are few, and fetches are network-bound).
    guard let regex = try? Regex(pattern), let match = try? regex.firstMatch(in: url) else { return nil }
    var expanded = ""
    var chars = replacement.makeIterator()
    while let c = chars.next() {
      guard c == "$" else {
        expanded.append(c)
        continue
      }
      guard let digit = chars.next() else {
        expanded.append(c)
        break
      }
      if let n = digit.wholeNumberValue, n < match.output.count {
        if let sub = match.output[n].substring { expanded += sub }
      } else {
        expanded.append(c)
        expanded.append(digit)
      }
    }
    return String(url[..<match.range.lowerBound]) + expanded + String(url[match.range.upperBound...])
  }

  /// The first rule that matches, applied; the URL itself when none does.
  public static func apply(_ rules: [URLRemap], to url: String) -> String {
    for rule in rules { if let mapped = rule.apply(to: url) { return mapped } }
    return url
  }
}

public enum URLRemapError: Error, Equatable, CustomStringConvertible {
  case missingReplacement(String)
  case invalidPattern(String, String)

  public var description: String {
    switch self {
    case .missingReplacement(let rule): "--remap '\(rule)': expected 'REGEX REPLACEMENT'"
    case .invalidPattern(let pattern, let reason): "--remap: invalid regular expression '\(pattern)': \(reason)"
    }
  }
}

extension URLRemap {
  /// `url`, fetched under a remap from `requested` (the address asked) for `cited` (the URL as cited),
  /// written back in the cited form: the part the two share at the end is the path, and what precedes
  /// it is swapped back (`http://127.0.0.1:8080/site.example/a/b` → `https://site.example/a/b`). URLs
  /// outside the remapped prefix, or a fetch that was not remapped, come back unchanged.
  public static func citedForm(_ url: String, cited: String, requested: String) -> String {
    guard cited != requested else { return url }
    let c = Array(cited.utf8)
    let r = Array(requested.utf8)
    var shared = 0
    while shared < min(c.count, r.count), c[c.count - 1 - shared] == r[r.count - 1 - shared] { shared += 1 }
    // Keep the shared tail from a path boundary, so a host is never cut in half.
    var tail = shared
    while tail > 0, c[c.count - tail] != UInt8(ascii: "/") { tail -= 1 }
    guard tail > 0 else { return url }
    let requestedPrefix = String(decoding: r[..<(r.count - tail)], as: UTF8.self)
    let citedPrefix = String(decoding: c[..<(c.count - tail)], as: UTF8.self)
    guard url.hasPrefix(requestedPrefix) else { return url }
    return citedPrefix + url.dropFirst(requestedPrefix.count)
  }
}
