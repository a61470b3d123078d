import Foundation
import Testing

@testable import VerbatimKit

/// The files Verbatim writes, checked by an independent WARC implementation: warcio
/// (`pip install warcio`, ≥ 1.7 for `check`). Skipped, with a note, when it is not installed.
@Suite(.enabled(if: Warcio.isAvailable, "warcio is not installed (pip install warcio): WARC validation skipped"))
struct WARCValidationTests {
  @Test func warcioIndexesEveryRecordWhereTheStoreSaysItIs() throws {
    let dir = try StoreScratch()
    let store = try dir.store(sizeLimit: 4_000)
    _ = try Sample.populate(store)
    var placed: [ArchivedRecord] = []
    placed += try store.archive(Sample.redirectChain())
    var h2 = Sample.exchange(url: "https://h2.example/other")
    h2.httpVersion = "HTTP/2"
    h2.originalURL = "https://cited.example/"
    placed += try store.archive([h2])

    for file in store.archiveFiles() {
      let path = dir.path + "/" + file
      let index = try Warcio.run(["index", "-f", "offset,length,warc-type,warc-target-uri,warc-record-id", path])
      #expect(index.status == 0, "\(index.output)")
      let rows = index.output.split(separator: "\n").map { line in
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
      }
      let ours = try WARCReader(path: path).readAll().entries
      #expect(rows.count == ours.count)
      for (row, entry) in zip(rows, ours) {
        #expect(Int(row["offset"] as? String ?? "") == entry.offset)
        #expect(Int(row["length"] as? String ?? "") == entry.length)
        #expect(row["warc-type"] as? String == entry.record.type)
        #expect(row["warc-target-uri"] as? String == entry.record.targetURI)
        #expect((row["warc-record-id"] as? String).map(WARCRecord.unbracketed) == entry.record.recordID)
      }
    }
    for record in placed {
      let row = try Warcio.run(["index", "-f", "offset,length", dir.path + "/" + record.file]).output
      #expect(row.contains(#""offset": "\#(record.offset)", "length": "\#(record.length)""#))
    }
  }

  @Test func warcioChecksEveryDigest() throws {
    let dir = try StoreScratch()
    let store = try dir.store(sizeLimit: 4_000)
    _ = try Sample.populate(store)
    let files = store.archiveFiles()
    #expect(files.count > 1)
    for file in files {
      let check = try Warcio.run(["check", "-v", dir.path + "/" + file])
      #expect(check.status == 0, "\(check.output)")
      let records = try WARCReader(path: dir.path + "/" + file).readAll().entries.count
      #expect(check.output.components(separatedBy: "digest pass").count - 1 == records, "\(check.output)")
      #expect(!check.output.contains("fail"), "\(check.output)")
    }
  }

  @Test func warcioExtractsTheStoredPayload() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let capture = try store.capture(key: "k", chain: [Sample.exchange()])
    let payload = try Warcio.run([
      "extract", "--payload", dir.path + "/" + capture.warcFile, String(capture.warcOffset),
    ])
    #expect(payload.status == 0)
    #expect(payload.output == String(decoding: Sample.body, as: UTF8.self))
    let headers = try Warcio.run([
      "extract", "--headers", dir.path + "/" + capture.warcFile, String(capture.warcOffset),
    ])
    #expect(
      headers.output.contains("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 21\r\n"))
  }
}

/// Runs `python3 -m warcio.cli`.
enum Warcio {
  static let isAvailable: Bool = (try? run(["--version"]).status) == 0

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-m", "warcio.cli"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
