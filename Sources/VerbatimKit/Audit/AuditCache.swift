import Foundation

/// Page facts and quote verdicts remembered per capture, so a re-audit of an unchanged vault neither
/// extracts nor checks again.
///
/// Exists for the everyday loop: edit one note, audit the vault. Results are keyed by the capture's
/// SHA-256 and `version`, one row per quote text, so an edited note's new quotes are verified and every
/// other quote on the same page keeps its stored verdict. Bump `version` whenever extraction or
/// verification changes what they produce.
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

  /// What the ledger remembers of a capture: its facts, the verdicts it has for `quotes`, and the quotes
  /// it has none for (a new or edited quote); nil when not even the facts are stored.
  struct Hit {
    var facts: PageFacts
    var verdicts: [String: QuoteVerdict]
    var missing: [Quote]
  }

  func lookup(sha256: String, quotes: [Quote]) -> Hit? {
    guard let stored = try? ledger.results(sha256: sha256, tool: Self.version),
      let factsText = stored["page"], let facts = try? JSONDecoder().decode(PageFacts.self, from: Data(factsText.utf8))
    else { return nil }
    var hit = Hit(facts: facts, verdicts: [:], missing: [])
    let decoder = JSONDecoder()
    for quote in quotes {
      if let text = stored[Self.item(quote)],
        let verdict = try? decoder.decode(QuoteVerdict.self, from: Data(text.utf8))
      {
        hit.verdicts[quote.id] = verdict
      } else {
        hit.missing.append(quote)
      }
    }
    return hit
  }

  /// Stores the facts (when given) and the verdicts of `quotes` (a failure to store only costs time on
  /// the next audit).
  func save(sha256: String, facts: PageFacts?, quotes: [Quote], verdicts: [String: QuoteVerdict]) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var rows: [(item: String, value: String)] = []
    if let facts, let data = try? encoder.encode(facts) { rows.append(("page", String(decoding: data, as: UTF8.self))) }
    for quote in quotes {
      guard let verdict = verdicts[quote.id], let data = try? encoder.encode(verdict) else { continue }
      rows.append((Self.item(quote), String(decoding: data, as: UTF8.self)))
    }
    try? ledger.record(results: rows, sha256: sha256, tool: Self.version)
  }
}
