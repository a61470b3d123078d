import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimInterop
@testable import VerbatimKit

/// HTTP statuses and retries: dead and broken links, 503 and 429 retried with backoff and
/// `Retry-After` (seconds or an HTTP date, capped), and errors never archived as content.
@Suite struct FetchStatusTests {
  @Test(arguments: [
    (404, LinkHealth.Status.dead), (410, .dead), (500, .serverError), (502, .serverError),
    (401, .blocked), (403, .blocked), (451, .blocked),
  ])
  func statusGivesHealth(status: Int, health: LinkHealth.Status) async throws {
    try await FetchHarness.with { h in
      let source = h.source("/status/\(status)")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == health, "\(outcome.health)")
      #expect(outcome.httpStatus == status)
      #expect(!outcome.health.isHealthy)
      #expect(outcome.health.detail.contains("\(status)"))
      // Errors are never archived as content, and not retried.
      #expect(try h.capture(of: source) == nil)
      #expect(outcome.sha256 == nil)
      #expect(h.hits("/status/\(status)").count == 1)
      // The check itself is kept.
      let checks = try h.store.ledger.checks(key: source.key)
      #expect(checks.count == 1)
      #expect(checks.first?.httpStatus == status)
      #expect(checks.first?.health.rawValue == health.rawValue)
    }
  }

  @Test func serviceUnavailableIsRetriedThreeTimesThenServerError() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/status/503")
      #expect(outcome.health.status == .serverError)
      #expect(outcome.httpStatus == 503)
      let hits = h.hits("/status/503")
      #expect(hits.count == 3)
      // Exponential backoff: 50 ms, then 100 ms (plus jitter).
      if hits.count == 3 {
        #expect(seconds(hits[0].receivedAt, hits[1].receivedAt) >= 0.045)
        #expect(seconds(hits[1].receivedAt, hits[2].receivedAt) >= 0.095)
      }
    }
  }

  @Test func serviceUnavailableOnceThenOK() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/retry/503?times=1&retry-after=")
      #expect(outcome.health.status == .ok)
      #expect(h.hits("/retry/503").count == 2)
    }
  }

  @Test func tooManyRequestsHonoursRetryAfterSecondsThenOK() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/retry/429?times=2&retry-after=1")
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      #expect(outcome.httpStatus == 200)
      let hits = h.hits("/retry/429")
      try #require(hits.count == 3)
      // Each retry waits the second the server asked for; not the default backoff's minute (the upper
      // bound is loose: a loaded machine may add seconds).
      for k in 0..<2 {
        #expect(seconds(hits[k].receivedAt, hits[k + 1].receivedAt) >= 0.99)
        #expect(seconds(hits[k].receivedAt, hits[k + 1].receivedAt) < 15)
      }
    }
  }

  @Test func tooManyRequestsForeverIsRateLimited() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/status/429")
      #expect(outcome.health.status == .rateLimited)
      #expect(outcome.httpStatus == 429)
      #expect(h.hits("/status/429").count == 3)
    }
  }

  @Test func retryAfterAsHTTPDateIsHonoured() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/retry/429-date?times=1")
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      let hits = h.hits("/retry/429-date")
      try #require(hits.count == 2)
      // The route asks for a retry at the whole second after first + 1 s.
      let asked = (hits[0].receivedAt.timeIntervalSince1970 + 1).rounded(.up)
      #expect(hits[1].receivedAt.timeIntervalSince1970 >= asked - 0.02, "retried before the Retry-After date")
      // Not long after it either (a loaded machine may add seconds; the cap would add a minute).
      #expect(hits[1].receivedAt.timeIntervalSince1970 < asked + 15)
    }
  }

  @Test(.timeLimit(.minutes(1))) func retryAfterIsCapped() async throws {
    try await FetchHarness.with { h in
      var c = h.configuration
      c.retryAfterCapMilliseconds = 200
      let started = Date()
      let outcome = try await h.fetch("/retry/429?times=1&retry-after=3600", c)
      #expect(outcome.health.status == .ok)
      #expect(h.hits("/retry/429").count == 2)
      let waited = Date().timeIntervalSince(started)
      // The server asks for an hour; the cap makes it 0.2 s (generous bound for loaded machines).
      #expect(waited >= 0.19 && waited < 30)
    }
  }

  @Test func retryAfterParsing() {
    let now = Date(timeIntervalSince1970: 1_735_689_600)  // Wed, 01 Jan 2025 00:00:00 GMT
    #expect(RetryAfter.milliseconds("5", now: now) == 5_000)
    #expect(RetryAfter.milliseconds(" 0 ", now: now) == 0)
    #expect(RetryAfter.milliseconds("Wed, 01 Jan 2025 00:00:02 GMT", now: now) == 2_000)
    #expect(RetryAfter.milliseconds("Wednesday, 01-Jan-25 00:00:03 GMT", now: now) == 3_000)
    #expect(RetryAfter.milliseconds("Wed Jan  1 00:00:04 2025", now: now) == 4_000)
    #expect(RetryAfter.milliseconds("Tue, 31 Dec 2024 23:00:00 GMT", now: now) == 0)
    #expect(RetryAfter.milliseconds("-3", now: now) == nil)
    #expect(RetryAfter.milliseconds("soon", now: now) == nil)
    #expect(RetryAfter.milliseconds(nil, now: now) == nil)
  }

  @Test(arguments: [
    (TransferFailure.timeout, LinkHealth.Status.timeout), (.stalled, .timeout), (.dnsFailure, .dead),
    (.connectionRefused, .refused), (.connectionFailed, .networkError), (.tls("bad"), .tlsError),
    (.bodyTooLarge, .tooLarge), (.blockedAddress("127.0.0.2"), .blockedByPolicy), (.truncated, .networkError),
    (.badContentEncoding, .networkError), (.other(56, "recv failure"), .networkError),
  ])
  func transportFailuresGiveHealth(failure: TransferFailure, status: LinkHealth.Status) {
    #expect(FetchClassifier.health(for: failure).status == status)
  }

  @Test func notModifiedWithoutAPreviousCaptureIsNotOK() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/status/304")
      #expect(outcome.health.status != .ok)
      #expect(!outcome.health.isHealthy)
    }
  }

  @Test func connectionRefusedIsRefused() async throws {
    try await FetchHarness.with { h in
      let port = try await closedLoopbackPort()
      let source = FetchHarness.source("http://127.0.0.1:\(port)/ok")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .refused, "\(outcome.health)")
      #expect(outcome.httpStatus == nil)
    }
  }
}
