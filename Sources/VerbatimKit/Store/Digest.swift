internal import VerbatimInterop

/// SHA-256 (FIPS 180-4), for the ledger's content hash of every stored body.
///
/// Exists because Linux has no CryptoKit and Verbatim takes no swift-crypto dependency for
/// two hash functions. Streaming: `update` any number of times, then `finalize`.
public struct SHA256: Sendable {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  public init() { pending.reserveCapacity(64) }

  /// The digest of `bytes`, 32 bytes: through OpenSSL (hardware SHA) for contiguous bytes,
  /// else (or if OpenSSL fails) with this type's own code.
  public static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    if let fast = bytes.withContiguousStorageIfAvailable({ HardwareDigest.sha256(UnsafeRawBufferPointer($0)) }),
      let digest = fast
    {
      return digest
    }
    return portable(bytes)
  }

  /// The digest computed by this type's own (portable) code; tests compare both paths.
  static func portable<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    length &+= UInt64(bytes.count)
    feed(bytes, into: &state, pending: &pending, compress: SHA256.compress)
  }

  public mutating func finalize() -> [UInt8] {
    pad(&pending, length: length)
    pending.withUnsafeBufferPointer { SHA256.compress(&state, $0) }
    return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// Processes whole 64-byte blocks of `blocks`.
  private static func compress(_ state: inout [UInt32], _ blocks: UnsafeBufferPointer<UInt8>) {
    k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var base = 0
        while base + 64 <= blocks.count {
          for t in 0..<16 { w[t] = bigEndianWord(blocks, base + 4 * t) }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (
            state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]
          )
          for t in 0..<64 {
            let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
            let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
          }
          state[0] &+= a
          state[1] &+= b
          state[2] &+= c
          state[3] &+= d
          state[4] &+= e
          state[5] &+= f
          state[6] &+= g
          state[7] &+= h
          base += 64
        }
      }
    }
  }
}

/// SHA-1 (FIPS 180-4), only because WARC digests are conventionally `sha1:` + base32 and the
/// tools that verify them (warcio, pywb) expect exactly that. Not for security.
public struct SHA1: Sendable {
  private var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  public init() { pending.reserveCapacity(64) }

  /// The digest of `bytes`, 20 bytes: through OpenSSL (hardware SHA) for contiguous bytes,
  /// else (or if OpenSSL fails) with this type's own code.
  public static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    if let fast = bytes.withContiguousStorageIfAvailable({ HardwareDigest.sha1(UnsafeRawBufferPointer($0)) }),
      let digest = fast
    {
      return digest
    }
    return portable(bytes)
  }

  /// The digest computed by this type's own (portable) code; tests compare both paths.
  static func portable<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    var hasher = SHA1()
    hasher.update(bytes)
    return hasher.finalize()
  }

  public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    length &+= UInt64(bytes.count)
    feed(bytes, into: &state, pending: &pending, compress: SHA1.compress)
  }

  public mutating func finalize() -> [UInt8] {
    pad(&pending, length: length)
    pending.withUnsafeBufferPointer { SHA1.compress(&state, $0) }
    return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
  }

  private static func compress(_ state: inout [UInt32], _ blocks: UnsafeBufferPointer<UInt8>) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
      var base = 0
      while base + 64 <= blocks.count {
        for t in 0..<16 { w[t] = bigEndianWord(blocks, base + 4 * t) }
        for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
        var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
        for t in 0..<80 {
          let f: UInt32
          let k: UInt32
          switch t {
          case 0..<20:
            f = (b & c) | (~b & d)
            k = 0x5A82_7999
          case 20..<40:
            f = b ^ c ^ d
            k = 0x6ED9_EBA1
          case 40..<60:
            f = (b & c) | (b & d) | (c & d)
            k = 0x8F1B_BCDC
          default:
            f = b ^ c ^ d
            k = 0xCA62_C1D6
          }
          let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
          (e, d, c, b, a) = (d, c, rotl(b, 30), a, temp)
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        base += 64
      }
    }
  }
}

/// Buffers input into 64-byte blocks and compresses every complete one.
private func feed<Bytes: Collection<UInt8>>(
  _ bytes: Bytes, into state: inout [UInt32], pending: inout [UInt8],
  compress: (inout [UInt32], UnsafeBufferPointer<UInt8>) -> Void
) {
  let direct: Void? = bytes.withContiguousStorageIfAvailable { input -> Void in
    var input = input[...]
    if !pending.isEmpty {
      let take = min(64 - pending.count, input.count)
      pending.append(contentsOf: input.prefix(take))
      input = input.dropFirst(take)
      guard pending.count == 64 else { return }
      pending.withUnsafeBufferPointer { compress(&state, $0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = input.count / 64 * 64
    compress(&state, UnsafeBufferPointer(rebasing: input.prefix(whole)))
    pending.append(contentsOf: input.dropFirst(whole))
  }
  if direct == nil { feed(Array(bytes), into: &state, pending: &pending, compress: compress) }
}

/// Appends the FIPS 180-4 padding (0x80, zeros, 64-bit big-endian bit length) to `pending`.
private func pad(_ pending: inout [UInt8], length: UInt64) {
  pending.append(0x80)
  while pending.count % 64 != 56 { pending.append(0) }
  let bits = length &* 8
  for shift in stride(from: 56, through: 0, by: -8) { pending.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
}

@inline(__always) private func bigEndianWord(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
  UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
}

@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
@inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }

/// RFC 4648 encodings used by the store: base32 for WARC digests, lower-case hex for the ledger.
public enum Base32 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  /// Base32 (RFC 4648 §6) with `=` padding to a multiple of 8 characters.
  public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes, padding: Bool = true) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 4) / 5 * 8)
    var buffer: UInt64 = 0
    var bits = 0
    for byte in bytes {
      buffer = buffer << 8 | UInt64(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        out.append(alphabet[Int(buffer >> UInt64(bits) & 0x1F)])
      }
    }
    if bits > 0 { out.append(alphabet[Int(buffer << UInt64(5 - bits) & 0x1F)]) }
    if padding { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
    return String(decoding: out, as: UTF8.self)
  }
}

extension Collection<UInt8> {
  /// Lower-case hexadecimal.
  var hexString: String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(count * 2)
    for byte in self {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
