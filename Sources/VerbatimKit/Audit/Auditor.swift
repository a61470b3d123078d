public import Foundation

/// Joins the stages: each fetched source is read from the store and extracted once, and every quote
/// attributed to it is checked against it.
///
/// Exists as the audit's library entry point, separate from fetching (which needs the network and
/// reports progress) so the same harvest and outcomes always give the same report.
public enum Auditor {
  /// - Parameter checked: each outcome's check, in the order of `outcomes`, when they were made while
  ///   fetching (`SourceChecks`); else every source is checked here, on every core.
  public static func audit(
    harvest: VaultHarvest, outcomes: [SourceOutcome], store: EvidenceStore, registry: Registry? = nil,
    noteBytes: [String: [UInt8]] = [:], generatedAt: Date = Date(),
    checked precomputed: [(AuditedSource, [String: QuoteVerdict])]? = nil
  ) -> AuditReport {
    let byKey = Dictionary(outcomes.map { ($0.source.key, $0) }, uniquingKeysWith: { first, _ in first })
    let checked: [(AuditedSource, [String: QuoteVerdict])]
    if let precomputed, precomputed.count == outcomes.count {
      checked = precomputed
    } else {
      // Sources are independent: read, extract and check them on every core.
      let quotesByKey = quotesByKey(harvest)
      checked = ParallelMap.map(outcomes) { check($0, quotes: quotesByKey[$0.source.key] ?? [], store: store) }
    }
    var verdicts: [String: QuoteVerdict] = [:]
    for (_, byID) in checked { verdicts.merge(byID) { first, _ in first } }
    var quotes = harvest.quotes.map { quote -> AuditedQuote in
      let verdict = verdicts[quote.id] ?? unchecked(quote, source: quote.sourceKey.flatMap { byKey[$0] })
      let url = quote.source.flatMap { source in verdict.anchor?.fragmentURL(for: source) }
      return AuditedQuote(quote: quote, verdict: verdict, fragmentURL: url)
    }
    var sources = checked.map(\.0)
    let index = registry.map(RegistryIndex.init)
    for k in sources.indices where sources[k].unreadable == nil && sources[k].health.isHealthy {
      let s = sources[k]
      let url = s.finalURL ?? s.url
      sources[k].credibility = CredibilityProfile.of(
        url: url, host: URLComponents(string: url)?.host,
        pageType: s.type, hasAuthor: !s.authors.isEmpty, hasDate: s.date != nil, registry: index)
    }
    if let registry {
      let rule = ConflictRule(registry)
      let context = NoteContext(vault: harvest.vault, bytes: noteBytes)
      let sourceByKey = Dictionary(sources.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
      for k in quotes.indices {
        quotes[k].annotations = annotate(
          quotes[k].quote, source: quotes[k].sourceKey.flatMap { sourceByKey[$0] }, rule: rule, context: context)
      }
    }
    return AuditReport(
      generatedAt: generatedAt, vault: harvest.vault, notes: harvest.notes.map(\.path),
      sources: sources, quotes: quotes, diagnostics: harvest.allDiagnostics)
  }

  /// The quotes attributed to each web source, by source key.
  static func quotesByKey(_ harvest: VaultHarvest) -> [String: [Quote]] {
    Dictionary(grouping: harvest.quotes.filter { $0.sourceKey != nil }, by: { $0.sourceKey! })
  }

  /// The conflict rule on one quote: the speaker named by the note, else the page's author; the
  /// subjects named in the quote, the note line around it, the section heading and the page title.
  static func annotate(_ quote: Quote, source: AuditedSource?, rule: ConflictRule, context: NoteContext)
    -> QuoteAnnotations
  {
    let author = source?.authors.first { !$0.isOrganisation }
    let speaker = quote.speaker ?? author?.name
    var texts: [(label: String, text: String)] = [("quote", quote.text)]
    let around = context.around(note: quote.note, line: quote.start.line)
    if let line = around.line { texts.append(("note", line)) }
    if let heading = around.heading { texts.append(("section heading", heading)) }
    if let title = source?.title { texts.append(("page title", title)) }
    let host = (source?.finalURL ?? source?.url).flatMap { URLComponents(string: $0)?.host }
    let affiliations = quote.speaker == nil ? (author?.affiliations.map(\.organisation) ?? []) : []
    return rule.annotate(
      .init(speaker: speaker, pageAffiliations: affiliations, subjectTexts: texts, host: host, date: source?.date))
  }

  /// One source: its page (or why there is none) and the verdicts of the quotes attributed to it.
  static func check(_ outcome: SourceOutcome, quotes: [Quote], store: EvidenceStore)
    -> (AuditedSource, [String: QuoteVerdict])
  {
    var source = AuditedSource(
      url: outcome.source.url, key: outcome.source.key, finalURL: outcome.finalURL, health: outcome.health,
      httpStatus: outcome.httpStatus, redirects: outcome.redirects, capturedAt: outcome.capturedAt,
      sha256: outcome.sha256, title: nil, authors: [], date: nil, siteName: nil, publisher: nil, type: nil,
      citedBy: outcome.source.citedBy, unreadable: nil)
    var verdicts: [String: QuoteVerdict] = [:]
    let cache = AuditCache(ledger: store.ledger)
    var hit: AuditCache.Hit?
    if outcome.health.isHealthy, let sha = outcome.sha256, let found = cache.lookup(sha256: sha, quotes: quotes) {
      if found.missing.isEmpty {
        source.apply(found.facts)
        return (source, found.verdicts)
      }
      hit = found
    }
    switch SourcePage.load(outcome, from: store) {
    case .unreadable(let reason):
      source.unreadable = reason
      for quote in quotes {
        verdicts[quote.id] =
          quote.checkable
          ? QuoteVerdict(status: .uncheckable, detail: reason)
          : QuoteVerdict(status: .tooShort, detail: "fewer than 4 words")
      }
    case .page(let page, let capture) where hit != nil && capture.sha256 == outcome.sha256:
      // Only the quotes the ledger has no verdict for (new or edited ones) are verified.
      let hit = hit!
      source.apply(hit.facts)
      let verifier = QuoteVerifier(page: page)
      verdicts = hit.verdicts
      for quote in hit.missing { verdicts[quote.id] = verifier.verify(quote) }
      cache.save(sha256: capture.sha256, facts: nil, quotes: hit.missing, verdicts: verdicts)
    case .page(let page, let capture):
      let m = page.metadata
      let facts = AuditCache.PageFacts(
        title: m.title,
        authors: m.authors.map { author in
          AuditedAuthor(
            name: author.name, isOrganisation: author.isOrganisation,
            affiliations: author.affiliations.map { Affiliation(organisation: $0, role: nil, provenance: "page") })
        }, date: m.published?.iso, siteName: m.siteName, publisher: m.publisher, type: m.type?.rawValue,
        language: m.language, canonicalURL: m.canonicalURL, doi: m.doi, section: m.section,
        provenance: m.provenance)
      source.apply(facts)
      let verifier = QuoteVerifier(page: page)
      for quote in quotes { verdicts[quote.id] = verifier.verify(quote) }
      cache.save(sha256: capture.sha256, facts: facts, quotes: quotes, verdicts: verdicts)
    }
    return (source, verdicts)
  }

  /// A quote with no web source to check it against.
  static func unchecked(_ quote: Quote, source: SourceOutcome?) -> QuoteVerdict {
    if !quote.checkable { return QuoteVerdict(status: .tooShort, detail: "fewer than 4 words") }
    if quote.sourceKey == nil {
      return QuoteVerdict(
        status: .uncheckable, detail: quote.source == nil ? "no source" : "the source is not a web page")
    }
    return QuoteVerdict(status: .uncheckable, detail: source == nil ? "not fetched" : "not checked")
  }
}

extension AuditedSource {
  mutating func apply(_ facts: AuditCache.PageFacts) {
    title = facts.title
    authors = facts.authors
    date = facts.date
    siteName = facts.siteName
    publisher = facts.publisher
    type = facts.type
    language = facts.language
    canonicalURL = facts.canonicalURL
    doi = facts.doi
    section = facts.section
    provenance = facts.provenance ?? [:]
  }
}
