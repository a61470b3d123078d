internal import CCurl

/// Substring search over bytes with glibc's `memmem` (two-way algorithm): the fetch stage
/// scans the head of every page for bot-wall and soft-404 markers, and Foundation's string
/// search was most of a fetch's CPU time.
public enum ByteSearch {
  /// Offset of the first occurrence of `needle` in `haystack` at or after `start`.
  public static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard !needle.isEmpty, start >= 0, start <= haystack.count else { return nil }
    return haystack.withUnsafeBytes { h in
      needle.withUnsafeBytes { n -> Int? in
        guard let base = h.baseAddress else { return nil }
        let found = ccurl_find_bytes(base + start, h.count - start, n.baseAddress, n.count)
        return found < 0 ? nil : start + found
      }
    }
  }

  /// Whether `needle` occurs within `range` of `haystack`.
  public static func contains(_ needle: [UInt8], in haystack: [UInt8], range: Range<Int>) -> Bool {
    guard !needle.isEmpty, range.lowerBound >= 0, range.upperBound <= haystack.count, range.count >= needle.count
    else { return false }
    return haystack.withUnsafeBytes { h in
      needle.withUnsafeBytes { n in
        ccurl_find_bytes(h.baseAddress! + range.lowerBound, range.count, n.baseAddress, n.count) >= 0
      }
    }
  }
}
