import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimInterop
@testable import VerbatimKit

/// The transport's limits and guards: slow and stalled bodies, timeouts, size caps (declared,
/// lying and decompression bombs, with memory bounded), TLS verification with and without
/// `--cacert`, and the address policy on every connected address.
@Suite struct FetchTransportTests {
  // MARK: Time

  @Test func slowBodyWithinTheLimitsIsOK() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/slow?bytes=2048&chunk=256&ms=100")
      let started = Date()
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(Date().timeIntervalSince(started) >= 0.6)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == LoopbackContent.large(2048))
      #expect(h.hits("/slow").count == 1)
    }
  }

  @Test func stalledBodyTimesOutAfterRetries() async throws {
    try await FetchHarness.with { h in
      // 512 bytes, then silence: below 1000 B/s for the 1 s low-speed window.
      h.configuration.lowSpeedBytesPerSecond = 1000
      // libcurl samples speed once per wall-clock second, so the stall is seen 1–2.5 s in;
      // the total timeout stays out of the way.
      h.configuration.totalTimeoutMilliseconds = 10_000
      let source = h.source("/stall?bytes=512")
      let started = Date()
      let outcome = try #require(try await h.fetch([source]).first)
      let elapsed = Date().timeIntervalSince(started)
      #expect(outcome.health.status == .timeout, "\(outcome.health)")
      #expect(outcome.health.detail.contains("stalled"))
      #expect(try h.capture(of: source) == nil)
      // Three tries, each stopped by the low-speed limit ("stalled"; the total timeout says "no complete
      // answer"), each after at least a second of silence. No upper bound on the wall clock: a loaded
      // machine running the suite stretches it (it once took 14.9 s).
      #expect(h.hits("/stall").count == 3)
      #expect(elapsed >= 2.5, "\(elapsed)")
    }
  }

  @Test func slowHeadersHitTheTotalTimeout() async throws {
    try await FetchHarness.with { h in
      var c = h.configuration
      c.totalTimeoutMilliseconds = 500
      c.lowSpeedSeconds = 30
      c.maxTries = 1
      let started = Date()
      let outcome = try await h.fetch("/slow-headers?ms=15000", c)
      #expect(outcome.health.status == .timeout, "\(outcome.health)")
      #expect(!outcome.health.detail.contains("stalled"))
      // Well before the headers would come (a loaded machine running the suite may add seconds).
      #expect(Date().timeIntervalSince(started) < 10)
    }
  }

  // MARK: Size

  @Test func oversizedBodyIsTooLarge() async throws {
    try await FetchHarness.with { h in
      var c = h.configuration
      c.maxBodyBytes = 100_000
      let source = h.source("/large?bytes=200000")
      let outcome = try #require(try await h.fetch([source], c).first)
      #expect(outcome.health.status == .tooLarge, "\(outcome.health)")
      #expect(try h.capture(of: source) == nil)
      // Exactly the cap is fine.
      let exact = try await h.fetch("/large?bytes=100000", c)
      #expect(exact.health.status == .ok, "\(exact.health)")
    }
  }

  @Test func oversizedChunkedBodyWithoutLengthIsTooLarge() async throws {
    try await FetchHarness.with { h in
      h.server.route("/chunked-large") { _ in
        var response = LoopbackResponse.html(String(repeating: "x", count: 300_000))
        response.headers.append(HTTPHeader("Transfer-Encoding", "chunked"))
        return response
      }
      var c = h.configuration
      c.maxBodyBytes = 100_000
      let outcome = try await h.fetch("/chunked-large", c)
      #expect(outcome.health.status == .tooLarge, "\(outcome.health)")
    }
  }

  @Test func lyingContentLengthIsANetworkError() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/lying-length?declared=1000&actual=100")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .networkError, "\(outcome.health)")
      #expect(try h.capture(of: source) == nil)
    }
  }

  @Test(arguments: ["/bomb/gzip", "/bomb/brotli"])
  func decompressionBombStopsAtTheCap(path: String) async throws {
    try await FetchHarness.with { h in
      var c = h.configuration
      c.maxBodyBytes = 1 << 20
      let source = h.source(path)
      let outcome = try #require(try await h.fetch([source], c).first)
      #expect(outcome.health.status == .tooLarge, "\(outcome.health)")
      #expect(try h.capture(of: source) == nil)
      // The bomb inflates to 200 MiB; had it been decoded whole, the fetching process's peak would show it.
      // Measured on `verbatim fetch` as a child process: this test process runs other tests at the same time.
      guard VerbatimBinary.path != nil else { return }
      let vault = h.directory.appendingPathComponent("bomb-vault")
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      try "[bomb](\(h.server.url(path)))\n".write(to: vault.appendingPathComponent("note.md"), atomically: true, encoding: .utf8)
      guard
        let run = try await VerbatimBinary.peakResidentBytes([
          "fetch", vault.path, "--allow-private", "--max-body", "1M", "--host-interval", "0", "--quiet",
          "--store", h.directory.appendingPathComponent("bomb-store").path,
        ])
      else { return }
      #expect(run.status == 1)  // an unhealthy link: too large
      #expect(run.peak < 120 << 20, "peak \(run.peak >> 20) MiB")
    }
  }

  @Test(arguments: ["/bomb/gzip", "/bomb/brotli"])
  func transferKeepsAtMostTheCapOfABomb(path: String) async throws {
    try await FetchHarness.with { h in
      let session = TransferSession(limits: TransferLimits(hostIntervalMilliseconds: 0)) {
        AddressPolicy(allowPrivate: true).allows($0)
      }
      let cap = 256 << 10
      session.submit(
        TransferRequest(id: 1, url: h.server.url(path), hostKey: "127.0.0.1", userAgent: "test", maxBodyBytes: cap))
      session.finishSubmitting()
      var results: [TransferResult] = []
      for await result in session.results { results.append(result) }
      let result = try #require(results.first)
      #expect(result.failure == .bodyTooLarge)
      #expect(result.body.count <= cap)
      #expect(result.status == 200)
    }
  }

  // MARK: TLS

  @Test func selfSignedHTTPSWithoutCACertIsATLSError() async throws {
    try await FetchHarness.with(tls: true) { h in
      let outcome = try await h.fetch("/ok")
      #expect(outcome.health.status == .tlsError, "\(outcome.health)")
      #expect(outcome.health.detail.hasPrefix("TLS"))
      // Never retried, never archived.
      #expect(try h.responses().isEmpty)
    }
  }

  @Test func selfSignedHTTPSWithCACertIsOK() async throws {
    try await FetchHarness.with(tls: true) { h in
      h.configuration.caFile = LoopbackServer.certificatePath
      let source = h.source("/ok")
      #expect(source.fetchURL.hasPrefix("https://localhost:"))
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      let capture = try #require(try h.capture(of: source))
      #expect(try h.store.readBody(of: capture) == LoopbackContent.okPage)
    }
  }

  @Test(arguments: [TestCertificate.expired, .wrongHost])
  func badCertificatesFailEvenWithCACert(certificate: TestCertificate) async throws {
    try await FetchHarness.with(tls: true, certificate: certificate) { h in
      h.configuration.caFile = LoopbackServer.certificatePath
      let outcome = try await h.fetch("/ok")
      #expect(outcome.health.status == .tlsError, "\(outcome.health)")
    }
  }

  @Test func caCertIsAddedToTheSystemBundleNotInPlaceOfIt() throws {
    let directory = FetchHarness.makeDirectory()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let system = directory.appendingPathComponent("system.pem").path
    try Data("-----BEGIN CERTIFICATE-----\nSYSTEM\n-----END CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: system))
    let extra = LoopbackServer.certificatePath
    let bundle = try #require(TransferSession.trustBundle(adding: extra, systemFile: system))
    let text = String(decoding: bundle, as: UTF8.self)
    #expect(text.hasPrefix("-----BEGIN CERTIFICATE-----\nSYSTEM"))
    #expect(text.hasSuffix(String(decoding: try Data(contentsOf: URL(fileURLWithPath: extra)), as: UTF8.self)))
    #expect(TransferSession.trustBundle(adding: directory.appendingPathComponent("missing.pem").path, systemFile: system) == nil)
    #expect(TransferSession.trustBundle(adding: extra, systemFile: directory.appendingPathComponent("none.pem").path) == nil)
  }

  // MARK: Address policy

  @Test func redirectToADeniedLoopbackAddressIsBlockedBeforeConnecting() async throws {
    try await FetchHarness.with { h in
      h.configuration.addressPolicy = AddressPolicy(allowPrivate: true, denied: [IPRange("127.0.0.2/32")!])
      let target = "http://127.0.0.2:\(h.server.port)/ok"
      let outcome = try await h.fetch("/redirect/302?to=\(target)")
      #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
      #expect(outcome.health.detail.contains("127.0.0.2"))
      #expect(outcome.redirects.map(\.location) == [target])
      // Only the first hop reached the server; the denied address never saw a request.
      #expect(h.server.requests.count == 1)
      #expect(h.hits("/ok").isEmpty)
    }
  }

  @Test func defaultPolicyRefusesLoopback() async throws {
    try await FetchHarness.with { h in
      h.configuration.addressPolicy = AddressPolicy()
      let outcome = try await h.fetch("/ok")
      #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
      #expect(outcome.health.detail.contains("127.0.0.1"))
      // A host name is judged by where it resolves, not by its spelling.
      let named = try #require(try await h.fetch([FetchHarness.source("http://localhost:\(h.server.port)/ok")]).first)
      #expect(named.health.status == .blockedByPolicy, "\(named.health)")
      #expect(h.server.requests.isEmpty)
      #expect(try h.responses().isEmpty)
    }
  }

  @Test func addressPolicyRanges() {
    let strict = AddressPolicy()
    for address in ["127.0.0.1", "::1", "10.1.2.3", "192.168.1.1", "172.16.0.1", "169.254.1.1", "fe80::1", "fc00::1",
      "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "not an address"]
    {
      #expect(!strict.allows(address), "\(address)")
    }
    #expect(strict.allows("93.184.216.34"))
    #expect(strict.allows("2606:4700::1111"))
    let loose = AddressPolicy(allowPrivate: true)
    #expect(loose.allows("127.0.0.1"))
    #expect(loose.allows("::1"))
    #expect(loose.allows("10.1.2.3"))
    for metadata in ["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254"] {
      #expect(!loose.allows(metadata), "\(metadata)")
    }
    let denied = AddressPolicy(allowPrivate: true, denied: [IPRange("127.0.0.2/32")!])
    #expect(denied.allows("127.0.0.1"))
    #expect(!denied.allows("127.0.0.2"))
  }
}
