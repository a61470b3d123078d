import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// Redirects followed hop by hop: every status and its class, the whole chain recorded (in the
/// outcome, the ledger and the WARC file), cross-domain and home-page landings, loops, the hop
/// limit, and non-web targets refused without being read.
@Suite struct FetchRedirectTests {
  @Test(arguments: [301, 302, 303, 307, 308])
  func eachRedirectStatusIsFollowedAndClassified(status: Int) async throws {
    try await FetchHarness.with { h in
      let source = h.source("/redirect/\(status)?to=/ok")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .redirected, "\(outcome.health)")
      #expect(outcome.health.isHealthy)
      let permanent = status == 301 || status == 308
      #expect(outcome.health.redirects == [permanent ? .permanent : .temporary])
      #expect(outcome.httpStatus == 200)
      #expect(outcome.finalURL == h.server.url("/ok"))
      #expect(outcome.redirects == [RedirectHop(url: source.fetchURL, status: status, location: h.server.url("/ok"))])
      #expect(h.hits("/redirect/\(status)").count == 1)
      #expect(h.hits("/ok").count == 1)

      // The ledger and the archive keep the whole chain.
      let capture = try #require(try h.capture(of: source))
      #expect(capture.requestedURL == source.fetchURL)
      #expect(capture.finalURL == h.server.url("/ok"))
      #expect(capture.redirects == [.init(url: source.fetchURL, status: status, location: "/ok")])
      #expect(try h.store.readBody(of: capture) == LoopbackContent.okPage)
      let responses = try h.responses()
      #expect(responses.map(\.targetURI) == [source.fetchURL, h.server.url("/ok")])
      #expect(try responses.map { try HTTPBlock(parsing: $0.block).status } == [status, 200])
    }
  }

  @Test func wholeChainIsRecorded() async throws {
    try await FetchHarness.with { h in
      let source = h.source("/redirect/chain/3")
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .redirected)
      #expect(outcome.health.redirects == [.temporary])
      let expected = [
        RedirectHop(url: h.server.url("/redirect/chain/3"), status: 302, location: h.server.url("/redirect/chain/2")),
        RedirectHop(url: h.server.url("/redirect/chain/2"), status: 302, location: h.server.url("/redirect/chain/1")),
        RedirectHop(url: h.server.url("/redirect/chain/1"), status: 302, location: h.server.url("/ok")),
      ]
      #expect(outcome.redirects == expected)
      let capture = try #require(try h.capture(of: source))
      #expect(capture.redirects.map(\.url) == expected.map(\.url))
      #expect(try h.responses().map { $0[field: "Verbatim-Chain"] } == ["1/4", "2/4", "3/4", "4/4"])
      // Rebuilt from the WARC alone, the capture is the same.
      try h.store.rebuildLedger()
      #expect(try h.capture(of: source)?.redirects == capture.redirects)
    }
  }

  @Test func mixedChainIsTemporary() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/301?to=/redirect/302%3Fto%3D/ok")
      #expect(outcome.health.status == .redirected)
      #expect(outcome.redirects.map(\.status) == [301, 302])
      #expect(outcome.health.redirects == [.temporary])
    }
  }

  @Test func tenHopsAreFollowedElevenAreARedirectLoop() async throws {
    try await FetchHarness.with { h in
      let ten = try await h.fetch("/redirect/chain/10")
      #expect(ten.health.status == .redirected)
      #expect(ten.redirects.count == 10)
      let eleven = try await h.fetch("/redirect/chain/11")
      #expect(eleven.health.status == .redirectLoop, "\(eleven.health)")
      #expect(eleven.redirects.count == 11)
      // The 11th hop's target is never requested, and nothing is archived as content.
      #expect(h.hits("/ok").count == 1)
      #expect(try h.store.ledger.latestCapture(key: h.source("/redirect/chain/11").key) == nil)
    }
  }

  @Test func redirectLoopIsDetected() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/loop")
      #expect(outcome.health.status == .redirectLoop)
      #expect(!outcome.health.isHealthy)
      #expect(h.hits("/redirect/loop").count == 1)
      #expect(outcome.redirects.first?.location == h.server.url("/redirect/loop"))
    }
  }

  @Test func crossDomainRedirectIsClassified() async throws {
    try await FetchHarness.with { h in
      let target = "http://localhost:\(h.server.port)/ok"
      let outcome = try await h.fetch("/redirect/302?to=\(target)")
      #expect(outcome.health.status == .redirected, "\(outcome.health)")
      #expect(outcome.health.redirects.contains(.crossDomain))
      #expect(outcome.health.redirects.contains(.temporary))
      #expect(outcome.finalURL == target)
    }
  }

  @Test func redirectToTheHomePageIsASoft404() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/home/some/deep/article")
      #expect(outcome.health.status == .soft404, "\(outcome.health)")
      #expect(outcome.health.redirects.contains(.toHomePage))
      #expect(outcome.health.redirects.contains(.permanent))
      #expect(outcome.finalURL == h.server.url("/"))
      #expect(!outcome.health.isHealthy)
    }
  }

  @Test func redirectToAFileURLIsRefusedWithoutReadingIt() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/to?url=file:///etc/passwd")
      #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
      #expect(outcome.redirects.map(\.location) == ["file:///etc/passwd"])
      #expect(outcome.sha256 == nil)
      #expect(outcome.finalURL == nil)
      // Nothing was archived, so nothing of the file can have been read into the store.
      #expect(try h.responses().isEmpty)
      for file in h.store.archiveFiles() {
        let bytes = try Data(contentsOf: h.directory.appendingPathComponent(file))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("root:"))
      }
    }
  }

  @Test(arguments: ["ftp://127.0.0.1/file", "gopher://127.0.0.1/", "data:text/html,hello"])
  func redirectToOtherSchemesIsRefused(target: String) async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/to?url=\(target)")
      #expect(outcome.health.status == .blockedByPolicy, "\(outcome.health)")
    }
  }

  @Test func relativeAndSchemeRelativeLocationsResolve() async throws {
    try await FetchHarness.with { h in
      let relative = try await h.fetch("/redirect/301?to=../ok")
      #expect(relative.health.status == .redirected)
      #expect(relative.finalURL == h.server.url("/ok"))
      let schemeRelative = try await h.fetch("/redirect/302?to=//127.0.0.1:\(h.server.port)/ok%3Fx")
      #expect(schemeRelative.health.status == .redirected)
      #expect(schemeRelative.finalURL == h.server.url("/ok?x"))
    }
  }

  @Test func redirectClassesUpgradeAndSameSite() {
    let upgrade = FetchClassifier.redirectClasses(
      [RedirectHop(url: "http://news.org/a", status: 301, location: "https://news.org/a")],
      finalURL: "https://news.org/a", firstURL: "http://news.org/a")
    #expect(upgrade == [.permanent, .httpsUpgrade])
    let sameSite = FetchClassifier.redirectClasses(
      [RedirectHop(url: "https://news.org/a", status: 308, location: "https://www.news.org/a")],
      finalURL: "https://www.news.org/a", firstURL: "https://news.org/a")
    #expect(sameSite == [.permanent])
    let home = FetchClassifier.redirectClasses(
      [RedirectHop(url: "https://news.org/2019/story", status: 302, location: "https://other.com/")],
      finalURL: "https://other.com/", firstURL: "https://news.org/2019/story")
    #expect(home == [.temporary, .crossDomain, .toHomePage])
  }
}

/// URLs in unusual spellings: IPv6 literals, non-ASCII and spaces, odd `Location` values.
@Suite struct FetchURLSpellingTests {
  static let ipv6Available: Bool = {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
    } == 0
  }()

  @Test(.enabled(if: ipv6Available, "no IPv6 loopback here"))
  func ipv6LoopbackLiteral() async throws {
    let server = try await LoopbackServer.start(host: "::1")
    let directory = FetchHarness.makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try EvidenceStore.open(at: directory)
    var configuration = FetchHarness.testConfiguration()
    let url = server.url("/redirect/302?to=/ok")
    #expect(url.hasPrefix("http://[::1]:"))
    try #require(FetchHarness.isLoopback(url))
    let outcome = try #require(await SourceFetcher(configuration: configuration, store: store).fetch([FetchHarness.source(url)]).first)
    #expect(outcome.health.status == .redirected, "\(outcome.health)")
    #expect(outcome.finalURL == server.url("/ok"))
    let capture = try #require(try store.ledger.latestCapture(key: FetchHarness.source(url).key))
    let record = try store.readRecord(file: capture.warcFile, offset: capture.warcOffset).record
    #expect(record[field: "WARC-IP-Address"] == "::1")
    // ::1 is refused by the default policy like 127.0.0.1.
    configuration.addressPolicy = AddressPolicy()
    let refused = try #require(await SourceFetcher(configuration: configuration, store: store).fetch([FetchHarness.source(server.url("/ok"))]).first)
    #expect(refused.health.status == .blockedByPolicy)
    try await server.shutdown()
  }

  @Test func nonASCIIAndSpacesArePercentEncodedOnTheWire() async throws {
    try await FetchHarness.with { h in
      let cited = h.server.url("/ok?q=café au lait")
      let source = FetchHarness.source(cited)
      let outcome = try #require(try await h.fetch([source]).first)
      #expect(outcome.health.status == .ok, "\(outcome.health)")
      #expect(outcome.source.url == cited)
      #expect(h.server.requests.first?.target == "/ok?q=caf%C3%A9%20au%20lait")
    }
  }

  @Test func locationWithSpacesOrNonASCIIIsFollowed() async throws {
    try await FetchHarness.with { h in
      h.server.route("/odd-location") { _ in .redirect(302, to: "/ok?x=a b&y=é") }
      let outcome = try await h.fetch("/odd-location")
      #expect(outcome.health.status == .redirected, "\(outcome.health)")
      #expect(h.hits("/ok").count == 1)
    }
  }

  @Test func locationWithAFragmentDropsIt() async throws {
    try await FetchHarness.with { h in
      let outcome = try await h.fetch("/redirect/301?to=/ok%23section")
      #expect(outcome.health.status == .redirected)
      #expect(h.hits("/ok").first?.target == "/ok")
    }
  }

  @Test func emptyLocationIsNotFollowedForever() async throws {
    try await FetchHarness.with { h in
      h.server.route("/empty-location") { _ in .redirect(302, to: "") }
      let outcome = try await h.fetch("/empty-location")
      #expect(!outcome.health.isHealthy, "\(outcome.health)")
      #expect(h.hits("/empty-location").count == 1)
    }
  }
}
