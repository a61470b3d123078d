import Foundation
import Synchronization

/// Checks each source as soon as its fetch is final, on every core, while the other sources are still
/// being fetched: fetching and extraction run as a pipeline instead of one stage after the other.
///
/// Exists because a cold audit's time is the sum of fetching and checking when they run in turn, and
/// about the larger of the two when they overlap. Results are kept by source index, so the report is the
/// same as when every source is checked after fetching.
public final class SourceChecks: Sendable {
  private let quotesByKey: [String: [Quote]]
  private let store: EvidenceStore
  /// Waits for a free slot, then hands the check to `workers`: only this queue's thread ever blocks.
  private let dispatcher = DispatchQueue(label: "verbatim.checks")
  private let workers = DispatchQueue(label: "verbatim.checks.work", attributes: .concurrent)
  private let slots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))
  private let pending = DispatchGroup()
  private let results = Mutex<[Int: (AuditedSource, [String: QuoteVerdict])]>([:])

  public init(harvest: VaultHarvest, store: EvidenceStore) {
    quotesByKey = Auditor.quotesByKey(harvest)
    self.store = store
  }

  /// Queues the check of the source at `index` (call from any thread; returns at once).
  public func submit(_ index: Int, _ outcome: SourceOutcome) {
    pending.enter()
    dispatcher.async { [self] in
      slots.wait()
      workers.async { [self] in
        defer {
          slots.signal()
          pending.leave()
        }
        let checked = Auditor.check(outcome, quotes: quotesByKey[outcome.source.key] ?? [], store: store)
        results.withLock { $0[index] = checked }
      }
    }
  }

  /// Every submitted source's check, once all are done, in the order of `outcomes` (the fetch's result);
  /// a source never submitted (or submitted under another index) is checked now.
  public func finish(_ outcomes: [SourceOutcome]) async -> [(AuditedSource, [String: QuoteVerdict])] {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      pending.notify(queue: dispatcher) { done.resume() }
    }
    let byIndex = results.withLock { $0 }
    return outcomes.indices.map { i in
      if let done = byIndex[i], done.0.key == outcomes[i].source.key { return done }
      return Auditor.check(outcomes[i], quotes: quotesByKey[outcomes[i].source.key] ?? [], store: store)
    }
  }
}
