import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback server, a scratch evidence store and a fetch configuration with small limits:
/// everything a fetch test needs. Every URL handed to the fetcher is checked to point at a
/// loopback address first, so a test can never send a packet anywhere else.
struct FetchHarness: Sendable {
  let server: LoopbackServer
  let directory: URL
  let store: EvidenceStore
  var configuration: FetchConfiguration

  /// Test limits: fast retries, short timeouts, no host interval, loopback allowed.
  static func testConfiguration() -> FetchConfiguration {
    var c = FetchConfiguration()
    c.addressPolicy = AddressPolicy(allowPrivate: true)
    c.hostIntervalMilliseconds = 0
    c.backoffMilliseconds = 50
    c.lowSpeedSeconds = 1
    c.connectTimeoutMilliseconds = 2_000
    c.totalTimeoutMilliseconds = 3_000
    c.retryAfterCapMilliseconds = 5_000
    return c
  }

  static func makeDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-fetch-\(UUID().uuidString)", isDirectory: true)
  }

  /// Runs `body` with a fresh server and store; both are gone afterwards, whatever happens.
  static func with<T>(
    tls: Bool = false, certificate: TestCertificate = .localhost,
    _ body: (inout FetchHarness) async throws -> T
  ) async throws -> T {
    let server = try await LoopbackServer.start(tls: tls, certificate: certificate)
    let directory = makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      var harness = FetchHarness(
        server: server, directory: directory, store: try EvidenceStore.open(at: directory),
        configuration: testConfiguration())
      let result = try await body(&harness)
      try await server.shutdown()
      return result
    } catch {
      try? await server.shutdown()
      throw error
    }
  }

  // MARK: Sources

  /// The source citing `url` as written.
  static func source(_ url: String, note: String = "note.md", line: Int = 1) -> SourceRequest {
    let identity = URLIdentity(url)
    return SourceRequest(
      key: identity.key ?? url, url: url, fetchURL: identity.fetchURL ?? url,
      citedBy: [.init(note: note, line: line)])
  }

  /// The source citing this server's `path`.
  func source(_ path: String) -> SourceRequest { Self.source(server.url(path)) }

  // MARK: Fetching

  /// A fetcher for this store with `configuration` (or the harness's).
  func fetcher(_ configuration: FetchConfiguration? = nil) -> SourceFetcher {
    SourceFetcher(configuration: configuration ?? self.configuration, store: store)
  }

  /// Fetches `sources`, after checking that every URL the fetcher will request (remaps applied)
  /// is on a loopback address.
  func fetch(_ sources: [SourceRequest], _ configuration: FetchConfiguration? = nil) async throws -> [SourceOutcome] {
    let configuration = configuration ?? self.configuration
    if !configuration.offline {
      for source in sources {
        let requested = URLRemap.apply(configuration.remaps, to: source.fetchURL)
        try #require(Self.isLoopback(requested), "refusing to fetch a non-loopback URL: \(requested)")
      }
    }
    return await fetcher(configuration).fetch(sources)
  }

  func fetch(paths: [String], _ configuration: FetchConfiguration? = nil) async throws -> [SourceOutcome] {
    try await fetch(paths.map(source), configuration)
  }

  /// Fetches one path and returns its outcome.
  func fetch(_ path: String, _ configuration: FetchConfiguration? = nil) async throws -> SourceOutcome {
    let outcomes = try await fetch(paths: [path], configuration)
    return try #require(outcomes.first)
  }

  /// Whether `url`'s host is a loopback IP literal or `localhost`.
  static func isLoopback(_ url: String) -> Bool {
    guard let schemeEnd = url.range(of: "://") else { return false }
    var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    let host: Substring
    if authority.hasPrefix("[") {
      host = authority.dropFirst().prefix { $0 != "]" }
    } else {
      host = authority.prefix { $0 != ":" }
    }
    let lower = host.lowercased()
    if lower == "localhost" { return true }
    if lower == "::1" { return true }
    let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil } && octets[0] == "127"
  }

  // MARK: Reading the store back

  /// Every record of every WARC file, and whether each file ended cleanly.
  func warcRecords() throws -> (records: [WARCRecord], clean: Bool) {
    var records: [WARCRecord] = []
    var clean = true
    for file in store.archiveFiles() {
      let path = directory.path + "/" + file
      let (entries, ending) = try WARCReader(path: path).readAll()
      records += entries.map(\.record)
      let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
      if ending != .clean(end: size) { clean = false }
    }
    return (records, clean)
  }

  /// The response records of the archive.
  func responses() throws -> [WARCRecord] { try warcRecords().records.filter { $0.type == "response" } }

  /// The latest capture of `source`'s key.
  func capture(of source: SourceRequest) throws -> CaptureRecord? { try store.ledger.latestCapture(key: source.key) }

  /// Requests the server received for `path` (query ignored, unless `path` has one).
  func hits(_ path: String) -> [LoopbackRequest] { server.requests(to: path) }
}

/// Seconds between two dates.
func seconds(_ from: Date, _ to: Date) -> Double { to.timeIntervalSince(from) }

/// A port on 127.0.0.1 where nothing listens (a server was there and has shut down).
func closedLoopbackPort() async throws -> Int {
  let server = try await LoopbackServer.start()
  let port = server.port
  try await server.shutdown()
  return port
}

/// Checks of the harness itself: it must refuse anything that is not loopback.
@Suite struct FetchHarnessTests {
  @Test func recognisesOnlyLoopbackURLs() {
    #expect(FetchHarness.isLoopback("http://127.0.0.1:8080/ok"))
    #expect(FetchHarness.isLoopback("http://127.0.0.2:8080/ok"))
    #expect(FetchHarness.isLoopback("https://localhost:443/"))
    #expect(FetchHarness.isLoopback("http://[::1]:80/x"))
    #expect(!FetchHarness.isLoopback("http://example.com/"))
    #expect(!FetchHarness.isLoopback("http://10.0.0.1/"))
    #expect(!FetchHarness.isLoopback("http://127.0.0.1.nip.io/"))
    #expect(!FetchHarness.isLoopback("http://127.0.0.1@example.com/"))
    #expect(!FetchHarness.isLoopback("file:///etc/passwd"))
  }

  @Test func defaultsAreTheDocumentedOnes() {
    let c = FetchConfiguration()
    #expect(c.concurrency == 16)
    #expect(c.perHost == 2)
    #expect(c.hostIntervalMilliseconds == 100)
    #expect(c.connectTimeoutMilliseconds == 10_000)
    #expect(c.totalTimeoutMilliseconds == 30_000)
    #expect(c.maxBodyBytes == 10 << 20)
    #expect(c.maxRedirects == 10)
    #expect(c.maxTries == 3)
    #expect(c.maxAgeSeconds == 7 * 86_400)
    #expect(c.addressPolicy == AddressPolicy())
    #expect(!c.addressPolicy.allowPrivate)
    #expect(c.caFile == nil)
    #expect(!c.offline)
    #expect(c.userAgent.hasPrefix("Verbatim/\(VerbatimVersion.string)"))
  }

  @Test func fetchesAPlainPage() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/ok")
      #expect(outcome.health.status == .ok)
      #expect(outcome.httpStatus == 200)
      #expect(outcome.finalURL == h.server.url("/ok"))
      #expect(outcome.sha256 == SHA256.hash(LoopbackContent.okPage).hexString)
      #expect(h.hits("/ok").count == 1)
    }
  }
}
