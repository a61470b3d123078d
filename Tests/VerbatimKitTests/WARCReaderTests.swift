import Foundation
import Testing
import VerbatimInterop

@testable import VerbatimKit

@Suite struct WARCReaderTests {
  @Test func readsBackExactlyWhatWasWritten() throws {
    let dir = try StoreScratch()
    let writer = try dir.writer()
    let placed = try writer.append(Sample.redirectChain(), key: "http://old.example/x")
    let (entries, ending) = try WARCReader(path: dir.path + "/" + placed[0].file).readAll()
    #expect(ending == .clean(end: placed[5].offset + placed[5].length))
    #expect(entries.dropFirst().map(\.offset) == placed.map(\.offset))
    #expect(entries.dropFirst().map(\.length) == placed.map(\.length))
    #expect(entries.dropFirst().map { $0.record.recordID! } == placed.map(\.recordID))
    #expect(entries.dropFirst().map { $0.record.targetURI! } == placed.map(\.targetURI))

    // Each record re-serializes to the bytes in its member.
    let gzip = try GzipMemberReader(path: dir.path + "/" + placed[0].file)
    for entry in entries {
      #expect(try gzip.member(at: entry.offset)?.bytes == entry.record.serialized())
    }
    let hop = try StoredResponse(record: entries[2].record)
    #expect(hop?.status == 301)
    #expect(hop?.headers == [HTTPHeader("Location", "https://old.example/x"), HTTPHeader("Content-Length", "0")])
    #expect(hop?.date == Date(timeIntervalSince1970: 1_795_927_212))
  }

  @Test func anEmptyFileEndsCleanlyAtZero() throws {
    let dir = try StoreScratch()
    let path = dir.path + "/empty.warc.gz"
    _ = FileManager.default.createFile(atPath: path, contents: Data())
    let (entries, ending) = try WARCReader(path: path).readAll()
    #expect(entries.isEmpty)
    #expect(ending == .clean(end: 0))
    #expect(throws: StoreError.damagedArchive(file: path, offset: 0, reason: "offset at or past end of file")) {
      try WARCReader(path: path).record(at: 0)
    }
  }

  @Test func aFileCutInsideItsLastRecordReportsTheTornOffset() throws {
    let dir = try StoreScratch()
    let placed = try dir.writer().append([Sample.exchange(), Sample.exchange()])
    let path = dir.path + "/" + placed[0].file
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(placed[3].offset + placed[3].length - 9))
    try handle.close()
    let (entries, ending) = try WARCReader(path: path).readAll()
    #expect(entries.count == 4)
    #expect(ending == .torn(offset: placed[3].offset))
    #expect(throws: StoreError.self) { try WARCReader(path: path).record(at: placed[3].offset) }
  }

  @Test func readingFromAnOffsetThatIsNoRecordFails() throws {
    let dir = try StoreScratch()
    let placed = try dir.writer().append([Sample.exchange()])
    let reader = try WARCReader(path: dir.path + "/" + placed[0].file, name: placed[0].file)
    #expect(
      throws: StoreError.damagedArchive(file: placed[0].file, offset: placed[1].offset + 1, reason: "not a gzip member")
    ) {
      try reader.record(at: placed[1].offset + 1)
    }
    #expect(throws: StoreError.self) { try WARCReader(path: dir.path + "/missing.warc.gz") }
  }

  @Test func recordsSerializeWithTheirBlockLength() throws {
    let record = WARCRecord(
      headers: [
        HTTPHeader("WARC-Type", "resource"), HTTPHeader("Content-Length", "999"), HTTPHeader("content-length", "1"),
      ],
      block: Array("abc".utf8))
    let text = String(decoding: record.serialized(), as: UTF8.self)
    #expect(text == "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n")
    let parsed = try WARCRecord(parsing: record.serialized())
    #expect(parsed.headers == [HTTPHeader("WARC-Type", "resource"), HTTPHeader("Content-Length", "3")])
    #expect(parsed.block == Array("abc".utf8))
    #expect(parsed.version == "WARC/1.1")
  }

  @Test(arguments: [
    ("", "no blank line after the WARC fields"),
    ("WARC/1.1\r\nWARC-Type: x\r\n\r\n", "no valid Content-Length"),
    ("WARC/1.1\r\nContent-Length: 10\r\n\r\nabc", "block shorter than Content-Length 10"),
    ("WARC/1.1\r\nContent-Length: 3", "no blank line after the WARC fields"),
    ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "no WARC version line"),
  ])
  func malformedRecordsAreRejected(text: String, reason: String) {
    #expect(throws: StoreError.malformedRecord(file: "f", offset: 7, reason: reason)) {
      try WARCRecord(parsing: Array(text.utf8), place: ("f", 7))
    }
  }

  @Test func httpBlocksParseFoldedAndBareLFHeaders() throws {
    let block = try HTTPBlock(parsing: Array("HTTP/1.0 404 Not Found\nA:  1 \n  more\nB:2\n\nbody\r\n".utf8))
    #expect(block.startLine == "HTTP/1.0 404 Not Found")
    #expect(block.status == 404)
    #expect(block.headers == [HTTPHeader("A", "1 more"), HTTPHeader("B", "2")])
    #expect(block.body == Array("body\r\n".utf8))
    #expect(try HTTPBlock(parsing: Array("GET / HTTP/1.1\r\n\r\n".utf8)).status == nil)
  }

  @Test func warcDatesAreUTCToTheSecond() {
    #expect(WARCDate.format(Sample.date) == "2026-11-29T04:40:12Z")
    #expect(WARCDate.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(WARCDate.parse("2026-11-29T04:40:12Z") == Date(timeIntervalSince1970: 1_795_927_212))
    #expect(WARCDate.parse("2026-11-29T04:40:12.5Z") == Date(timeIntervalSince1970: 1_795_927_212.5))
    #expect(WARCDate.parse("2026-11-29 04:40:12") == nil)
    #expect(WARCDate.parse("20x6-11-29T04:40:12Z") == nil)
  }
}
