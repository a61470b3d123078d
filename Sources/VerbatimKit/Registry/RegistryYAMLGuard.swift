/// A pass over the raw bytes before any YAML parser sees them. Refuses anchors and aliases, so an alias
/// bomb is never expanded (not even by the composer's duplicate-key check, which hashes whole aliased
/// trees), and nesting deep enough to exhaust the stack.
///
/// It tracks quoted scalars, comments, block scalars and flow collections so that `&` and `*` inside text
/// are not mistaken for anchors; where it cannot tell (a line that may continue a plain scalar) it errs on
/// the side of refusing. Its depth count never underestimates the real nesting.
struct RegistryYAMLGuard {
  enum Finding: Equatable {
    case anchor(line: Int, column: Int)
    case tooDeep(line: Int, column: Int)
  }

  /// Beyond this estimated depth the text is refused before parsing (the exact limit is checked after).
  static let depthLimit = 2 * RegistryLoader.maximumDepth

  static func check(_ bytes: [UInt8]) -> Finding? { scan(bytes).finding }

  /// The finding, and the deepest nesting estimated over the whole text when there is none (never
  /// below the real nesting: a registry estimated shallow enough needs no exact check after parsing).
  static func scan(_ bytes: [UInt8]) -> (finding: Finding?, deepest: Int) {
    var guardian = RegistryYAMLGuard(bytes: bytes)
    let finding = guardian.run()
    return (finding, guardian.deepest)
  }

  private enum State { case nodeStart, plain, afterNode, single, double }

  private let b: [UInt8]
  private var line = 1
  private var lineStart = 0
  private var state = State.nodeStart
  private var flowDepth = 0
  /// The largest `blocks.count + flowDepth` seen.
  private var deepest = 0
  /// Open block collections: column (in bytes; indentation is ASCII) and whether it is a sequence.
  private var blocks: [(column: Int, sequence: Bool)] = []
  /// The first token's column after the line's `- `/`? `/`: ` indicators: a block scalar's parent indent.
  private var structuralIndent = 0
  /// An open block scalar: its parent's indent, and its content indent once known.
  private var blockScalar: (parent: Int, indent: Int?)?
  /// The previous line ended inside a plain scalar, which this line may continue.
  private var afterPlainLine = false
  /// The open quoted scalar may really be plain text continued from the line before.
  private var suspectQuote = false

  private init(bytes: [UInt8]) { b = bytes }

  private mutating func run() -> Finding? {
    var p = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    lineStart = p
    while p < b.count {
      var end = p
      while end < b.count, breakLength(at: end) == 0 { end += 1 }
      if let finding = scan(from: p, to: end) { return finding }
      p = end + breakLength(at: end)
      line += 1
      lineStart = p
    }
    return nil
  }

  /// Length of the line break at `i` (`\n`, `\r\n`, `\r`, NEL, LS, PS), 0 when there is none.
  private func breakLength(at i: Int) -> Int {
    guard i < b.count else { return 0 }
    switch b[i] {
    case 0x0A: return 1
    case 0x0D: return i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
    case 0xC2: return i + 1 < b.count && b[i + 1] == 0x85 ? 2 : 0
    case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) ? 3 : 0
    default: return 0
    }
  }

  private func isBlank(_ i: Int, _ end: Int) -> Bool { i >= end || b[i] == 0x20 || b[i] == 0x09 }

  private func column(_ i: Int) -> Int { b[lineStart..<i].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

  private mutating func scan(from start: Int, to end: Int) -> Finding? {
    var i = start
    var firstToken = false
    if state != .single && state != .double {
      var indent = 0
      while start + indent < end, b[start + indent] == 0x20 { indent += 1 }
      let j = start + indent
      if let open = blockScalar {
        if j == end { return nil }
        if let content = open.indent, indent >= content { return nil }
        if open.indent == nil, indent > open.parent {
          blockScalar = (open.parent, indent)
          return nil
        }
        blockScalar = nil
      }
      if j == end || b[j] == UInt8(ascii: "#") { return nil }  // blank or comment line
      if indent == 0, b[j] == UInt8(ascii: "%") { return nil }  // directive
      // Inside a flow collection a line break is only a space: the state carries over, as in the parser.
      if flowDepth == 0 { state = .nodeStart }
      i = j
      if indent == 0, end - j >= 3, b[j..<j + 3].elementsEqual("---".utf8) || b[j..<j + 3].elementsEqual("...".utf8),
        isBlank(j + 3, end)
      {
        blocks = []
        i = j + 3
      } else if flowDepth == 0, let finding = registerBlocks(from: j, to: end) {
        return finding
      }
      firstToken = true
    }
    while i < end {
      let c = b[i]
      switch state {
      case .nodeStart:
        if isBlank(i, end) {
          i += 1
        } else if c == UInt8(ascii: "#") && (i == lineStart || isBlank(i - 1, end)) {
          i = end
        } else if c == UInt8(ascii: "&") || c == UInt8(ascii: "*") {
          return .anchor(line: line, column: column(i))
        } else if c == UInt8(ascii: "!") {
          while i < end, !isBlank(i, end), !(flowDepth > 0 && isFlowIndicator(b[i])) { i += 1 }
        } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
          state = c == UInt8(ascii: "'") ? .single : .double
          suspectQuote = firstToken && afterPlainLine
          i += 1
        } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
          flowDepth += 1
          deepest = max(deepest, blocks.count + flowDepth)
          if blocks.count + flowDepth > Self.depthLimit { return .tooDeep(line: line, column: column(i)) }
          i += 1
        } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
          flowDepth = max(0, flowDepth - 1)
          state = .afterNode
          i += 1
        } else if (c == UInt8(ascii: ",") && flowDepth > 0) || (isIndicator(c) && isBlank(i + 1, end)) {
          i += 1
          continue
        } else if (c == UInt8(ascii: "|") || c == UInt8(ascii: ">")) && flowDepth == 0
          && !(firstToken && afterPlainLine)
        {
          blockScalar = (structuralIndent, nil)
          i = end  // the header's indicators and comment
        } else {
          state = .plain
          i += 1
        }
        firstToken = false
      case .plain:
        if c == UInt8(ascii: ":") && (isBlank(i + 1, end) || (flowDepth > 0 && isFlowIndicator(b[i + 1]))) {
          state = .nodeStart
        } else if c == UInt8(ascii: "#") && isBlank(i - 1, end) {
          state = .nodeStart  // a comment ends a plain scalar
          i = end
          continue
        } else if flowDepth > 0 && isFlowIndicator(c) {
          state = .nodeStart
          continue  // handled as a node start: `,` separates, brackets open or close
        }
        i += 1
      case .afterNode:
        if c == UInt8(ascii: ":") || (c == UInt8(ascii: ",") && flowDepth > 0) {
          state = .nodeStart
          i += 1
        } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
          flowDepth = max(0, flowDepth - 1)
          i += 1
        } else if isBlank(i, end) {
          i += 1
        } else if c == UInt8(ascii: "#") {
          state = .nodeStart
          i = end
        } else {
          state = .nodeStart
        }
      case .single, .double:
        if suspectQuote, c == UInt8(ascii: "&") || c == UInt8(ascii: "*"),
          i == lineStart || isBlank(i - 1, end) || isFlowIndicator(b[i - 1]), !isBlank(i + 1, end)
        {
          return .anchor(line: line, column: column(i))
        }
        if state == .double && c == UInt8(ascii: "\\") {
          i = min(i + 2, end)
        } else if state == .single && c == UInt8(ascii: "'") && i + 1 < end && b[i + 1] == UInt8(ascii: "'") {
          i += 2
        } else {
          if c == (state == .single ? UInt8(ascii: "'") : UInt8(ascii: "\"")) { state = .afterNode }
          i += 1
        }
      }
    }
    afterPlainLine = state == .plain
    return nil
  }

  private func isIndicator(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "-") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
  }

  private func isFlowIndicator(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
      || c == UInt8(ascii: "}")
  }

  /// Updates the open block collections from a line's leading indicators and first token.
  private mutating func registerBlocks(from start: Int, to end: Int) -> Finding? {
    var k = start
    var first = true
    structuralIndent = start - lineStart
    while k < end, b[k] != UInt8(ascii: "#") {
      let column = k - lineStart
      let indicator = isIndicator(b[k]) && isBlank(k + 1, end)
      let sequence = indicator && b[k] == UInt8(ascii: "-")
      while let top = blocks.last, top.column > column { blocks.removeLast() }
      if first, !sequence, let top = blocks.last, top.column == column, top.sequence { blocks.removeLast() }
      // A sequence may sit at its parent mapping's column; anything else at an open column continues it.
      let continues = blocks.last.map { $0.column == column && ($0.sequence == sequence || !sequence) } ?? false
      if !continues { blocks.append((column, sequence)) }
      deepest = max(deepest, blocks.count + flowDepth)
      if blocks.count + flowDepth > Self.depthLimit { return .tooDeep(line: line, column: self.column(k)) }
      // A block scalar right after `- ` belongs to the sequence: its parent indent is the indicator's.
      if indicator || (b[k] != UInt8(ascii: "|") && b[k] != UInt8(ascii: ">")) { structuralIndent = column }
      guard indicator else { break }
      k += 1
      while k < end, isBlank(k, end) { k += 1 }
      first = false
    }
    return nil
  }
}
