import Foundation
import Testing
import VerbatimKit
import VerbatimTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// One response as a raw client saw it.
struct RawResponse: Sendable {
  var status = 0
  var headers: [HTTPHeader] = []
  var body: [UInt8] = []
  /// The read stopped because the server went silent for the timeout (a stall), not at EOF.
  var timedOut = false
  func header(_ name: String) -> String? { headers.value(of: name) }
  var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny blocking HTTP/1.1 client over a plain socket, run on its own thread so a test never
/// ties up Swift's cooperative pool. Reads until the server closes or falls silent.
enum RawClient {
  struct Failure: Error { var call: String; var code: Int32 }

  static func get(
    _ server: LoopbackServer, _ target: String, method: String = "GET", headers: [String] = [],
    silence: Duration = .seconds(5)
  ) async throws -> RawResponse {
    let request = ([ "\(method) \(target) HTTP/1.1", "Host: 127.0.0.1:\(server.port)", "Connection: close"]
      + headers).joined(separator: "\r\n") + "\r\n\r\n"
    let (bytes, timedOut) = try await exchange(port: server.port, request, silence: silence)
    var response = parse(bytes).first ?? RawResponse()
    if let split = headEnd(bytes) { response.body = Array(bytes[split...]) }  // all that came
    response.timedOut = timedOut
    return response
  }

  /// Sends `request` to 127.0.0.1:`port`; returns every byte received and whether the read
  /// ended by `silence` rather than EOF.
  static func exchange(port: Int, _ request: String, silence: Duration = .seconds(5)) async throws
    -> ([UInt8], Bool)
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try blockingExchange(port: port, request, silence: silence) })
      }
    }
  }

  static func blockingExchange(port: Int, _ request: String, silence: Duration) throws -> ([UInt8], Bool) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(call: "connect", code: errno) }
    let (seconds, attoseconds) = silence.components
    var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let out = Array(request.utf8)
    guard out.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == out.count else {
      throw Failure(call: "send", code: errno)
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = recv(fd, &buffer, buffer.count, 0)
      if count > 0 {
        received += buffer[..<count]
      } else if count == 0 || errno == ECONNRESET {
        return (received, false)
      } else if errno == EAGAIN || errno == EWOULDBLOCK {
        return (received, true)
      } else if errno != EINTR {
        throw Failure(call: "recv", code: errno)
      }
    }
  }

  static func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    return (0...(bytes.count - 4)).first { bytes[$0..<$0 + 4] == [13, 10, 13, 10] }.map { $0 + 4 }
  }

  /// Splits `bytes` into responses framed by Content-Length (bodyless for 204 and 304).
  static func parse(_ bytes: [UInt8], headRequest: Bool = false) -> [RawResponse] {
    var responses: [RawResponse] = []
    var rest = bytes[...]
    while let end = headEnd(Array(rest)) {
      let lines = String(decoding: rest.prefix(end - 4), as: UTF8.self).components(separatedBy: "\r\n")
      var response = RawResponse()
      let statusLine = lines[0].split(separator: " ")
      response.status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
      for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        response.headers.append(
          HTTPHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
      }
      rest = rest.dropFirst(end)
      let length =
        headRequest || response.status == 204 || response.status == 304
        ? 0 : Int(response.header("Content-Length") ?? "") ?? rest.count
      response.body = Array(rest.prefix(length))
      rest = rest.dropFirst(length)
      responses.append(response)
    }
    return responses
  }
}

@Suite("LoopbackServer")
struct LoopbackServerTests {
  /// Runs `body` against a fresh server, shutting it down afterwards.
  func withServer(tls: Bool = false, _ body: (LoopbackServer) async throws -> Void) async throws {
    let server = try await LoopbackServer.start(tls: tls)
    do { try await body(server) } catch {
      try await server.shutdown()
      throw error
    }
    try await server.shutdown()
  }

  @Test("starts on an ephemeral loopback port and stops") func startStop() async throws {
    let server = try await LoopbackServer.start()
    #expect(server.port > 0)
    #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
    #expect(server.url("/ok") == "http://127.0.0.1:\(server.port)/ok")
    #expect(try await RawClient.get(server, "/ok").status == 200)
    try await server.shutdown()
    try await server.shutdown()  // idempotent
    await #expect(throws: RawClient.Failure.self) { try await RawClient.get(server, "/ok") }
  }

  @Test("binds only to loopback", arguments: ["0.0.0.0", "::", "10.0.0.1", "192.168.1.1", "example.com", "127.0.0.1.nip.io"])
  func refusesOtherHosts(host: String) async throws {
    await #expect(throws: LoopbackServerError.notLoopback(host)) { try await LoopbackServer.start(host: host) }
  }

  @Test("any 127/8 address and localhost") func otherLoopbackAddresses() async throws {
    let second = try await LoopbackServer.start(host: "127.0.0.2")
    #expect(second.baseURL == "http://127.0.0.2:\(second.port)")
    try await second.shutdown()
    let named = try await LoopbackServer.start(host: "localhost")
    #expect(named.baseURL == "http://localhost:\(named.port)")
    #expect(try await RawClient.get(named, "/ok").status == 200)
    try await named.shutdown()
  }

  @Test("pages: /, /ok, charsets, soft 404, consent, PDF, 404") func pages() async throws {
    try await withServer { server in
      let ok = try await RawClient.get(server, "/ok")
      #expect(ok.body == LoopbackContent.okPage)
      #expect(ok.header("Content-Type") == "text/html; charset=utf-8")
      #expect(ok.header("Content-Length") == String(LoopbackContent.okPage.count))
      #expect(ok.text.contains("<title>\(LoopbackContent.okTitle)</title>"))
      #expect(ok.text.contains("<p>\(LoopbackContent.okFirstParagraph)</p>"))
      #expect(try await RawClient.get(server, "/").text.contains("<title>Loopback Home</title>"))
      let cp1252 = try await RawClient.get(server, "/charset/windows-1252")
      #expect(cp1252.header("Content-Type") == "text/html; charset=windows-1252")
      #expect(cp1252.body.contains(0x93) && cp1252.body.contains(0x94) && cp1252.body.contains(0x92))
      #expect(String(data: Data(cp1252.body), encoding: .windowsCP1252)?.contains(LoopbackContent.charsetText) == true)
      #expect(try await RawClient.get(server, "/charset/utf-8").text.contains(LoopbackContent.charsetText))
      let sjis = try await RawClient.get(server, "/charset/shift_jis-utf8-body")
      #expect(sjis.header("Content-Type") == "text/html")
      #expect(sjis.text.contains("<meta charset=\"shift_jis\">"))
      #expect(sjis.text.contains(LoopbackContent.shiftJISMislabeledText))
      let soft = try await RawClient.get(server, "/soft404")
      #expect(soft.status == 200 && soft.text.contains("<title>Page not found</title>"))
      #expect(soft.text.contains("The page you are looking for does not exist"))
      let consent = try await RawClient.get(server, "/consent")
      #expect(consent.status == 200 && consent.text.contains("Accept all"))
      let pdf = try await RawClient.get(server, "/pdf")
      #expect(pdf.header("Content-Type") == "application/pdf")
      #expect(pdf.body.starts(with: Array("%PDF-1.4".utf8)) && pdf.text.hasSuffix("%%EOF\n"))
      let missing = try await RawClient.get(server, "/no/such/page")
      #expect(missing.status == 404 && missing.text.contains("404 Not Found"))
    }
  }

  @Test("content encodings and bombs") func encodings() async throws {
    try await withServer { server in
      let cases: [(String, String, [UInt8])] = [
        ("/gzip", "gzip", LoopbackContent.okPageGzip), ("/brotli", "br", LoopbackContent.okPageBrotli),
        ("/deflate", "deflate", LoopbackContent.okPageDeflate),
        ("/bomb/gzip", "gzip", LoopbackContent.bombGzip), ("/bomb/brotli", "br", LoopbackContent.bombBrotli),
      ]
      for (path, encoding, bytes) in cases {
        let response = try await RawClient.get(server, path, headers: ["Accept-Encoding: gzip, deflate, br"])
        #expect(response.header("Content-Encoding") == encoding, "\(path)")
        #expect(response.body == bytes, "\(path)")
      }
      #expect(LoopbackContent.okPageGzip.starts(with: [0x1F, 0x8B]) && LoopbackContent.bombGzip.starts(with: [0x1F, 0x8B]))
      #expect(LoopbackContent.okPageDeflate.first == 0x78)  // zlib header
      // A gzip stream ends with the uncompressed size mod 2^32, little-endian.
      let size = LoopbackContent.bombGzip.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
      #expect(size == LoopbackContent.bombSize && LoopbackContent.bombSize >= 200_000_000)
      #expect(LoopbackContent.bombBrotli.count < 1000)
    }
  }

  @Test("redirects") func redirects() async throws {
    try await withServer { server in
      for code in [301, 302, 303, 307, 308] {
        let response = try await RawClient.get(server, "/redirect/\(code)?to=%2Fstatus%2F410")
        #expect(response.status == code && response.header("Location") == "/status/410")
      }
      #expect(try await RawClient.get(server, "/redirect/302").header("Location") == "/ok")
      var target = "/redirect/chain/4"
      var hops = 0
      while let location = try await RawClient.get(server, target).header("Location") {
        target = location
        hops += 1
      }
      #expect(hops == 4 && target == "/ok")
      #expect(try await RawClient.get(server, "/redirect/loop").header("Location") == "/redirect/loop")
      let home = try await RawClient.get(server, "/redirect/home/2024/05/some-article.html")
      #expect(home.status == 301 && home.header("Location") == "/")
      let other = "http://127.0.0.2:\(server.port)/ok"
      #expect(try await RawClient.get(server, "/redirect/to?url=\(other)").header("Location") == other)
      let file = try await RawClient.get(server, "/redirect/to?url=file%3A%2F%2F%2Fetc%2Fpasswd")
      #expect(file.status == 302 && file.header("Location") == "file:///etc/passwd")
    }
  }

  @Test("any status", arguments: [404, 410, 500, 503, 401, 403, 451, 418, 204, 304, 299, 599])
  func statuses(status: Int) async throws {
    try await withServer { server in
      let response = try await RawClient.get(server, "/status/\(status)")
      #expect(response.status == status)
      #expect(response.body.isEmpty == (status == 204 || status == 304))
      if status == 401 { #expect(response.header("WWW-Authenticate") != nil) }
    }
  }

  @Test("retry after 429 and 503, counted per path and query") func retries() async throws {
    try await withServer { server in
      let target = "/retry/429?times=2&retry-after=3"
      for expected in [429, 429, 200, 200] {
        let response = try await RawClient.get(server, target)
        #expect(response.status == expected)
        #expect(response.header("Retry-After") == (expected == 429 ? "3" : nil))
      }
      #expect(server.requests(to: target).count == 4 && server.requests(to: "/retry/429").count == 4)
      #expect(try await RawClient.get(server, "/retry/503?times=1&retry-after=7").header("Retry-After") == "7")
      #expect(try await RawClient.get(server, "/retry/503?times=1&retry-after=7").status == 200)
      let dated = try await RawClient.get(server, "/retry/429-date?times=1")
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
      let when = try #require(dated.header("Retry-After").flatMap { formatter.date(from: $0) })
      #expect(dated.status == 429 && (0.5...2.5).contains(when.timeIntervalSinceNow))
    }
  }

  @Test("slow body, slow headers, stall") func slowness() async throws {
    try await withServer { server in
      var start = ContinuousClock.now
      let slow = try await RawClient.get(server, "/slow?bytes=1000&chunk=250&ms=60")
      #expect(slow.body.count == 1000 && ContinuousClock.now - start >= .milliseconds(180))
      start = ContinuousClock.now
      let late = try await RawClient.get(server, "/slow-headers?ms=200")
      #expect(late.body == LoopbackContent.okPage && ContinuousClock.now - start >= .milliseconds(200))
      let stalled = try await RawClient.get(server, "/stall?bytes=300", silence: .milliseconds(300))
      #expect(stalled.timedOut && stalled.status == 200)
      #expect(stalled.body.count == 300 && stalled.header("Content-Length") == "1324")
    }
  }

  @Test("shutdown closes stalled connections") func shutdownClosesStall() async throws {
    let server = try await LoopbackServer.start()
    async let stalled = RawClient.get(server, "/stall?bytes=10", silence: .seconds(5))
    while server.requests(to: "/stall").isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    try await server.shutdown()
    let response = try await stalled
    #expect(!response.timedOut && response.body.count == 10)
  }

  @Test("sizes: large, lying length, many headers, benchmark pages") func sizes() async throws {
    try await withServer { server in
      let large = try await RawClient.get(server, "/large?bytes=3000000")
      #expect(large.body.count == 3_000_000 && large.body == LoopbackContent.large(3_000_000))
      #expect(large.text.hasPrefix("<!DOCTYPE html>") && large.text.hasSuffix("</body></html>\n"))
      #expect(LoopbackContent.large(5).count == 5 && LoopbackContent.large(0).isEmpty)
      let short = try await RawClient.get(server, "/lying-length?declared=1000&actual=100")
      #expect(!short.timedOut && short.header("Content-Length") == "1000" && short.body.count == 100)
      let long = try await RawClient.get(server, "/lying-length?declared=10&actual=100")
      #expect(long.header("Content-Length") == "10" && long.body.count == 100)
      let many = try await RawClient.get(server, "/headers/many?count=500")
      #expect(many.headers.filter { $0.name.hasPrefix("X-Loopback-") }.count == 500)
      let page = try await RawClient.get(server, "/pages/42.html")
      #expect(page.body == LoopbackContent.benchmarkPage(42) && page.body.count >= 50_000)
      #expect(page.text.contains("<title>Benchmark page 42</title>") && page.text.contains(LoopbackContent.benchmarkLead(42)))
      #expect(page.body.count < 60_000 && LoopbackContent.benchmarkPage(43) != page.body)
    }
  }

  @Test("bot wall and conditional requests") func botwallAndETag() async throws {
    try await withServer { server in
      let wall = try await RawClient.get(server, "/botwall/403")
      #expect(wall.status == 403 && wall.header("cf-mitigated") == "challenge")
      #expect(wall.text.contains("<title>Just a moment...</title>") && wall.text.contains("challenge-platform"))
      #expect(wall.text.contains("cf-chl"))
      let open = try await RawClient.get(server, "/botwall/200")
      #expect(open.status == 200 && open.header("cf-mitigated") == nil && open.body == wall.body)
      let fresh = try await RawClient.get(server, "/etag")
      #expect(fresh.status == 200 && fresh.header("ETag") == "\"v1\"")
      let lastModified = try #require(fresh.header("Last-Modified"))
      for (header, status) in [
        ("If-None-Match: \"v1\"", 304), ("If-None-Match: W/\"v1\", \"v0\"", 304), ("If-None-Match: \"v2\"", 200),
        ("If-Modified-Since: \(lastModified)", 304), ("If-Modified-Since: Tue, 31 Dec 2024 23:59:59 GMT", 200),
      ] {
        let response = try await RawClient.get(server, "/etag", headers: [header])
        #expect(response.status == status, "\(header)")
        #expect(response.body.isEmpty == (status == 304))
      }
    }
  }

  @Test("custom routes, behaviours, request log, HEAD, keep-alive") func customRoutes() async throws {
    try await withServer { server in
      server.route("/ok") { _ in .text("replaced") }
      server.route("/custom") { request in
        var response = LoopbackResponse.html("<p>\(request.query["name"] ?? "?")</p>", status: 201)
        response.closeMidBody = 5
        return response.adding("X-Custom", request.header("X-Test") ?? "none")
      }
      #expect(try await RawClient.get(server, "/ok?x=1").text == "replaced")
      let custom = try await RawClient.get(server, "/custom?name=a%20b", headers: ["X-Test: yes"])
      #expect(custom.status == 201 && custom.header("X-Custom") == "yes" && custom.text == "<p>a ")
      let logged = try #require(server.requests(to: "/custom").first)
      #expect(logged.method == "GET" && logged.target == "/custom?name=a%20b" && logged.query == ["name": "a b"])
      #expect(logged.header("x-test") == "yes" && logged.header("Host") == "127.0.0.1:\(server.port)")
      #expect(server.requests.map(\.path) == ["/ok", "/custom"])
      #expect(server.requests[0].receivedAt <= logged.receivedAt)
      server.removeRoute("/ok")
      let head = try await RawClient.get(server, "/ok", method: "HEAD")
      #expect(head.status == 200 && head.body.isEmpty)
      #expect(head.header("Content-Length") == String(LoopbackContent.okPage.count))
      let twice = "GET /ok HTTP/1.1\r\nHost: x\r\n\r\nGET /status/410 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
      let (bytes, _) = try await RawClient.exchange(port: server.port, twice)
      #expect(RawClient.parse(bytes).map(\.status) == [200, 410])
      server.reset()
      #expect(server.requests.isEmpty)
    }
  }

  @Test("HTTPS with the bundled certificates") func tls() async throws {
    for certificate in TestCertificate.allCases {
      let text = try String(contentsOfFile: certificate.certificatePath, encoding: .utf8)
      #expect(text.hasPrefix("-----BEGIN CERTIFICATE-----"))
      #expect(FileManager.default.fileExists(atPath: certificate.privateKeyPath))
    }
    #expect(LoopbackServer.certificatePath == TestCertificate.localhost.certificatePath)
    let server = try await LoopbackServer.start(tls: true)
    #expect(server.baseURL == "https://localhost:\(server.port)")
    // A plain-HTTP request gets no HTTP answer from a TLS server, only a closed connection.
    let plain = try await RawClient.get(server, "/ok", silence: .seconds(2))
    #expect(plain.status == 0)
    try await server.shutdown()
    // The curl program, when installed, checks the certificates end to end.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return }
    for (certificate, expected) in [(TestCertificate.localhost, "200"), (.expired, "000"), (.wrongHost, "000")] {
      let server = try await LoopbackServer.start(tls: true, certificate: certificate)
      #expect(try await curlStatus(server.url("/ok")) == expected, "\(certificate)")
      try await server.shutdown()
    }
  }

  func curlStatus(_ url: String) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = [
              "-s", "-o", "/dev/null", "-w", "%{http_code}", "--noproxy", "*", "--max-time", "5",
              "--cacert", LoopbackServer.certificatePath, url,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: output, as: UTF8.self)
          })
      }
    }
  }
}
