/// A place in a note: 1-based line and 1-based column counted in Unicode scalars (code points),
/// the unit lychee and most editors' "character" columns use. Tabs count as one.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// Turns byte offsets into line:column once, from line starts computed once per note.
struct LineIndex: Sendable {
  /// Byte offset at which each line starts; `starts[0] == 0`.
  let starts: [Int]
  fileprivate let bytes: [UInt8]
  /// Scalars (non-continuation bytes) before each multiple of `checkpointStride`, so a column is
  /// found without rescanning a long line from its start (a 1 MB single-line note has
  /// thousands of links and quotes).
  private let checkpoints: [Int]
  private static let checkpointStride = 128

  init(_ bytes: [UInt8]) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 40 + 1)
    var checkpoints: [Int] = []
    checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
    var scalars = 0
    bytes.withUnsafeBufferPointer { buffer in
      for i in 0..<buffer.count {
        let b = buffer[i]
        if i & (Self.checkpointStride - 1) == 0 { checkpoints.append(scalars) }
        if b & 0xC0 != 0x80 { scalars += 1 }
        if b == 0x0A { starts.append(i + 1) }
      }
    }
    if bytes.count % Self.checkpointStride == 0 { checkpoints.append(scalars) }
    self.starts = starts
    self.bytes = bytes
    self.checkpoints = checkpoints
  }

  /// Number of scalars that start before byte `offset` (clamped to the text).
  private func scalars(before offset: Int) -> Int {
    let end = max(0, min(offset, bytes.count))
    let block = end / Self.checkpointStride
    var count = checkpoints[block]
    bytes.withUnsafeBufferPointer { buffer in
      for i in (block * Self.checkpointStride)..<end where buffer[i] & 0xC0 != 0x80 { count += 1 }
    }
    return count
  }

  var lineCount: Int { starts.count }

  /// 0-based line containing `offset`.
  func lineIndex(of offset: Int) -> Int {
    var lo = 0
    var hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  func position(of offset: Int) -> SourcePosition {
    let line = lineIndex(of: offset)
    let column = 1 + max(0, scalars(before: offset) - scalars(before: starts[line]))
    return SourcePosition(line: line + 1, column: column)
  }

  /// Byte offset of a cmark position (1-based line, 1-based byte column); nil when unknown.
  func offset(line: Int32, byteColumn: Int32) -> Int? {
    guard line >= 1, byteColumn >= 1, Int(line) <= starts.count else { return nil }
    return min(starts[Int(line) - 1] + Int(byteColumn) - 1, bytes.count)
  }

  /// Byte range of a 1-based line without its line terminator.
  func lineRange(_ line: Int) -> Range<Int> {
    let start = starts[line - 1]
    var end = line < starts.count ? starts[line] - 1 : bytes.count
    if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == 0x0D { end -= 1 }
    return start..<max(start, end)
  }
}

extension LineIndex {
  /// Byte offset of a 1-based line and 1-based scalar column (clamped to the line).
  func offset(line: Int, scalarColumn: Int) -> Int {
    guard line >= 1, line <= starts.count else { return 0 }
    let range = lineRange(line)
    var i = range.lowerBound
    var column = 1
    while i < range.upperBound, column < scalarColumn {
      i += 1
      while i < range.upperBound, bytes[i] & 0xC0 == 0x80 { i += 1 }
      column += 1
    }
    return i
  }
}
