import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// What a page answers and how it is kept: bodies byte for byte in every charset, encodings
/// decoded, the request headers sent, and the statuses a page's content decides (bot walls,
/// consent interstitials, soft 404s, PDFs).
@Suite struct FetchContentTests {
  @Test(arguments: [
    ("utf-8", LoopbackContent.utf8Page),
    ("windows-1252", LoopbackContent.windows1252Page),
    ("shift_jis-utf8-body", LoopbackContent.shiftJISMislabeledPage),
  ])
  func charsetBodiesAreKeptByteForByte(charset: String, expected: [UInt8]) async throws {
    try await FetchHarness.with { h in
      let source = h.source("/charset/\(charset)")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok)
      #expect(outcome.sha256 == SHA256.hash(expected).hexString)
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == expected)
      #expect(capture.contentType == (charset == "shift_jis-utf8-body" ? "text/html" : "text/html; charset=\(charset)"))
    }
  }

  @Test(arguments: [("/gzip", "gzip"), ("/deflate", "deflate"), ("/brotli", "br")])
  func encodedBodiesAreDecoded(path: String, encoding: String) async throws {
    try await FetchHarness.with { h in
      let source = h.source(path)
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == LoopbackContent.okPage)
      #expect(outcome.sha256 == SHA256.hash(LoopbackContent.okPage).hexString)
      // The archived response is self-consistent: decoded body, original encoding noted.
      let response = try #require(try h.responses().last)
      let block = try HTTPBlock(parsing: response.block)
      #expect(block.headers.value(of: "Content-Encoding") == nil)
      #expect(block.headers.value(of: "X-Verbatim-Original-Content-Encoding") == encoding)
      #expect(block.body == LoopbackContent.okPage)
      // The request offered every encoding the issue lists.
      let accept = try #require(h.hits(path).first?.header("Accept-Encoding"))
      for name in ["gzip", "deflate", "br"] { #expect(accept.contains(name), "\(accept)") }
    }
  }

  @Test func userAgentNamesVerbatimAndCanBeOverridden() async throws {
    try await FetchHarness.with { h in
      _ = try await h.fetch("/ok")
      let agent = try #require(h.hits("/ok").first?.header("User-Agent"))
      #expect(agent.hasPrefix("Verbatim/\(VerbatimVersion.string)"), "\(agent)")
      var custom = h.configuration
      custom.userAgent = "LoopbackProbe/1.0"
      _ = try await h.fetch(paths: ["/ok?again"], custom)
      #expect(h.hits("/ok").last?.header("User-Agent") == "LoopbackProbe/1.0")
      // The archived request record names the agent actually sent.
      let requests = try h.warcRecords().records.filter { $0.type == "request" }
      let lastRequest = try HTTPBlock(parsing: try #require(requests.last).block)
      #expect(lastRequest.headers.value(of: "User-Agent") == "LoopbackProbe/1.0")
    }
  }

  @Test func requestAndResponseRecordsAreArchivedAsAPair() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/ok")
      let records = try h.warcRecords()
      #expect(records.clean)
      let request = try #require(records.records.first { $0.type == "request" })
      let response = try #require(records.records.first { $0.type == "response" })
      #expect(request.targetURI == h.server.url("/ok"))
      #expect(response.targetURI == h.server.url("/ok"))
      #expect(request[field: "WARC-Concurrent-To"] == response[field: "WARC-Record-ID"])
      #expect(response[field: "WARC-Payload-Digest"] != nil)
      #expect(response[field: "WARC-IP-Address"] == "127.0.0.1")
      #expect(response.date != nil)
      #expect(outcome.capturedAt == response.date)
    }
  }

  @Test(arguments: ["/botwall/403", "/botwall/200", "/consent"])
  func botWallsAndConsentPagesAreBotWalls(path: String) async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch(path)
      #expect(outcome.health.status == .botWall, "\(outcome.health)")
      #expect(!outcome.health.isHealthy)
      // A wall is not the content: one request, never retried.
      #expect(h.hits(path).count == 1)
    }
  }

  @Test func soft404PageIsSoft404() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/soft404")
      #expect(outcome.health.status == .soft404)
      #expect(outcome.httpStatus == 200)
      #expect(!outcome.health.isHealthy)
    }
  }

  @Test func pdfIsUnsupportedMarkedPdfAndArchived() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/pdf")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .unsupported)
      #expect(outcome.health.detail == "pdf")
      #expect(outcome.health.isHealthy)
      #expect(outcome.contentType == "application/pdf")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == LoopbackContent.pdf)
      // Not a failure: no failure history starts.
      #expect(outcome.failingSince == nil)
      #expect(outcome.consecutiveFailures == 0)
    }
  }

  @Test func plainTextIsUnsupportedWithItsType() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/headers/many?count=3")
      #expect(outcome.health.status == .unsupported)
      #expect(outcome.health.detail == "text/plain")
    }
  }
}
