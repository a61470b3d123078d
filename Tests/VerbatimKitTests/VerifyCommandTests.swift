import Foundation
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// `verbatim verify` as a user runs it: the built binary on a local file, and on a URL served by the
/// loopback server (fetched and archived through the store, then read back offline).
@Suite("VerifyCommand")
struct VerifyCommandTests {
  static let enabled = VerbatimBinary.path != nil

  static func temporaryFile(_ html: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-verify-\(UUID().uuidString).html")
    try Data(html.utf8).write(to: url)
    return url
  }

  static let page = """
    <html><body><article><h1>Storage should be boring</h1>
    <p>A battery between a wind farm and a city is infrastructure, and infrastructure is bought on measured performance.</p>
    </article></body></html>
    """

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func verifiedQuoteExitsZero() async throws {
    let file = try Self.temporaryFile(Self.page)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try await VerbatimBinary.run([
      "verify", file.path, "“infrastructure is bought on measured performance”", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.text)\n\(run.stderr)")
    let quotes = try #require(try run.json()["quotes"] as? [[String: Any]])
    #expect(quotes.count == 1)
    #expect(quotes[0]["status"] as? String == "verified")
    #expect(quotes[0]["view"] as? String == "main")
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func alteredQuoteExitsOneWithTheEdit() async throws {
    let file = try Self.temporaryFile(Self.page)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try await VerbatimBinary.run([
      "verify", file.path,
      "A battery between a wind farm and a city is not infrastructure, and infrastructure is bought on measured performance",
    ])
    #expect(run.status == 1)
    #expect(run.text.contains("altered (material)"))
    #expect(run.text.contains("(negation)"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func missingSourceIsAUsageError() async throws {
    let run = try await VerbatimBinary.run(["verify", "/nonexistent/page.html", "some words to check here"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("/nonexistent/page.html"))
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func urlIsFetchedArchivedAndReadOffline() async throws {
    try await FetchHarness.with { h in
      let url = h.server.url("/ok")
      let store = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-verify-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: store) }
      let quote = LoopbackContent.okFirstParagraph
      let online = try await VerbatimBinary.run([
        "verify", url, quote, "--allow-private", "--store", store.path, "--quiet", "--format", "json",
      ])
      #expect(online.status == 0, "\(online.text)\n\(online.stderr)")
      #expect((try online.json()["quotes"] as? [[String: Any]])?.first?["status"] as? String == "verified")
      let offline = try await VerbatimBinary.run([
        "verify", url, quote, "--offline", "--store", store.path, "--quiet", "--format", "json",
      ])
      #expect(offline.status == 0, "\(offline.text)\n\(offline.stderr)")
      // The default policy refuses loopback: the quote cannot be checked, and says why.
      let refused = try await VerbatimBinary.run([
        "verify", url, quote, "--store", store.path + "-refused", "--quiet", "--format", "json",
      ])
      defer { try? FileManager.default.removeItem(atPath: store.path + "-refused") }
      #expect(refused.status == 1)
      let verdict = (try refused.json()["quotes"] as? [[String: Any]])?.first
      #expect(verdict?["status"] as? String == "uncheckable")
      #expect((verdict?["detail"] as? String)?.hasPrefix("blocked-by-policy") == true)
    }
  }

  @Test(.enabled(if: enabled, "verbatim binary not built"))
  func urlTextFragmentsAreTheQuotesWhenNoneAreGiven() async throws {
    try await FetchHarness.with { h in
      let store = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-verify-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: store) }
      let url = h.server.url("/ok") + "#:~:text=quick%20brown%20fox%20jumps&text=tests%20quote%20it,word%20for%20word"
      let run = try await VerbatimBinary.run([
        "verify", url, "--allow-private", "--store", store.path, "--quiet", "--format", "json",
      ])
      #expect(run.status == 0, "\(run.text)\n\(run.stderr)")
      let quotes = try #require(try run.json()["quotes"] as? [[String: Any]])
      #expect(quotes.map { $0["quote"] as? String } == ["quick brown fox jumps", "tests quote it … word for word"])
      #expect(quotes.map { $0["status"] as? String } == ["verified", "verified"])
      #expect(quotes.map { $0["passage"] as? String } == ["quick brown fox jumps", "tests quote it word for word"])
    }
  }
}
