public import Foundation

/// JSON pieces several reports share, written one way.
extension JSONWriter {
  /// `"diagnostics": [{"severity","file","line","message"}]`.
  mutating func field(_ name: StaticString, diagnostics: [Diagnostic]) {
    key(name)
    beginArray()
    for d in diagnostics {
      beginObject()
      field("severity", d.severity.rawValue)
      field("file", d.file)
      if let line = d.line {
        field("line", line)
      } else {
        key("line")
        null()
      }
      field("message", d.message)
      endObject()
    }
    endArray()
  }

  /// The members of a quote's anchor (W3C TextQuoteSelector and TextPositionSelector, and the text
  /// directive), inside an object the caller opened.
  mutating func anchorMembers(_ anchor: QuoteAnchor) {
    field("exact", anchor.exact)
    field("prefix", anchor.prefix)
    field("suffix", anchor.suffix)
    field("start", anchor.start)
    field("end", anchor.end)
    field("text_directive", anchor.textDirective)
  }

  /// RFC 3339 / ISO 8601 in UTC, whole seconds: `2026-11-29T09:30:00Z`.
  static func timestamp(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
  }
}
