/// What a page says about itself: who wrote it, when, for whom, under which title.
///
/// Exists because a citation and a conflict-of-interest check are only as good as these values. Every
/// field records the rule that produced it (`provenance`), and a field no rule could fill with confidence
/// stays empty: an unknown author is better than a wrong one.
public struct PageMetadata: Sendable {
  public var title: String?
  public var authors: [AuthorDetail] = []
  /// When the page was first published, as precise as it says (never a guessed January 1).
  public var published: PageDate?
  /// When it was last updated; kept apart from `published`.
  public var modified: PageDate?
  public var siteName: String?
  public var publisher: String?
  /// Primary language tag, lowercased (`en`, `de`, `pt-br`).
  public var language: String?
  public var canonicalURL: String?
  public var description: String?
  public var doi: String?
  public var type: PageType?
  public var isAccessibleForFree: Bool?
  public var section: String?
  /// Field name (as in the JSON output) → the rule that produced it, e.g. `"title": "h1=og:title"`.
  public var provenance: [String: String] = [:]

  public init() {}
}

/// One author as the page states it.
public struct AuthorDetail: Sendable, Hashable {
  public var name: String
  /// Organisations the page says the author works for or is affiliated with.
  public var affiliations: [String]
  /// True when the author is an organisation (a news agency, an editorial board).
  public var isOrganisation: Bool
  /// The rule that found this author.
  public var provenance: String

  public init(name: String, affiliations: [String] = [], isOrganisation: Bool = false, provenance: String) {
    self.name = name
    self.affiliations = affiliations
    self.isOrganisation = isOrganisation
    self.provenance = provenance
  }
}

/// What kind of publication a page is, for citation types and credibility labels.
public enum PageType: String, Sendable, CaseIterable {
  case news, opinion, analysis, review, blogPost = "blog-post", scholarly, report, pressRelease = "press-release"
  case liveBlog = "live-blog", reference, forumPost = "forum-post", video, webpage

  /// The type a schema.org `@type` (lowercase, unprefixed) names, if it is a kind of page we distinguish.
  init?(schemaType: String) {
    switch schemaType {
    case "newsarticle", "reportagenewsarticle", "backgroundnewsarticle", "article": self = .news
    case "opinionnewsarticle", "editorial": self = .opinion
    case "analysisnewsarticle": self = .analysis
    case "reviewnewsarticle", "review", "criticreview": self = .review
    case "blogposting", "blog": self = .blogPost
    case "scholarlyarticle", "medicalscholarlyarticle": self = .scholarly
    case "report": self = .report
    case "pressrelease": self = .pressRelease
    case "liveblogposting": self = .liveBlog
    case "techarticle", "faqpage", "howto": self = .reference
    case "discussionforumposting", "socialmediaposting": self = .forumPost
    case "videoobject": self = .video
    case "webpage": self = .webpage
    default: return nil
    }
  }
}
