/// Byte-level searches over ASCII-compatible text (HTML prescans, headers), optionally ignoring ASCII case.
///
/// Exists because Foundation's string searching is slow on Linux and these scans run on every page.
enum ASCIIText {
  /// The first index of `byte` in `bytes[from..<to]`.
  static func index(of byte: UInt8, in bytes: [UInt8], from: Int, to: Int) -> Int? {
    var i = from
    while i < to {
      if bytes[i] == byte { return i }
      i += 1
    }
    return nil
  }

  /// Whether `bytes` has `prefix` at `at`.
  static func hasPrefix(_ prefix: [UInt8], in bytes: [UInt8], at: Int, caseInsensitive: Bool = false) -> Bool {
    guard at >= 0, at + prefix.count <= bytes.count else { return false }
    for k in 0..<prefix.count {
      let a = bytes[at + k]
      let b = prefix[k]
      if a == b { continue }
      if caseInsensitive, lower(a) == lower(b) { continue }
      return false
    }
    return true
  }

  /// The first index at or after `from` where `needle` occurs.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, caseInsensitive: Bool = false) -> Int? {
    guard let first = needle.first, needle.count <= bytes.count else { return nil }
    var i = max(from, 0)
    let last = bytes.count - needle.count
    while i <= last {
      let c = bytes[i]
      if c == first || (caseInsensitive && lower(c) == lower(first)),
        hasPrefix(needle, in: bytes, at: i, caseInsensitive: caseInsensitive)
      {
        return i
      }
      i += 1
    }
    return nil
  }

  @inline(__always)
  static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

  /// The attributes of one start tag, `bytes` being what follows the tag name up to `>`; names lowercased,
  /// values as written (no entity decoding: enough for charset labels).
  static func tagAttributes(_ bytes: ArraySlice<UInt8>) -> [String: String] {
    var result: [String: String] = [:]
    var i = bytes.startIndex
    let end = bytes.endIndex
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x2F }
    while i < end {
      while i < end, isSpace(bytes[i]) { i += 1 }
      let nameStart = i
      while i < end, !isSpace(bytes[i]), bytes[i] != 0x3D { i += 1 }
      guard i > nameStart else { break }
      let name = String(decoding: bytes[nameStart..<i].map(lower), as: UTF8.self)
      while i < end, bytes[i] == 0x20 { i += 1 }
      var value = ""
      if i < end, bytes[i] == 0x3D {
        i += 1
        while i < end, bytes[i] == 0x20 { i += 1 }
        if i < end, bytes[i] == 0x22 || bytes[i] == 0x27 {
          let quote = bytes[i]
          let valueStart = i + 1
          var j = valueStart
          while j < end, bytes[j] != quote { j += 1 }
          value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
          i = min(j + 1, end)
        } else {
          let valueStart = i
          while i < end, !isSpace(bytes[i]) || bytes[i] == 0x2F { i += 1 }
          value = String(decoding: bytes[valueStart..<i], as: UTF8.self)
        }
      }
      if result[name] == nil { result[name] = value }
    }
    return result
  }
}
