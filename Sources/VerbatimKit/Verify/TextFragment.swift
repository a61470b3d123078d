/// Text-fragment links (`#:~:text=`) to a verified quote: generated, then re-parsed and re-located
/// before they are given out.
///
/// Exists so a reader can click from the note straight to the quoted words. Generation follows the
/// WICG spec's advice (quotes.md §8): the whole quote when it is short and unique, context words when it
/// is not, a `start,end` range when it is long or crosses blocks; every byte but `A–Z a–z 0–9 . _ ~`
/// percent-encoded. A link that does not resolve back to the intended words is never emitted.
enum TextFragment {
  /// One parsed `text=` directive.
  struct Directive: Equatable, Sendable {
    var prefix: String?
    var start: String
    var end: String?
    var suffix: String?
  }

  /// Percent-encodes a term: every UTF-8 byte except unreserved letters, digits and `. _ ~`.
  static func encode(_ term: String) -> String {
    var out = ""
    for byte in term.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        out.unicodeScalars.append("%")
        out.unicodeScalars.append(hex[Int(byte >> 4)])
        out.unicodeScalars.append(hex[Int(byte & 0xF)])
      }
    }
    return out
  }

  /// The directive's wire form: `prefix-,start,end,-suffix` with each term encoded.
  static func serialize(_ d: Directive) -> String {
    // Soft hyphens and zero-width characters are not rendered text: leave them out of the terms.
    func visible(_ t: String) -> String {
      String(
        String.UnicodeScalarView(
          t.unicodeScalars.filter {
            !(0x200B...0x200D).contains($0.value) && $0 != "\u{AD}" && $0 != "\u{2060}" && $0 != "\u{FEFF}"
          }))
    }
    let d = Directive(
      prefix: d.prefix.map(visible), start: visible(d.start), end: d.end.map(visible), suffix: d.suffix.map(visible))
    var parts: [String] = []
    if let prefix = d.prefix { parts.append(encode(prefix) + "-") }
    parts.append(encode(d.start))
    if let end = d.end { parts.append(encode(end)) }
    if let suffix = d.suffix { parts.append("-" + encode(suffix)) }
    return "text=" + parts.joined(separator: ",")
  }

  /// The `text=` directives of a URL's fragment directive (after `:~:`), by the spec's parsing rules;
  /// malformed ones are dropped.
  static func parse(url: String) -> [Directive] {
    guard let hash = url.firstIndex(of: "#") else { return [] }
    let fragment = String(url[url.index(after: hash)...])
    guard let marker = fragment.range(of: ":~:") else { return [] }
    return fragment[marker.upperBound...].split(separator: "&", omittingEmptySubsequences: false).compactMap {
      guard $0.hasPrefix("text=") else { return nil }
      return parseDirective(String($0.dropFirst(5)))
    }
  }

  static func parseDirective(_ value: String) -> Directive? {
    var pieces = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard (1...4).contains(pieces.count) else { return nil }
    var prefix: String?
    var suffix: String?
    if let first = pieces.first, first.hasSuffix("-") {
      let term = String(first.dropLast())
      guard !term.isEmpty, !term.contains("-"), pieces.count > 1 else { return nil }
      prefix = term
      pieces.removeFirst()
    }
    if let last = pieces.last, last.hasPrefix("-") {
      let term = String(last.dropFirst())
      guard !term.isEmpty, !term.contains("-"), pieces.count > 1 else { return nil }
      suffix = term
      pieces.removeLast()
    }
    guard (1...2).contains(pieces.count), pieces.allSatisfy({ !$0.isEmpty && !$0.contains("-") }) else { return nil }
    func decode(_ s: String?) -> String?? {
      guard let s else { return .some(nil) }
      guard let decoded = percentDecode(s) else { return .none }
      return .some(decoded)
    }
    guard let p = decode(prefix), let s = decode(pieces[0]), let start = s,
      let e = decode(pieces.count == 2 ? pieces[1] : nil), let x = decode(suffix)
    else { return nil }
    return Directive(prefix: p, start: start, end: e, suffix: x)
  }

  static func percentDecode(_ s: String) -> String? {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
      if u[i] == UInt8(ascii: "%") {
        guard i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
        else { return nil }
        bytes.append(v)
        i += 3
      } else {
        bytes.append(u[i])
        i += 1
      }
    }
    return String(validating: bytes, as: UTF8.self)
  }
}
