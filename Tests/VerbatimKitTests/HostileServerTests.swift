import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Servers that break HTTP on purpose, each answered by a loopback route: a `Content-Length` that
/// is too short, excess bytes posing as the next response, broken chunked framing, a body ended
/// by a close, a head dripped byte by byte, 10,000 headers and more than libcurl takes, an
/// endless chain of distinct redirects, a redirect to a name resolving to a refused address, and
/// a gigabyte page. Each ends with one exact status and detail, within its limits.
///
/// Cases covered elsewhere: slow and stalled bodies, delayed heads, lying (too long) lengths,
/// bombs, TLS (`FetchTransportTests`); loops, the hop limit, `file://` (`FetchRedirectTests`).
@Suite struct HostileServerTests {
  // MARK: Framing

  @Test func declaredLengthShorterThanTheBodyKeepsTheDeclaredBytes() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/lying-length?declared=10&actual=100")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      #expect(outcome.health.detail == "HTTP 200")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == Array(LoopbackContent.large(100).prefix(10)))
    }
  }

  @Test func excessAfterTheDeclaredLengthIsNeverReadAsTheNextResponse() async throws {
    try await FetchHarness.with { h in
      // One transfer at a time to one host: a reused connection would hand the excess to /ok.
      h.configuration.concurrency = 1
      h.configuration.perHost = 1
      let first = h.source("/excess-length")
      let second = h.source("/ok")
      let outcomes = try await h.fetch([first, second])
      #expect(outcomes.map(\.health.status) == [.ok, .ok], "\(outcomes.map(\.health))")
      #expect(try h.store.readBody(of: try #require(try h.capture(of: first))) == LoopbackContent.okPage)
      #expect(try h.store.readBody(of: try #require(try h.capture(of: second))) == LoopbackContent.okPage)
      #expect(h.hits("/ok").count == 1)
    }
  }

  @Test func badChunkSizeIsANetworkError() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/chunked/bad-size")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .networkError, "\(outcome.health)")
      #expect(outcome.health.detail == "Illegal or missing hexadecimal sequence in chunked-encoding (libcurl error 56)")
      #expect(try h.capture(of: source) == nil)
      #expect(h.hits("/chunked/bad-size").count == 1)
    }
  }

  @Test func chunkedBodyClosedBeforeTheLastChunkIsANetworkError() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/chunked/no-last-chunk")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .networkError, "\(outcome.health)")
      #expect(outcome.health.detail == "connection closed before the whole body arrived")
      #expect(try h.capture(of: source) == nil)
    }
  }

  @Test func bodyWithoutALengthEndsWhereTheServerCloses() async throws {
    try await FetchHarness.with { h in
      // Without a length or chunks, the close is the body's end (RFC 9112 §6.3): what came is the page.
      let source = h.source("/close-delimited?bytes=5000")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == LoopbackContent.large(5000))
    }
  }

  // MARK: Heads

  @Test func tenThousandHeadersAreReadAndArchived() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/headers/many?count=10000")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .unsupported, "\(outcome.health)")
      #expect(outcome.health.detail == "text/plain")
      #expect(outcome.httpStatus == 200)
      let response = try HTTPBlock(parsing: try #require(try h.responses().first).block)
      #expect(response.headers.filter { $0.name.hasPrefix("X-Loopback-") }.count == 10_000)
      #expect(response.headers.last { $0.name.hasPrefix("X-Loopback-") } == HTTPHeader("X-Loopback-10000", "value-10000"))
    }
  }

  @Test func headBeyondLibcurlsLimitIsTooLarge() async throws {
    try await FetchHarness.with { h in
      // 10,000 headers of 40-byte values: about 600 KB of head, past libcurl's 300 KB.
      let source = h.source("/headers/many?count=10000&pad=40")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .tooLarge, "\(outcome.health)")
      #expect(outcome.health.detail == "response headers larger than libcurl's limit (300 KB)")
      #expect(try h.capture(of: source) == nil)
      #expect(h.hits("/headers/many").count == 1)
    }
  }

  @Test func headDrippedByteByByteStalls() async throws {
    try await FetchHarness.with { h in
      // 20 bytes a second against a limit of 1000 for 1 s; the total timeout stays out of the way.
      h.configuration.lowSpeedBytesPerSecond = 1000
      h.configuration.totalTimeoutMilliseconds = 20_000
      h.configuration.maxTries = 1
      let source = h.source("/drip-head?ms=50&headers=10")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .timeout, "\(outcome.health)")
      #expect(outcome.health.detail == "transfer stalled (below the low-speed limit)")
      #expect(try h.capture(of: source) == nil)
    }
  }

  @Test func headDrippedFasterThanTheLowSpeedLimitMeetsTheTotalTimeout() async throws {
    try await FetchHarness.with { h in
      // A byte every 2 ms of a ~20 KB head: above a 10 B/s limit, so only the total timeout ends it.
      h.configuration.lowSpeedBytesPerSecond = 10
      h.configuration.lowSpeedSeconds = 60
      h.configuration.totalTimeoutMilliseconds = 1_500
      h.configuration.maxTries = 1
      let source = h.source("/drip-head?ms=2&headers=1000")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .timeout, "\(outcome.health)")
      #expect(outcome.health.detail == "no complete answer within the time limit")
      #expect(try h.capture(of: source) == nil)
    }
  }

  // MARK: Redirects

  @Test func endlessChainOfDistinctURLsStopsAtTheHopLimit() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/redirect/endless/0")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .redirectLoop, "\(outcome.health)")
      #expect(outcome.health.detail == "more than 10 redirects")
      #expect(outcome.redirects.map(\.url) == (0...10).map { h.server.url("/redirect/endless/\($0)") })
      #expect(h.server.requests.map(\.path) == (0...10).map { "/redirect/endless/\($0)" })
      #expect(try h.capture(of: source) == nil)
    }
  }

  @Test func redirectToANameResolvingToARefusedAddressIsBlocked() async throws {
    // The server listens on 127.0.0.2; 127.0.0.1 and ::1, where `localhost` resolves, are refused.
    let server = try await LoopbackServer.start(host: "127.0.0.2")
    let directory = FetchHarness.makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var h = FetchHarness(
      server: server, directory: directory, store: try EvidenceStore.open(at: directory),
      configuration: FetchHarness.testConfiguration())
    h.configuration.addressPolicy = AddressPolicy(
      allowPrivate: true, denied: [IPRange("127.0.0.1/32")!, IPRange("::1/128")!])
    let target = "http://localhost:\(server.port)/ok"
    let outcome = try await h.fetch("/redirect/302?to=\(target)")
    try await server.shutdown()
    #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
    #expect(
      outcome.health.detail == "address 127.0.0.1 is not allowed (private, loopback or reserved; see --allow-private)"
        || outcome.health.detail == "address ::1 is not allowed (private, loopback or reserved; see --allow-private)")
    #expect(outcome.redirects.map(\.location) == [target])
    #expect(server.requests.map(\.path) == ["/redirect/302"])
    #expect(try h.responses().isEmpty)
  }

  // MARK: A gigabyte

  @Test(arguments: ["/huge", "/huge?chunked=1"])
  func gigabytePageStopsAtTheSizeLimit(path: String) async throws {
    try await FetchHarness.with { h in
      let source = h.source(path)
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .tooLarge, "\(outcome.health)")
      #expect(outcome.health.detail == "body larger than the size limit (after decoding)")
      #expect(try h.capture(of: source) == nil)
      #expect(h.hits("/huge").count == 1)
    }
  }

  @Test func gigabytePagesKeepTheFetchingProcessSmall() async throws {
    guard VerbatimBinary.path != nil else { return }
    try await FetchHarness.with { h in
      let vault = h.directory.appendingPathComponent("huge-vault")
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      let note = "[sized](\(h.server.url("/huge")))\n[chunked](\(h.server.url("/huge?chunked=1")))\n"
      try note.write(to: vault.appendingPathComponent("note.md"), atomically: true, encoding: .utf8)
      let run = try #require(
        try await VerbatimBinary.peakResidentBytes([
          "fetch", vault.path, "--allow-private", "--host-interval", "0", "--quiet",
          "--store", h.directory.appendingPathComponent("huge-store").path,
        ]), "python3 is needed to measure a child process")
      #expect(run.status == 1)  // unhealthy links: too large
      #expect(run.peak < 150 << 20, "peak \(run.peak >> 20) MiB")
      #expect(h.hits("/huge").count == 2)
    }
  }
}
