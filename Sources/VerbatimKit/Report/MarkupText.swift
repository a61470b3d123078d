/// Text made safe for HTML and XML: the reports' one escaping rule.
enum MarkupText {
  /// `& < > " '` as character references (valid in HTML and XML alike); characters neither can carry
  /// (controls other than tab and newline, C1 controls, U+FFFE, U+FFFF) left out. With
  /// `breaksAsReferences`, tab and newline become references too, so an XML attribute keeps them.
  static func escape(_ text: String, breaksAsReferences: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n": out += breaksAsReferences ? "&#10;" : "\n"
      case "\t": out += breaksAsReferences ? "&#9;" : "\t"
      default:
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
