/// A small streaming JSON writer with deterministic key order, for output contracts other tools
/// read (`scan`, later `fetch` and `audit`). Writes UTF-8 bytes directly: faster than
/// `JSONEncoder` on large vaults, and byte-stable across runs and platforms.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  /// Whether the current container already has an element (a comma is due).
  private var needsComma: [Bool] = [false]
  private var keyPending = false
  private let pretty: Bool

  /// - Parameter pretty: indent with two spaces and one element per line.
  public init(pretty: Bool = false, capacity: Int = 1 << 12) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  public var output: String { String(decoding: bytes, as: UTF8.self) }

  public mutating func beginObject() { beginValue(); bytes.append(0x7B); needsComma.append(false) }
  public mutating func endObject() { endContainer(0x7D) }
  public mutating func beginArray() { beginValue(); bytes.append(0x5B); needsComma.append(false) }
  public mutating func endArray() { endContainer(0x5D) }

  /// Writes `"name":` inside an object; the next call writes its value. Key names are
  /// literals without characters to escape, copied as they are (no escape scan: a large scan's
  /// output has millions of keys).
  public mutating func key(_ name: StaticString) {
    separator()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    bytes.append(0x3A)
    if pretty { bytes.append(0x20) }
    keyPending = true
  }

  /// A key computed at run time (escaped like any string).
  public mutating func key(dynamic name: String) {
    separator()
    writeString(name)
    bytes.append(0x3A)
    if pretty { bytes.append(0x20) }
    keyPending = true
  }

  public mutating func value(_ string: String?) {
    beginValue()
    if let string { writeString(string) } else { append("null") }
  }
  public mutating func value(_ int: Int) { beginValue(); append(String(int)) }
  public mutating func value(_ bool: Bool) { beginValue(); append(bool ? "true" : "false") }
  public mutating func null() { beginValue(); append("null") }

  /// Inserts already-encoded JSON values (elements of the current array, each complete),
  /// written by other writers, e.g. in parallel.
  public mutating func elements(_ encoded: ArraySlice<UInt8>, count: Int) {
    guard count > 0 else { return }
    beginValue()
    bytes.append(contentsOf: encoded)
  }

  /// Hands the bytes written so far to `sink` and empties the buffer (keeping its capacity);
  /// the writer's place in the document is unchanged.
  public mutating func drain(to sink: (ArraySlice<UInt8>) -> Void) {
    sink(bytes[...])
    bytes.removeAll(keepingCapacity: true)
  }

  /// Ends the document's line.
  public mutating func newline() { bytes.append(0x0A) }

  public mutating func field(_ name: StaticString, _ string: String?) { key(name); value(string) }
  public mutating func field(_ name: StaticString, _ int: Int) { key(name); value(int) }
  public mutating func field(_ name: StaticString, _ bool: Bool) { key(name); value(bool) }
  public mutating func field(_ name: StaticString, strings: [String]) {
    key(name)
    beginArray()
    for s in strings { value(s) }
    endArray()
  }

  private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

  private mutating func beginValue() {
    if keyPending {
      keyPending = false
      return
    }
    separator()
  }

  private mutating func separator() {
    if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
    needsComma[needsComma.count - 1] = true
    if pretty, needsComma.count > 1 { newline(depth: needsComma.count - 1) }
  }

  private mutating func newline(depth: Int) {
    bytes.append(0x0A)
    for _ in 0..<(depth * 2) { bytes.append(0x20) }
  }

  private mutating func endContainer(_ close: UInt8) {
    let hadElements = needsComma.removeLast()
    if pretty, hadElements { newline(depth: needsComma.count - 1) }
    bytes.append(close)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  private mutating func writeString(_ s: String) {
    bytes.append(0x22)
    var s = s
    s.withUTF8 { utf8 in
      var plainStart = 0
      for i in 0..<utf8.count {
        let b = utf8[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<i]))
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        default:
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hexDigits[Int(b >> 4)], Self.hexDigits[Int(b & 0xF)]])
        }
        plainStart = i + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<utf8.count]))
    }
    bytes.append(0x22)
  }
}
