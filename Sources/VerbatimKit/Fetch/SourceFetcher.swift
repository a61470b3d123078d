public import Foundation
import Synchronization
internal import VerbatimInterop

/// Fetches every distinct source once, politely: follows redirects hop by hop (recording and
/// policing each), retries timeouts, 429 and 503 with backoff (honouring Retry-After), reuses
/// fresh captures and revalidates stale ones, archives what it gets, and judges each link's
/// health. Cancelling the calling task stops every transfer; what was archived stays whole.
public struct SourceFetcher: Sendable {
  public let configuration: FetchConfiguration
  public let store: EvidenceStore

  public init(configuration: FetchConfiguration, store: EvidenceStore) {
    self.configuration = configuration
    self.store = store
  }

  /// Progress after each finished source.
  public struct Progress: Sendable {
    public var done: Int
    public var total: Int
    public var failures: Int
    public var hostsInFlight: Int
    public var startedAt: Date
  }

  /// - Parameter onOutcome: called with each source's index and outcome as soon as it is final (its
  ///   capture archived), from any thread: the audit checks a source while the others are still fetched.
  public func fetch(
    _ sources: [SourceRequest], progress: (@Sendable (Progress) -> Void)? = nil,
    onOutcome: (@Sendable (Int, SourceOutcome) -> Void)? = nil
  ) async -> [SourceOutcome] {
    let collected = OutcomeCollector(
      count: sources.count, started: Date(), progress: progress, onOutcome: onOutcome)
    var jobs: [Int: Job] = [:]
    // Jobs in flight per host, kept as jobs come and go: counting the distinct hosts of every job at
    // each outcome was quadratic (50,000 sources: 2.5 billion steps).
    var inFlight: [String: Int] = [:]
    func finish(_ index: Int, _ outcome: SourceOutcome) {
      collected.add(index, outcome, hostsInFlight: inFlight.count)
    }

    let session = TransferSession(
      limits: TransferLimits(
        concurrency: configuration.concurrency, perHost: configuration.perHost,
        hostIntervalMilliseconds: configuration.hostIntervalMilliseconds),
      addressAllowed: { [policy = configuration.addressPolicy] in policy.allows($0) })

    for (index, source) in sources.enumerated() {
      let previous = try? store.ledger.latestCapture(key: source.key)
      // Read once per source: the freshness rule, the outcome and its failure history all need them.
      let checks = (try? store.ledger.checks(key: source.key)) ?? []
      if configuration.offline {
        finish(index, fromStore(source, previous, checks: checks, offline: true))
        continue
      }
      // A fresh capture is reused only while the source's latest check was healthy: a link that
      // broke after its capture must not be reported healthy from the cache. It needs the check made
      // with it, too: the page's own verdict (bot wall, consent, soft 404) lives there, and a run
      // killed between recording the capture and its check left none, so the page is fetched again.
      if let previous, Date().timeIntervalSince(previous.capturedAt) < configuration.maxAgeSeconds,
        Ledger.failureHistory(of: checks).consecutiveFailures == 0,
        checks.contains(where: { $0.captureID == previous.id })
      {
        finish(index, fromStore(source, previous, checks: checks, offline: false))
        continue
      }
      let requested = URLRemap.apply(configuration.remaps, to: source.fetchURL)
      var job = Job(source: source, requestedURL: requested, currentURL: requested, previous: previous)
      job.host = URLIdentity(requested).host ?? requested
      guard Self.isWebURL(requested) else {
        // A remap may point anywhere; only http and https are ever requested.
        finish(
          index,
          finalize(
            job, health: LinkHealth(.blockedByPolicy, detail: "remapped to a non-web URL: \(requested)"), result: nil))
        continue
      }
      jobs[index] = job
      inFlight[job.host, default: 0] += 1
      session.submit(request(for: job, index: index, delay: 0))
    }
    if jobs.isEmpty { session.finishSubmitting() }

    // Archiving (gzip, digests, SQLite) runs off the results loop, overlapping with the
    // transfers and with reading the next results, up to one capture per core at once (the
    // store serialises only the file writes); a result counts as consumed (its body may go)
    // only once it is archived, which keeps memory bounded. Captures start in the order their
    // fetches finished: the serial `archiver` queue waits for a free slot (only it blocks) and
    // hands each capture to the concurrent `archiveWorkers`.
    let archiver = DispatchQueue(label: "verbatim.archive")
    let archiveWorkers = DispatchQueue(label: "verbatim.archive.work", attributes: .concurrent)
    let archiveSlots = DispatchSemaphore(value: max(1, min(2, ProcessInfo.processInfo.activeProcessorCount)))
    let archiving = DispatchGroup()
    await withTaskCancellationHandler {
      for await result in session.results {
        let index = result.request.id
        guard var job = jobs[index] else {
          session.consumed()
          continue
        }
        switch step(&job, result) {
        case .next(let delay):
          jobs[index] = job
          session.submit(request(for: job, index: index, delay: delay))
          session.consumed()
        case .done(let remaining):
          jobs[index] = nil
          if let n = inFlight[job.host], n > 1 { inFlight[job.host] = n - 1 } else { inFlight[job.host] = nil }
          let hosts = inFlight.count
          archiving.enter()
          archiver.async {
            archiveSlots.wait()
            archiveWorkers.async {
              defer {
                archiveSlots.signal()
                archiving.leave()
              }
              collected.add(index, remaining(), hostsInFlight: hosts)
              session.consumed()
            }
          }
          if jobs.isEmpty { session.finishSubmitting() }
        }
      }
    } onCancel: {
      session.cancel()
    }
    // Notified on the serial `archiver` queue (its own thread) rather than on the global pool,
    // which other work may keep busy.
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      archiving.notify(queue: archiver) { done.resume() }
    }
    return collected.outcomes
  }

  // MARK: - One source's state

  struct Job: Sendable {
    var source: SourceRequest
    var requestedURL: String
    var currentURL: String
    var previous: CaptureRecord?
    var host = ""
    var exchanges: [HTTPExchange] = []
    var hops: [RedirectHop] = []
    var visited: Set<String> = []
    /// Tries of the current hop so far.
    var tries = 0
  }

  enum Step {
    case next(delayMilliseconds: Int)
    /// The source is finished; the work left (archiving, recording the check) runs on the
    /// archive queue, so the next results are read while it runs.
    case done(@Sendable () -> SourceOutcome)
  }

  /// Whether this request of `job` revalidates its previous capture: it asks for the URL that
  /// capture's final response came from, reached through the same redirect chain.
  private func revalidates(_ job: Job) -> Bool {
    guard let previous = job.previous, previous.etag != nil || previous.lastModified != nil,
      job.currentURL == previous.finalURL, job.hops.map(\.url) == previous.redirects.map(\.url)
    else { return false }
    return true
  }

  private func request(for job: Job, index: Int, delay: Int) -> TransferRequest {
    var headers: [String] = []
    // Conditional request for a stale capture: the validators belong to its final response.
    if revalidates(job), let previous = job.previous {
      if let etag = previous.etag { headers.append("If-None-Match: \(etag)") }
      if let modified = previous.lastModified { headers.append("If-Modified-Since: \(modified)") }
    }
    return TransferRequest(
      id: index, url: job.currentURL, hostKey: URLIdentity(job.currentURL).host ?? job.currentURL,
      headers: headers, userAgent: configuration.userAgent,
      connectTimeoutMilliseconds: configuration.connectTimeoutMilliseconds,
      totalTimeoutMilliseconds: configuration.totalTimeoutMilliseconds,
      lowSpeedBytesPerSecond: configuration.lowSpeedBytesPerSecond,
      lowSpeedSeconds: configuration.lowSpeedSeconds, maxBodyBytes: configuration.maxBodyBytes,
      caFile: configuration.caFile, delayMilliseconds: delay)
  }

  private func step(_ job: inout Job, _ result: TransferResult) -> Step {
    job.tries += 1
    let headers = result.headers.map { HTTPHeader($0.name, $0.value) }
    if let failure = result.failure {
      if failure == .timeout || failure == .stalled, job.tries < configuration.maxTries {
        return .next(delayMilliseconds: backoff(job.tries))
      }
      return .done { [job] in self.finalize(job, health: FetchClassifier.health(for: failure), result: nil) }
    }
    let exchange = HTTPExchange(
      url: result.request.url,
      originalURL: job.hops.isEmpty && job.requestedURL != job.source.fetchURL ? job.source.fetchURL : nil,
      requestHeaders: requestHeaders(result.request), httpVersion: result.httpVersion, status: result.status,
      reason: result.reason, responseHeaders: headers, body: result.body,
      contentEncoding: headers.value(of: "Content-Encoding"), date: result.finishedAt,
      remoteAddress: result.remoteAddress)

    if result.status == 429 || result.status == 503, job.tries < configuration.maxTries,
      PageSignals.botWall(headers: headers, body: result.body) == nil
    {
      let wait = RetryAfter.milliseconds(headers.value(of: "Retry-After"), now: Date()).map {
        min($0, configuration.retryAfterCapMilliseconds)
      }
      return .next(delayMilliseconds: wait ?? backoff(job.tries))
    }
    if result.status == 304, revalidates(job), let previous = job.previous {
      return .done { [job] in self.revalidated(job, previous) }
    }
    if (300...399).contains(result.status), result.status != 304, let location = headers.value(of: "Location") {
      job.exchanges.append(exchange)
      guard let next = Self.resolve(location, against: job.currentURL) else {
        return .done { [job] in
          self.finalize(
            job, health: LinkHealth(.serverError, detail: "unreadable Location: \(location)"), result: exchange)
        }
      }
      job.hops.append(RedirectHop(url: job.currentURL, status: result.status, location: next))
      job.visited.insert(job.currentURL)
      guard Self.isWebURL(next) else {
        return .done { [job] in
          self.finalize(
            job, health: LinkHealth(.blockedByPolicy, detail: "redirect to a non-web URL refused: \(next)"), result: nil
          )
        }
      }
      let nextURL = URLIdentity(next).fetchURL ?? next
      if job.visited.contains(nextURL) {
        return .done { [job] in
          self.finalize(job, health: LinkHealth(.redirectLoop, detail: "redirect loop back to \(next)"), result: nil)
        }
      }
      if job.hops.count > configuration.maxRedirects {
        return .done { [job] in
          self.finalize(
            job, health: LinkHealth(.redirectLoop, detail: "more than \(configuration.maxRedirects) redirects"),
            result: nil)
        }
      }
      job.currentURL = nextURL
      job.tries = 0
      return .next(delayMilliseconds: 0)
    }
    job.exchanges.append(exchange)
    let health = FetchClassifier.health(
      status: result.status, headers: headers, body: result.body, hops: job.hops, finalURL: job.currentURL,
      firstURL: job.requestedURL)
    return .done { [job] in self.finalize(job, health: health, result: exchange) }
  }

  /// `http://` or `https://` with a host: the only URLs ever requested.
  static func isWebURL(_ url: String) -> Bool {
    let identity = URLIdentity(url)
    let lower = url.lowercased()
    return identity.scheme == .web && identity.host != nil
      && (lower.hasPrefix("http://") || lower.hasPrefix("https://"))
  }

  /// A `Location` resolved against the URL that sent it (as recorded for each hop).
  static func resolve(_ location: String, against url: String) -> String? {
    URL(string: location, relativeTo: URL(string: url))?.absoluteString
  }

  private func requestHeaders(_ request: TransferRequest) -> [HTTPHeader] {
    var headers = [HTTPHeader("User-Agent", request.userAgent), HTTPHeader("Accept", "*/*")]
    if let encodings = TransferSession.acceptEncoding { headers.append(HTTPHeader("Accept-Encoding", encodings)) }
    for line in request.headers {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingWhitespace()))
    }
    return headers
  }

  private func backoff(_ tries: Int) -> Int {
    let base = configuration.backoffMilliseconds << min(10, max(0, tries - 1))
    return base + Int.random(in: 0...(base / 4 + 1))
  }

  // MARK: - Outcomes

  private func finalize(_ job: Job, health: LinkHealth, result: HTTPExchange?) -> SourceOutcome {
    // Under --remap, the final URL and the hops are reported as the cited site's (the archive keeps
    // what was actually requested).
    let cited = { URLRemap.citedForm($0, cited: job.source.fetchURL, requested: job.requestedURL) }
    var outcome = SourceOutcome(
      source: job.source, requestedURL: job.requestedURL, finalURL: result == nil ? nil : cited(job.currentURL),
      httpStatus: result?.status,
      redirects: job.hops.map { RedirectHop(url: cited($0.url), status: $0.status, location: cited($0.location)) },
      health: health,
      contentType: result?.responseHeaders.value(of: "Content-Type"), capturedAt: nil, sha256: nil,
      fromStore: false, failingSince: nil, consecutiveFailures: 0)
    var captureID: Int64?
    // Only content becomes a capture (and is reused); an error answer is archived as evidence only:
    // "HTTP 410 on that day" stays provable, and a rebuilt ledger gets the check back from it.
    if let result, !(200...299).contains(result.status), result.status >= 400 {
      _ = try? store.archive(job.exchanges, key: job.source.key)
    }
    if let result, (200...299).contains(result.status) {
      do {
        let capture = try store.capture(key: job.source.key, chain: job.exchanges)
        outcome.capturedAt = capture.capturedAt
        outcome.sha256 = capture.sha256
        captureID = capture.id
      } catch {
        outcome.health = LinkHealth(.networkError, detail: "could not archive: \(error)")
      }
    }
    return record(outcome, captureID: captureID)
  }

  private func revalidated(_ job: Job, _ previous: CaptureRecord) -> SourceOutcome {
    var outcome = fromStore(
      job.source, previous, checks: (try? store.ledger.checks(key: job.source.key)) ?? [], offline: false)
    outcome.health.detail = "not modified since \(ISO8601DateFormatter().string(from: previous.capturedAt)) (304)"
    outcome.requestedURL = job.requestedURL
    return record(outcome, captureID: previous.id)
  }

  /// The outcome a source's capture and `checks` (newest first) give without a request.
  private func fromStore(
    _ source: SourceRequest, _ previous: CaptureRecord?, checks: [CheckRecord], offline: Bool
  ) -> SourceOutcome {
    let history = Ledger.failureHistory(of: checks)
    guard let previous else {
      // Never captured, but checked: offline, the last check (a dead link, say) is the best evidence.
      if offline, let last = checks.first,
        last.health.outcome == .failure, let status = LinkHealth.Status(rawValue: last.health.rawValue)
      {
        let when = ISO8601DateFormatter().string(from: last.checkedAt)
        return SourceOutcome(
          source: source, requestedURL: source.fetchURL, finalURL: nil, httpStatus: last.httpStatus, redirects: [],
          health: LinkHealth(status, detail: (last.detail ?? status.rawValue) + " (last checked \(when))"),
          contentType: nil, capturedAt: nil, sha256: nil, fromStore: true, failingSince: history.firstFailure,
          consecutiveFailures: history.consecutiveFailures)
      }
      return SourceOutcome(
        source: source, requestedURL: source.fetchURL, finalURL: nil, httpStatus: nil, redirects: [],
        health: LinkHealth(.notArchived, detail: "never captured, and --offline allows no request"),
        contentType: nil, capturedAt: nil, sha256: nil, fromStore: true, failingSince: nil, consecutiveFailures: 0)
    }
    // Hops as a live fetch reports them: each Location resolved against the URL that sent it, and the
    // cited site's URLs where the fetch was remapped.
    let cited = { URLRemap.citedForm($0, cited: source.fetchURL, requested: previous.requestedURL) }
    let redirects = previous.redirects.map { hop in
      RedirectHop(
        url: cited(hop.url), status: hop.status,
        location: cited(hop.location.map { Self.resolve($0, against: hop.url) ?? $0 } ?? ""))
    }
    var health = FetchClassifier.health(
      status: previous.httpStatus, headers: previous.responseHeaders, body: [],
      hops: redirects, finalURL: cited(previous.finalURL), firstURL: cited(previous.requestedURL))
    // A page's own signals (bot wall, consent, soft 404) were judged on its body when it was
    // captured; the body is not read back here, so that verdict is kept.
    if let id = previous.id, let judged = checks.first(where: { $0.captureID == id }),
      let status = LinkHealth.Status(rawValue: judged.health.rawValue)
    {
      health.status = status
    }
    health.detail =
      offline
      ? "from the archive (\(ISO8601DateFormatter().string(from: previous.capturedAt)))" : "fresh capture reused"
    return SourceOutcome(
      source: source, requestedURL: previous.requestedURL, finalURL: cited(previous.finalURL),
      httpStatus: previous.httpStatus,
      redirects: redirects, health: health, contentType: previous.contentType, capturedAt: previous.capturedAt,
      sha256: previous.sha256, fromStore: true, failingSince: history.firstFailure,
      consecutiveFailures: history.consecutiveFailures)
  }

  /// Records the check in the ledger and reads back the failure history.
  private func record(_ outcome: SourceOutcome, captureID: Int64?) -> SourceOutcome {
    var outcome = outcome
    _ = try? store.ledger.record(
      check: CheckRecord(
        key: outcome.source.key, checkedAt: Date(),
        health: CheckRecord.Health(rawValue: outcome.health.status.rawValue),
        httpStatus: outcome.httpStatus, detail: outcome.health.detail, captureID: captureID))
    let history = self.history(outcome.source.key)
    outcome.failingSince = history.firstFailure
    outcome.consecutiveFailures = history.consecutiveFailures
    return outcome
  }

  // MARK: - History

  /// The ledger's account of how long `key` has been failing (none when it cannot be read).
  private func history(_ key: String) -> FailureHistory {
    (try? store.ledger.failureHistory(key: key))
      ?? FailureHistory(firstFailure: nil, consecutiveFailures: 0, lastOK: nil)
  }
}

/// Outcomes as they finish (from the consumer and from the archive queue), in source order,
/// with the progress count.
private final class OutcomeCollector: Sendable {
  private struct State {
    var outcomes: [SourceOutcome?]
    var done = 0
    var failures = 0
  }
  private let state: Mutex<State>
  private let total: Int
  private let started: Date
  private let progress: (@Sendable (SourceFetcher.Progress) -> Void)?
  private let onOutcome: (@Sendable (Int, SourceOutcome) -> Void)?

  init(
    count: Int, started: Date, progress: (@Sendable (SourceFetcher.Progress) -> Void)?,
    onOutcome: (@Sendable (Int, SourceOutcome) -> Void)?
  ) {
    state = Mutex(State(outcomes: Array(repeating: nil, count: count)))
    total = count
    self.started = started
    self.progress = progress
    self.onOutcome = onOutcome
  }

  func add(_ index: Int, _ outcome: SourceOutcome, hostsInFlight: Int) {
    let (done, failures) = state.withLock { s in
      s.outcomes[index] = outcome
      s.done += 1
      if !outcome.health.isHealthy { s.failures += 1 }
      return (s.done, s.failures)
    }
    onOutcome?(index, outcome)
    progress?(
      SourceFetcher.Progress(
        done: done, total: total, failures: failures, hostsInFlight: hostsInFlight, startedAt: started))
  }

  var outcomes: [SourceOutcome] { state.withLock { $0.outcomes.compactMap { $0 } } }
}
