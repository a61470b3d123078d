import Foundation

/// Page facts and quote verdicts remembered per capture, so a re-audit of an unchanged vault neither
/// extracts nor checks again.
///
/// Exists for the everyday loop: edit one note, audit the vault. Results are keyed by the capture's
/// SHA-256 and `version`; bump `version` whenever extraction or verification changes what they produce.
struct AuditCache {
  static let version = "verbatim-results-2"
  let ledger: Ledger

  /// What extraction said about a page, as the report shows it.
  struct PageFacts: Codable {
    var title: String?
    var authors: [AuditedAuthor]
    var date: String?
    var siteName: String?
    var publisher: String?
    var type: String?
    /// For the bibliography: language tag, canonical URL, DOI, news section, and which rule found each
    /// field.
    var language: String?
    var canonicalURL: String?
    var doi: String?
    var section: String?
    var provenance: [String: String]?
  }

  static func item(_ quote: Quote) -> String {
    if quote.kind == .textFragment, let directive = quote.directive {
      return "quote:fragment:" + TextFragment.serialize(directive)
    }
    return "quote:\(quote.kind.rawValue):" + quote.text
  }

  /// The facts and every quote's verdict, or nil when anything is missing (then all is recomputed).
  func lookup(sha256: String, quotes: [Quote]) -> (PageFacts, [String: QuoteVerdict])? {
    guard let stored = try? ledger.results(sha256: sha256, tool: Self.version),
      let factsText = stored["page"], let facts = try? JSONDecoder().decode(PageFacts.self, from: Data(factsText.utf8))
    else { return nil }
    var verdicts: [String: QuoteVerdict] = [:]
    let decoder = JSONDecoder()
    for quote in quotes {
      guard let text = stored[Self.item(quote)],
        let verdict = try? decoder.decode(QuoteVerdict.self, from: Data(text.utf8))
      else { return nil }
      verdicts[quote.id] = verdict
    }
    return (facts, verdicts)
  }

  /// Stores the facts and verdicts (a failure to store only costs time on the next audit).
  func save(sha256: String, facts: PageFacts, quotes: [Quote], verdicts: [String: QuoteVerdict]) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var rows: [(item: String, value: String)] = []
    if let data = try? encoder.encode(facts) { rows.append(("page", String(decoding: data, as: UTF8.self))) }
    for quote in quotes {
      guard let verdict = verdicts[quote.id], let data = try? encoder.encode(verdict) else { continue }
      rows.append((Self.item(quote), String(decoding: data, as: UTF8.self)))
    }
    try? ledger.record(results: rows, sha256: sha256, tool: Self.version)
  }
}
