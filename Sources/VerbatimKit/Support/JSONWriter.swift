/// A small streaming JSON writer with deterministic key order, for output contracts other tools
/// read (`scan`, later `fetch` and `audit`). Faster than `JSONEncoder` on large vaults and
/// byte-stable across runs and platforms.
public struct JSONWriter {
  public private(set) var output: String = ""
  /// Whether the current container already has an element (a comma is due).
  private var needsComma: [Bool] = [false]
  private let indentUnit: String?

  /// - Parameter pretty: indent with two spaces and one element per line.
  public init(pretty: Bool = false) {
    indentUnit = pretty ? "  " : nil
    output.reserveCapacity(1 << 16)
  }

  public mutating func beginObject() { beginValue(); output.append("{"); needsComma.append(false) }
  public mutating func endObject() { endContainer("}") }
  public mutating func beginArray() { beginValue(); output.append("["); needsComma.append(false) }
  public mutating func endArray() { endContainer("]") }

  /// Writes `"name":` inside an object; the next call writes its value.
  public mutating func key(_ name: String) {
    separator()
    writeString(name)
    output.append(indentUnit == nil ? ":" : ": ")
    keyPending = true
  }

  public mutating func value(_ string: String?) {
    beginValue()
    if let string { writeString(string) } else { output.append("null") }
  }
  public mutating func value(_ int: Int) { beginValue(); output.append(String(int)) }
  public mutating func value(_ bool: Bool) { beginValue(); output.append(bool ? "true" : "false") }
  public mutating func null() { beginValue(); output.append("null") }

  public mutating func field(_ name: String, _ string: String?) { key(name); value(string) }
  public mutating func field(_ name: String, _ int: Int) { key(name); value(int) }
  public mutating func field(_ name: String, _ bool: Bool) { key(name); value(bool) }
  public mutating func field(_ name: String, strings: [String]) {
    key(name)
    beginArray()
    for s in strings { value(s) }
    endArray()
  }

  private var keyPending = false

  private mutating func beginValue() {
    if keyPending {
      keyPending = false
      return
    }
    separator()
  }

  private mutating func separator() {
    if needsComma[needsComma.count - 1] { output.append(",") }
    needsComma[needsComma.count - 1] = true
    if let unit = indentUnit, needsComma.count > 1 {
      output.append("\n")
      output.append(String(repeating: unit, count: needsComma.count - 1))
    }
  }

  private mutating func endContainer(_ close: Character) {
    let hadElements = needsComma.removeLast()
    if let unit = indentUnit, hadElements {
      output.append("\n")
      output.append(String(repeating: unit, count: needsComma.count - 1))
    }
    output.append(close)
  }

  private mutating func writeString(_ s: String) {
    output.append("\"")
    var plainStart = s.utf8.startIndex
    let utf8 = s.utf8
    var i = utf8.startIndex
    while i != utf8.endIndex {
      let b = utf8[i]
      if b < 0x20 || b == 0x22 || b == 0x5C {
        output.append(contentsOf: s[plainStart..<i])
        switch b {
        case 0x22: output.append("\\\"")
        case 0x5C: output.append("\\\\")
        case 0x0A: output.append("\\n")
        case 0x0D: output.append("\\r")
        case 0x09: output.append("\\t")
        default:
          let hex = String(b, radix: 16)
          output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        }
        plainStart = utf8.index(after: i)
      }
      i = utf8.index(after: i)
    }
    output.append(contentsOf: s[plainStart..<utf8.endIndex])
    output.append("\"")
  }
}
