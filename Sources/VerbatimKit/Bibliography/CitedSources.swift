/// Which web sources a vault really cites, and what the notes themselves say about each: the link's
/// text, and the clipped source's front matter (`title`, `author`, `published`, `citekey`, `doi`).
///
/// Exists because a bibliography lists works the writer cites, not every URL a note contains: images and
/// embeds, links inside `%% comments %%`, struck-out (withdrawn) links and the quoted author's own links
/// inside a quotation are not citations.
struct CitedSources {
  /// What the notes say about one source.
  struct NoteFacts {
    /// The first meaningful link text ("Annual storage report"), where it is written.
    var linkText: (text: String, note: String, line: Int)?
    /// Front matter of the first note whose `source:` (or `url:`, …) is this source.
    var frontMatter: [FrontMatterValue] = []
    var frontMatterNote: String?
    /// The date of the first citing note that states one (`accessed`, else `created`, else `date`): when
    /// its writer read the source, the access date of a source that cannot be fetched any more.
    var noteDate: (date: ReferenceDate, note: String, line: Int)?
  }

  /// Source key → facts, for every cited source.
  private(set) var facts: [String: NoteFacts] = [:]

  /// Link texts that say nothing about the work ("link", "here", "Article").
  static let genericTexts: Set<String> = [
    "link", "here", "this", "source", "article", "post", "page", "website", "site", "url", "read more", "more",
    "via", "pdf", "web", "blog", "essay", "report", "story", "this article", "this post", "the article",
  ]

  init(_ harvest: VaultHarvest) {
    for note in harvest.notes {
      for link in note.links {
        guard let key = link.key, link.isFetchable, Self.cites(link) else { continue }
        var entry = facts[key] ?? NoteFacts()
        if entry.linkText == nil, let text = link.text?.trimmingWhitespace(), Self.isMeaningful(text, url: link.url) {
          entry.linkText = (text, note.path, link.position.line)
        }
        if entry.noteDate == nil, let dated = Self.noteDate(note.frontMatter) {
          entry.noteDate = (dated.0, note.path, dated.1)
        }
        if entry.frontMatterNote == nil, link.kind == .frontMatter,
          FrontMatterLinks.sourceKeys.contains(link.field?.lowercased() ?? ""), !note.frontMatter.isEmpty
        {
          entry.frontMatter = note.frontMatter
          entry.frontMatterNote = note.path
        }
        facts[key] = entry
      }
    }
  }

  static func noteDate(_ frontMatter: [FrontMatterValue]) -> (ReferenceDate, Int)? {
    for key in ["accessed", "created", "date"] {
      if let value = frontMatter.first(where: { $0.key == key }), let date = ReferenceDate.day(from: value.value),
        date.day != nil
      {
        return (date, value.line)
      }
    }
    return nil
  }

  /// Whether a link is a citation of its target.
  static func cites(_ link: Link) -> Bool {
    switch link.kind {
    case .image, .embed, .wikiEmbed, .wikilink: return false
    default: break
    }
    return !link.flags.contains(.hidden) && !link.flags.contains(.struck) && !link.flags.contains(.insideQuote)
  }

  static func isMeaningful(_ text: String, url: String) -> Bool {
    let lower = text.lowercased()
    guard text.count >= 3, !genericTexts.contains(lower), lower != url.lowercased() else { return false }
    return !lower.hasPrefix("http://") && !lower.hasPrefix("https://") && !lower.hasPrefix("www.")
  }

  /// The front-matter values under `keys`, a wikilink read as its target (`"[[Dario Amodei|Dario]]"` →
  /// `Dario Amodei`, as the Web Clipper links authors).
  static func values(_ frontMatter: [FrontMatterValue], _ keys: Set<String>) -> [FrontMatterValue] {
    frontMatter.filter { keys.contains($0.key) }.map { value in
      var v = value
      let bytes = Array(v.value.utf8)
      if let link = WikilinkScanner.scan(bytes, in: 0..<bytes.count).first, link.span == 0..<bytes.count {
        v.value = link.target
      }
      v.value = v.value.trimmingWhitespace()
      return v
    }.filter { !$0.value.isEmpty }
  }
}
