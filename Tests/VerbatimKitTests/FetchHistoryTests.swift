import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Every check is kept, so a report can say how long a link has been failing.
@Suite struct FetchHistoryTests {
  @Test func failingSinceAndConsecutiveFailuresAcrossRuns() async throws {
    try await FetchHarness.with { h in
      let state = LoopbackSwitch()
      state.isOn = true
      h.server.route("/flaky") { _ in state.isOn ? .html("<title>Gone</title>", status: 404) : .html("<title>Back</title>") }
      h.configuration.maxAgeSeconds = 0
      let source = h.source("/flaky")

      var runs: [SourceOutcome] = []
      for _ in 0..<3 { runs.append(try #require(try await h.fetch([source]).first)) }
      #expect(runs.map(\.health.status) == [.dead, .dead, .dead])
      #expect(runs.map(\.consecutiveFailures) == [1, 2, 3])
      let checks = try h.store.ledger.checks(key: source.key)
      #expect(checks.count == 3)
      let firstCheck = try #require(checks.last?.checkedAt)
      #expect(runs.allSatisfy { $0.failingSince == firstCheck })

      // The text report says so.
      let text = FetchReport.text([runs[2]])
      let day = String(ISO8601DateFormatter().string(from: firstCheck).prefix(10))
      #expect(text.contains("failing since \(day), 3 checks"), "\(text)")
      // And so does the JSON.
      let json = try JSONSerialization.jsonObject(with: Data(FetchReport.json([runs[2]]))) as? [String: Any]
      let entry = try #require((json?["sources"] as? [[String: Any]])?.first)
      let health = try #require(entry["health"] as? [String: Any])
      #expect(health["consecutive_failures"] as? Int == 3)
      #expect((health["failing_since"] as? String)?.hasPrefix(day) == true)

      // Once it works again the history resets.
      state.isOn = false
      let healed = try #require(try await h.fetch([source]).first)
      #expect(healed.health.status == .ok)
      #expect(healed.consecutiveFailures == 0)
      #expect(healed.failingSince == nil)
      // A new failure starts a new run.
      state.isOn = true
      let again = try #require(try await h.fetch([source]).first)
      #expect(again.consecutiveFailures == 1)
      #expect(again.failingSince.map { $0 > firstCheck } == true)
    }
  }

  @Test func transportFailuresCountToo() async throws {
    try await FetchHarness.with { h in
      let port = try await closedLoopbackPort()
      let source = FetchHarness.source("http://127.0.0.1:\(port)/gone")
      _ = try await h.fetch([source])
      let second = try #require(try await h.fetch([source]).first)
      #expect(second.health.status == .refused)
      #expect(second.consecutiveFailures == 2)
      let checks = try h.store.ledger.checks(key: source.key)
      #expect(checks.map(\.httpStatus) == [nil, nil])
      #expect(checks.allSatisfy { $0.detail?.contains("refused") == true })
    }
  }

  @Test func healthyNonHTMLSourcesAreNotFailures() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 0
      let source = h.source("/pdf")
      for _ in 0..<2 { _ = try await h.fetch([source]) }
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .unsupported)
      #expect(outcome.consecutiveFailures == 0)
      #expect(outcome.failingSince == nil)
      #expect(try h.store.ledger.failureHistory(key: source.key).consecutiveFailures == 0)
    }
  }

  @Test func reusedCaptureKeepsTheHistoryOfItsChecks() async throws {
    try await FetchHarness.with { h in
      h.configuration.maxAgeSeconds = 3600
      let outcome = try await h.fetch("/ok")
      #expect(outcome.consecutiveFailures == 0)
      let reused = try await h.fetch("/ok")
      #expect(reused.fromStore)
      #expect(reused.failingSince == nil)
      #expect(reused.consecutiveFailures == 0)
    }
  }
}
