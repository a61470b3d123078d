import Foundation  // NSLock

/// Where the main text's blocks sit in the full visible text, to translate a match found in the full
/// text into main-text offsets.
///
/// Exists because the main text is the full text's main blocks joined by newlines: matching the full
/// text once and asking whether the match lies in main blocks costs less than indexing both texts.
struct MainTextMap: Sendable {
  private let starts: [Int]
  private let ends: [Int]
  /// The block's offset in the main text; nil for blocks outside it.
  private let mainStarts: [Int?]

  init(_ blocks: [TextBlock]) {
    var starts: [Int] = []
    var ends: [Int] = []
    var mainStarts: [Int?] = []
    var main = 0
    for block in blocks {
      let length = block.length
      starts.append(block.offset)
      ends.append(block.offset + length)
      mainStarts.append(block.isMain ? main : nil)
      if block.isMain { main += length + 1 }
    }
    self.starts = starts
    self.ends = ends
    self.mainStarts = mainStarts
  }

  /// `range` of the full text in main-text offsets: nil unless every block it touches is a main block
  /// (so the words are contiguous in the main text too).
  func mainRange(_ range: Range<Int>) -> Range<Int>? {
    guard let first = block(containing: range.lowerBound),
      let last = block(containing: max(range.lowerBound, range.upperBound - 1))
    else { return nil }
    for k in first...last where mainStarts[k] == nil { return nil }
    guard let a = mainStarts[first], let b = mainStarts[last] else { return nil }
    return (a + range.lowerBound - starts[first])..<(b + range.upperBound - starts[last])
  }

  /// The block whose text holds full-text offset `offset` (nil on a separator or past the end).
  private func block(containing offset: Int) -> Int? {
    var lo = 0
    var hi = starts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
    }
    let k = lo - 1
    guard k >= 0, offset < ends[k] else { return nil }
    return k
  }
}

/// A value built on first use and then shared, for indexes most quotes never need.
final class Deferred<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value?
  private let make: @Sendable () -> Value

  init(_ make: @escaping @Sendable () -> Value) { self.make = make }

  func get() -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let value { return value }
    let made = make()
    value = made
    return made
  }
}
