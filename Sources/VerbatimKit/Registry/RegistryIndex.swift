public import Foundation

/// Lookups over a registry by the names pages and notes use: people and organisations by any of their
/// names (case, diacritics, spacing, "Family, Given" order and middle initials ignored), organisations
/// by domain (parent domains included).
///
/// Exists so a byline's "CASTELLANOS, Mira J." and a note's "Mira Castellanos" land on the same entry.
public struct RegistryIndex: Sendable {
  public let registry: Registry
  private var peopleByName: [String: Int] = [:]
  private var organizationsByName: [String: Int] = [:]
  private var organizationsByDomain: [String: Int] = [:]

  public init(_ registry: Registry) {
    self.registry = registry
    for (k, person) in registry.people.enumerated() {
      for name in person.names where peopleByName[Self.personKey(name)] == nil {
        peopleByName[Self.personKey(name)] = k
      }
    }
    for (k, org) in registry.organizations.enumerated() {
      for name in org.names where organizationsByName[Self.key(name)] == nil { organizationsByName[Self.key(name)] = k }
      for domain in org.domains where organizationsByDomain[domain.lowercased()] == nil {
        organizationsByDomain[domain.lowercased()] = k
      }
    }
  }

  public func person(named name: String) -> Person? {
    peopleByName[Self.personKey(name)].map { registry.people[$0] }
  }

  public func organization(named name: String) -> Organization? {
    organizationsByName[Self.key(name)].map { registry.organizations[$0] }
  }

  /// The organisation owning `host` or one of its parent domains (`blog.acme.example` → `acme.example`).
  public func organization(host: String) -> Organization? {
    var labels = host.lowercased().split(separator: ".")
    while labels.count >= 2 {
      if let k = organizationsByDomain[labels.joined(separator: ".")] { return registry.organizations[k] }
      labels.removeFirst()
    }
    return nil
  }

  /// The person whose own site is `host` or a parent domain of it.
  public func person(site host: String) -> Person? {
    let h = host.lowercased()
    return registry.people.first { person in
      person.sites.contains { site in h == site.lowercased() || h.hasSuffix("." + site.lowercased()) }
    }
  }

  /// Case-folded, diacritics stripped, punctuation and spacing collapsed: "Acme AI, Inc." → "acme ai inc".
  public static func key(_ name: String) -> String {
    asciiKey(name) ?? foldedKey(name)
  }

  /// `key` for any name, through Foundation's folding.
  static func foldedKey(_ name: String) -> String {
    let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var words: [String] = []
    var current = ""
    for c in folded {
      if c.isLetter || c.isNumber {
        current.append(c)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words.joined(separator: " ")
  }

  /// `key` of an all-ASCII name without Foundation's folding (the same result: ASCII has no diacritics,
  /// and its letters and digits are `[A-Za-z0-9]`); nil for any other name. Most names are ASCII, and
  /// folding was the largest cost of checking a 100,000-entry registry for duplicate names.
  private static func asciiKey(_ name: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(name.utf8.count)
    var pendingSpace = false
    for byte in name.utf8 {
      guard byte < 0x80 else { return nil }
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        if pendingSpace { bytes.append(0x20) }
        pendingSpace = false
        bytes.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        if pendingSpace { bytes.append(0x20) }
        pendingSpace = false
        bytes.append(byte | 0x20)
      default:
        pendingSpace = !bytes.isEmpty
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A person's name key: "Family, Given" turned around, middle initials dropped ("Castellanos, Mira J."
  /// → "mira castellanos").
  static func personKey(_ name: String) -> String {
    var text = name
    if let comma = text.firstIndex(of: ","), text[text.index(after: comma)...].contains(where: \.isLetter) {
      text = String(text[text.index(after: comma)...]) + " " + String(text[..<comma])
    }
    let words = key(text).split(separator: " ")
    let kept = words.enumerated().filter { index, word in
      !(word.count == 1 && index > 0 && index < words.count - 1)
    }.map(\.element)
    return kept.joined(separator: " ")
  }
}
