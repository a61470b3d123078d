import Foundation
import Testing

@testable import VerbatimKit

/// A vault folder made for one test under the system's temporary folder, removed by `remove()`
/// (permissions restored first, so unreadable entries go too).
final class ScratchVault {
  let root: URL
  private var locked: [String] = []

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("verbatim-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  var path: String { root.path }

  func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// Writes a file, creating its folders.
  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let url = url(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

  func folder(_ relative: String) throws {
    try FileManager.default.createDirectory(at: url(relative), withIntermediateDirectories: true)
  }

  /// A symbolic link at `relative` whose content is `destination` (relative or absolute).
  func link(_ relative: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(atPath: url(relative).path, withDestinationPath: destination)
  }

  /// Removes every permission from `relative` (restored by `remove()`).
  func lock(_ relative: String) throws {
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url(relative).path)
    locked.append(relative)
  }

  func remove() {
    for relative in locked {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url(relative).path)
    }
    try? FileManager.default.removeItem(at: root)
  }

  /// Root ignores permission bits: `chmod 000` does not stop it from reading.
  static var runsAsRoot: Bool { geteuid() == 0 }
}

/// Which files of a vault are notes: skipped folders, symbolic links, loops.
@Suite("Vault walking")
struct VaultWalkerTests {
  static func notes(_ vault: ScratchVault) throws -> [String] {
    try Harvester.harvest(vault: vault.path).notes.map(\.path)
  }

  @Test("every .md file below the root, sorted; other files ignored; .MD counts")
  func notes() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("b.md", "b")
    try vault.write("a/c.md", "c")
    try vault.write("a/deep/d.MD", "d")
    try vault.write("image.png", [0x89, 0x50])
    try vault.write("notes.txt", "not a note")
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["a/c.md", "a/deep/d.MD", "b.md"])
    #expect(harvest.allDiagnostics.isEmpty)
  }

  @Test("skipped folders: .git .obsidian .trash node_modules .verbatim, at any depth")
  func skippedFolders() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    for folder in [".git", ".obsidian", ".trash", "node_modules", ".verbatim", "sub/node_modules", "sub/.git"] {
      try vault.write("\(folder)/x.md", "\"a quote that must not be harvested\"")
    }
    try vault.write("sub/kept.md", "kept")
    try vault.write(".hidden-but-not-skipped/y.md", "y")
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == [".hidden-but-not-skipped/y.md", "sub/kept.md"])
    #expect(harvest.quotes.isEmpty)
    #expect(harvest.allDiagnostics.isEmpty)
  }

  @Test("a symlink loop (a folder linked to its parent) ends, and each note appears once")
  func symlinkLoop() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("top.md", "top")
    try vault.write("sub/n.md", "n")
    try vault.link("sub/loop", to: "..")
    try vault.link("sub/self", to: ".")
    #expect(try Self.notes(vault) == ["sub/n.md", "top.md"])
  }

  @Test("a symlink to a folder outside the vault is not followed, with a warning")
  func symlinkOutside() throws {
    let vault = try ScratchVault()
    let outside = try ScratchVault()
    defer {
      vault.remove()
      outside.remove()
    }
    try outside.write("o.md", "\"a quote in a note outside the vault\"")
    try vault.write("in.md", "in")
    try vault.link("out", to: outside.path)
    try vault.link("out-note.md", to: outside.url("o.md").path)
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["in.md"])
    #expect(
      harvest.diagnostics == [
        Diagnostic(.warning, file: "out", "symbolic link leads outside the vault; not followed"),
        Diagnostic(.warning, file: "out-note.md", "symbolic link leads outside the vault; not followed"),
      ])
  }

  @Test("a note reached through a linked folder or file inside the vault is listed once, by its real path")
  func symlinkInside() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write("a/real.md", "\"a quote that must be harvested once\"")
    try vault.link("z", to: "a")
    try vault.link("alias.md", to: "a/real.md")
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.map(\.path) == ["a/real.md"])
    #expect(harvest.quotes.count == 1)
    #expect(harvest.allDiagnostics.isEmpty)
  }

  @Test("a note reached only through a link is listed under the link")
  func symlinkIntoSkippedFolder() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.write(".obsidian/templates/t.md", "template")
    try vault.link("templates", to: ".obsidian/templates")
    #expect(try Self.notes(vault) == ["templates/t.md"])
  }

  @Test("a broken symlink named .md is skipped with a warning")
  func brokenLink() throws {
    let vault = try ScratchVault()
    defer { vault.remove() }
    try vault.link("gone.md", to: "nowhere.md")
    let harvest = try Harvester.harvest(vault: vault.path)
    #expect(harvest.notes.isEmpty)
    #expect(harvest.diagnostics == [Diagnostic(.warning, file: "gone.md", "broken symbolic link; skipped")])
  }

  @Test("a vault given through a symlink is walked, paths relative to it")
  func rootThroughLink() throws {
    let vault = try ScratchVault()
    let holder = try ScratchVault()
    defer {
      vault.remove()
      holder.remove()
    }
    try vault.write("n.md", "n")
    try holder.link("vault", to: vault.path)
    let harvest = try Harvester.harvest(vault: holder.url("vault").path)
    #expect(harvest.notes.map(\.path) == ["n.md"])
  }
}
