/// Text-fragment links (`#:~:text=`) to a verified quote: generated, then re-parsed and re-located
/// before they are given out.
///
/// Exists so a reader can click from the note straight to the quoted words. Generation follows the
/// WICG spec's advice (quotes.md §8): the whole quote when it is short and unique, context words when it
/// is not, a `start,end` range when it is long or crosses blocks; every byte but `A–Z a–z 0–9 . _ ~`
/// percent-encoded. A link that does not resolve back to the intended words is never emitted.
enum TextFragment {
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
  static func serialize(_ d: TextDirective) -> String {
    // Soft hyphens and zero-width characters are not rendered text: leave them out of the terms.
    func visible(_ t: String) -> String {
      String(
        String.UnicodeScalarView(
          t.unicodeScalars.filter {
            !(0x200B...0x200D).contains($0.value) && $0 != "\u{AD}" && $0 != "\u{2060}" && $0 != "\u{FEFF}"
          }))
    }
    let d = TextDirective(
      prefix: d.prefix.map(visible), start: visible(d.start), end: d.end.map(visible), suffix: d.suffix.map(visible))
    var parts: [String] = []
    if let prefix = d.prefix { parts.append(encode(prefix) + "-") }
    parts.append(encode(d.start))
    if let end = d.end { parts.append(encode(end)) }
    if let suffix = d.suffix { parts.append("-" + encode(suffix)) }
    return "text=" + parts.joined(separator: ",")
  }
}
