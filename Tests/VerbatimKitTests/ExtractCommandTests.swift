import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `verbatim extract` as a user runs it: the built binary as a subprocess, on temporary files and
/// folders, checked by its JSON, text and exit codes.
@Suite("ExtractCommand")
struct ExtractCommandTests {
  static let binary = VerbatimBinary.path
  typealias Run = VerbatimBinary.Run
  static let enabled = binary != nil

  /// Runs `verbatim ARGS` with `stdin` as its standard input (empty when nil).
  static func run(_ arguments: [String], stdin: [UInt8]? = nil) async throws -> Run {
    try await VerbatimBinary.run(arguments, stdin: stdin)
  }

  /// A temporary folder holding `files` (name → contents).
  struct Folder {
    let root: URL
    var path: String { root.path }

    init(_ files: [String: String]) throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-extract-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      for (name, text) in files {
        try Data(text.utf8).write(to: root.appendingPathComponent(name))
      }
    }

    func file(_ name: String) -> String { root.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  /// A small article with a byline, a date and two paragraphs.
  static let article = """
    <!doctype html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Bees Return to the City Garden</title>
    <meta name="author" content="Ada Lovelace">
    <meta property="article:published_time" content="2024-03-05T09:00:00Z">
    </head><body>
    <article>
    <h1>Bees Return to the City Garden</h1>
    <p>After three quiet years, the bees have come back to the garden on Elm Street, and the gardeners are delighted.</p>
    <p>Volunteers counted more than forty hives this spring, twice as many as last year.</p>
    </article>
    </body></html>
    """

  /// The main text: the headline titles it and is not part of it.
  static let articleText = """
    After three quiet years, the bees have come back to the garden on Elm Street, and the gardeners are delighted.
    Volunteers counted more than forty hives this spring, twice as many as last year.
    """

  static func page(_ title: String, _ sentence: String) -> String {
    "<html><head><title>\(title)</title></head><body><p>\(sentence)</p></body></html>"
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func jsonForOneFile() async throws {
    let folder = try Folder(["bees.html": Self.article])
    defer { folder.remove() }
    let run = try await Self.run(["extract", folder.file("bees.html"), "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr == "")
    #expect(run.text.hasSuffix("}\n"))
    #expect(run.text.split(separator: "\n").count == 1)
    let json = try run.json()
    #expect(json["title"] as? String == "Bees Return to the City Garden")
    #expect(json["authors"] as? [String] == ["Ada Lovelace"])
    #expect(json["date"] as? String == "2024-03-05T09:00:00Z")
    #expect(json["text"] as? String == Self.articleText)
    #expect(json["charset"] as? String == "UTF-8")
    #expect(json["charset_rule"] as? String == "meta-charset")
    #expect(json["id"] == nil)
    #expect(json["truncated_at"] == nil)
    let provenance = try #require(json["provenance"] as? [String: String])
    #expect(provenance["title"] == "h1=title")
    #expect(provenance["authors"] == "meta:author")
    #expect(provenance["date"] == "meta:article:published_time")
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func standardInput() async throws {
    let run = try await Self.run(["extract", "-", "--format", "json"], stdin: Array(Self.article.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    let json = try run.json()
    #expect(json["title"] as? String == "Bees Return to the City Garden")
    #expect(json["text"] as? String == Self.articleText)
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func textFormat() async throws {
    let folder = try Folder(["bees.html": Self.article])
    defer { folder.remove() }
    let run = try await Self.run(["extract", folder.file("bees.html"), "--format", "text"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Title       Bees Return to the City Garden  [h1=title]")
    #expect(lines.contains("Authors     Ada Lovelace  [meta:author]"))
    #expect(lines.contains("Published   2024-03-05T09:00:00Z  [meta:article:published_time]"))
    #expect(lines.contains("Main text   2 blocks, 34 words (of 3 visible blocks)"))
    #expect(run.text.hasSuffix("\n\n" + Self.articleText + "\n"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func batchJSONLines() async throws {
    let folder = try Folder([
      "b-second.html": Self.page("Second page", "The second page says something else entirely."),
      "a-first.html": Self.page("First page", "The first page says one thing."),
      "c-third.html": Self.page("Third page", "The third page has the last word."),
      "notes.txt": "not a page",
      "page.htm": Self.page("Wrong suffix", "Not read: the suffix is .htm."),
      "data.json": "{}",
    ])
    defer { folder.remove() }
    let run = try await Self.run(["extract", "--batch", folder.path, "--format", "jsonl"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.text.hasSuffix("\n"))
    let lines = run.text.split(separator: "\n").map { String($0) }
    #expect(lines.count == 3)
    let objects = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["id"] as? String } == ["a-first", "b-second", "c-third"])
    #expect(objects.map { $0["title"] as? String } == ["First page", "Second page", "Third page"])
    #expect(
      objects.map { $0["text"] as? String } == [
        "The first page says one thing.", "The second page says something else entirely.",
        "The third page has the last word.",
      ])
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func missingFileExitsTwo() async throws {
    let folder = try Folder([:])
    defer { folder.remove() }
    let missing = folder.file("no-such-page.html")
    let run = try await Self.run(["extract", missing, "--format", "json"])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains(missing), "\(run.stderr)")
    #expect(run.stderr.contains("cannot read the file"), "\(run.stderr)")
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func batchOnAFileExitsTwo() async throws {
    let folder = try Folder(["one.html": Self.page("One", "Just one page here.")])
    defer { folder.remove() }
    let notFolder = folder.file("one.html")
    let run = try await Self.run(["extract", "--batch", notFolder, "--format", "jsonl"])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("\(notFolder): not a folder"), "\(run.stderr)")
    let missing = try await Self.run(["extract", "--batch", folder.file("absent"), "--format", "jsonl"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("not a folder"), "\(missing.stderr)")
  }
}
