#if canImport(Glibc)
  import Glibc
#endif

/// Which IP addresses the fetcher may connect to, decided on the resolved address of every hop
/// (never on the host name, which DNS can point anywhere).
///
/// By default only public unicast addresses are allowed: loopback, private, shared (CGNAT),
/// link-local, unique-local, multicast, documentation and reserved ranges are refused.
/// `allowPrivate` lifts that for local testing and intranet notes, except cloud-metadata
/// endpoints, which stay refused. `denied` ranges are refused in every case (tests use them to
/// refuse one loopback address while serving from another).
public struct AddressPolicy: Sendable, Hashable {
  public var allowPrivate: Bool
  public var denied: [IPRange]

  public init(allowPrivate: Bool = false, denied: [IPRange] = []) {
    self.allowPrivate = allowPrivate
    self.denied = denied
  }

  /// Whether a connection to `address` (`"93.184.216.34"`, `"::1"`) is allowed.
  public func allows(_ address: String) -> Bool {
    guard let ip = IPAddress(address) else { return false }
    if denied.contains(where: { $0.contains(ip) }) { return false }
    if Self.metadata.contains(where: { $0.contains(ip) }) { return false }
    if allowPrivate { return !Self.never.contains(where: { $0.contains(ip) }) }
    return !Self.nonPublic.contains(where: { $0.contains(ip) })
  }

  /// Cloud instance-metadata endpoints: refused even with `allowPrivate`.
  static let metadata: [IPRange] = [
    "169.254.169.254/32", "169.254.170.2/32", "100.100.100.200/32", "fd00:ec2::254/128",
  ].map { IPRange($0)! }

  /// Never a valid destination: unspecified, multicast, broadcast.
  static let never: [IPRange] = ["0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32", "::/128", "ff00::/8"]
    .map { IPRange($0)! }

  /// Everything that is not public unicast (RFC 6890 special-purpose registries).
  static let nonPublic: [IPRange] = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
    "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10",
    "fec0::/10", "ff00::/8",
  ].map { IPRange($0)! }
}

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as IPv4-mapped IPv6, so one comparison serves
/// both; NAT64 and IPv4-compatible forms are unwrapped to the IPv4 address they carry).
public struct IPAddress: Sendable, Hashable {
  public let bytes: [UInt8]

  public init?(_ text: String) {
    var text = text
    if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
    if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }  // zone id
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 {
      let raw = withUnsafeBytes(of: &v4) { Array($0) }
      bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + raw
      return
    }
    var v6 = in6_addr()
    guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
    var raw = withUnsafeBytes(of: &v6) { Array($0) }
    // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address: judge that address.
    if raw[0..<12].elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) {
      raw = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + raw[12...]
    }
    bytes = raw
  }
}

/// A CIDR range (`10.0.0.0/8`, `fc00::/7`, or a single address).
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
  public let base: IPAddress
  /// Prefix length over the 128-bit form (IPv4 prefixes are offset by 96).
  public let prefix: Int
  public let description: String

  public init?(_ text: String) {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let first = parts.first, let base = IPAddress(String(first)) else { return nil }
    let isV4 = !first.contains(":")
    let maxPrefix = isV4 ? 32 : 128
    var length = maxPrefix
    if parts.count == 2 {
      guard let n = Int(parts[1]), (0...maxPrefix).contains(n) else { return nil }
      length = n
    }
    self.base = base
    self.prefix = isV4 ? length + 96 : length
    self.description = text
  }

  public func contains(_ address: IPAddress) -> Bool {
    var remaining = prefix
    for i in 0..<16 where remaining > 0 {
      let bits = min(8, remaining)
      let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
      if address.bytes[i] & mask != base.bytes[i] & mask { return false }
      remaining -= bits
    }
    return true
  }
}
