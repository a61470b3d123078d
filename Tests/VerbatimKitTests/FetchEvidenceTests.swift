import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Error answers kept as evidence, and remapped fetches reported in the cited site's terms.
@Suite("Fetch evidence")
struct FetchEvidenceTests {
  @Test("a dead link's answer is archived, comes back from the WARC files alone, and is reported offline")
  func deadLinkSurvivesARebuild() async throws {
    try await FetchHarness.with { h in
      h.server.route("/withdrawn") { _ in .html("<html><body>Withdrawn</body></html>", status: 410) }
      let source = h.source("/withdrawn")
      let live = try await h.fetch([source])
      #expect(live.first?.health.status == .dead)
      #expect(try h.store.ledger.latestCapture(key: source.key) == nil)  // never a capture
      // A store holding only the archive (a vault's example store in git): the ledger is rebuilt on open.
      let copy = FetchHarness.makeDirectory()
      defer { try? FileManager.default.removeItem(at: copy) }
      try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: h.directory.appendingPathComponent("archive"), to: copy.appendingPathComponent("archive"))
      let rebuilt = try EvidenceStore.open(at: copy)
      let checks = try rebuilt.ledger.checks(key: source.key)
      #expect(checks.map(\.httpStatus) == [410])
      #expect(checks.first?.health == .dead)
      var offline = h.configuration
      offline.offline = true
      let outcome = try #require(
        await SourceFetcher(configuration: offline, store: rebuilt).fetch([source]) { _ in }.first)
      #expect(outcome.health.status == .dead)
      #expect(outcome.httpStatus == 410)
      #expect(outcome.health.detail.contains("last checked"))
    }
  }

  @Test("under a remap, the final URL and the hops are the cited site's")
  func remappedRedirect() async throws {
    try await FetchHarness.with { h in
      h.server.route("/site.example/old") { _ in
        LoopbackResponse(status: 301, headers: [HTTPHeader("Location", "new")])
      }
      h.server.route("/site.example/new") { _ in .html("<html><body><p>Moved here.</p></body></html>") }
      h.configuration.remaps = [try URLRemap("^https://site\\.example/(.*)$ \(h.server.url("/site.example/"))$1")]
      let outcome = try #require(try await h.fetch([FetchHarness.source("https://site.example/old")]).first)
      #expect(outcome.health.status == .redirected)
      #expect(outcome.finalURL == "https://site.example/new")
      #expect(outcome.redirects.map(\.url) == ["https://site.example/old"])
      #expect(outcome.requestedURL == h.server.url("/site.example/old"))
    }
  }

  @Test("cited form: the shared path tail is kept and the remapped prefix swapped back")
  func citedForm() {
    let cited = "https://site.example/a/b"
    let requested = "http://127.0.0.1:8080/site.example/a/b"
    #expect(
      URLRemap.citedForm("http://127.0.0.1:8080/site.example/a/c", cited: cited, requested: requested)
        == "https://site.example/a/c")
    #expect(
      URLRemap.citedForm("http://other.example/x", cited: cited, requested: requested) == "http://other.example/x")
    #expect(URLRemap.citedForm("https://site.example/z", cited: cited, requested: cited) == "https://site.example/z")
  }
}
