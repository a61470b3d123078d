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
}
