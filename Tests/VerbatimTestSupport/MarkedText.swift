public import VerbatimKit

/// Fixture text with position markers, in the style of swift-format's tests: each marker
/// (`1️⃣` … `9️⃣`, `🔟`, or `⟦name⟧`) is removed from the text and its place recorded, so a test
/// asserts positions exactly without counting columns by hand.
///
///     let fixture = MarkedText("See 1️⃣https://a.org now")
///     fixture.text              // "See https://a.org now"
///     fixture["1️⃣"]             // SourcePosition(line: 1, column: 5)
public struct MarkedText: Sendable {
  public let text: String
  public let markers: [String: SourcePosition]

  public static let emojiMarkers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

  public init(_ marked: String) {
    var text = ""
    var markers: [String: SourcePosition] = [:]
    var line = 1
    var column = 1
    var rest = Substring(marked)
    outer: while !rest.isEmpty {
      for marker in Self.emojiMarkers where rest.hasPrefix(marker) {
        precondition(markers[marker] == nil, "marker \(marker) used twice")
        markers[marker] = SourcePosition(line: line, column: column)
        rest = rest.dropFirst(marker.count)
        continue outer
      }
      if rest.hasPrefix("⟦"), let close = rest.firstIndex(of: "⟧") {
        let name = String(rest[rest.index(after: rest.startIndex)..<close])
        precondition(markers[name] == nil, "marker \(name) used twice")
        markers[name] = SourcePosition(line: line, column: column)
        rest = rest[rest.index(after: close)...]
        continue
      }
      let scalar = rest.unicodeScalars.first!
      text.unicodeScalars.append(scalar)
      rest = Substring(rest.unicodeScalars.dropFirst())
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.text = text
    self.markers = markers
  }

  public subscript(marker: String) -> SourcePosition {
    guard let position = markers[marker] else { fatalError("no marker \(marker) in fixture") }
    return position
  }

  /// Harvests the fixture as a note named `path`.
  public func harvest(path: String = "note.md") -> NoteHarvest {
    NoteHarvester.harvest(path: path, bytes: Array(text.utf8))
  }
}
