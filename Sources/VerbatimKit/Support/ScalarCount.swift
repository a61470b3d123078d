extension StringProtocol {
  /// The number of Unicode scalars, but counting stops past `limit`: enough to compare with `limit`
  /// without walking a long text (extraction asks "is this block short?" of every block).
  func scalarCount(cappedAt limit: Int) -> Int {
    var count = 0
    for _ in unicodeScalars {
      count += 1
      if count > limit { break }
    }
    return count
  }
}
