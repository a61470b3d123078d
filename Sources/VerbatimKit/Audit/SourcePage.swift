/// The readable page behind a fetched source, or why there is none.
///
/// Exists so `verify` and `audit` agree on when a quote is uncheckable: an unhealthy link, a capture
/// missing from the store, a paywall that shows little text, or a page with no text at all.
public enum SourcePage: Sendable {
  case page(ExtractedPage, CaptureRecord)
  case unreadable(String)

  /// Reads the latest capture of `outcome`'s source from `store` and extracts it.
  public static func load(_ outcome: SourceOutcome, from store: EvidenceStore) -> SourcePage {
    guard outcome.health.isHealthy else {
      let detail = outcome.health.detail
      return .unreadable(outcome.health.status.rawValue + (detail.isEmpty ? "" : ": \(detail)"))
    }
    guard let capture = try? store.ledger.latestCapture(key: outcome.source.key),
      let body = try? store.readBody(of: capture)
    else { return .unreadable("not-archived") }
    let page = PageExtractor.extract(body, contentType: capture.contentType, url: capture.finalURL)
    if page.metadata.isAccessibleForFree == false, page.text.mainText.unicodeScalars.count < 1500 {
      return .unreadable("paywall (the page says it is not free and shows little text)")
    }
    if let type = capture.contentType?.lowercased(), type.contains("pdf"), page.text.fullText.isEmpty {
      return .unreadable("PDF without text")
    }
    return .page(page, capture)
  }
}
