import Foundation

extension ReferenceBuilder {
  /// One source's values, chosen field by field: `Sources.yml` over front matter over the page over the note.
  struct Entry {
    let source: AuditedSource
    let facts: CitedSources.NoteFacts
    let override: CitationOverride?
    let fetched: Bool
    private(set) var provenance: [String: String] = [:]

    init(source: AuditedSource, facts: CitedSources.NoteFacts, override: CitationOverride?, fetched: Bool) {
      self.source = source
      self.facts = facts
      self.override = override
      self.fetched = fetched
    }

    /// A front-matter value and where it is written.
    private func frontMatter(_ keys: Set<String>) -> [FrontMatterValue] {
      CitedSources.values(facts.frontMatter, keys)
    }

    private func overrideOrigin(_ field: String, file: String) -> String {
      let line = override?.fieldLocations[field]?.line ?? override?.location.line ?? 0
      return "\((file as NSString).lastPathComponent):\(line)"
    }

    private func frontMatterOrigin(_ value: FrontMatterValue) -> String {
      "front matter: \(facts.frontMatterNote ?? "?"):\(value.line)"
    }

    private func pageOrigin(_ field: String) -> String {
      source.provenance[field].map { "page: " + $0 } ?? "page"
    }

    var pinnedKey: String? {
      override?.key ?? frontMatter(["citekey", "citation-key", "citationkey"]).first?.value
    }

    /// Picks the first value present, recording where it came from under `field`.
    private mutating func choose(_ field: String, _ candidates: [(String?, String)]) -> String? {
      for (value, origin) in candidates {
        guard let value = value.map(Reference.singleLine), !value.isEmpty else { continue }
        provenance[field] = origin
        return value
      }
      return nil
    }

    mutating func reference(index: RegistryIndex?, registryFile file: String) -> Reference {
      var warnings: [String] = []
      let fmTitle = frontMatter(["title"]).first
      let fmDate = frontMatter(["published"]).first
      let fmDOI = frontMatter(["doi"]).first
      let cited = URLIdentity(source.url).key ?? source.url
      var title = choose(
        "title",
        [
          (override?.title, overrideOrigin("title", file: file)),
          (fmTitle?.value, fmTitle.map(frontMatterOrigin) ?? ""),
          (source.title, pageOrigin("title")),
          (facts.linkText?.text, facts.linkText.map { "note: link text, \($0.note):\($0.line)" } ?? ""),
        ])
      if title == nil {
        title = cited
        provenance["title"] = "the URL (no title known)"
        warnings.append("no title known; the URL stands in for it")
      }
      // Authors.
      var authors: [ReferenceName] = []
      if let listed = override?.authors {
        authors = listed.compactMap { author in
          switch author {
          case .person(let name): PersonNameParser.name(name)
          case .organisation(let name): .organisation(name)
          }
        }
        provenance["author"] = overrideOrigin("authors", file: file)
      } else if case let written = frontMatter(["author", "authors"]), !written.isEmpty {
        authors = written.compactMap { name(for: $0.value, isOrganisation: false, index: index) }
        provenance["author"] = frontMatterOrigin(written[0])
      } else if !source.authors.isEmpty {
        authors = source.authors.compactMap { name(for: $0.name, isOrganisation: $0.isOrganisation, index: index) }
        provenance["author"] = pageOrigin("authors")
      }
      // Dates.
      var issued: ReferenceDate?
      if let text = choose(
        "issued",
        [
          (override?.published, overrideOrigin("published", file: file)),
          (fmDate?.value, fmDate.map(frontMatterOrigin) ?? ""),
          (source.date, pageOrigin("published")),
        ])
      {
        issued = ReferenceDate.day(from: text)
        if issued == nil {
          warnings.append("publication date '\(text)' is not a date; left out")
          provenance["issued"] = nil
        }
      }
      var accessed = fetched ? source.capturedAt.map(ReferenceBuilder.day) : nil
      if accessed != nil {
        provenance["accessed"] = "capture date (UTC)"
      } else if let dated = facts.noteDate {
        accessed = dated.date
        provenance["accessed"] = "front matter: \(dated.note):\(dated.line) (the citing note's date)"
      }
      if let a = accessed, let i = issued, a < i {
        if a.year == i.year, a.month == i.month, let ad = a.day, let id = i.day, id - ad <= 1 {
          accessed = i  // a time zone apart: the page's local date is the capture's next UTC day
        } else {
          warnings.append("the page's date \(i.dayString) is after its capture \(a.dayString); the date was left out")
          issued = nil
          provenance["issued"] = nil
        }
      }
      // Container, publisher, identifiers.
      let owner = index.flatMap { index in
        (URLIdentity(source.finalURL ?? source.url).host).flatMap { index.organization(host: $0) }
      }
      let ownerOrigin = owner.map { "\((file as NSString).lastPathComponent):\($0.location.line) (the site's owner)" } ?? ""
      var container = choose(
        "container",
        [
          (override?.container, overrideOrigin("container", file: file)),
          (source.siteName, pageOrigin("site_name")),
          (owner?.name, ownerOrigin),
        ])
      var publisher = choose(
        "publisher",
        [(override?.publisher, overrideOrigin("publisher", file: file)), (source.publisher, pageOrigin("publisher"))])
      let doi = choose(
        "doi",
        [
          (override?.doi, overrideOrigin("doi", file: file)),
          (fmDOI.flatMap { CitationOverride.bareDOI($0.value) }, fmDOI.map(frontMatterOrigin) ?? ""),
          (source.doi.flatMap(CitationOverride.bareDOI), pageOrigin("doi")),
        ])
      let url = choose("url", [(canonical, pageOrigin("canonical_url")), (cited, "the cited URL")])
      let language = choose(
        "language",
        [
          (override?.language.flatMap(ReferenceBuilder.languageTag), overrideOrigin("language", file: file)),
          (source.language.flatMap(ReferenceBuilder.languageTag), pageOrigin("language")),
        ])
      let section = choose(
        "section", [(override?.section, overrideOrigin("section", file: file)), (source.section, pageOrigin("section"))])
      // The entry type, made consistent with what each format requires.
      var kind: Reference.Kind
      if let stated = override?.kind {
        kind = stated
        provenance["type"] = overrideOrigin("type", file: file)
      } else {
        kind = Self.kind(pageType: source.type, doi: doi, container: container)
        provenance["type"] = source.type.map { "page type \($0)" } ?? "web page (no page type)"
      }
      if kind == .report {
        publisher = publisher ?? container ?? owner?.name
        if authors.isEmpty, let body = publisher {
          authors = [.organisation(body)]
          provenance["author"] = "the publisher as group author"
        }
        if publisher == nil || authors.isEmpty {
          kind = .webpage
          provenance["type"] = "web page (a report needs an author and a publisher)"
        }
      }
      if [.newspaperArticle, .magazineArticle, .journalArticle].contains(kind), authors.isEmpty || container == nil {
        kind = .webpage
        provenance["type"] = "web page (an article needs an author and a \(container == nil ? "publication name" : "byline"))"
      }
      if kind == .webpage || kind == .blogPost, container == nil { container = publisher }
      return Reference(
        key: "", kind: kind, title: title!, authors: authors, issued: issued, accessed: accessed,
        container: container, publisher: kind == .report ? publisher : (publisher == container ? nil : publisher),
        place: choose("place", [(override?.place, overrideOrigin("place", file: file))]), url: url, doi: doi,
        language: language, section: section,
        number: choose("number", [(override?.number, overrideOrigin("number", file: file))]),
        genre: choose("genre", [(override?.genre, overrideOrigin("genre", file: file))]),
        series: choose("series", [(override?.series, overrideOrigin("series", file: file))]),
        provenance: provenance, warnings: warnings)
    }

    /// The page's canonical URL when it is on the same site as the page fetched (a canonical pointing
    /// elsewhere, or at the home page, is a site's mistake more often than not).
    private var canonical: String? {
      guard let canonical = source.canonicalURL, let key = URLIdentity(canonical).key,
        let host = URLIdentity(canonical).host
      else { return nil }
      let fetchedHost = URLIdentity(source.finalURL ?? source.url).host
      func bare(_ h: String?) -> String? { h.map { $0.hasPrefix("www.") ? String($0.dropFirst(4)) : $0 } }
      guard bare(host) == bare(fetchedHost), URLComponents(string: key)?.path.count ?? 0 > 1 else { return nil }
      return key
    }

    private func name(for written: String, isOrganisation: Bool, index: RegistryIndex?) -> ReferenceName? {
      let known = index?.organization(named: written) != nil && index?.person(named: written) == nil
      return PersonNameParser.name(written, isOrganisation: isOrganisation || known)
    }

    /// The entry type a page type suggests.
    static func kind(pageType: String?, doi: String?, container: String?) -> Reference.Kind {
      switch pageType.flatMap(PageType.init(rawValue:)) {
      case .news?, .opinion?, .analysis?, .review?, .liveBlog?: .newspaperArticle
      case .blogPost?: .blogPost
      case .report?: .report
      case .scholarly?: doi != nil && container != nil ? .journalArticle : .webpage
      default: .webpage
      }
    }
  }
}
