import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An in-process HTTP/1.1 (or HTTPS) server on a loopback address, for fetch tests and
/// benchmarks. It binds only to 127.0.0.0/8 or ::1, never resolves a name, and answers the
/// built-in routes listed in `LoopbackRoutes.swift` plus any added with ``route(_:_:)``.
///
///     let server = try await LoopbackServer.start()
///     let page = try fetch(server.url("/redirect/chain/3"))
///     #expect(server.requests(to: "/ok").count == 1)
///     try await server.shutdown()
///
/// Requests are answered on SwiftNIO's event-loop threads, never on Swift's cooperative pool, so
/// a test may call a blocking client (libcurl) from an `async` test without starving the server.
/// Custom route handlers run on those threads too: they must return quickly and never block.
public final class LoopbackServer: Sendable {
  /// The host as given to `start` (`127.0.0.1`, `::1`, or `localhost`, bound as 127.0.0.1).
  public let host: String
  /// The port bound (the ephemeral one the system chose when started with port 0).
  public let port: Int
  /// Whether the server speaks TLS.
  public let isTLS: Bool
  /// `http://HOST:PORT` (`http://127.0.0.1:PORT`, `http://[::1]:PORT`); over TLS on
  /// 127.0.0.1 `https://localhost:PORT` (the certificate covers `localhost`, `127.0.0.1` and
  /// `::1`, not other 127/8 addresses). No trailing slash.
  public let baseURL: String

  let core: LoopbackServerCore
  let channel: any Channel

  private init(host: String, port: Int, isTLS: Bool, core: LoopbackServerCore, channel: any Channel) {
    self.host = host
    self.port = port
    self.isTLS = isTLS
    self.core = core
    self.channel = channel
    let urlHost: String
    if isTLS && (host == "127.0.0.1" || host == "localhost") {
      urlHost = "localhost"
    } else {
      urlHost = host.contains(":") ? "[\(host)]" : host
    }
    self.baseURL = "\(isTLS ? "https" : "http")://\(urlHost):\(port)"
  }

  deinit {
    // A test that forgot `shutdown()` still frees its port and any stalled connection.
    for connection in core.beginShutdown() { connection.close(promise: nil) }
    channel.close(promise: nil)
  }

  /// Starts a server on `host` (default "127.0.0.1", port 0 = ephemeral; backlog 256), HTTP or
  /// HTTPS with the bundled self-signed certificate.
  ///
  /// - Parameters:
  ///   - host: a loopback IP literal (`127.x.y.z`, `::1`) or `localhost` (= 127.0.0.1). Anything
  ///     else throws ``LoopbackServerError/notLoopback(_:)``: no name is ever resolved.
  ///   - port: the port to bind, 0 for one the system picks.
  ///   - tls: serve HTTPS (HTTP/1.1 by ALPN) instead of plain HTTP.
  ///   - certificate: the certificate presented over TLS; `.expired` and `.wrongHost` are for
  ///     tests that a client refuses them.
  public static func start(
    host: String = "127.0.0.1", port: Int = 0, tls: Bool = false,
    certificate: TestCertificate = .localhost
  ) async throws -> LoopbackServer {
    let literal = host == "localhost" ? "127.0.0.1" : host
    guard let address = try? SocketAddress(ipAddress: literal, port: port), address.isLoopback else {
      throw LoopbackServerError.notLoopback(host)
    }
    let sslContext = try tls ? Self.makeSSLContext(certificate) : nil
    let core = LoopbackServerCore()
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          guard core.register(channel) else {
            channel.close(promise: nil)
            return
          }
          let id = ObjectIdentifier(channel)
          channel.closeFuture.whenComplete { _ in core.unregister(id) }
          let pipeline = channel.pipeline.syncOperations
          if let sslContext { try pipeline.addHandler(NIOSSLServerHandler(context: sslContext)) }
          try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
          try pipeline.addHandler(LoopbackConnection(core: core))
        }
      }
      .bind(to: address).get()
    guard let bound = channel.localAddress, bound.isLoopback, let boundPort = bound.port else {
      try? await channel.close()
      throw LoopbackServerError.notLoopback(host)
    }
    return LoopbackServer(
      host: host, port: boundPort, isTLS: tls, core: core,
      channel: channel)
  }

  private static func makeSSLContext(_ certificate: TestCertificate) throws -> NIOSSLContext {
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: try NIOSSLCertificate.fromPEMFile(certificate.certificatePath)
        .map { .certificate($0) },
      privateKey: .privateKey(try NIOSSLPrivateKey(file: certificate.privateKeyPath, format: .pem)))
    configuration.applicationProtocols = ["http/1.1"]
    return try NIOSSLContext(configuration: configuration)
  }

  /// `baseURL` + `path` (`"/ok"` → `http://127.0.0.1:PORT/ok`).
  public func url(_ path: String) -> String { baseURL + path }

  /// Adds or replaces a custom route (exact path match, query ignored) answered by `handler`.
  /// Custom routes win over built-in ones of the same path. The handler runs on an event-loop
  /// thread: it must not block (use the response's `delayHeaders` / `dripBody` to be slow).
  public func route(_ path: String, _ handler: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse) {
    core.state.withLock { $0.routes[path] = handler }
  }

  /// Removes a custom route, so the built-in one of that path (if any) answers again.
  public func removeRoute(_ path: String) {
    _ = core.state.withLock { $0.routes.removeValue(forKey: path) }
  }

  /// Every request received, in order (method, path with query, headers, time).
  public var requests: [LoopbackRequest] { core.state.withLock { $0.requests } }

  /// The requests whose path (query ignored) is `path`, or whose whole target is `path` when it
  /// has a query (`"/retry/429?times=2"`).
  public func requests(to path: String) -> [LoopbackRequest] {
    requests.filter { $0.path == path || $0.target == path }
  }

  /// Forgets the requests recorded so far and the counters of the `/retry/...` routes.
  public func reset() {
    core.state.withLock {
      $0.requests.removeAll()
      $0.hits.removeAll()
    }
  }

  /// Stops listening and closes every open connection, stalled ones included. Idempotent.
  public func shutdown() async throws {
    let connections = core.beginShutdown()
    try? await channel.close()
    for connection in connections { try? await connection.close() }
  }

  /// Path of the PEM certificate a client must trust (for `--cacert`): the self-signed
  /// localhost certificate, which also signed the expired and wrong-host ones.
  public static var certificatePath: String { TestCertificate.trustPath }
  /// Path of a certificate for localhost that expired on 2021-01-01 (key: `.expired.privateKeyPath`).
  public static var expiredCertificatePath: String { TestCertificate.expired.certificatePath }
  /// Path of a certificate for `wrong-host.invalid` only (key: `.wrongHost.privateKeyPath`).
  public static var wrongHostCertificatePath: String { TestCertificate.wrongHost.certificatePath }
}

/// Why a loopback server could not start.
public enum LoopbackServerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The host is not a loopback IP literal (nor `localhost`): tests never listen elsewhere.
  case notLoopback(String)

  public var description: String {
    switch self {
    case .notLoopback(let host): "LoopbackServer binds only to 127.0.0.0/8 or ::1, not \(host)"
    }
  }
}

/// The server's shared state: routes, the request log, `/retry` counters, open connections.
final class LoopbackServerCore: Sendable {
  struct State {
    var routes: [String: @Sendable (LoopbackRequest) -> LoopbackResponse] = [:]
    var requests: [LoopbackRequest] = []
    var hits: [String: Int] = [:]
    var connections: [ObjectIdentifier: any Channel] = [:]
    var isShutDown = false
  }

  let state = Mutex(State())

  /// Records `request` and computes its response (custom route first, then the built-in ones).
  func respond(to request: LoopbackRequest) -> LoopbackResponse {
    let custom = state.withLock { state in
      state.requests.append(request)
      return state.routes[request.path]
    }
    if let custom { return custom(request) }
    return LoopbackRoutes.response(to: request) { key in
      self.state.withLock { state in
        defer { state.hits[key, default: 0] += 1 }
        return state.hits[key, default: 0]
      }
    }
  }

  func register(_ channel: any Channel) -> Bool {
    state.withLock { state in
      guard !state.isShutDown else { return false }
      state.connections[ObjectIdentifier(channel)] = channel
      return true
    }
  }

  func unregister(_ id: ObjectIdentifier) {
    _ = state.withLock { $0.connections.removeValue(forKey: id) }
  }

  /// Refuses new connections from now on and hands back the open ones.
  func beginShutdown() -> [any Channel] {
    state.withLock { state in
      state.isShutDown = true
      return Array(state.connections.values)
    }
  }
}

extension SocketAddress {
  /// Whether this is an address in 127.0.0.0/8 or ::1.
  var isLoopback: Bool {
    switch self {
    case .v4(let address): UInt32(bigEndian: address.address.sin_addr.s_addr) >> 24 == 127
    case .v6(let address):
      withUnsafeBytes(of: address.address.sin6_addr) { bytes in
        bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
      }
    case .unixDomainSocket: false
    }
  }
}
