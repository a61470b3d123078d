import ArgumentParser
import Dispatch
import Foundation
import VerbatimKit

/// `verbatim extract`: metadata with provenance and main text of one page, or of a folder of pages.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract title, authors, dates, site and main text from HTML pages.",
    discussion: """
      One page: verbatim extract page.html [--url URL] [--format text|json]   ('-' reads standard input)
      A folder: verbatim extract --batch DIR --format jsonl   (one JSON object per *.html file, with "id")
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

  @Argument(help: "HTML file to read, or '-' for standard input.")
  var file: String?

  @Option(help: "Folder whose *.html files are extracted (JSON lines, one per file, sorted by name).")
  var batch: String?

  @Option(help: "The page's URL (used for dates in the URL and as the canonical fallback).")
  var url: String?

  @Option(
    name: .customLong("content-type"),
    help: "The HTTP Content-Type the page was served with (its charset wins over the page's own).")
  var contentType: String?

  @Option(help: "Output format: text, json, or jsonl (batch).")
  var format: Format?

  @Flag(name: .customLong("json-lines"), help: "Same as --format jsonl; with a folder argument implies --batch.")
  var jsonLines = false

  @Flag(help: "Include every visible text block with its role (json only).")
  var blocks = false

  @Flag(help: "Indent JSON output.")
  var pretty = false

  func run() throws {
    var folder = batch
    if folder == nil, jsonLines, let file, isDirectory(file) { folder = file }
    if let folder {
      guard isDirectory(folder) else { throw UsageFailure(message: "\(folder): not a folder") }
      try runBatch(folder)
      return
    }
    guard let file else { throw UsageFailure(message: "give an HTML file, '-', or --batch DIR") }
    let bytes: [UInt8]
    if file == "-" {
      bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    } else {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw UsageFailure(message: "\(file): cannot read the file")
      }
      bytes = [UInt8](data)
    }
    let page = PageExtractor.extract(bytes, contentType: contentType, url: url)
    if let limit = page.truncatedAt {
      Output.error("verbatim: warning: \(file): page longer than \(limit) bytes; only its start was read\n")
    }
    switch format ?? (jsonLines ? .jsonl : .text) {
    case .text: Output.write(ExtractReport.text(page))
    case .json, .jsonl:
      var out = ExtractReport.json(page, blocks: blocks, pretty: pretty)
      out.append(0x0A)
      Output.write(bytes: out[...])
    }
  }

  private func runBatch(_ folder: String) throws {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }.sorted()
    } catch {
      throw UsageFailure(message: "\(folder): cannot list the folder")
    }
    let chunk = 64
    var start = 0
    while start < names.count {
      let slice = Array(names[start..<min(start + chunk, names.count)])
      let results = BatchResults(count: slice.count)
      DispatchQueue.concurrentPerform(iterations: slice.count) { k in
        let name = slice[k]
        let id = String(name.dropLast(5))
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        var line: [UInt8]
        if let data = FileManager.default.contents(atPath: path) {
          line = ExtractReport.json(
            PageExtractor.extract([UInt8](data), contentType: contentType), id: id, blocks: blocks)
        } else {
          line = Array("{\"id\":\"\(id)\",\"_error\":\"cannot read the file\"}".utf8)
        }
        line.append(0x0A)
        results.set(k, line)
      }
      for line in results.take() { Output.write(bytes: line[...]) }
      start += chunk
    }
  }

  private func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }
}

/// Per-index results filled from concurrent workers.
private final class BatchResults: @unchecked Sendable {
  private var lines: [[UInt8]]
  private let lock = NSLock()
  init(count: Int) { lines = Array(repeating: [], count: count) }
  func set(_ index: Int, _ line: [UInt8]) {
    lock.lock()
    lines[index] = line
    lock.unlock()
  }
  func take() -> [[UInt8]] { lock.withLock { lines } }
}
