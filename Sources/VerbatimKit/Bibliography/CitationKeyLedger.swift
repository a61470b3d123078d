public import Foundation

/// Every citation key issued for a vault, by source identity, kept in the evidence store
/// (`citekeys.json`).
///
/// Exists because a key, once typed into a manuscript as `[@lefevre2025reading]`, must never change:
/// not when the page's metadata improves, not when a second source with the same key appears, not when
/// the bibliography is written again. A source is identified by its DOI (`doi:10.1234/x`) and by its
/// URL identity (`url:…`, tracking parameters and fragment removed); a key found under either is
/// reused, and a new key is recorded under both. Suffixes are never recycled.
public struct CitationKeyLedger: Sendable, Equatable {
  /// Identity → key.
  public private(set) var keys: [String: String]
  /// Whether keys were issued since it was loaded (only then is it saved).
  public private(set) var changed = false

  public init(keys: [String: String] = [:]) { self.keys = keys }

  public static let fileName = "citekeys.json"

  /// The ledger at `url`; empty when the file does not exist.
  public static func load(from url: URL) throws(BibliographyError) -> CitationKeyLedger {
    guard FileManager.default.fileExists(atPath: url.path) else { return CitationKeyLedger() }
    guard let data = try? Data(contentsOf: url) else {
      throw .unreadableKeys(path: url.path, reason: "cannot be read")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let keys = object["keys"] as? [String: String]
    else {
      throw .unreadableKeys(path: url.path, reason: "is not a citation-key file ({\"version\": 1, \"keys\": {…}})")
    }
    if let bad = keys.first(where: { !CitationKey.isValid($0.value) }) {
      throw .unreadableKeys(path: url.path, reason: "key '\(bad.value)' for \(bad.key) is not lower-case ASCII letters and digits")
    }
    return CitationKeyLedger(keys: keys)
  }

  /// The file's bytes: sorted identities, one per line, so a vault's history shows each key once.
  public func encoded() -> [UInt8] {
    var json = JSONWriter(pretty: true)
    json.beginObject()
    json.field("version", 1)
    json.key("keys")
    json.beginObject()
    for identity in keys.keys.sorted() {
      json.key(dynamic: identity)
      json.value(keys[identity])
    }
    json.endObject()
    json.endObject()
    json.newline()
    return json.bytes
  }

  /// Writes the ledger atomically when keys were issued.
  public func save(to url: URL) throws(BibliographyError) {
    guard changed else { return }
    do {
      try Data(encoded()).write(to: url, options: .atomic)
    } catch {
      throw .unreadableKeys(path: url.path, reason: "cannot be written: \(error.localizedDescription)")
    }
  }

  /// A source to key: its identities (DOI first when known) and a key pinned by the user, if any.
  public struct Claim: Sendable {
    public var identities: [String]
    public var pinned: String?
    public init(identities: [String], pinned: String? = nil) {
      self.identities = identities
      self.pinned = pinned
    }
  }

  /// Gives each reference its key: a pinned key first, then a key already issued under any of its
  /// identities, then a new one (`CitationKey.base`, with `a`, `b`, … when taken), issued in order of
  /// publication date and URL so a fresh vault always gets the same keys. Returns warnings.
  public mutating func assign(_ references: inout [Reference], claims: [Claim]) -> [String] {
    precondition(references.count == claims.count)
    var warnings: [String] = []
    var taken = Set(keys.values)
    var owner: [String: Int] = [:]  // key → reference given it in this run
    var pending: [Int] = []
    func issue(_ key: String, to i: Int) {
      references[i].key = key
      owner[key] = i
      taken.insert(key)
      for identity in claims[i].identities where keys[identity] != key {
        keys[identity] = key
        changed = true
      }
    }
    for i in references.indices {
      if let pinned = claims[i].pinned {
        if let other = owner[pinned] {
          warnings.append("key '\(pinned)' is pinned for two sources (\(claims[other].identities.first ?? "?") and \(claims[i].identities.first ?? "?")); the second gets a new key")
          pending.append(i)
        } else {
          issue(pinned, to: i)
        }
      }
    }
    for i in references.indices where claims[i].pinned == nil {
      let issued = keys
      if let known = claims[i].identities.compactMap({ issued[$0] }).first, owner[known] == nil {
        issue(known, to: i)
      } else {
        pending.append(i)
      }
    }
    // Undated sources last; then by URL identity.
    let undated = ReferenceDate(year: Int.max)
    pending.sort { a, b in
      let x = references[a].issued ?? undated, y = references[b].issued ?? undated
      return x != y ? x < y : (claims[a].identities.last ?? "") < (claims[b].identities.last ?? "")
    }
    for i in pending {
      let previous = claims[i].identities.compactMap { keys[$0] }.first
      let base = CitationKey.base(for: references[i])
      var key = base
      var suffix = 0
      while taken.contains(key) {
        key = base + Self.suffix(suffix)
        suffix += 1
      }
      issue(key, to: i)
      if let previous, previous != key, let pinner = owner[previous] {
        warnings.append(
          "key '\(previous)' of \(claims[i].identities.last ?? "?") is pinned for \(claims[pinner].identities.last ?? "?"); \(claims[i].identities.last ?? "?") now has '\(key)'")
      }
    }
    return warnings
  }

  /// `a` … `z`, then `aa`, `ab`, …
  static func suffix(_ n: Int) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    return n < 26 ? String(letters[n]) : suffix(n / 26 - 1) + String(letters[n % 26])
  }
}

/// Why a bibliography could not be written.
public enum BibliographyError: Error, Equatable, CustomStringConvertible {
  case unreadableKeys(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadableKeys(let path, let reason): "\(path): \(reason)"
    }
  }
}
