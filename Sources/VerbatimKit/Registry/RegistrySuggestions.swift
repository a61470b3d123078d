public import Foundation

/// `Sources.yml` stanzas for the people and sites an audit met that the registry does not know yet,
/// prefilled with what the pages state (bylines, `worksFor`, site names), each tie citing its page.
///
/// Exists so growing the registry is a review, not a chore: paste, correct, add the ties only you know.
public enum RegistrySuggestions {
  public static func yaml(for report: AuditReport, registry: Registry?) -> String {
    let index = registry.map(RegistryIndex.init)
    var people: [(id: String, name: String, ties: [(org: String, source: String)])] = []
    var organizations: [(id: String, name: String, domains: [String])] = []
    var takenIDs = Set((registry?.people.map(\.id) ?? []) + (registry?.organizations.map(\.id) ?? []))

    func organizationID(named name: String, domain: String?) -> String {
      if let known = index?.organization(named: name) { return known.id }
      if let k = organizations.firstIndex(where: { RegistryIndex.key($0.name) == RegistryIndex.key(name) }) {
        if let domain, !organizations[k].domains.contains(domain) { organizations[k].domains.append(domain) }
        return organizations[k].id
      }
      let id = unique("o-" + slug(name), &takenIDs)
      organizations.append((id, name, domain.map { [$0] } ?? []))
      return id
    }

    for source in report.sources where source.unreadable == nil {
      let url = source.finalURL ?? source.url
      let host = URLComponents(string: url)?.host?.lowercased()
      let knownSite = host.map { index?.organization(host: $0) != nil || index?.person(site: $0) != nil } ?? true
      if let host, !knownSite, let site = source.siteName ?? source.publisher {
        _ = organizationID(named: site, domain: registrableDomain(host))
      }
      for author in source.authors {
        if author.isOrganisation {
          if index?.organization(named: author.name) == nil { _ = organizationID(named: author.name, domain: nil) }
          continue
        }
        guard index?.person(named: author.name) == nil else { continue }
        let ties = author.affiliations.map { (organizationID(named: $0.organisation, domain: nil), "page: \(url)") }
        if let k = people.firstIndex(where: { RegistryIndex.key($0.name) == RegistryIndex.key(author.name) }) {
          for tie in ties where !people[k].ties.contains(where: { $0.org == tie.0 }) { people[k].ties.append(tie) }
        } else {
          people.append((unique("p-" + slug(author.name), &takenIDs), author.name, ties))
        }
      }
    }
    var lines = [
      "# Suggested by `verbatim sources suggest`: people and sites the audit met that Sources.yml does not know.",
      "# Prefilled from what the pages state; check every line before pasting it into Sources.yml.",
    ]
    if people.isEmpty && organizations.isEmpty {
      lines.append("# Nothing to suggest: the registry knows every author and site the audit met.")
      return lines.joined(separator: "\n") + "\n"
    }
    if !people.isEmpty {
      lines.append("people:")
      for person in people {
        lines.append("  \(person.id):")
        lines.append("    names: [\(quoted(person.name))]")
        guard !person.ties.isEmpty else { continue }
        lines.append("    affiliations:")
        for tie in person.ties {
          lines.append("      - { org: \(tie.org), kind: employment, source: \(quoted(tie.source)) }")
        }
      }
    }
    if !organizations.isEmpty {
      lines.append("organizations:")
      for org in organizations {
        lines.append("  \(org.id):")
        lines.append("    names: [\(quoted(org.name))]")
        if !org.domains.isEmpty { lines.append("    domains: [\(org.domains.map(quoted).joined(separator: ", "))]") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `Mira Castellanos` → `mira-castellanos` (ASCII letters and digits, diacritics dropped).
  static func slug(_ name: String) -> String {
    let words = RegistryIndex.key(name).split(separator: " ")
    let ascii = words.map { word in String(word.unicodeScalars.filter { $0.isASCII }.map(Character.init)) }
    let joined = ascii.filter { !$0.isEmpty }.joined(separator: "-")
    return joined.isEmpty ? "unnamed" : joined
  }

  static func unique(_ id: String, _ taken: inout Set<String>) -> String {
    var candidate = id
    var n = 2
    while taken.contains(candidate) {
      candidate = "\(id)-\(n)"
      n += 1
    }
    taken.insert(candidate)
    return candidate
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// The host without a leading `www.`.
  static func registrableDomain(_ host: String) -> String {
    host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
  }
}
