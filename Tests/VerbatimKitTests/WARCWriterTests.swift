import Foundation
import Testing
import VerbatimInterop

@testable import VerbatimKit

@Suite struct WARCWriterTests {
  static let warcinfoText =
    "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
    + "WARC-Date: 2026-11-29T04:40:12Z\r\nWARC-Filename: verbatim-00001.warc.gz\r\n"
    + "WARC-Block-Digest: sha1:O5UL4D3KJGMC3W4MFILP274A3BJCIFUR\r\nContent-Type: application/warc-fields\r\n"
    + "Content-Length: 149\r\n\r\nsoftware: Verbatim/0.1.0\r\nformat: WARC File Format 1.1\r\n"
    + "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n\r\n\r\n"

  static let requestText =
    "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
    + "WARC-Date: 2026-11-29T04:40:12Z\r\nWARC-Target-URI: https://example.org/a/b?x=1\r\n"
    + "WARC-IP-Address: 93.184.216.34\r\nWARC-Concurrent-To: <urn:uuid:00000000-0000-4000-8000-000000000003>\r\n"
    + "WARC-Warcinfo-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
    + "WARC-Block-Digest: sha1:J57UGTQU5TLEUW4WKKY2FNOUYGZ4UCPK\r\n"
    + "Content-Type: application/http;msgtype=request\r\nContent-Length: 85\r\n\r\n"
    + "GET /a/b?x=1 HTTP/1.1\r\nHost: example.org\r\nUser-Agent: Verbatim/0.1.0\r\nAccept: */*\r\n\r\n\r\n\r\n"

  static let responseText =
    "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000003>\r\n"
    + "WARC-Date: 2026-11-29T04:40:12Z\r\nWARC-Target-URI: https://example.org/a/b?x=1\r\n"
    + "WARC-IP-Address: 93.184.216.34\r\nWARC-Concurrent-To: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
    + "WARC-Warcinfo-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
    + "WARC-Block-Digest: sha1:ILQ2KODIJNZ7LT3OH3PPIHA6PD4BKHVP\r\n"
    + "WARC-Payload-Digest: sha1:HHSGFDNGMKAZUI6BWCMKAJJX3NCQNAXJ\r\n"
    + "Content-Type: application/http;msgtype=response\r\nContent-Length: 157\r\n\r\n"
    + "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 21\r\nETag: \"abc\"\r\n"
    + "X-Verbatim-Original-Content-Encoding: gzip\r\n\r\n<p>Hello, world.</p>\n\r\n\r\n"

  /// The decompressed text of each gzip member of a file, with its offset and length.
  static func members(_ path: String) throws -> [(offset: Int, length: Int, text: String)] {
    let reader = try GzipMemberReader(path: path)
    var out: [(Int, Int, String)] = []
    var offset = 0
    while let member = try reader.member(at: offset) {
      out.append((offset, member.compressedLength, String(decoding: member.bytes, as: UTF8.self)))
      offset += member.compressedLength
    }
    return out
  }

  @Test func firstAppendWritesWarcinfoRequestAndResponseExactly() throws {
    let dir = try StoreScratch()
    let writer = try dir.writer()
    let placed = try writer.append([Sample.exchange()])
    let path = dir.path + "/archive/verbatim-00001.warc.gz"
    let members = try Self.members(path)
    #expect(members.map(\.text) == [Self.warcinfoText, Self.requestText, Self.responseText])
    #expect(members[0].offset == 0)
    #expect(members[0].length == Gzip.compress(Array(Self.warcinfoText.utf8), level: WARCWriter.Options().compressionLevel).count)
    let id = SequentialIDs.id
    #expect(
      placed == [
        ArchivedRecord(
          type: "request", recordID: id(2), targetURI: "https://example.org/a/b?x=1",
          file: "archive/verbatim-00001.warc.gz", offset: members[1].offset, length: members[1].length),
        ArchivedRecord(
          type: "response", recordID: id(3), targetURI: "https://example.org/a/b?x=1",
          file: "archive/verbatim-00001.warc.gz", offset: members[2].offset, length: members[2].length),
      ])
    #expect(try fileSize(path) == members[2].offset + members[2].length)
  }

  @Test func laterAppendsReuseTheFileAndItsWarcinfo() throws {
    let dir = try StoreScratch()
    let writer = try dir.writer()
    let first = try writer.append([Sample.exchange()])
    let second = try writer.append([Sample.exchange(url: "https://example.org/")], key: "https://example.org/")
    #expect(second[0].offset == first[1].offset + first[1].length)
    #expect(second.map(\.recordID) == [SequentialIDs.id(4), SequentialIDs.id(5)])
    let response = try WARCReader(path: dir.path + "/" + second[1].file).record(at: second[1].offset).record
    #expect(response[field: "WARC-Warcinfo-ID"] == "<\(SequentialIDs.id(1))>")
    #expect(response[field: "Verbatim-Source-Key"] == "https://example.org/")
    #expect(response[field: "Verbatim-Chain"] == "1/1")
    let request = try WARCReader(path: dir.path + "/" + second[0].file).record(at: second[0].offset).record
    #expect(String(decoding: request.block, as: UTF8.self).hasPrefix("GET / HTTP/1.1\r\nHost: example.org\r\n"))

    // Another writer (another process) appends after it and finds the same warcinfo.
    let other = try WARCWriter(
      storeDirectory: dir.path, options: .init(makeRecordID: { "urn:uuid:other" }, now: { Sample.date }))
    let third = try other.append([Sample.exchange()])
    #expect(third[0].offset == second[1].offset + second[1].length)
    let record = try WARCReader(path: dir.path + "/" + third[1].file).record(at: third[1].offset).record
    #expect(record[field: "WARC-Warcinfo-ID"] == "<\(SequentialIDs.id(1))>")
  }

  @Test func rotatesOnceTheFileHasReachedTheLimit() throws {
    let dir = try StoreScratch()
    let writer = try dir.writer(sizeLimit: 1)
    var files: [String] = []
    for _ in 0..<3 { files.append(try writer.append([Sample.exchange()])[0].file) }
    #expect(
      files == ["archive/verbatim-00001.warc.gz", "archive/verbatim-00002.warc.gz", "archive/verbatim-00003.warc.gz"])
    #expect(WARCWriter.fileNumbers(storeDirectory: dir.path) == [1, 2, 3])
    for (n, file) in files.enumerated() {
      let entries = try WARCReader(path: dir.path + "/" + file).readAll().entries
      #expect(entries.map(\.record.type) == ["warcinfo", "request", "response"])
      #expect(entries[0].record[field: "WARC-Filename"] == "verbatim-0000\(n + 1).warc.gz")
      #expect(entries[2].record[field: "WARC-Warcinfo-ID"] == "<\(entries[0].record.recordID!)>")
    }

    // A moderate limit: appends go to one file until it has reached the limit.
    let other = try StoreScratch()
    let bigger = try other.writer(sizeLimit: 3_000)
    var sizes: [String: Int] = [:]
    for _ in 0..<6 {
      let placed = try bigger.append([Sample.exchange()])
      sizes[placed[0].file] = placed[1].offset + placed[1].length
    }
    #expect(sizes.count > 1 && sizes.count < 6)
    for file in sizes.keys.sorted().dropLast() { #expect(try fileSize(other.path + "/" + file) >= 3_000) }
  }

  @Test func aRotationByAnotherWriterIsFollowed() throws {
    let dir = try StoreScratch()
    let a = try dir.writer(sizeLimit: 1)
    let b = try dir.writer(sizeLimit: 1)
    #expect(try a.append([Sample.exchange()])[0].file == "archive/verbatim-00001.warc.gz")
    #expect(try b.append([Sample.exchange()])[0].file == "archive/verbatim-00002.warc.gz")
    // `a` still has file 1 open: it must notice file 2, find it full, and start file 3.
    #expect(try a.append([Sample.exchange()])[0].file == "archive/verbatim-00003.warc.gz")
  }

  @Test func remappedFetchRecordsTheOriginalURL() throws {
    let dir = try StoreScratch()
    var exchange = Sample.exchange(url: "https://mirror.example/page")
    exchange.originalURL = "https://gone.example/page"
    let placed = try dir.writer().append([exchange])
    let reader = try WARCReader(path: dir.path + "/" + placed[0].file)
    for record in placed {
      let warc = try reader.record(at: record.offset).record
      #expect(warc.targetURI == "https://mirror.example/page")
      #expect(warc[field: "WARC-Refers-To-Target-URI"] == "https://gone.example/page")
    }
    let request = try reader.record(at: placed[0].offset).record
    #expect(String(decoding: request.block, as: UTF8.self).hasPrefix("GET /page HTTP/1.1\r\nHost: mirror.example\r\n"))
  }

  @Test func http2IsStoredWithAnHTTP11StartLineAndAProtocolField() throws {
    let dir = try StoreScratch()
    var exchange = Sample.exchange()
    exchange.httpVersion = "HTTP/2"
    exchange.reason = ""
    exchange.requestHeaders.insert(HTTPHeader(":authority", "example.org"), at: 0)
    exchange.responseHeaders.insert(HTTPHeader(":status", "200"), at: 0)
    let placed = try dir.writer().append([exchange])
    let reader = try WARCReader(path: dir.path + "/" + placed[0].file)
    let request = try reader.record(at: placed[0].offset).record
    let response = try reader.record(at: placed[1].offset).record
    #expect(request[field: "WARC-Protocol"] == "h2")
    #expect(response[field: "WARC-Protocol"] == "h2")
    #expect(
      String(decoding: request.block, as: UTF8.self)
        == "GET /a/b?x=1 HTTP/1.1\r\nHost: example.org\r\nUser-Agent: Verbatim/0.1.0\r\nAccept: */*\r\n\r\n")
    let block = try HTTPBlock(parsing: response.block)
    #expect(block.startLine == "HTTP/1.1 200 OK")
    #expect(block.headers.value(of: ":status") == nil)

    var plain = Sample.exchange()
    plain.httpVersion = "HTTP/1.1"
    let again = try dir.writer().append([plain])
    #expect(try reader.record(at: again[1].offset).record[field: "WARC-Protocol"] == nil)
    #expect(ExchangeRecords.protocolName("HTTP/3") == "h3")
    #expect(ExchangeRecords.startLineVersion("HTTP/1.0") == "HTTP/1.0")
  }

  @Test func decodedBodiesGetRewrittenHeaders() {
    let decoded = StoredResponse(Sample.exchange())
    #expect(
      decoded.headers == [
        HTTPHeader("Content-Type", "text/html; charset=utf-8"), HTTPHeader("Content-Length", "21"),
        HTTPHeader("ETag", "\"abc\""), HTTPHeader("X-Verbatim-Original-Content-Encoding", "gzip"),
      ])

    // Not decoded (no contentEncoding): Content-Encoding describes the stored bytes and stays;
    // a missing Content-Length is added at the end; line breaks in values become spaces.
    var raw = Sample.exchange()
    raw.contentEncoding = nil
    raw.responseHeaders = [
      HTTPHeader("Content-Encoding", "br"), HTTPHeader("X-Odd", " a\r\nb "), HTTPHeader("transfer-encoding", "chunked"),
    ]
    #expect(
      StoredResponse(raw).headers == [
        HTTPHeader("Content-Encoding", "br"), HTTPHeader("X-Odd", "a b"), HTTPHeader("Content-Length", "21"),
      ])
  }

  @Test(arguments: [
    ("https://example.org/a/b?x=1#frag", "example.org", "/a/b?x=1"),
    ("https://example.org", "example.org", "/"),
    ("https://example.org?q=1", "example.org", "/?q=1"),
    ("http://user:pw@example.org:8080/p", "example.org:8080", "/p"),
    ("https://[::1]:8443/x", "[::1]:8443", "/x"),
  ])
  func requestTargets(url: String, authority: String, target: String) {
    let split = ExchangeRecords.requestTarget(url)
    #expect(split.authority == authority)
    #expect(split.target == target)
  }

  @Test func aTornTailIsTruncatedBeforeTheNextAppend() throws {
    let dir = try StoreScratch()
    let placed = try dir.writer().append([Sample.exchange()])
    let path = dir.path + "/" + placed[0].file
    let goodEnd = placed[1].offset + placed[1].length
    let half = Gzip.compress(Array(repeating: 0x41, count: 4_000))
    try appendBytes(Array(half.prefix(30)), to: path)
    #expect(try WARCReader(path: path).readAll().ending == .torn(offset: goodEnd))

    let next = try dir.writer().append([Sample.exchange()])
    #expect(next[0].offset == goodEnd)
    #expect(try WARCReader(path: path).readAll().ending == .clean(end: next[1].offset + next[1].length))

    // Garbage that is not gzip at all is a torn tail too.
    try appendBytes(Array(repeating: 0, count: 100), to: path)
    let end = next[1].offset + next[1].length
    #expect(try WARCReader(path: path).readAll().ending == .torn(offset: end))
    #expect(try dir.writer().append([Sample.exchange()])[0].offset == end)
  }

  @Test func aWrongHintNeverCostsRecords() throws {
    let dir = try StoreScratch()
    let a = try dir.writer().append([Sample.exchange()])
    let b = try dir.writer().append([Sample.exchange()])
    let path = dir.path + "/" + a[0].file
    try appendBytes([0x1F, 0x8B, 0x08, 0, 0], to: path)
    // A hint inside the last good member (as a stale or foreign ledger might give).
    let writer = try dir.writer()
    let c = try writer.append([Sample.exchange()], knownEnd: { _ in b[1].offset + 7 })
    #expect(c[0].offset == b[1].offset + b[1].length)
    let (entries, ending) = try WARCReader(path: path).readAll()
    #expect(entries.count == 7)
    #expect(ending == .clean(end: c[1].offset + c[1].length))
    // A hint at the boundary just before a torn tail: the tail is still found and cut.
    try appendBytes([0x1F, 0x8B], to: path)
    let d = try dir.writer().append([Sample.exchange()], knownEnd: { _ in c[1].offset + c[1].length })
    #expect(d[0].offset == c[1].offset + c[1].length)
  }

  @Test func damageInsideAFileIsLeftAloneAndANewFileStarted() throws {
    let dir = try StoreScratch()
    let a = try dir.writer().append([Sample.exchange()])
    _ = try dir.writer().append([Sample.exchange()])
    let path = dir.path + "/" + a[0].file
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let size = bytes.count
    for i in (a[1].offset + 12)..<(a[1].offset + 40) { bytes[i] ^= 0x5A }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let (entries, ending) = try WARCReader(path: path).readAll()
    #expect(ending == .damaged(offset: a[1].offset))
    #expect(entries.map(\.record.type) == ["warcinfo", "request"])

    let next = try dir.writer().append([Sample.exchange()])
    #expect(next[0].file == "archive/verbatim-00002.warc.gz")
    #expect(try fileSize(path) == size)
  }
}
