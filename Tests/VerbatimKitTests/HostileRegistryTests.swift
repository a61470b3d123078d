import Foundation
import Testing

@testable import VerbatimKit

/// A registry far larger than anyone writes by hand: 100,000 entries load whole and correctly. How
/// fast is measured by `bench/registry` (release build), not here. Alias bombs and deep nesting are
/// in `RegistryTests`.
@Suite("Hostile registries")
struct HostileRegistryTests {
  /// `count` entries written the documented way, the shape `bench/registry` generates: half people
  /// `p-NNNNNN` ("Person NNNNNN", employed by the organisation of the same number since 2020), then
  /// organisations `o-NNNNNN` ("Organisation NNNNNN", domain `orgNNNNNN.example`).
  static func generated(_ count: Int) -> String {
    let people = count / 2
    let organizations = count - people
    func number(_ i: Int) -> String {
      let digits = String(i)
      return String(repeating: "0", count: max(6 - digits.count, 0)) + digits
    }
    var text = "# generated: \(people) people, \(organizations) organisations\npeople:\n"
    for i in 0..<people {
      let n = number(i)
      text += "  p-\(n):\n    names: [\"Person \(n)\"]\n    affiliations:\n"
      text += "      - { org: o-\(number(i % organizations)), kind: employment, from: 2020 }\n"
    }
    text += "organizations:\n"
    for i in 0..<organizations {
      let n = number(i)
      text += "  o-\(n):\n    names: [\"Organisation \(n)\"]\n    domains: [\"org\(n).example\"]\n"
    }
    return text
  }

  @Test("100,000 entries (about 10 MB) load whole: counts, ties, places, lookups by name and domain")
  func hundredThousandEntries() throws {
    let text = Self.generated(100_000)
    #expect(text.utf8.count > 9_000_000 && text.utf8.count < RegistryLoader.maximumBytes)
    let registry = try RegistryLoader.load(text: text, file: "Sources.yml").get()
    #expect(registry.people.count == 50_000)
    #expect(registry.organizations.count == 50_000)
    #expect(registry.people.map(\.affiliations.count).reduce(0, +) == 50_000)
    let person = registry.people[12_345]
    #expect(person.id == "p-012345")
    #expect(person.names == ["Person 012345"])
    #expect(person.affiliations.map(\.organization) == ["o-012345"])
    #expect(person.affiliations.first?.from == "2020")
    // Line 1 is the comment, line 2 `people:`, then four lines a person.
    #expect(person.location == RegistryLocation(line: 3 + 12_345 * 4, column: 3))
    let last = try #require(registry.organizations.last)
    #expect(last.id == "o-049999" && last.domains == ["org049999.example"])
    #expect(last.location == RegistryLocation(line: 3 + 50_000 * 4 + 1 + 49_999 * 3, column: 3))
    let index = RegistryIndex(registry)
    #expect(index.person(named: "PERSON 049999")?.id == "p-049999")
    #expect(index.organization(named: "organisation 000007")?.id == "o-000007")
    #expect(index.organization(host: "www.org031337.example")?.id == "o-031337")
    #expect(index.organization(host: "org100000.example") == nil)
  }

  @Test("name keys of ASCII names, made without Foundation's folding, are the folded keys", arguments: [
    "Acme AI, Inc.", "  Jane   DOE ", "O'Brien-Smith", "R&D 2.0", "", "...", "a\tb\r\nc", "ALL CAPS 123", "x_y", "[Z]",
  ])
  func asciiNameKeys(name: String) {
    #expect(RegistryIndex.key(name) == RegistryIndex.foldedKey(name))
  }
}
