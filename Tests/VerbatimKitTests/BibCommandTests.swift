import Foundation
import Testing

@testable import VerbatimKit

/// `verbatim bib` as a user runs it on the bundled example, offline, from its committed archive.
@Suite("BibCommand")
struct BibCommandTests {
  static let enabled = VerbatimBinary.path != nil
  static let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static let exampleKeys = [
    "castellanos2025capacity", "castellanos2026ironair", "castellanos2026ironaira", "duarte2026storage",
    "gridlab2024gridlab", "hegarty2026brenner", "maier2026brenner", "okafor2026lena", "raman2026storage",
    "tanaka2026longduration", "vogt2026council", "whitfield2026ten", "wren2025longduration",
  ]

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-bib-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func files(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return out
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func exampleInEveryFormatTwiceIdentically() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    let out = try Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: vault)
      try? FileManager.default.removeItem(at: out)
    }
    let keysFile = vault.appendingPathComponent(".verbatim/citekeys.json")
    let committedKeys = try Data(contentsOf: keysFile)
    let first = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "all", "--output", out.appendingPathComponent("1").path])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("warning: https://preprints.example/2025/0042: not fetched (HTTP 410"))
    #expect(first.stderr.contains("13 entries written"))
    let second = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "all", "--output", out.appendingPathComponent("2").path])
    #expect(second.status == 0)
    let a = try Self.files(out.appendingPathComponent("1"))
    let b = try Self.files(out.appendingPathComponent("2"))
    #expect(Set(a.keys) == ["refs.json", "refs.bib", "refs.bibtex", "refs.ris", "refs.yml", "references.md"])
    #expect(a == b)
    // The committed keys were all reused: the key file is unchanged.
    #expect(try Data(contentsOf: keysFile) == committedKeys)
    let json = try #require(try JSONSerialization.jsonObject(with: a["refs.json"]!) as? [[String: Any]])
    #expect(json.compactMap { $0["id"] as? String } == Self.exampleKeys)
    // One format to standard output gives the same bytes as the file.
    let ris = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "ris"])
    #expect(Data(ris.stdout) == a["refs.ris"])
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func keysSurviveBetterMetadata() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    // The user corrects the blog post's title and date: its key was issued, so it stays.
    let registry = vault.appendingPathComponent("Sources.yml")
    var text = try String(contentsOf: registry, encoding: .utf8)
    text += """
        - url: https://voltaic.example/blog/2026/03/ten-thousand-cycles
          title: "Field report: ten thousand cycles"
          published: 2025-12-30

      """
    try text.write(to: registry, atomically: true, encoding: .utf8)
    let run = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "csl-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [[String: Any]])
    let post = try #require(json.first { ($0["URL"] as? String)?.hasPrefix("https://voltaic.example") == true })
    #expect(post["id"] as? String == "whitfield2026ten")
    #expect(post["title"] as? String == "Field report: ten thousand cycles")
    // Without the key file the same source would get a new key from the new metadata.
    try FileManager.default.removeItem(at: vault.appendingPathComponent(".verbatim/citekeys.json"))
    let fresh = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "csl-json"])
    let freshJSON = try #require(try JSONSerialization.jsonObject(with: Data(fresh.stdout)) as? [[String: Any]])
    #expect(freshJSON.contains { $0["id"] as? String == "whitfield2025field" })
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func skipUnfetchedAndNoteGlobs() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    defer { try? FileManager.default.removeItem(at: vault) }
    let skipped = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "csl-json", "--skip-unfetched"])
    #expect(skipped.status == 0)
    #expect(!skipped.stderr.contains("not fetched"))
    let ids = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout)) as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(ids == Self.exampleKeys.filter { $0 != "castellanos2025capacity" })
    let one = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "csl-json", "--notes", "Interviews/*"])
    let oneIDs = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout)) as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(!oneIDs.isEmpty && oneIDs.count < Self.exampleKeys.count)
    #expect(Set(oneIDs).isSubset(of: Self.exampleKeys))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func usageErrors() async throws {
    let all = try await VerbatimBinary.run(["bib", "Examples/vault", "--offline", "--format", "all"])
    #expect(all.status == 2)
    #expect(all.stderr.contains("--format all needs --output FOLDER"))
    let bad = try await VerbatimBinary.run(["bib", "Examples/vault", "--offline", "--format", "endnote"])
    #expect(bad.status == 2)
  }

  /// pandoc reads both primary files and renders every entry with no warning (`--fail-if-warnings`).
  @Test(.enabled(if: enabled && pandoc != nil, "pandoc or the verbatim binary missing"))
  func pandocRendersEveryEntryWithoutWarnings() async throws {
    let vault = try AuditCommandTests.exampleCopy()
    let out = try Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: vault)
      try? FileManager.default.removeItem(at: out)
    }
    let run = try await VerbatimBinary.run(["bib", vault.path, "--offline", "--format", "all", "--output", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    let document = out.appendingPathComponent("doc.md")
    try ("# Citations\n\n" + Self.exampleKeys.map { "Entry [@\($0)].\n\n" }.joined() + "# References\n")
      .write(to: document, atomically: true, encoding: .utf8)
    let apa = "/usr/share/citation-style-language/styles/apa.csl"
    for bibliography in ["refs.json", "refs.bib"] {
      var arguments = [document.path, "--citeproc", "--bibliography", out.appendingPathComponent(bibliography).path,
        "--fail-if-warnings", "--wrap=none"]
      if FileManager.default.fileExists(atPath: apa) { arguments += ["--csl", apa] }
      let (status, stdout, stderr) = try Self.runTool(Self.pandoc!, arguments + ["-t", "html"])
      #expect(status == 0, "\(bibliography): \(stderr)")
      #expect(stderr.isEmpty, "\(bibliography): \(stderr)")
      for key in Self.exampleKeys { #expect(stdout.contains("id=\"ref-\(key)\""), "\(bibliography): \(key)") }
      #expect(!stdout.contains("???"))
      // The title is rendered as published, case and all (pandoc re-cases unprotected .bib titles).
      let plain = try Self.runTool(Self.pandoc!, arguments + ["-t", "plain"])
      #expect(plain.0 == 0 && plain.2.isEmpty, "\(bibliography): \(plain.2)")
      #expect(plain.1.contains("Storage week: five things we learned in Rotterdam"), "\(bibliography)")
      #expect(plain.1.contains("Why iron-air wins"), "\(bibliography)")
    }
  }

  static func runTool(_ path: String, _ arguments: [String]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }
}
