/// What can be said about a source's standing, each item with where it comes from, never folded into
/// one score: who owns the site and what kind of site it is, the page's type, the user's labels, and
/// warning signs on the page itself.
public struct CredibilityProfile: Sendable, Hashable, Codable {
  /// A label from a `sourceRules` entry of `Sources.yml`.
  public struct Label: Sendable, Hashable, Codable {
    public var label: String
    public var scope: String?
    public var source: String?
    /// When the label was assigned or retrieved.
    public var date: String?
    /// `Sources.yml:LINE` of the rule.
    public var rule: String
  }

  /// The organisation (or person, for a personal site) that owns the page's domain, per the registry.
  public var siteOwner: String?
  /// The owner's kind (`company`, `news outlet`, `personal site`, …).
  public var siteKind: String?
  /// The page's type as extraction found it (`opinion`, `news`, `press-release`, …).
  public var pageType: String?
  public var labels: [Label]
  /// Warning signs on the page: `no author`, `no date`.
  public var signals: [String]
  /// True when the registry says nothing about the site.
  public var noRegistryData: Bool

  /// The profile of a page at `host` (`url` for URL rules), with the extraction's facts.
  public static func of(
    url: String, host: String?, pageType: String?, hasAuthor: Bool, hasDate: Bool, registry: RegistryIndex?
  ) -> CredibilityProfile {
    var profile = CredibilityProfile(
      siteOwner: nil, siteKind: nil, pageType: pageType, labels: [], signals: [], noRegistryData: true)
    if !hasAuthor { profile.signals.append("no author") }
    if !hasDate { profile.signals.append("no date") }
    guard let registry else { return profile }
    if let host, let owner = registry.organization(host: host) {
      profile.siteOwner = owner.name
      profile.siteKind = owner.kind
      profile.noRegistryData = false
    } else if let host, let person = registry.person(site: host) {
      profile.siteOwner = person.name
      profile.siteKind = "personal site"
      profile.noRegistryData = false
    }
    let lower = url.lowercased()
    for rule in registry.registry.sourceRules where lower.contains(rule.urlContains.lowercased()) {
      for label in rule.labels {
        profile.labels.append(
          Label(
            label: label, scope: rule.scope, source: rule.source, date: rule.date,
            rule: "\(registry.registry.file):\(rule.location.line)"))
      }
      profile.noRegistryData = false
    }
    return profile
  }
}
