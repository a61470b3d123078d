/// Where each 3-word shingle of a page occurs: an open-addressing table from the shingle's key to its
/// last position and its count (earlier positions chain through `PassageIndex.shingleNext`).
///
/// Exists because the standard dictionary's seeded hashing was a measurable part of indexing a page;
/// the keys are already well-mixed integers, so a multiplicative hash and linear probing suffice.
struct ShingleTable: Sendable {
  struct Entry: Sendable {
    /// Last page position of the shingle.
    var head: Int32
    var count: Int32
  }

  private var keys: [UInt64]
  /// `count == 0` marks an empty slot.
  private var entries: [Entry]
  private let mask: Int

  /// A table for up to `capacity` distinct shingles (kept at most half full).
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    keys = [UInt64](repeating: 0, count: size)
    entries = [Entry](repeating: Entry(head: -1, count: 0), count: size)
    mask = size - 1
  }

  private func slot(_ key: UInt64) -> Int {
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while entries[i].count != 0 && keys[i] != key { i = (i + 1) & mask }
    return i
  }

  /// Records the shingle at `position`; returns its previous last position, or -1.
  mutating func add(_ key: UInt64, at position: Int32) -> Int32 {
    let i = slot(key)
    let previous = entries[i].count == 0 ? -1 : entries[i].head
    keys[i] = key
    entries[i] = Entry(head: position, count: entries[i].count + 1)
    return previous
  }

  subscript(key: UInt64) -> Entry? {
    let i = slot(key)
    return entries[i].count == 0 ? nil : entries[i]
  }
}
