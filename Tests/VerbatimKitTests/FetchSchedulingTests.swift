import Foundation
import Synchronization
import Testing
import VerbatimTestSupport

@testable import VerbatimInterop
@testable import VerbatimKit

/// Politeness and lifecycle: per-host and total concurrency, the interval between requests to
/// one host, progress reports, cancellation that leaves the archive whole, and two runs
/// sharing one store.
@Suite struct FetchSchedulingTests {
  /// A route whose body drips for about `milliseconds`.
  static func addHoldRoute(_ server: LoopbackServer, milliseconds: Int = 400) {
    server.route("/hold") { _ in
      var response = LoopbackResponse.html(String(repeating: "<p>held</p>", count: 50))
      let chunks = 5
      response.dripBody = (max(1, response.body.count / chunks + 1), .milliseconds(milliseconds / (chunks - 1)))
      return response
    }
  }

  @Test func perHostLimitOfOneNeverOverlaps() async throws {
    try await FetchHarness.with { h in
      Self.addHoldRoute(h.server)
      h.configuration.perHost = 1
      h.configuration.concurrency = 16
      let outcomes = try await h.fetch(paths: (0..<4).map { "/hold?i=\($0)" })
      #expect(outcomes.allSatisfy { $0.health.status == .ok })
      let starts = h.hits("/hold").map(\.receivedAt).sorted()
      #expect(starts.count == 4)
      for (a, b) in zip(starts, starts.dropFirst()) {
        // Each request arrives only after the previous 400 ms body has been sent.
        #expect(seconds(a, b) >= 0.35, "overlapping requests \(seconds(a, b)) s apart")
      }
    }
  }

  @Test func perHostLimitOfTwoDoesOverlap() async throws {
    try await FetchHarness.with { h in
      // Held 800 ms: overlapping requests arrive well within it even on a loaded machine.
      Self.addHoldRoute(h.server, milliseconds: 800)
      h.configuration.perHost = 2
      _ = try await h.fetch(paths: (0..<4).map { "/hold?i=\($0)" })
      let starts = h.hits("/hold").map(\.receivedAt).sorted()
      #expect(starts.count == 4)
      // Two at a time: the first two arrive together, the next two together after them.
      if starts.count == 4 {
        #expect(seconds(starts[0], starts[1]) < 0.6)
        #expect(seconds(starts[0], starts[2]) >= 0.8)
      }
    }
  }

  @Test func perHostLimitIsPerHost() async throws {
    try await FetchHarness.with { h in
      Self.addHoldRoute(h.server, milliseconds: 800)
      h.configuration.perHost = 1
      let port = h.server.port
      let sources = [
        FetchHarness.source("http://127.0.0.1:\(port)/hold?a"), FetchHarness.source("http://localhost:\(port)/hold?b"),
      ]
      let outcomes = try await h.fetch(sources)
      #expect(outcomes.allSatisfy { $0.health.status == .ok })
      let starts = h.hits("/hold").map(\.receivedAt).sorted()
      #expect(starts.count == 2)
      if starts.count == 2 { #expect(seconds(starts[0], starts[1]) < 0.6) }
    }
  }

  @Test func totalConcurrencyLimitsEveryHost() async throws {
    try await FetchHarness.with { h in
      Self.addHoldRoute(h.server, milliseconds: 300)
      h.configuration.concurrency = 1
      h.configuration.perHost = 4
      let port = h.server.port
      let sources = ["127.0.0.1", "localhost", "127.0.0.1", "localhost"].enumerated().map {
        FetchHarness.source("http://\($0.element):\(port)/hold?n=\($0.offset)")
      }
      _ = try await h.fetch(sources)
      let starts = h.hits("/hold").map(\.receivedAt).sorted()
      #expect(starts.count == 4)
      for (a, b) in zip(starts, starts.dropFirst()) { #expect(seconds(a, b) >= 0.25) }
    }
  }

  @Test func transfersToOneHostNeverOverlapWithPerHostOne() async throws {
    try await FetchHarness.with { h in
      Self.addHoldRoute(h.server, milliseconds: 200)
      let session = TransferSession(limits: TransferLimits(concurrency: 8, perHost: 1, hostIntervalMilliseconds: 0)) {
        AddressPolicy(allowPrivate: true).allows($0)
      }
      for i in 0..<4 {
        session.submit(
          TransferRequest(id: i, url: h.server.url("/hold?t=\(i)"), hostKey: "127.0.0.1", userAgent: "test"))
      }
      session.finishSubmitting()
      var results: [TransferResult] = []
      for await result in session.results { results.append(result) }
      #expect(results.count == 4)
      #expect(results.allSatisfy { $0.failure == nil && $0.status == 200 })
      let spans = results.map { ($0.startedAt, $0.finishedAt) }.sorted { $0.0 < $1.0 }
      for (a, b) in zip(spans, spans.dropFirst()) { #expect(b.0 >= a.1, "transfers overlap") }
    }
  }

  @Test func hostIntervalSpacesRequestStarts() async throws {
    try await FetchHarness.with { h in
      h.configuration.hostIntervalMilliseconds = 300
      h.configuration.perHost = 4
      let port = h.server.port
      var sources = (0..<4).map { h.source("/ok?i=\($0)") }
      sources.append(FetchHarness.source("http://localhost:\(port)/ok?other"))
      let started = Date()
      let outcomes = try await h.fetch(sources)
      #expect(outcomes.allSatisfy { $0.health.status == .ok })
      let local = h.hits("/ok").filter { $0.header("Host")?.hasPrefix("127.0.0.1") == true }.map(\.receivedAt).sorted()
      #expect(local.count == 4)
      // The k-th request to one host starts at least k × 300 ms after the first, which starts
      // after `started`; a request arrives after it starts. So however loaded the machine
      // (which can only delay arrivals), arrival k is at least k × 300 ms after `started`.
      for (k, arrival) in local.enumerated() {
        #expect(seconds(started, arrival) >= 0.3 * Double(k), "request \(k) arrived too early")
      }
      // Another host has its own clock: its first request is not held back.
      let other = try #require(h.hits("/ok").first { $0.header("Host")?.hasPrefix("localhost") == true })
      #expect(seconds(started, other.receivedAt) < 1.0)  // held back behind 127.0.0.1, it would be ≥ 1.2 s
    }
  }

  @Test func hostIntervalAppliesToRetriesAndRedirectHops() async throws {
    try await FetchHarness.with { h in
      h.configuration.hostIntervalMilliseconds = 250
      let started = Date()
      _ = try await h.fetch("/redirect/chain/2")
      let arrivals = h.server.requests.map(\.receivedAt).sorted()
      #expect(arrivals.count == 3)
      // Hop k starts at least k × 250 ms after the first, which starts after `started`; load can only
      // delay an arrival, so arrival k is at least k × 250 ms after `started` (gaps between arrivals
      // are not compared: a late first arrival shrinks them).
      for (k, arrival) in arrivals.enumerated() {
        #expect(seconds(started, arrival) >= 0.25 * Double(k), "hop \(k) arrived too early")
      }
    }
  }

  @Test func progressIsReportedOncePerSource() async throws {
    try await FetchHarness.with { h in
      let reports = Mutex<[SourceFetcher.Progress]>([])
      let sources = ["/ok", "/status/404", "/charset/utf-8"].map(h.source)
      let outcomes = await h.fetcher().fetch(sources) { p in reports.withLock { $0.append(p) } }
      #expect(outcomes.count == 3)
      let seen = reports.withLock { $0 }
      #expect(seen.map(\.done) == [1, 2, 3])
      #expect(seen.allSatisfy { $0.total == 3 })
      #expect(seen.last?.failures == 1)
      // Outcomes come back in the order of the sources.
      #expect(outcomes.map(\.source.key) == sources.map(\.key))
    }
  }

  // MARK: Cancellation

  @Test func cancellingStopsPromptlyAndLeavesTheArchiveWhole() async throws {
    try await FetchHarness.with { h in
      h.configuration.lowSpeedSeconds = 60
      h.configuration.totalTimeoutMilliseconds = 60_000
      let fast = ["/ok", "/charset/utf-8", "/gzip"].map(h.source)
      let stalled = (0..<4).map { h.source("/stall?bytes=512&n=\($0)") }
      let fetcher = h.fetcher()
      let task = Task { await fetcher.fetch(fast + stalled) }

      // Wait until the fast sources are archived and the stalled ones are hanging.
      let deadline = Date().addingTimeInterval(10)
      while Date() < deadline {
        let archived = try fast.allSatisfy { try h.capture(of: $0) != nil }
        if archived && h.hits("/stall").count >= 2 { break }
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(try fast.allSatisfy { try h.capture(of: $0) != nil })

      let cancelled = Date()
      task.cancel()
      let outcomes = await task.value
      let stopped = Date().timeIntervalSince(cancelled)
      #expect(stopped < 1.5, "took \(stopped) s to stop")
      #expect(outcomes.count < fast.count + stalled.count)
      #expect(outcomes.allSatisfy { $0.health.status == .ok })

      // The archive reads back whole, and the ledger agrees with it.
      let records = try h.warcRecords()
      #expect(records.clean)
      #expect(records.records.filter { $0.type == "response" }.count == fast.count)
      for source in fast {
        let capture = try #require(try h.capture(of: source))
        #expect(try h.store.readBody(of: capture).count == capture.bodyLength)
      }
      let summary = try h.store.rebuildLedger()
      #expect(summary.captures == fast.count)
      #expect(summary.problems.isEmpty)

      // The next run resumes: what was captured is reused, nothing is fetched again.
      h.server.reset()
      h.configuration.maxAgeSeconds = 3600
      let resumed = try await h.fetch(fast)
      #expect(resumed.allSatisfy { $0.fromStore && $0.health.status == .ok })
      #expect(h.server.requests.isEmpty)
    }
  }

  @Test func cancellingDuringABackoffStopsPromptly() async throws {
    try await FetchHarness.with { h in
      h.configuration.backoffMilliseconds = 20_000
      let fetcher = h.fetcher()
      let sources = [h.source("/status/503")]
      let task = Task { await fetcher.fetch(sources) }
      let deadline = Date().addingTimeInterval(5)
      while h.hits("/status/503").isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
      try await Task.sleep(for: .milliseconds(100))
      let cancelled = Date()
      task.cancel()
      _ = await task.value
      // Far below the 20 s backoff, with room for a loaded machine.
      #expect(Date().timeIntervalSince(cancelled) < 5)
      #expect(h.hits("/status/503").count == 1)
    }
  }

  @Test func alreadyCancelledTaskFetchesNothing() async throws {
    try await FetchHarness.with { h in
      let fetcher = h.fetcher()
      // Each source drips for about 16 s: a fetch that started any would take that long.
      let sources = (0..<5).map { h.source("/slow?bytes=1024&ms=2000&c=\($0)") }
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return await fetcher.fetch(sources)
      }
      let started = Date()
      let outcomes = await task.value
      // None finishes, and the call returns long before a single source could have (a loaded
      // machine running the whole suite in parallel may still take a few seconds).
      #expect(outcomes.isEmpty)
      #expect(Date().timeIntervalSince(started) < 10)
      let records = try h.warcRecords()
      #expect(records.clean)
      #expect(records.records.filter { $0.type == "response" }.isEmpty)
    }
  }

  // MARK: Shared store

  @Test func twoRunsOnOneStoreDoNotCorruptIt() async throws {
    try await FetchHarness.with { h in
      let other = try EvidenceStore.open(at: h.directory)
      let a = (0..<12).map { h.source("/pages/\($0).html") }
      let b = (12..<24).map { h.source("/pages/\($0).html") }
      h.configuration.perHost = 4
      let configuration = h.configuration
      async let first = SourceFetcher(configuration: configuration, store: h.store).fetch(a)
      async let second = SourceFetcher(configuration: configuration, store: other).fetch(b)
      let outcomes = await first + second
      #expect(outcomes.count == 24)
      #expect(outcomes.allSatisfy { $0.health.status == .ok })
      #expect(try h.store.ledger.allCaptures().count == 24)
      for source in a + b {
        let capture = try #require(try h.capture(of: source))
        #expect(try h.store.readBody(of: capture).count == capture.bodyLength)
      }
      let records = try h.warcRecords()
      #expect(records.clean)
      #expect(records.records.filter { $0.type == "response" }.count == 24)
    }
  }
}
