import Foundation
import Testing
import VerbatimKit

/// `verbatim sources check` as a user runs it: a summary and exit 0 for the example, every problem on standard
/// error as `FILE:LINE:COLUMN: error:` and exit 2 for a broken file.
@Suite("SourcesCommand")
struct SourcesCommandTests {
  static let enabled = VerbatimBinary.path != nil
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-sources-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func exampleVaultIsClean() async throws {
    let run = try await VerbatimBinary.run([
      "sources", "check", Self.root.appendingPathComponent("Examples/vault").path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.text
        == "11 people, 8 organisations, 20 ties (11 employment, 1 founder, 1 investor, 1 owner, 2 competitor, "
        + "1 funded-by, 1 supplier, 1 partner, 1 parent), 4 source rules\n")
    #expect(run.stderr.isEmpty)
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func brokenFileExitsTwoWithEveryProblem() async throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("Sources.yml")
    try """
    people:
      p-a:
        names: [A]
        afiliations: []
      p-b:
        names: [B]
        affiliations:
          - { org: o-missing, kind: employment, from: 2021-02-30 }
    """.write(to: file, atomically: true, encoding: .utf8)
    // Found at the vault's root, and named with --sources: the same report.
    for arguments in [["sources", "check", folder.path], ["sources", "check", "--sources", file.path]] {
      let run = try await VerbatimBinary.run(arguments)
      #expect(run.status == 2)
      #expect(run.text.isEmpty)
      #expect(
        run.stderr == """
          \(file.path):4:5: error: unknown key 'afiliations' in person 'p-a' (did you mean 'affiliations'?)
          \(file.path):8:16: error: unknown organisation 'o-missing': no such id under 'organizations'
          \(file.path):8:51: error: invalid date '2021-02-30' in 'from': expected YYYY, YYYY-MM or YYYY-MM-DD

          """)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func aliasBombAndMissingFile() async throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bomb = folder.appendingPathComponent("bomb.yml")
    try "a: &a [x, x]\nb: &b [*a, *a]\n".write(to: bomb, atomically: true, encoding: .utf8)
    let refused = try await VerbatimBinary.run(["sources", "check", "--sources", bomb.path])
    #expect(refused.status == 2)
    #expect(
      refused.stderr
        == "\(bomb.path):1:4: error: anchors and aliases are not supported in Sources.yml (write each value out)\n")
    let missing = try await VerbatimBinary.run(["sources", "check", folder.path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no Sources.yml in \(folder.path) or the current folder (use --sources FILE)"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func suggestWritesStanzasThatLoad() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    // With the example's registry: only what it lacks (an author and two sites it never describes).
    let known = try await VerbatimBinary.run(["sources", "suggest", vault.path, "--offline", "--quiet"])
    #expect(known.status == 0, "\(known.stderr)")
    let partial = try RegistryLoader.load(text: known.text, file: "suggested.yml").get()
    #expect(partial.people.map(\.id) == ["p-tomasz-wren"])
    #expect(Set(partial.organizations.map(\.id)) == ["o-notes-by-mira-castellanos", "o-energy-terms-project"])
    // Without a registry: every author, with the affiliation the page states and the page as the source.
    try FileManager.default.removeItem(at: vault.appendingPathComponent("Sources.yml"))
    let fresh = try await VerbatimBinary.run(["sources", "suggest", vault.path, "--offline", "--quiet"])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    let suggested = try RegistryLoader.load(text: fresh.text, file: "suggested.yml").get()
    let mira = try #require(suggested.person("p-mira-castellanos"))
    #expect(mira.affiliations.map(\.organization) == ["o-halvard-energy"])
    #expect(mira.affiliations.first?.source == "page: https://castellanos.example/notes/why-iron-air-wins")
    #expect(suggested.organization("o-halvard-energy")?.names == ["Halvard Energy"])
  }
}
