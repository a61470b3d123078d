#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file name as the file system holds it (bytes, not necessarily UTF-8) and as reports show it.
///
/// Exists because Linux file names are bytes: Foundation decodes an invalid byte as U+FFFD, and the
/// decoded name then opens nothing, so a note was silently lost; a newline in a name split the
/// `file:line:` lines of every text report in two.
struct FileName: Hashable, Sendable {
  /// The name's bytes, as `readdir` gave them.
  var bytes: [UInt8]

  /// The name as shown in every report and used as the note's path: the name itself when it is
  /// UTF-8 without control characters; otherwise `\n`, `\r`, `\t`, `\\` and `\xHH` (for other
  /// control characters and for each byte that is not UTF-8) stand for what cannot be printed,
  /// so the shown name stays on one line and two different names never look the same.
  var display: String {
    if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: Self.isControl) {
      return text
    }
    var shown = ""
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      let length =
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
      if length > 0, i + length <= bytes.count,
        let scalar = String(validating: bytes[i..<(i + length)], as: UTF8.self)?.unicodeScalars.first
      {
        shown += Self.escaped(scalar)
        i += length
      } else {
        shown += Self.hex(lead)
        i += 1
      }
    }
    return shown
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\n": "\\n"
    case "\r": "\\r"
    case "\t": "\\t"
    case "\\": "\\\\"
    default: isControl(scalar) ? hex(UInt8(scalar.value)) : String(scalar)
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
  }

  /// The names in the folder at `path` (`.` and `..` left out), or the system's reason it cannot be read.
  static func entries(of path: [UInt8]) -> Result<[FileName], FileSystemError> {
    guard let directory = withCPath(path, { opendir($0) }) else { return .failure(.current) }
    defer { closedir(directory) }
    var names: [FileName] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      names.append(FileName(bytes: name))
    }
    return .success(names)
  }
}
