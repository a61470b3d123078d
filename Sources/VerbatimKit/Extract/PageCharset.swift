/// How a page's bytes are decoded, decided in the HTML standard's order.
///
/// Exists because libxml2 alone guesses wrong: it never sees the HTTP header, and trusts a `<meta charset>`
/// that real pages get wrong (UTF-8 bytes declared as `shift_jis`). The decision and the rule that made
/// it are kept, so a reader can see why a page decoded the way it did.
struct PageCharset: Sendable, Hashable {
  /// How the encoding was chosen.
  enum Rule: String, Sendable {
    case byteOrderMark = "bom"
    case httpHeader = "http-content-type"
    case metaPrescan = "meta-charset"
    /// A legacy charset was declared but the bytes are valid UTF-8 (with non-ASCII characters).
    case declaredButUTF8 = "declared-but-utf8"
    case validUTF8 = "utf8-default"
    case fallback = "windows-1252-default"
  }

  /// A name libxml2 (iconv) understands: `UTF-8`, `windows-1252`, `CP932`, …
  var encoding: String
  var rule: Rule

  /// Decides the encoding of `bytes`; `contentType` is the HTTP `Content-Type` header, if any.
  /// `canDecode` says whether the decoder supports a candidate (labels it cannot decode are skipped).
  static func sniff(
    _ bytes: [UInt8], contentType: String?, canDecode: (String) -> Bool = { _ in true }
  ) -> PageCharset {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      return PageCharset(encoding: "UTF-8", rule: .byteOrderMark)
    }
    if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
      return PageCharset(encoding: bytes[0] == 0xFE ? "UTF-16BE" : "UTF-16LE", rule: .byteOrderMark)
    }
    let utf8 = UTF8Validity(bytes)
    func declared(_ label: String?, _ rule: Rule) -> PageCharset? {
      guard let label, let encoding = canonicalEncoding(label), canDecode(encoding) else { return nil }
      if encoding != "UTF-8", utf8 == .validWithNonASCII {
        return PageCharset(encoding: "UTF-8", rule: .declaredButUTF8)
      }
      return PageCharset(encoding: encoding, rule: rule)
    }
    if let header = contentType, let result = declared(charsetParameter(header), .httpHeader) {
      return result
    }
    if let result = declared(metaCharset(bytes, limit: 1024), .metaPrescan) {
      return result
    }
    if utf8 != .invalid {
      return PageCharset(encoding: "UTF-8", rule: .validUTF8)
    }
    // Not UTF-8 and nothing declared early: many legacy pages declare late, after scripts and styles.
    if let result = declared(metaCharset(bytes, limit: 65_536), .metaPrescan) {
      return result
    }
    return PageCharset(encoding: "windows-1252", rule: .fallback)
  }

  /// The WHATWG Encoding Standard's label → encoding mapping, for the labels seen on the web, expressed as
  /// iconv names. Unknown labels give nil (the label is ignored, as browsers do).
  static func canonicalEncoding(_ label: String) -> String? {
    let key = String(label.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\"" && $0 != "'" })
    switch key {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
      return "UTF-8"
    // A meta declaring UTF-16 means UTF-8 (the bytes would not be ASCII-compatible otherwise).
    case "utf-16", "utf-16le", "utf-16be", "unicodefffe", "unicode":
      return "UTF-8"
    case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968",
      "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "iso88591",
      "x-user-defined":
      return "windows-1252"
    case "iso-8859-9", "iso8859-9", "latin5", "l5", "windows-1254", "cp1254": return "windows-1254"
    case "iso-8859-11", "tis-620", "windows-874", "dos-874": return "windows-874"
    case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms932", "ms_kanji", "windows-31j", "csshiftjis", "cp932":
      return "CP932"
    case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": return "EUC-JP"
    case "iso-2022-jp", "csiso2022jp": return "ISO-2022-JP"
    case "gb2312", "gbk", "x-gbk", "chinese", "gb_2312-80", "gb_2312", "csgb2312", "iso-ir-58", "cp936",
      "ms936", "windows-936":
      return "GBK"
    case "gb18030": return "GB18030"
    case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5": return "BIG5-HKSCS"
    case "euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "windows-949",
      "cp949", "csksc56011987", "iso-ir-149":
      return "CP949"
    case "koi8-r", "koi8", "koi", "cskoi8r": return "KOI8-R"
    case "koi8-u", "koi8-ru": return "KOI8-U"
    case "latin2", "l2", "iso8859-2", "iso_8859-2", "csisolatin2": return "ISO-8859-2"
    default:
      if key.hasPrefix("windows-125"), key.count == 12 { return key }
      if key.hasPrefix("iso-8859-"), let part = Int(key.dropFirst(9)), (2...16).contains(part) {
        return "ISO-8859-\(part)"
      }
      return nil
    }
  }

  /// The `charset` parameter of a `Content-Type` value.
  static func charsetParameter(_ contentType: String) -> String? {
    let bytes = Array(contentType.utf8)
    guard let at = ASCIIText.find(Array("charset".utf8), in: bytes, from: 0, caseInsensitive: true)
    else { return nil }
    var i = at + 7
    while i < bytes.count, bytes[i] == 0x20 { i += 1 }
    guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return nil }
    i += 1
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x22 || bytes[i] == 0x27 { i += 1 }
    var j = i
    while j < bytes.count, !(bytes[j] == 0x3B || bytes[j] == 0x20 || bytes[j] == 0x22 || bytes[j] == 0x27)
    {
      j += 1
    }
    return j > i ? String(decoding: bytes[i..<j], as: UTF8.self) : nil
  }

  /// The charset a `<meta charset>` or `<meta http-equiv=content-type content=…>` declares within the
  /// first `limit` bytes (comments skipped).
  static func metaCharset(_ bytes: [UInt8], limit: Int) -> String? {
    let end = min(bytes.count, limit)
    var i = 0
    while i < end {
      guard let lt = ASCIIText.index(of: UInt8(ascii: "<"), in: bytes, from: i, to: end) else { return nil }
      if ASCIIText.hasPrefix(Array("<!--".utf8), in: bytes, at: lt) {
        guard let close = ASCIIText.find(Array("-->".utf8), in: bytes, from: lt + 4) else { return nil }
        i = close + 3
        continue
      }
      guard ASCIIText.hasPrefix(Array("<meta".utf8), in: bytes, at: lt, caseInsensitive: true),
        lt + 5 < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x2F].contains(bytes[lt + 5])
      else {
        i = lt + 1
        continue
      }
      let tagEnd = ASCIIText.index(of: UInt8(ascii: ">"), in: bytes, from: lt, to: bytes.count) ?? bytes.count
      let attributes = ASCIIText.tagAttributes(bytes[(lt + 5)..<tagEnd])
      if let charset = attributes["charset"], !charset.isEmpty { return charset }
      if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
        let charset = charsetParameter(content)
      {
        return charset
      }
      i = tagEnd
    }
    return nil
  }
}

/// Whether bytes are UTF-8, and whether they use anything beyond ASCII.
enum UTF8Validity: Sendable {
  case ascii, validWithNonASCII, invalid

  init(_ bytes: [UInt8]) {
    guard bytes.contains(where: { $0 >= 0x80 }) else {
      self = .ascii
      return
    }
    self = String(validating: bytes, as: UTF8.self) != nil ? .validWithNonASCII : .invalid
  }
}
