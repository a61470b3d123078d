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
  /// `2026-11-29T09:54:14Z` (UTC, whole seconds). Written by hand: an `ISO8601DateFormatter` per call
  /// was an eighth of a 100,000-note re-audit.
  static func timestamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : String(n) }
    let year = String(parts.tm_year + 1900)
    return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }
}
