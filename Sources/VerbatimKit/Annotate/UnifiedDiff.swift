/// A unified diff of two versions of a note, as `diff -u` and `git diff` print it.
///
/// Exists so `verbatim annotate` can show what it would change before changing anything, in the format
/// every reviewer, pager and `patch` reads.
public enum UnifiedDiff {
  /// Lines of context around each change.
  static let context = 3
  /// Largest edit distance worked out line by line; past it the differing middle is shown replaced
  /// whole (keeps the Myers trace, which grows with its square, small).
  static let maximumEdits = 4000

  enum Edit: Equatable {
    case same(old: Int, new: Int)
    case delete(old: Int)
    case insert(new: Int)
  }

  /// `--- a/PATH`, `+++ b/PATH`, then `@@ -l,n +l,n @@` hunks; empty when the bytes are equal. Lines
  /// are compared with their terminators; a last line without one is followed by
  /// `\ No newline at end of file`. Counts of 1 are written without `,1`, as `diff` does.
  public static func render(old: [UInt8], new: [UInt8], path: String) -> String {
    guard old != new else { return "" }
    let a = NoteLines.split(old[...])
    let b = NoteLines.split(new[...])
    let edits = diff(a, b)
    var out = "--- a/\(path)\n+++ b/\(path)\n"
    for hunk in hunks(edits) {
      let slice = edits[hunk]
      let oldCount = slice.filter { if case .insert = $0 { false } else { true } }.count
      let newCount = slice.filter { if case .delete = $0 { false } else { true } }.count
      let oldStart = slice.lazy.compactMap { edit -> Int? in
        switch edit {
        case .same(let o, _), .delete(let o): o
        case .insert: nil
        }
      }.first
      let newStart = slice.lazy.compactMap { edit -> Int? in
        switch edit {
        case .same(_, let n), .insert(let n): n
        case .delete: nil
        }
      }.first
      // An empty side is named by the line before it (0 at the top), as `diff` does.
      let oldBefore = edits[..<hunk.lowerBound].filter { if case .insert = $0 { false } else { true } }.count
      let newBefore = edits[..<hunk.lowerBound].filter { if case .delete = $0 { false } else { true } }.count
      out += "@@ -" + range(oldStart.map { $0 + 1 } ?? oldBefore, oldCount)
      out += " +" + range(newStart.map { $0 + 1 } ?? newBefore, newCount) + " @@\n"
      for edit in slice {
        switch edit {
        case .same(let o, _): out += line(" ", a[o])
        case .delete(let o): out += line("-", a[o])
        case .insert(let n): out += line("+", b[n])
        }
      }
    }
    return out
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    count == 1 ? "\(start)" : "\(start),\(count)"
  }

  private static func line(_ mark: String, _ bytes: ArraySlice<UInt8>) -> String {
    if bytes.last == 0x0A { return mark + String(decoding: bytes.dropLast(), as: UTF8.self) + "\n" }
    return mark + String(decoding: bytes, as: UTF8.self) + "\n\\ No newline at end of file\n"
  }

  /// Index ranges of `edits` to print: each change with up to `context` unchanged lines around it,
  /// hunks closer than twice that merged.
  static func hunks(_ edits: [Edit]) -> [Range<Int>] {
    let changes = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
    var result: [Range<Int>] = []
    for change in changes {
      let lower = max(0, change - context)
      let upper = min(edits.count, change + context + 1)
      if let last = result.last, lower <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<upper
      } else {
        result.append(lower..<upper)
      }
    }
    return result
  }

  /// The shortest edit script from `a` to `b` (Myers), after their common head and tail.
  static func diff<T: Equatable>(_ a: [T], _ b: [T]) -> [Edit] {
    var head = 0
    while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
    var tail = 0
    while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
    var edits = (0..<head).map { Edit.same(old: $0, new: $0) }
    let x = Array(a[head..<(a.count - tail)])
    let y = Array(b[head..<(b.count - tail)])
    for edit in middle(x, y) {
      switch edit {
      case .same(let o, let n): edits.append(.same(old: o + head, new: n + head))
      case .delete(let o): edits.append(.delete(old: o + head))
      case .insert(let n): edits.append(.insert(new: n + head))
      }
    }
    let shift = b.count - a.count
    edits += (a.count - tail..<a.count).map { Edit.same(old: $0, new: $0 + shift) }
    return edits
  }

  private static func middle<T: Equatable>(_ a: [T], _ b: [T]) -> [Edit] {
    let n = a.count
    let m = b.count
    if n == 0 || m == 0 { return (0..<n).map { .delete(old: $0) } + (0..<m).map { .insert(new: $0) } }
    let limit = min(n + m, maximumEdits)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    // trace[d]: v[k] for k in -d-1...d+1 before step d.
    var trace: [[Int]] = []
    var found = false
    search: for d in 0...limit {
      trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n, y >= m {
          found = true
          break search
        }
      }
    }
    guard found else { return (0..<n).map { .delete(old: $0) } + (0..<m).map { .insert(new: $0) } }
    var edits: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let saved = trace[d]
      func at(_ k: Int) -> Int { saved[k + d + 1] }
      let k = x - y
      let previousK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
      let previousX = at(previousK)
      let previousY = previousX - previousK
      while x > previousX, y > previousY {
        x -= 1
        y -= 1
        edits.append(.same(old: x, new: y))
      }
      if d > 0 {
        if x == previousX {
          edits.append(.insert(new: previousY))
        } else {
          edits.append(.delete(old: previousX))
        }
      }
      x = previousX
      y = previousY
    }
    return edits.reversed()
  }
}

extension NoteAnnotator {
  /// The unified diff of a note before and after annotating (see `UnifiedDiff.render`).
  public static func unifiedDiff(old: [UInt8], new: [UInt8], path: String) -> String {
    UnifiedDiff.render(old: old, new: new, path: path)
  }
}

/// A note's lines, each with its terminator (the last may have none): what the diff compares and
/// `NoteAnnotator.remove` takes lines out of.
enum NoteLines {
  static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    for i in bytes.indices where bytes[i] == 0x0A {
      lines.append(bytes[start...i])
      start = i + 1
    }
    if start < bytes.endIndex { lines.append(bytes[start...]) }
    return lines
  }

  /// The line without its terminator (LF or CRLF).
  static func content(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var end = line.endIndex
    if end > line.startIndex, line[end - 1] == 0x0A {
      end -= 1
      if end > line.startIndex, line[end - 1] == 0x0D { end -= 1 }
    }
    return line[line.startIndex..<end]
  }

  /// An empty line with its terminator (what `annotate` inserts before a callout or the definitions).
  static func isBlank(_ line: ArraySlice<UInt8>) -> Bool { line.last == 0x0A && content(line).isEmpty }

  /// Takes the terminator `blank` has off the end of `line` (the one `annotate` added to a last line).
  static func dropTerminator(_ blank: ArraySlice<UInt8>, from line: inout ArraySlice<UInt8>) {
    if line.count >= blank.count, line.suffix(blank.count).elementsEqual(blank) { line = line.dropLast(blank.count) }
  }
}
