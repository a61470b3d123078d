internal import CCurl
public import Foundation
import Synchronization

/// libcurl's multi interface driven from one dedicated thread that owns every curl handle.
///
/// Requests go in with `submit` from any thread (the loop is woken with `curl_multi_wakeup`, the
/// only multi call that is safe from another thread); results come out as Sendable values on
/// `results`. No curl pointer ever leaves the loop thread. `cancel()` stops within a poll.
public final class TransferSession: Sendable {
  public let results: AsyncStream<TransferResult>
  private let continuation: AsyncStream<TransferResult>.Continuation
  private let shared: Mutex<SharedState>
  private let limits: TransferLimits
  private let addressAllowed: @Sendable (String) -> Bool

  private struct SharedState: ~Copyable {
    var pending: [(TransferRequest, UInt64)] = []
    var finishedSubmitting = false
    var cancelled = false
    /// Results yielded but not yet marked consumed (bodies held in memory).
    var unconsumed = 0
    /// The multi handle while the loop runs, for `curl_multi_wakeup` (as an integer: Sendable).
    var multi: UInt = 0
  }

  /// - Parameter addressAllowed: asked, on the loop thread, for every address libcurl is about to
  ///   connect to (each hop, each resolved address): the policy is applied to where a request
  ///   really goes, not to its host name.
  public init(limits: TransferLimits, addressAllowed: @escaping @Sendable (String) -> Bool) {
    (results, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    shared = Mutex(SharedState())
    self.limits = limits
    self.addressAllowed = addressAllowed
    _ = CurlGlobal.initialized
    let thread = Thread { [self] in self.loop() }
    thread.name = "verbatim-transfers"
    thread.start()
  }

  /// The `Accept-Encoding` every request sends: each content coding this libcurl can decode,
  /// in libcurl's own order (`deflate, gzip, br, zstd`); nil when it decodes none. Set
  /// explicitly, so the archive can record exactly what was sent.
  public static let acceptEncoding: String? = {
    guard let info = ccurl_version_info() else { return nil }
    let features = Int(info.pointee.features)
    var codings: [String] = []
    if features & (1 << 3) != 0 { codings += ["deflate", "gzip"] }  // CURL_VERSION_LIBZ
    if features & (1 << 23) != 0 { codings.append("br") }  // CURL_VERSION_BROTLI
    if features & (1 << 26) != 0 { codings.append("zstd") }  // CURL_VERSION_ZSTD
    return codings.isEmpty ? nil : codings.joined(separator: ", ")
  }()

  /// The PEM bundle to trust when `extra` is added: libcurl's default bundle file (`systemFile`,
  /// nil for the one libcurl was built with), then `extra`. nil when `extra` cannot be read, or
  /// there is no readable default bundle to add it to (then `extra` is used as given, next to
  /// libcurl's default CA directory).
  public static func trustBundle(adding extra: String, systemFile: String? = nil) -> [UInt8]? {
    let system = systemFile ?? ccurl_version_info().flatMap { info in info.pointee.cainfo.map { String(cString: $0) } }
    guard let system, let base = FileManager.default.contents(atPath: system),
      let added = FileManager.default.contents(atPath: extra)
    else { return nil }
    return [UInt8](base) + [0x0A] + [UInt8](added)
  }

  public func submit(_ request: TransferRequest) {
    let due = Clock.now + UInt64(max(0, request.delayMilliseconds)) * 1_000_000
    shared.withLock { state in
      state.pending.append((request, due))
      if state.multi != 0 { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: state.multi)) }
    }
  }

  /// No more requests will be submitted: the loop ends when the last transfer completes.
  public func finishSubmitting() {
    shared.withLock { state in
      state.finishedSubmitting = true
      if state.multi != 0 { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: state.multi)) }
    }
  }

  /// The caller is done with one result (its body can go): lets the engine start more
  /// transfers. Without it, at most twice `concurrency` results wait in memory.
  public func consumed() {
    shared.withLock { state in
      state.unconsumed = max(0, state.unconsumed - 1)
      if state.multi != 0 { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: state.multi)) }
    }
  }

  /// Stops every transfer; pending and in-flight requests produce no results.
  public func cancel() {
    shared.withLock { state in
      state.cancelled = true
      if state.multi != 0 { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: state.multi)) }
    }
  }

  // MARK: - The loop thread

  private func loop() {
    guard let multi = curl_multi_init() else {
      continuation.finish()
      return
    }
    shared.withLock { $0.multi = UInt(bitPattern: multi) }
    var active: [UnsafeMutableRawPointer: Transfer] = [:]
    var queue: [(TransferRequest, UInt64)] = []
    var hostActive: [String: Int] = [:]
    var hostNextStart: [String: UInt64] = [:]
    var bundles: [String: [UInt8]?] = [:]  // `--cacert` file → system bundle plus it
    let interval = UInt64(limits.hostIntervalMilliseconds) * 1_000_000

    while true {
      let (incoming, finished, cancelled, unconsumed) = shared.withLock { state in
        let items = state.pending
        state.pending.removeAll()
        return (items, state.finishedSubmitting, state.cancelled, state.unconsumed)
      }
      if cancelled { break }
      queue.append(contentsOf: incoming)

      // Start what the limits allow, in submission order; none while the consumer is behind
      // (backpressure keeps memory bounded whatever the number of sources).
      var now = Clock.now
      var wake: UInt64?
      if !queue.isEmpty && active.count < limits.concurrency && unconsumed + active.count < 2 * limits.concurrency {
        var waiting: [(TransferRequest, UInt64)] = []
        waiting.reserveCapacity(queue.count)
        for (request, due) in queue {
          let host = request.hostKey
          let next = hostNextStart[host] ?? 0
          guard active.count < limits.concurrency, due <= now, hostActive[host, default: 0] < limits.perHost,
            next <= now
          else {
            if due > now { wake = min(wake ?? due, due) }
            if next > now && hostActive[host, default: 0] < limits.perHost { wake = min(wake ?? next, next) }
            waiting.append((request, due))
            continue
          }
          var bundle: [UInt8]?
          if let caFile = request.caFile {
            if bundles[caFile] == nil { bundles[caFile] = .some(Self.trustBundle(adding: caFile)) }
            bundle = bundles[caFile] ?? nil
          }
          let transfer = Transfer(request: request, trustBundle: bundle, addressAllowed: addressAllowed)
          curl_multi_add_handle(multi, transfer.easy)
          active[transfer.easy] = transfer
          hostActive[host, default: 0] += 1
          hostNextStart[host] = now + interval
        }
        queue = waiting
      }
      if active.isEmpty && queue.isEmpty && finished { break }

      var running: Int32 = 0
      curl_multi_perform(multi, &running)
      var remaining: Int32 = 0
      var freedSlot = false
      while let message = curl_multi_info_read(multi, &remaining) {
        guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
          let transfer = active.removeValue(forKey: easy)
        else { continue }
        // Read the result before the handle is removed (libcurl reuses the message).
        let code = message.pointee.data.result
        curl_multi_remove_handle(multi, easy)
        hostActive[transfer.request.hostKey, default: 1] -= 1
        freedSlot = true
        shared.withLock { $0.unconsumed += 1 }
        continuation.yield(transfer.result(code: code))
      }
      // A finished transfer frees a slot: start what waits for it now, not after the next poll.
      if freedSlot && !queue.isEmpty { continue }
      now = Clock.now
      var timeout: Int32 = 1000
      if let wake { timeout = Int32(min(1000, max(1, (wake - min(wake, now)) / 1_000_000))) }
      curl_multi_poll(multi, nil, 0, timeout, nil)
    }
    for (easy, _) in active { curl_multi_remove_handle(multi, easy) }
    active.removeAll()  // Transfer.deinit cleans up each easy handle
    shared.withLock { $0.multi = 0 }
    curl_multi_cleanup(multi)
    continuation.finish()
  }
}

/// `curl_global_init` once per process (a thread-safe lazy static); never cleaned up.
private enum CurlGlobal {
  static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// Monotonic nanoseconds.
private enum Clock {
  static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }
}

/// One easy handle and what its callbacks collect. Owned by the loop thread; C borrows it
/// through `Unmanaged.passUnretained` as the callbacks' user data.
private final class Transfer {
  let request: TransferRequest
  let easy: UnsafeMutableRawPointer
  let addressAllowed: @Sendable (String) -> Bool
  var body: [UInt8] = []
  var headers: [(name: String, value: String)] = []
  var statusLine = ""
  var exceeded = false
  var blockedAddress: String?
  let startedAt = Date()
  private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
  private var headerList: UnsafeMutablePointer<curl_slist>?

  init(request: TransferRequest, trustBundle: [UInt8]?, addressAllowed: @escaping @Sendable (String) -> Bool) {
    self.request = request
    self.addressAllowed = addressAllowed
    easy = curl_easy_init()
    errorBuffer.initialize(to: 0)
    let me = Unmanaged.passUnretained(self).toOpaque()
    ccurl_easy_setopt_string(easy, CURLOPT_URL, request.url)
    ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
    ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
    ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
    // No proxy from the environment: through a proxy, the address policy would see the proxy's
    // address instead of the destination's.
    ccurl_easy_setopt_string(easy, CURLOPT_PROXY, "")
    if let encodings = TransferSession.acceptEncoding {
      ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, encodings)  // every coding libcurl decodes
    }
    ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, request.userAgent)
    ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds)
    ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.totalTimeoutMilliseconds)
    ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, request.lowSpeedBytesPerSecond)
    ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, request.lowSpeedSeconds)
    ccurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBodyBytes))
    ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
    ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
    // `--cacert` adds to the system's trust: setting CURLOPT_CAINFO alone would replace it.
    if var bundle = trustBundle {
      bundle.withUnsafeMutableBytes { bytes in
        var blob = curl_blob(data: bytes.baseAddress, len: bytes.count, flags: UInt32(CURL_BLOB_COPY))
        _ = withUnsafeMutablePointer(to: &blob) { ccurl_easy_setopt_pointer(easy, CURLOPT_CAINFO_BLOB, $0) }
      }
    } else if let caFile = request.caFile {
      ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caFile)
    }
    ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
    ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, writeBody)
    ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
    ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION, writeHeader)
    ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
    ccurl_easy_setopt_opensocket_function(easy, openSocket)
    ccurl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)
    for line in request.headers { headerList = curl_slist_append(headerList, line) }
    if let headerList { ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) }
  }

  deinit {
    curl_easy_cleanup(easy)
    if let headerList { curl_slist_free_all(headerList) }
    errorBuffer.deallocate()
  }

  /// Copies everything out of libcurl into a Sendable value.
  func result(code: CURLcode) -> TransferResult {
    var status = 0
    ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
    var version = 0
    ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
    var ip: UnsafeMutablePointer<CChar>?
    ccurl_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &ip)
    let remote = ip.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    let (_, reason) = Self.parseStatusLine(statusLine)
    return TransferResult(
      request: request, status: status, httpVersion: Self.versionName(version), reason: reason,
      headers: headers, body: body, remoteAddress: remote ?? blockedAddress, failure: failure(code),
      startedAt: startedAt, finishedAt: Date())
  }

  private func failure(_ code: CURLcode) -> TransferFailure? {
    let message = String(cString: errorBuffer)
    switch code {
    case CURLE_OK: return nil
    case CURLE_OPERATION_TIMEDOUT:
      return message.localizedCaseInsensitiveContains("too slow") ? .stalled : .timeout
    case CURLE_COULDNT_RESOLVE_HOST: return .dnsFailure
    case CURLE_COULDNT_CONNECT:
      if let blockedAddress { return .blockedAddress(blockedAddress) }
      var osError = 0
      ccurl_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osError)
      return osError == Int(ECONNREFUSED) || message.localizedCaseInsensitiveContains("refused")
        ? .connectionRefused : .connectionFailed
    case CURLE_WRITE_ERROR where exceeded, CURLE_FILESIZE_EXCEEDED: return .bodyTooLarge
    case CURLE_PARTIAL_FILE: return .truncated
    case CURLE_RECV_ERROR where message.hasPrefix("Too large response headers"): return .headersTooLarge
    case CURLE_BAD_CONTENT_ENCODING: return .badContentEncoding
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
      CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
      return .tls(message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
    default:
      return .other(Int(code.rawValue), message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
    }
  }

  static func versionName(_ version: Int) -> String {
    switch version {
    case 1: "HTTP/1.0"
    case 3: "HTTP/2"
    case 30: "HTTP/3"
    default: "HTTP/1.1"
    }
  }

  /// `HTTP/1.1 404 Not Found` → (404, "Not Found"); HTTP/2 status lines have no reason.
  static func parseStatusLine(_ line: String) -> (Int, String) {
    let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    return (status, parts.count > 2 ? String(parts[2]) : "")
  }

  func appendHeader(_ line: String) {
    if line.hasPrefix("HTTP/") {
      // A new header block (after 1xx or a proxy's): only the last one describes the body.
      statusLine = line
      headers.removeAll()
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = String(line[..<colon])
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    headers.append((name, value))
  }
}

// MARK: - C callbacks (file scope, so they convert to @convention(c))

private func writeBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?)
  -> Int
{
  guard let data, let user else { return 0 }
  let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
  let length = size * count
  if transfer.body.count + length > transfer.request.maxBodyBytes {
    transfer.exceeded = true
    return 0  // aborts the transfer: decoded bytes past the cap (a decompression bomb) stop here
  }
  data.withMemoryRebound(to: UInt8.self, capacity: length) {
    transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
  }
  return length
}

private func writeHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?)
  -> Int
{
  guard let data, let user else { return 0 }
  let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
  let length = size * count
  let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
  }
  let trimmed = String(line.unicodeScalars.prefix { $0 != "\r" && $0 != "\n" })
  if !trimmed.isEmpty { transfer.appendHeader(trimmed) }
  return length
}

private func openSocket(_ user: UnsafeMutableRawPointer?, _ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>?)
  -> curl_socket_t
{
  guard let user, let address else { return ccurl_socket_bad() }
  let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
  var text = [CChar](repeating: 0, count: 64)
  ccurl_format_address(address, &text, text.count)
  let ip = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  guard !ip.isEmpty, transfer.addressAllowed(ip) else {
    transfer.blockedAddress = ip.isEmpty ? "unknown address" : ip
    return ccurl_socket_bad()
  }
  return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
}
