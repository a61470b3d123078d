public import Foundation

/// Everything an audit found: each cited source with its health and who stands behind it, each quote
/// with its verdict, and the counts.
///
/// Exists as the one value every report format renders (terminal, JSON, Markdown, HTML, JUnit, SARIF),
/// so they cannot disagree.
public struct AuditReport: Sendable {
  public var generatedAt: Date
  public var vault: String
  /// Paths (relative to the vault) of the notes audited.
  public var notes: [String]
  public var sources: [AuditedSource] {
    didSet { sourceIndex = Self.index(sources) }
  }
  public var quotes: [AuditedQuote]
  /// Problems reading the notes (file and line).
  public var diagnostics: [Diagnostic]

  public init(
    generatedAt: Date, vault: String, notes: [String], sources: [AuditedSource], quotes: [AuditedQuote],
    diagnostics: [Diagnostic]
  ) {
    self.generatedAt = generatedAt
    self.vault = vault
    self.notes = notes
    self.sources = sources
    self.sourceIndex = Self.index(sources)
    self.quotes = quotes
    self.diagnostics = diagnostics
  }

  public var summary: AuditSummary { AuditSummary(self) }

  /// The source a quote is attributed to.
  public func source(of quote: AuditedQuote) -> AuditedSource? {
    guard let key = quote.sourceKey, let i = sourceIndex[key] else { return nil }
    return sources[i]
  }

  /// Source key → position in `sources` (the first source with that key), so every report format looks a
  /// quote's source up in constant time: a 100,000-note vault has 200,000 quotes and 50,000 sources.
  private var sourceIndex: [String: Int] = [:]

  private static func index(_ sources: [AuditedSource]) -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(sources.count)
    for (i, s) in sources.enumerated() where index[s.key] == nil { index[s.key] = i }
    return index
  }
}

/// One cited web source: the link's health, the capture, and the page's metadata.
public struct AuditedSource: Sendable {
  public var url: String
  public var key: String
  public var finalURL: String?
  public var health: LinkHealth
  public var httpStatus: Int?
  public var redirects: [RedirectHop]
  public var capturedAt: Date?
  public var sha256: String?
  public var title: String?
  public var authors: [AuditedAuthor]
  /// Publication date as ISO 8601 (as precise as the page says).
  public var date: String?
  public var siteName: String?
  public var publisher: String?
  public var type: String?
  /// Primary language tag (`en`, `pt-br`), canonical URL, DOI and news section, as the page states them.
  public var language: String?
  public var canonicalURL: String?
  public var doi: String?
  public var section: String?
  /// Field → the extraction rule that produced it (`title` → `h1=og:title`).
  public var provenance: [String: String] = [:]
  /// Where the source is cited.
  public var citedBy: [SourceRequest.Citation]
  /// Why the page could not be read, when it could not.
  public var unreadable: String?
  /// Who owns the site, the page's type, the user's labels and warning signs; nil when the page could
  /// not be read.
  public var credibility: CredibilityProfile?

  /// A link that no longer leads to the page (gone, a "not found" page, a redirect loop): link rot.
  public var isDead: Bool {
    switch health.status {
    case .dead, .soft404, .redirectLoop: true
    default: false
    }
  }
}

/// A page author with the affiliations known for them.
public struct AuditedAuthor: Sendable, Hashable, Codable {
  public var name: String
  public var isOrganisation: Bool
  public var affiliations: [Affiliation]
}

/// A tie between a person and an organisation, and where it was learned.
public struct Affiliation: Sendable, Hashable, Codable {
  public var organisation: String
  /// `author-of`, `employee`, `chief-executive`, … (free text from the source of the tie).
  public var role: String?
  /// `page` (the page states it), `registry` (Sources.yml).
  public var provenance: String
}

/// One quote of a note with its verdict.
public struct AuditedQuote: Sendable {
  public var quote: Quote
  public var verdict: QuoteVerdict
  /// The page URL with a text fragment that lands on the verified words.
  public var fragmentURL: String?
  /// The speaker, their affiliations and any conflict of interest (from `Sources.yml` and the page).
  public var annotations: QuoteAnnotations = .empty

  public var sourceKey: String? { quote.sourceKey }
}

/// The counts shown at the end of every report.
public struct AuditSummary: Sendable, Hashable {
  public var notes = 0
  public var sources = 0
  public var quotes = 0
  public var verified = 0
  public var altered = 0
  /// Altered with a material edit (a subset of `altered`).
  public var material = 0
  public var notFound = 0
  public var uncheckable = 0
  public var tooShort = 0
  public var outsideArticle = 0
  public var spliced = 0
  public var deadLinks = 0
  /// Sources whose link did not lead to a readable page for another reason (blocked, timeout, …).
  public var unreachable = 0
  /// Conflict-of-interest flags on quotes, in all.
  public var conflicts = 0

  init(_ report: AuditReport) {
    notes = report.notes.count
    sources = report.sources.count
    quotes = report.quotes.count
    for q in report.quotes {
      switch q.verdict.status {
      case .verified: verified += 1
      case .altered:
        altered += 1
        if q.verdict.edits.contains(where: \.isMaterial) { material += 1 }
      case .notFound: notFound += 1
      case .uncheckable: uncheckable += 1
      case .tooShort: tooShort += 1
      case .outsideArticle: outsideArticle += 1
      case .spliced: spliced += 1
      }
    }
    conflicts = report.quotes.reduce(0) { $0 + $1.annotations.conflicts.count }
    for s in report.sources {
      if s.isDead {
        deadLinks += 1
      } else if !s.health.isHealthy {
        unreachable += 1
      }
    }
  }
}
