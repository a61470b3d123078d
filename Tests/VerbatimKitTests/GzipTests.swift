import Foundation
import Testing
import VerbatimInterop

@Suite struct GzipTests {
  /// `gzip.compress(b"hello world", mtime=0)` from Python's standard library.
  static let pythonHelloWorld: [UInt8] = [
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 87, 40, 207, 47, 202, 73, 1, 0, 133, 17, 74, 13, 11, 0, 0,
    0,
  ]

  static func pseudoRandom(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
  }

  @Test(arguments: [0, 1, 100, 65_536, 200_000])
  func roundTrips(size: Int) throws {
    for input in [Self.pseudoRandom(size), Array(repeating: UInt8(ascii: "a"), count: size)] {
      let compressed = Gzip.compress(input)
      #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 0x08])
      // ISIZE: the last four bytes are the input length, little-endian.
      let isize = compressed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
      #expect(isize == size)
      #expect(try Gzip.decompress(compressed) == input)
    }
  }

  @Test func readsOtherToolsGzipAndConcatenatedMembers() throws {
    #expect(try Gzip.decompress(Self.pythonHelloWorld) == Array("hello world".utf8))
    let two = Gzip.compress(Array("one ".utf8)) + Gzip.compress(Array("two".utf8))
    #expect(try Gzip.decompress(two) == Array("one two".utf8))
  }

  @Test func reportsTruncationCorruptionAndTheLimit() {
    let compressed = Gzip.compress(Self.pseudoRandom(5_000))
    #expect(throws: GzipError.truncated) { try Gzip.decompress(Array(compressed.dropLast(3))) }
    #expect(throws: GzipError.truncated) { try Gzip.decompress([]) }
    var flipped = compressed
    flipped[flipped.count - 6] ^= 0xFF  // inside the CRC-32
    #expect(throws: GzipError.corrupt("incorrect data check")) { try Gzip.decompress(flipped) }
    #expect(throws: GzipError.tooLarge(limit: 1_000)) { try Gzip.decompress(compressed, limit: 1_000) }
  }

  @Test func memberReaderReadsOneMemberAtAnOffset() throws {
    let dir = try StoreScratch()
    let parts = [Array("first".utf8), Self.pseudoRandom(100_000), []]
    let members = parts.map { Gzip.compress($0) }
    let path = dir.path + "/members.gz"
    try Data(members.joined()).write(to: URL(fileURLWithPath: path))

    let reader = try GzipMemberReader(path: path)
    #expect(try reader.fileSize() == members.map(\.count).reduce(0, +))
    var offset = 0
    for (part, member) in zip(parts, members) {
      let read = try #require(try reader.member(at: offset))
      #expect(read.bytes == part)
      #expect(read.compressedLength == member.count)
      #expect(try reader.memberLength(at: offset) == member.count)
      offset += member.count
    }
    #expect(try reader.member(at: offset) == nil)
    #expect(try reader.memberLength(at: offset) == nil)
    #expect(try reader.candidateMemberStarts(after: 0) == [members[0].count, members[0].count + members[1].count])
    #expect(throws: GzipError.corrupt("not a gzip member")) { try reader.member(at: 1) }
    #expect(throws: GzipError.tooLarge(limit: 10)) { try reader.member(at: members[0].count, limit: 10) }
  }

  @Test func memberReaderReportsATornLastMember() throws {
    let dir = try StoreScratch()
    let first = Gzip.compress(Array("complete".utf8))
    let second = Gzip.compress(Self.pseudoRandom(10_000))
    let path = dir.path + "/torn.gz"
    try Data(first + second.prefix(second.count - 100)).write(to: URL(fileURLWithPath: path))
    let reader = try GzipMemberReader(path: path)
    #expect(try reader.member(at: 0)?.bytes == Array("complete".utf8))
    #expect(throws: GzipError.truncated) { try reader.member(at: first.count) }
    #expect(throws: GzipError.truncated) { try reader.memberLength(at: first.count) }
    #expect(throws: GzipError.self) { try GzipMemberReader(path: dir.path + "/missing.gz") }
  }
}
