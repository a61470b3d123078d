import Dispatch
import Foundation
import Synchronization
import VerbatimKit

/// The live progress line on standard error (only on a terminal): done/total, failures, rate,
/// hosts in flight. Redrawn in place, cleared at the end.
final class ProgressLine: Sendable {
  private let enabled: Bool
  private let lastDraw = Mutex<UInt64>(0)

  init(enabled: Bool) { self.enabled = enabled }

  func update(_ p: SourceFetcher.Progress) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let due = lastDraw.withLock { last -> Bool in
      guard now - last > 100_000_000 || p.done == p.total else { return false }
      last = now
      return true
    }
    guard due else { return }
    let elapsed = max(0.001, Date().timeIntervalSince(p.startedAt))
    let rate = Double(p.done) / elapsed
    let line = String(
      format: "\r\u{1B}[2K%d/%d sources · %d failing · %.1f/s · %d hosts", p.done, p.total, p.failures, rate,
      p.hostsInFlight)
    Output.error(line)
  }

  func clear() {
    guard enabled else { return }
    Output.error("\r\u{1B}[2K")
  }
}

/// Ctrl-C (SIGINT) and SIGTERM run `handler` once instead of killing the process, so a fetch
/// stops cleanly: transfers are cancelled and nothing half-written is left behind.
final class Interrupt: Sendable {
  private let sources: Mutex<[any DispatchSourceSignal]>

  init(_ handler: @escaping @Sendable () -> Void) {
    var made: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler(handler: handler)
      source.resume()
      made.append(source)
    }
    sources = Mutex(made)
  }

  func disarm() {
    sources.withLock { list in
      for source in list { source.cancel() }
      list.removeAll()
    }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
