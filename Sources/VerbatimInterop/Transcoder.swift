#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Decodes legacy-encoded page bytes to UTF-8 the way browsers do: an undecodable byte becomes U+FFFD
/// and decoding goes on.
///
/// Exists because libxml2 (through iconv) stops at the first byte it cannot decode and silently drops
/// the rest of the page; windows-1252 is decoded here by the WHATWG table (its five undefined bytes map
/// to C1 controls), everything else through glibc's iconv with replacement.
public enum Transcoder {
  /// `bytes` in `encoding` as UTF-8, or nil when the encoding is unknown to iconv.
  public static func utf8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
    let upper = encoding.uppercased()
    if upper == "UTF-8" || upper == "UTF8" { return bytes }
    if upper == "WINDOWS-1252" || upper == "CP1252" { return windows1252(bytes) }
    return iconvUTF8(bytes, from: encoding)
  }

  /// The WHATWG windows-1252 decoder: Latin-1 except 0x80–0x9F.
  static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for b in bytes {
      if b < 0x80 {
        out.append(b)
        continue
      }
      let scalar = b >= 0xA0 ? UInt32(b) : c1Table[Int(b - 0x80)]
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  private static let c1Table: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80: out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (scalar >> 18)))
      out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// iconv with replacement: on an invalid or incomplete sequence, U+FFFD is written and one byte skipped.
  static func iconvUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
    let converter = iconv_open("UTF-8", encoding)
    guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
    var produced = 0
    var input = bytes
    input.withUnsafeMutableBufferPointer { inBuffer in
      var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
      var inLeft = inBuffer.count
      while inLeft > 0 {
        if output.count - produced < 16 {
          output.append(contentsOf: repeatElement(0, count: max(4096, output.count / 2)))
        }
        var outLeft = output.count - produced
        let result = output.withUnsafeMutableBufferPointer { outBuffer -> Int in
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
            .assumingMemoryBound(to: CChar.self)
          let r = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
          produced = outBuffer.count - outLeft
          return r
        }
        if result != -1 { break }
        switch errno {
        case E2BIG: continue  // grow and go on
        default:
          // EILSEQ or EINVAL: replace one byte and go on.
          output.replaceSubrange(produced..<(produced + 3), with: [0xEF, 0xBF, 0xBD])
          produced += 3
          inPointer = inPointer.map { $0 + 1 }
          inLeft -= 1
          iconv(converter, nil, nil, nil, nil)  // reset the shift state
        }
      }
    }
    return Array(output[..<produced])
  }
}
