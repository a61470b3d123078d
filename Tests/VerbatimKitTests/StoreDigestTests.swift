import Testing

@testable import VerbatimKit

/// FIPS 180-4 / NIST example vectors for the store's hashes, and RFC 4648 §10 for base32.
@Suite struct StoreDigestTests {
  static let vectors: [(message: [UInt8], sha256: String, sha1: String)] = [
    (
      [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    ),
    (
      Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "a9993e364706816aba3e25717850c26c9cd0d89d"
    ),
    (
      Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
    ),
    (
      Array(repeating: UInt8(ascii: "a"), count: 1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
    ),
  ]

  /// Both paths: OpenSSL (what `hash` uses) and the portable code (its fallback).
  @Test func sha256MatchesTheFIPSVectors() {
    for vector in Self.vectors {
      #expect(SHA256.hash(vector.message).hexString == vector.sha256)
      #expect(SHA256.portable(vector.message).hexString == vector.sha256)
    }
  }

  @Test func sha1MatchesTheFIPSVectors() {
    for vector in Self.vectors {
      #expect(SHA1.hash(vector.message).hexString == vector.sha1)
      #expect(SHA1.portable(vector.message).hexString == vector.sha1)
    }
  }

  /// A collection without contiguous storage takes the portable path and agrees.
  @Test func nonContiguousBytesTakeThePortablePath() {
    let message = Array("abc".utf8)
    #expect(SHA256.hash(message.lazy.map { $0 }).hexString == Self.vectors[1].sha256)
    #expect(SHA1.hash(message.lazy.map { $0 }).hexString == Self.vectors[1].sha1)
  }

  @Test func streamingInAnyChunksGivesTheSameDigest() {
    let message = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    let whole256 = SHA256.hash(message)
    let whole1 = SHA1.hash(message)
    for chunk in [1, 3, 55, 56, 63, 64, 65, 4_096, 20_000] {
      var sha256 = SHA256()
      var sha1 = SHA1()
      var i = 0
      while i < message.count {
        let piece = message[i..<min(i + chunk, message.count)]
        sha256.update(piece)
        sha1.update(piece)
        i += chunk
      }
      #expect(sha256.finalize() == whole256, "chunk \(chunk)")
      #expect(sha1.finalize() == whole1, "chunk \(chunk)")
    }
    // Non-contiguous input takes the copying path.
    #expect(SHA256.hash("abc".utf8).hexString == Self.vectors[1].sha256)
  }

  @Test func paddingBoundaries() {
    // 55, 56 and 64 bytes: the length field fits, does not fit, and a full block.
    #expect(
      SHA256.hash(Array(repeating: 0x61, count: 55)).hexString
        == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    #expect(
      SHA256.hash(Array(repeating: 0x61, count: 56)).hexString
        == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    #expect(
      SHA256.hash(Array(repeating: 0x61, count: 64)).hexString
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    #expect(SHA1.hash(Array(repeating: 0x61, count: 56)).hexString == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
  }

  @Test(arguments: [
    ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
    ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
  ])
  func base32MatchesRFC4648(input: String, encoded: String) {
    #expect(Base32.encode(Array(input.utf8)) == encoded)
  }

  @Test func warcDigestsAreSHA1InBase32() {
    #expect(ExchangeRecords.digest(Array("<p>Hello, world.</p>\n".utf8)) == "sha1:HHSGFDNGMKAZUI6BWCMKAJJX3NCQNAXJ")
    #expect(Base32.encode(SHA1.hash([UInt8]()), padding: false) == "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
  }
}
