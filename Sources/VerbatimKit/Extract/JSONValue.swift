/// A JSON value, parsed leniently from web pages.
///
/// Objects keep their key order (and any duplicate keys), so equality of objects is order-sensitive.
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The value of the first matching key in an object; nil for non-objects or missing keys.
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    for (k, v) in members where k == key { return v }
    return nil
  }

  /// `.string` → itself; `.number` → its text (integers without ".0"); anything else → nil.
  var stringValue: String? {
    switch self {
    case .string(let s): s
    case .number(let d): JSONValue.numberText(d)
    default: nil
    }
  }

  /// `.array` → its elements; `.null` → []; any other value → [self].
  var arrayValue: [JSONValue] {
    switch self {
    case .array(let items): items
    case .null: []
    default: [self]
    }
  }

  var objectValue: [(String, JSONValue)]? {
    if case .object(let members) = self { members } else { nil }
  }

  static func numberText(_ d: Double) -> String {
    if d.isFinite, d == d.rounded(.towardZero), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
  }

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0 as UInt8)
    case .bool(let b):
      hasher.combine(1 as UInt8)
      hasher.combine(b)
    case .number(let d):
      hasher.combine(2 as UInt8)
      hasher.combine(d)
    case .string(let s):
      hasher.combine(3 as UInt8)
      hasher.combine(s)
    case .array(let items):
      hasher.combine(4 as UInt8)
      hasher.combine(items)
    case .object(let members):
      hasher.combine(5 as UInt8)
      hasher.combine(members.count)
      for (k, v) in members {
        hasher.combine(k)
        hasher.combine(v)
      }
    }
  }
}

/// A forgiving JSON reader for `<script type="application/ld+json">` contents.
///
/// Accepts comments, trailing/missing commas, HTML comment and CDATA wrappers, concatenated values,
/// single-quoted strings, unquoted keys, raw control characters, bad escapes, `NaN`/`Infinity`, a BOM,
/// unescaped quotes inside strings (heuristically) and truncated input. Never recurses; nesting deeper
/// than `maxDepth` makes that top-level value fail (it is skipped).
enum LenientJSON {
  static let maxDepth = 512

  /// All top-level values found in the text, in order (usually one; several when concatenated).
  static func parseAll(_ text: String) -> [JSONValue] {
    var text = text
    return text.withUTF8 {
      var parser = LenientParser($0)
      return parser.parseAll()
    }
  }

  /// Same, for raw UTF-8 bytes (invalid sequences become U+FFFD inside strings).
  static func parseAll(bytes: [UInt8]) -> [JSONValue] {
    bytes.withUnsafeBufferPointer {
      var parser = LenientParser($0)
      return parser.parseAll()
    }
  }

  /// The first top-level value, or nil when nothing could be recovered.
  static func parse(_ text: String) -> JSONValue? { parseAll(text).first }
}

private struct LenientParser {
  private let b: UnsafeBufferPointer<UInt8>
  private let n: Int
  private var i = 0
  // Elements of all open containers live in two shared scratch stacks, so each finished
  // array/object costs exactly one allocation.
  private var items: [JSONValue] = []
  private var members: [(String, JSONValue)] = []

  /// An open container: where its elements start in `items`/`members`, and a key awaiting its value.
  private struct Frame {
    var isObject: Bool
    var start: Int
    var key: String? = nil
  }

  init(_ buffer: UnsafeBufferPointer<UInt8>) { (b, n) = (buffer, buffer.count) }

  mutating func parseAll() -> [JSONValue] {
    var out: [JSONValue] = []
    while true {
      skipTrivia(topLevel: true)
      guard i < n else { return out }
      let c = b[i]
      switch c {
      case 0x7B, 0x5B, 0x22, 0x27, 0x30...0x39, 0x2D, 0x2B, 0x2E:  // { [ " ' digits - + .
        let before = i
        if let v = parseValue() { out.append(v) }
        if i == before { i += 1 }
      default:
        guard isIdentStart(c) else {
          i += 1
          continue
        }
        // Only JSON literals count at top level; other words are surrounding garbage.
        let word = scanWord()
        if ["true", "false", "null"].contains(word.lowercased()) { out.append(literal(word)) }
      }
    }
  }

  /// Parses one value iteratively (explicit stack). Returns nil when nothing was found or nesting is too deep.
  private mutating func parseValue() -> JSONValue? {
    let start = i
    var stack: [Frame] = []
    var openObjects = 0
    while true {
      skipTrivia(topLevel: false)
      guard i < n else { break }
      let c = b[i]
      var produced: JSONValue? = nil
      if let top = stack.last {
        if c == 0x7D || c == 0x5D {  // } ]
          let wantsObject = c == 0x7D
          if top.isObject == wantsObject {
            i += 1
          } else if (wantsObject ? openObjects : stack.count - openObjects) == 0 {
            i += 1  // stray closer matching nothing open: ignore it
            continue
          }  // else close the current container without consuming: an outer one matches
          if top.isObject { openObjects -= 1 }
          produced = close(stack.removeLast())
        } else if top.isObject && top.key == nil {
          // Key position: quoted or bare key; separators and garbage are skipped.
          guard c == 0x22 || c == 0x27 || isIdentByte(c) else {
            i += 1
            continue
          }
          stack[stack.count - 1].key = isIdentByte(c) ? scanWord() : parseString()
          skipTrivia(topLevel: false)
          if i < n && (b[i] == 0x3A || b[i] == 0x3D) { i += 1 }  // : (or =)
          continue
        } else if c == 0x2C {  // ,
          i += 1
          if !top.isObject { continue }
          produced = .null  // "key": ,
        }
      }
      if produced == nil {
        switch c {
        case 0x7B, 0x5B:  // { [
          if stack.count >= LenientJSON.maxDepth {
            items.removeAll(keepingCapacity: true)
            members.removeAll(keepingCapacity: true)
            skipBalanced(from: start)
            return nil
          }
          let isObject = c == 0x7B
          stack.append(Frame(isObject: isObject, start: isObject ? members.count : items.count))
          if isObject { openObjects += 1 }
          i += 1
          continue
        case 0x22, 0x27: produced = .string(parseString())
        case 0x30...0x39, 0x2D, 0x2B, 0x2E: produced = parseNumber()
        default: if isIdentStart(c) { produced = literal(scanWord()) }
        }
      }
      guard let value = produced else {
        i += 1  // garbage where a value should be
        if stack.isEmpty { return nil }
        continue
      }
      if stack.isEmpty { return value }
      add(value, to: &stack[stack.count - 1])
    }
    // End of input: close whatever is still open (truncated input).
    guard !stack.isEmpty else { return nil }
    while true {
      let value = close(stack.removeLast())
      if stack.isEmpty { return value }
      add(value, to: &stack[stack.count - 1])
    }
  }

  private mutating func add(_ value: JSONValue, to frame: inout Frame) {
    if frame.isObject {
      members.append((frame.key ?? "", value))
      frame.key = nil
    } else {
      items.append(value)
    }
  }

  private mutating func close(_ frame: Frame) -> JSONValue {
    if frame.isObject {
      if let key = frame.key { members.append((key, .null)) }
      defer { members.removeLast(members.count - frame.start) }
      return .object(Array(members[frame.start...]))
    }
    defer { items.removeLast(items.count - frame.start) }
    return .array(Array(items[frame.start...]))
  }

  /// After a nesting overflow: skip the rest of the over-deep structure.
  private mutating func skipBalanced(from start: Int) {
    var (depth, j) = (0, start)
    while j < n {
      switch b[j] {
      case 0x22:
        j += 1
        while j < n && b[j] != 0x22 { j += b[j] == 0x5C ? 2 : 1 }
      case 0x7B, 0x5B: depth += 1
      case 0x7D, 0x5D:
        depth -= 1
        if depth <= 0 {
          i = j + 1
          return
        }
      default: break
      }
      j += 1
    }
    i = n
  }

  // MARK: Trivia

  /// Skips whitespace (incl. NBSP, BOM, LS/PS), `//` and `/* */` comments; at top level also
  /// HTML comment and CDATA markers.
  private mutating func skipTrivia(topLevel: Bool) {
    while i < n {
      switch b[i] {
      case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x0B: i += 1
      case 0x2F where i + 1 < n && b[i + 1] == 0x2F:  // line comment
        while i < n && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
      case 0x2F where i + 1 < n && b[i + 1] == 0x2A:  // block comment
        i += 2
        while i < n && !(b[i] == 0x2A && i + 1 < n && b[i + 1] == 0x2F) { i += 1 }
        i = min(i + 2, n)
      case 0xC2 where i + 1 < n && b[i + 1] == 0xA0: i += 2  // NBSP
      case 0xEF where i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF: i += 3  // BOM
      case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && [0xA8, 0xA9, 0x8B].contains(b[i + 2]):
        i += 3  // line/paragraph separator, zero-width space
      case 0x3C where topLevel && matches("<!--"): i += 4
      case 0x3C where topLevel && matches("<![CDATA["): i += 9
      case 0x2D where topLevel && matches("-->"): i += 3
      case 0x5D where topLevel && matches("]]>"): i += 3
      default: return
      }
    }
  }

  private func matches(_ s: StaticString) -> Bool {
    let count = s.utf8CodeUnitCount
    return i + count <= n && (0..<count).allSatisfy { b[i + $0] == s.utf8Start[$0] }
  }

  // MARK: Words, literals, numbers

  /// Letters, `_ $ @` and non-ASCII bytes start bare words; digits, `-` and `.` may continue them.
  private func isIdentStart(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c == 0x24 || c == 0x40 || c >= 0x80
  }
  private func isIdentByte(_ c: UInt8) -> Bool {
    isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
  }

  private mutating func scanWord() -> String {
    let start = i
    while i < n && isIdentByte(b[i]) { i += 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
  }

  /// A bare word in value position: JSON / JS / Python literals, else the word itself as a string.
  private func literal(_ word: String) -> JSONValue {
    switch word.lowercased() {
    case "true": .bool(true)
    case "false": .bool(false)
    case "null", "nan", "undefined", "none", "infinity": .null
    default: .string(word)
    }
  }

  private func isDigit(_ j: Int) -> Bool { j < n && b[j] >= 0x30 && b[j] <= 0x39 }

  /// Lenient number: optional sign (+/-), `.5`, `5.`, exponents. Returns nil (consuming nothing) when no digits.
  private mutating func parseNumber() -> JSONValue? {
    var j = i
    let negative = b[j] == 0x2D
    if b[j] == 0x2D || b[j] == 0x2B { j += 1 }
    let intStart = j
    var mantissa: UInt64 = 0
    while isDigit(j) {
      if j - intStart < 19 { mantissa = mantissa &* 10 &+ UInt64(b[j] &- 0x30) }
      j += 1
    }
    let intRange = intStart..<j
    var (simple, fracRange, expRange) = (intRange.count <= 19, j..<j, j..<j)
    if j < n && b[j] == 0x2E {
      var k = j + 1
      while isDigit(k) { k += 1 }
      if k > j + 1 { (fracRange, simple) = ((j + 1)..<k, false) }
      if k > j + 1 || !intRange.isEmpty { j = k }
    }
    guard !intRange.isEmpty || !fracRange.isEmpty else { return nil }
    if j < n && (b[j] | 0x20) == 0x65 {  // e E
      var k = j + 1
      if k < n && (b[k] == 0x2B || b[k] == 0x2D) { k += 1 }
      let digitsStart = k
      while isDigit(k) { k += 1 }
      if k > digitsStart { (expRange, j, simple) = ((j + 1)..<k, k, false) }
    }
    i = j
    if simple { return .number(negative ? -Double(mantissa) : Double(mantissa)) }
    // Normalized text for the stdlib parser: sign, integer part (or 0), fraction, exponent.
    var text: [UInt8] = negative ? [0x2D] : []
    text += intRange.isEmpty ? [0x30] : Array(b[intRange])
    if !fracRange.isEmpty { text += [0x2E] + b[fracRange] }
    if !expRange.isEmpty { text += [0x65] + b[expRange] }
    return Double(String(decoding: text, as: UTF8.self)).map(JSONValue.number) ?? .null
  }

  // MARK: Strings

  /// Parses a `"` or `'` string starting at `i`. A quote only closes the string when followed by
  /// `, } ] : ;`, a comment, a newline or the end; otherwise it is kept as text (unescaped quotes).
  /// If no quote qualifies, the string ends at its first quote. Unterminated strings run to the end.
  private mutating func parseString() -> String {
    let quote = b[i]
    let start = i + 1
    var out: [UInt8] = []  // used once an escape is seen
    var (segment, j, end) = (start, start, n)
    var fallback: (quote: Int, segment: Int, outCount: Int)? = nil
    scan: while j < n {
      switch b[j] {
      case quote where closesString(after: j + 1):
        end = j
        break scan
      case quote:
        if fallback == nil { fallback = (j, segment, out.count) }
        j += 1
      case 0x5C:  // backslash
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<j]))
        j = decodeEscape(at: j, into: &out)
        segment = j
      default: j += 1
      }
    }
    if end == n, let f = fallback {
      out.removeSubrange(f.outCount...)
      (end, segment) = (f.quote, f.segment)
    }
    i = min(end + 1, n)
    if segment == start { return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<end]))
    return String(decoding: out, as: UTF8.self)
  }

  private func closesString(after position: Int) -> Bool {
    var (k, sawNewline) = (position, false)
    while k < n {
      switch b[k] {
      case 0x20, 0x09: k += 1
      case 0x0A, 0x0D:
        sawNewline = true
        k += 1
      case 0x2C, 0x7D, 0x5D, 0x3A, 0x3B: return true  // , } ] : ;
      case 0x2F: return k + 1 < n && (b[k + 1] == 0x2F || b[k + 1] == 0x2A)
      default: return sawNewline
      }
    }
    return true
  }

  /// Decodes the escape whose backslash is at `j`; returns the index after it.
  private func decodeEscape(at j: Int, into out: inout [UInt8]) -> Int {
    let k = j + 1
    guard k < n else { return k }
    let e = b[k]
    switch e {
    case 0x6E, 0x74, 0x72, 0x62, 0x66:  // \n \t \r \b \f
      out.append(e == 0x6E ? 0x0A : e == 0x74 ? 0x09 : e == 0x72 ? 0x0D : e == 0x62 ? 0x08 : 0x0C)
    case 0x0A: break  // line continuation
    case 0x0D: return k + 1 < n && b[k + 1] == 0x0A ? k + 2 : k + 1
    case 0x75:  // u
      guard let unit = hex4(at: k + 1) else {
        out.append(e)
        return k + 1
      }
      if (0xD800...0xDBFF).contains(unit), k + 6 < n, b[k + 5] == 0x5C, b[k + 6] == 0x75,
        let low = hex4(at: k + 7), (0xDC00...0xDFFF).contains(low)
      {
        appendScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &out)
        return k + 11
      }
      appendScalar(unit, to: &out)  // a lone surrogate is no scalar: becomes U+FFFD
      return k + 5
    default: out.append(e)  // \" \\ \/ \' and invalid escapes: keep the character
    }
    return k + 1
  }

  private func hex4(at j: Int) -> UInt32? {
    guard j + 4 <= n else { return nil }
    var v: UInt32 = 0
    for k in j..<(j + 4) {
      let c = b[k]
      let lower = b[k] | 0x20
      if c >= 0x30 && c <= 0x39 {
        v = v << 4 | UInt32(c - 0x30)
      } else if lower >= 0x61 && lower <= 0x66 {
        v = v << 4 | UInt32(lower - 0x57)
      } else {
        return nil
      }
    }
    return v
  }

  private func appendScalar(_ v: UInt32, to out: inout [UInt8]) {  // invalid (surrogate) → U+FFFD
    UTF8.encode(Unicode.Scalar(v) ?? "\u{FFFD}") { out.append($0) }
  }
}
