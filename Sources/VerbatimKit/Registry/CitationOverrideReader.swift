import Foundation
internal import Yams

/// Reads the `citations:` section of `Sources.yml` into `CitationOverride`s, as strictly as the rest:
/// unknown keys, URLs, DOIs, keys, types, dates, authors and duplicate entries are all checked.
///
/// Exists apart from `RegistryReader.swift` to keep each file short; it uses the same typed reads.
extension RegistryReader {
  static let citationKeys = [
    "url", "doi", "key", "type", "title", "authors", "published", "container", "publisher", "place", "language",
    "number", "genre", "series", "section",
  ]
  static let authorKeys = ["organisation", "organization"]

  /// A value that must be unique across citations: its kind (`URL`), the key it is compared by, the text as
  /// written, where it was written and the entry it belongs to.
  typealias CitationClaim = (what: String, identity: String, written: String, node: Node, entry: Node)

  /// The `citations:` list (absent or null: none), then the duplicate URLs, DOIs and keys across it.
  mutating func readCitations(_ node: Node?) -> [CitationOverride] {
    guard let node, let list = sequence(node, "'citations'", of: "citations") else { return [] }
    var claims: [CitationClaim] = []
    let citations = list.compactMap { readCitation($0, claims: &claims) }
    checkDuplicateCitations(claims)
    return citations
  }

  private mutating func readCitation(_ item: Node, claims: inout [CitationClaim]) -> CitationOverride? {
    guard let map = mapping(item, "a citation", expected: "a mapping with 'url' or 'doi'") else { return nil }
    let fields = fields(map, known: Self.citationKeys, in: "in a citation")
    var citation = CitationOverride(location: location(item))
    for (name, field) in fields where !Self.isNull(field.value) {
      citation.fieldLocations[name] = location(field.key)
    }
    if Self.isAbsent(fields["url"]?.value) && Self.isAbsent(fields["doi"]?.value) {
      report(item, "a citation has neither 'url' nor 'doi' (the source whose entry it overrides)")
    }
    if let node = fields["url"]?.value, let url = text(node, "url") {
      if SourceFetcher.isWebURL(url), let identity = CitationOverride.urlKey(url) {
        citation.url = url
        claims.append(("URL", identity, url, node, item))
      } else {
        report(node, "invalid URL '\(url)' in 'url': expected an http:// or https:// URL")
      }
    }
    if let node = fields["doi"]?.value, let written = text(node, "doi") {
      if let doi = CitationOverride.bareDOI(written) {
        citation.doi = doi
        claims.append(("DOI", doi.lowercased(), doi, node, item))
      } else {
        let expected = "expected 10.NNNN/SUFFIX (a https://doi.org/ or doi: prefix is fine)"
        report(node, "invalid DOI '\(written)' in 'doi': \(expected)")
      }
    }
    if let node = fields["key"]?.value, let key = text(node, "key") {
      if CitationOverride.isValidKey(key) {
        citation.key = key
        claims.append(("key", key, key, node, item))
      } else {
        let hint = Self.keySuggestion(key).map { " (did you mean '\($0)'?)" } ?? ""
        let expected = "expected a lower-case letter, then lower-case letters and digits"
        report(node, "invalid citation key '\(key)'\(hint): \(expected)")
      }
    }
    if let node = fields["type"]?.value, let type = text(node, "type") {
      let allowed = Reference.Kind.allCases.map(\.rawValue)
      if allowed.contains(type) {
        citation.type = type
      } else {
        let hint = Self.suggestion(type, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        report(node, "unknown citation type '\(type)'\(hint); expected one of: \(allowed.joined(separator: ", "))")
      }
    }
    citation.published = date(fields["published"]?.value, "published")
    if let node = fields["authors"]?.value, !Self.isNull(node),
      let list = sequence(node, "'authors'", of: "authors (names, or { organisation: NAME })")
    {
      citation.authors = list.compactMap { readAuthor($0) }
    }
    let texts: [(String, WritableKeyPath<CitationOverride, String?>)] = [
      ("title", \.title), ("container", \.container), ("publisher", \.publisher), ("place", \.place),
      ("language", \.language), ("number", \.number), ("genre", \.genre), ("series", \.series),
      ("section", \.section),
    ]
    for (name, path) in texts {
      if let node = fields[name]?.value { citation[keyPath: path] = text(node, name) }
    }
    return citation
  }

  /// A person as a plain name, or an organisation as `{ organisation: NAME }` (`organization` also read).
  private mutating func readAuthor(_ node: Node) -> CitationOverride.Author? {
    switch node {
    case .scalar(let scalar):
      guard !Self.isNull(scalar), !scalar.string.trimmingWhitespace().isEmpty else {
        report(node, "an author in 'authors' must not be empty")
        return nil
      }
      return .person(scalar.string)
    case .mapping(let map):
      let fields = fields(map, known: Self.authorKeys, in: "in an author")
      if let british = fields["organisation"]?.key, let american = fields["organization"]?.key {
        let later = Self.isBefore(british, american) ? american : british
        report(later, "'organization' and 'organisation' are the same key: use only one")
      }
      let name = fields["organisation"] != nil ? "organisation" : "organization"
      guard let field = fields[name] else {
        report(node, "an author written as a mapping needs 'organisation' (write a person as a plain name)")
        return nil
      }
      guard let organisation = text(field.value, name) else {
        if Self.isNull(field.value) { report(field.value, "'\(name)' must not be empty") }
        return nil
      }
      return .organisation(organisation)
    default:
      report(node, "an author in 'authors' must be a name or { organisation: NAME }, not \(Self.describe(node))")
      return nil
    }
  }

  /// A string field's text: absent or null is nil, an empty or blank text is reported.
  private mutating func text(_ node: Node, _ name: String) -> String? {
    guard let text = string(node, "'\(name)'") else { return nil }
    guard !text.trimmingWhitespace().isEmpty else {
      report(node, "'\(name)' must not be empty")
      return nil
    }
    return text
  }

  /// Whether `a` was written before `b`.
  static func isBefore(_ a: Node, _ b: Node) -> Bool {
    (a.mark?.line ?? 0, a.mark?.column ?? 0) < (b.mark?.line ?? 0, b.mark?.column ?? 0)
  }

  /// The key's lower-cased ASCII letters and digits (`Lefèvre2025-Reading` → `lefevre2025reading`), when
  /// that is a valid key.
  static func keySuggestion(_ key: String) -> String? {
    let folded = key.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    let kept = String(folded.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
    return CitationOverride.isValidKey(kept) && kept != key ? kept : nil
  }

  /// The same URL, DOI or key in two citations: each place is reported, naming the others.
  private mutating func checkDuplicateCitations(_ claims: [CitationClaim]) {
    let groups = Dictionary(grouping: claims.indices) { claims[$0].what + " " + claims[$0].identity }
    for group in groups.values where group.count > 1 {
      for index in group {
        let claim = claims[index]
        let others = group.filter { $0 != index }.map { "the citation at \(place(claims[$0].entry))" }
        let subject = claim.what == "key" ? "citation key" : claim.what
        report(
          claim.node,
          "duplicate \(subject) '\(claim.written)': also the \(claim.what) of \(others.joined(separator: ", "))")
      }
    }
  }
}
