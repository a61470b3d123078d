import Foundation
import Synchronization
import Testing
import VerbatimTestSupport

@testable import VerbatimInterop
@testable import VerbatimKit

/// Reuse of the store: fresh captures without a request, stale ones revalidated (304 keeps the
/// capture), errors never cached, offline mode, and remapped URLs that keep their identity.
@Suite struct FetchCacheTests {
  @Test func freshCaptureIsReusedWithoutARequest() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let source = h.source("/ok")
      let first = try #require(try await h.fetch([source]).first)
      #expect(first.health.status == .ok)
      #expect(!first.fromStore)
      let second = try #require(try await h.fetch([source]).first)
      #expect(second.health.status == .ok)
      #expect(second.fromStore)
      #expect(second.sha256 == first.sha256)
      #expect(second.capturedAt == first.capturedAt)
      #expect(second.finalURL == first.finalURL)
      #expect(h.hits("/ok").count == 1)
      #expect(try h.store.ledger.captures(key: source.key).count == 1)
    }
  }

  @Test func freshCaptureWithoutItsCheckIsFetchedAgain() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let source = h.source("/botwall/200")
      let first = try #require(try await h.fetch([source]).first)
      #expect(first.health.status == .botWall)
      // As a run killed between recording the capture and recording its check leaves the ledger.
      try h.store.ledger.locked { db throws(SQLiteError) in _ = try db.query("DELETE FROM checks") }
      // Reusing the capture would judge it on its headers alone: a 200, "ok". It is fetched again.
      let second = try #require(try await h.fetch([source]).first)
      #expect(!second.fromStore)
      #expect(second.health.status == .botWall)
      #expect(h.hits("/botwall/200").count == 2)
    }
  }

  @Test func freshRedirectedCaptureKeepsItsChain() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let first = try await h.fetch("/redirect/301?to=/ok")
      let second = try await h.fetch("/redirect/301?to=/ok")
      #expect(second.fromStore)
      #expect(second.health.status == .redirected)
      #expect(second.health.redirects == first.health.redirects)
      #expect(second.redirects == first.redirects)
      #expect(h.server.requests.count == 2)
    }
  }

  @Test func staleCaptureIsRevalidatedAnd304KeepsIt() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      let source = h.source("/etag")
      let first = try #require(try await h.fetch([source]).first)
      #expect(first.health.status == .ok)
      let capture = try #require(try h.capture(of: source))
      #expect(capture.etag == "\"v1\"")

      let second = try #require(try await h.fetch([source]).first)
      let hits = h.hits("/etag")
      #expect(hits.count == 2)
      #expect(hits.first?.header("If-None-Match") == nil)
      #expect(hits.last?.header("If-None-Match") == "\"v1\"")
      #expect(second.health.status == .ok, "\(second.health)")
      #expect(second.fromStore)
      #expect(second.health.detail.contains("304"))
      #expect(second.sha256 == first.sha256)
      #expect(second.capturedAt == capture.capturedAt)
      // No new capture; the check records which capture it confirmed.
      #expect(try h.store.ledger.captures(key: source.key).count == 1)
      let checks = try h.store.ledger.checks(key: source.key)
      #expect(checks.count == 2)
      #expect(checks.first?.captureID == capture.id)
      #expect(checks.first?.httpStatus == 304 || checks.first?.httpStatus == 200)
    }
  }

  @Test func revalidationByLastModified() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      // The same resource without an ETag: only Last-Modified can be sent back.
      let lastModified = "Wed, 01 Jan 2025 00:00:00 GMT"
      h.server.route("/dated") { request in
        let response: LoopbackResponse =
          request.header("If-Modified-Since") == lastModified
          ? LoopbackResponse(status: 304) : .bytes(LoopbackContent.okPage, contentType: "text/html")
        return response.adding("Last-Modified", lastModified)
      }
      let first = try await h.fetch("/dated")
      #expect(first.health.status == .ok)
      let second = try await h.fetch("/dated")
      #expect(second.fromStore, "\(second.health)")
      #expect(second.health.status == .ok)
      #expect(h.hits("/dated").count == 2)
      #expect(h.hits("/dated").last?.header("If-Modified-Since") == lastModified)
    }
  }

  @Test func staleCaptureWithoutValidatorsIsFetchedAgain() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      let source = h.source("/ok")
      _ = try await h.fetch([source])
      let second = try #require(try await h.fetch([source]).first)
      #expect(!second.fromStore)
      #expect(second.health.status == .ok)
      #expect(h.hits("/ok").count == 2)
      #expect(h.hits("/ok").last?.header("If-None-Match") == nil)
      #expect(try h.store.ledger.captures(key: source.key).count == 2)
    }
  }

  @Test func errorsAreNeverCached() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let source = h.source("/status/404")
      _ = try await h.fetch([source])
      let second = try #require(try await h.fetch([source]).first)
      #expect(second.health.status == .dead)
      #expect(!second.fromStore)
      #expect(h.hits("/status/404").count == 2)
      #expect(try h.capture(of: source) == nil)
    }
  }

  @Test func aFailureAfterACaptureIsNotHiddenByTheCache() async throws {
    try await FetchHarness.with { h in
      let state = LoopbackSwitch()
      h.server.route("/flaky") { _ in state.isOn ? .html("<title>gone</title>", status: 404) : .html("<title>fine</title>") }
      var checkNow = h.configuration
      checkNow.maxAgeSeconds = 0
      _ = try await h.fetch("/flaky", checkNow)
      state.isOn = true
      let dead = try await h.fetch("/flaky", checkNow)
      #expect(dead.health.status == .dead)
      // A later run with the default max-age must not report the old capture as healthy.
      h.configuration.maxAgeSeconds = 3600
      let later = try await h.fetch("/flaky")
      #expect(later.health.status == .dead, "\(later.health)")
      #expect(later.consecutiveFailures >= 1)
    }
  }

  @Test func revalidationThroughARedirectAsksTheFinalURL() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      let source = h.source("/redirect/301?to=/etag")
      let first = try #require(try await h.fetch([source]).first)
      #expect(first.health.status == .redirected)
      let second = try #require(try await h.fetch([source]).first)
      // The validators go to the URL whose response they describe, not to the redirecting one.
      #expect(h.hits("/redirect/301").last?.header("If-None-Match") == nil)
      #expect(h.hits("/etag").last?.header("If-None-Match") == "\"v1\"")
      #expect(second.health.status == .redirected, "\(second.health)")
      #expect(second.fromStore)
      #expect(second.redirects == first.redirects)
      #expect(try h.store.ledger.captures(key: source.key).count == 1)
    }
  }

  @Test func archivedRequestIsWhatWasSent() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      _ = try await h.fetch("/etag")
      _ = try await h.fetch("/etag")
      let requests = try h.warcRecords().records.filter { $0.type == "request" }
      let received = h.hits("/etag")
      try #require(requests.count == 1 && received.count == 2)
      // The second exchange was a 304: not archived, so compare the first, then the headers sent.
      let archived = try HTTPBlock(parsing: requests[0].block)
      for name in ["User-Agent", "Accept", "Accept-Encoding", "Host"] {
        #expect(archived.headers.value(of: name) == received[0].header(name), "\(name)")
      }
      #expect(archived.startLine == "GET /etag HTTP/1.1")
    }
  }

  @Test(arguments: ["/botwall/200", "/consent", "/soft404"])
  func aCapturedWallIsNeitherReusedNorReportedHealthy(path: String) async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let first = try await h.fetch(path)
      #expect(!first.health.isHealthy)
      // Within max-age, the wall is asked again rather than served from the cache.
      let second = try await h.fetch(path)
      #expect(second.health.status == first.health.status)
      #expect(h.hits(path).count == 2)
      // Offline, what was captured keeps the verdict it got.
      var offline = h.configuration
      offline.offline = true
      let archived = try await h.fetch(path, offline)
      #expect(archived.fromStore)
      #expect(archived.health.status == first.health.status, "\(archived.health)")
    }
  }

  @Test func remapToANonWebURLIsRefused() async throws {
    try await FetchHarness.with { h in
      h.configuration.remaps = [try URLRemap("^https://docs\\.example\\.org/(.*)$ file:///etc/$1")]
      let source = FetchHarness.source("https://docs.example.org/passwd")
      try #require(URLRemap.apply(h.configuration.remaps, to: source.fetchURL) == "file:///etc/passwd")
      let outcome = try #require(await h.fetcher().fetch([source]).first)
      #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
      #expect(try h.responses().isEmpty)
    }
  }

  // MARK: Offline

  @Test func offlineServesCapturesAndNeverTouchesTheNetwork() async throws {
    try await FetchHarness.with { h in
      let captured = h.source("/ok")
      let redirected = h.source("/redirect/308?to=/ok%3Fr")
      _ = try await h.fetch([captured, redirected])
      h.server.reset()

      var offline = h.configuration
      offline.offline = true
      offline.maxAgeSeconds = 0
      let never = h.source("/charset/utf-8")
      let outcomes = try await h.fetch([captured, redirected, never], offline)
      #expect(outcomes.count == 3)
      #expect(outcomes[0].health.status == .ok)
      #expect(outcomes[0].fromStore)
      #expect(outcomes[0].sha256 == SHA256.hash(LoopbackContent.okPage).hexString)
      #expect(outcomes[1].health.status == .redirected)
      #expect(outcomes[1].health.redirects == [.permanent])
      #expect(outcomes[1].redirects.count == 1)
      #expect(outcomes[2].health.status == .notArchived)
      #expect(!outcomes[2].health.isHealthy)
      #expect(h.server.requests.isEmpty)
    }
  }

  @Test func offlineMakesNoConnectionEvenToADeadPort() async throws {
    try await FetchHarness.with { h in
      let port = try await closedLoopbackPort()
      var offline = h.configuration
      offline.offline = true
      let outcomes = try await h.fetch([FetchHarness.source("http://127.0.0.1:\(port)/x")], offline)
      #expect(outcomes.first?.health.status == .notArchived)
    }
  }

  // MARK: Remap

  @Test func remappedSourceKeepsItsIdentity() async throws {
    try await FetchHarness.with { h in
      let cited = "https://docs.example.org/guide/ok"
      h.configuration.remaps = [try URLRemap("^https://docs\\.example\\.org/guide/(.*)$ \(h.server.url("/$1"))")]
      let loopback = h.server.url("/ok")
      // Checked before any request: the cited host is never resolved.
      try #require(URLRemap.apply(h.configuration.remaps, to: cited) == loopback)
      let source = FetchHarness.source(cited)
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      #expect(outcome.source.url == cited)
      #expect(outcome.source.key == URLIdentity(cited).key)
      #expect(outcome.requestedURL == loopback)
      #expect(h.hits("/ok").count == 1)

      let capture = try #require(try h.store.ledger.latestCapture(key: source.key))
      #expect(capture.originalURL == cited)
      #expect(capture.requestedURL == loopback)
      let response = try h.store.readRecord(file: capture.warcFile, offset: capture.warcOffset).record
      #expect(response.targetURI == loopback)
      #expect(response[field: "WARC-Refers-To-Target-URI"] == cited)
      #expect(try h.store.readBody(of: capture) == LoopbackContent.okPage)
      // The request record too.
      let request = try #require(try h.warcRecords().records.first { $0.type == "request" })
      #expect(request.targetURI == loopback)
      #expect(request[field: "WARC-Refers-To-Target-URI"] == cited)
    }
  }

  @Test func remappedRedirectChainKeepsIdentity() async throws {
    try await FetchHarness.with { h in
      let cited = "https://docs.example.org/moved"
      h.configuration.remaps = [try URLRemap("^https://docs\\.example\\.org/moved$ \(h.server.url("/redirect/301?to=/ok"))")]
      try #require(FetchHarness.isLoopback(URLRemap.apply(h.configuration.remaps, to: cited)))
      let source = FetchHarness.source(cited)
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .redirected)
      #expect(outcome.source.url == cited)
      let capture = try #require(try h.capture(of: source))
      #expect(capture.key == URLIdentity(cited).key)
      #expect(capture.originalURL == cited)
      #expect(capture.finalURL == h.server.url("/ok"))
      // Fresh captures of a remapped source are found by its cited identity.
      h.configuration.maxAgeSeconds = 3600
      let again = try #require(try await h.fetch([source]).first)
      #expect(again.fromStore)
    }
  }
}

/// A flag a custom route reads from an event-loop thread.
final class LoopbackSwitch: Sendable {
  private let flag = Mutex(false)
  var isOn: Bool {
    get { flag.withLock { $0 } }
    set { flag.withLock { $0 = newValue } }
  }
}
