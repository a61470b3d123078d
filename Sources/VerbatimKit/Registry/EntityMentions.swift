/// Which registry organisations a text mentions: any of their names, at word boundaries, with
/// possessives ("Voltaic's") and one-letter slips in longer names ("Anthrophic") allowed.
///
/// Exists to find what a quote is about: the organisations named in the quote, its note context and
/// the page title are the subjects the conflict rule weighs the speaker's ties against.
public struct EntityMentions: Sendable {
  /// One organisation found, with the words that named it.
  public struct Mention: Sendable, Hashable {
    public var organization: String
    /// The text as it appeared (its key form: "voltaic s" for "Voltaic's").
    public var matched: String
    /// The alias it matched.
    public var alias: String
  }

  private let aliases: [(organization: String, alias: String, words: [Substring])]

  public init(_ registry: Registry) {
    var aliases: [(String, String, [Substring])] = []
    for org in registry.organizations {
      for name in org.names {
        let words = RegistryIndex.key(name).split(separator: " ")
        if !words.isEmpty { aliases.append((org.id, name, words)) }
      }
    }
    // Longest names first: "Halvard Labs" is found before "Halvard" can claim its first word.
    self.aliases = aliases.enumerated().sorted { ($0.element.2.count, -$0.offset) > ($1.element.2.count, -$1.offset) }
      .map(\.element)
  }

  /// Organisations named in `text`, each once, longest names first; a name inside a longer one found
  /// earlier does not count again.
  public func find(in text: String) -> [Mention] {
    let words = RegistryIndex.key(text).split(separator: " ")
    var found: [Mention] = []
    var seen: Set<String> = []
    var claimed: [Range<Int>] = []
    for (organization, alias, aliasWords) in aliases where !seen.contains(organization) {
      guard aliasWords.count <= words.count else { continue }
      let letters = aliasWords.reduce(0) { $0 + $1.count }
      for start in 0...(words.count - aliasWords.count) {
        let span = start..<(start + aliasWords.count)
        if claimed.contains(where: { $0.overlaps(span) }) { continue }
        var edits = 0
        var matches = true
        for (k, word) in aliasWords.enumerated() {
          let candidate = words[start + k]
          if candidate == word { continue }
          // One slip in a name of six letters or more; never in short names ("AI", "Acme").
          if letters >= 6, word.count >= 5, edits == 0,
            EditClassifier.editDistanceAtMostOne(Array(candidate), Array(word))
          {
            edits += 1
            continue
          }
          matches = false
          break
        }
        if matches {
          let matched = words[start..<(start + aliasWords.count)].joined(separator: " ")
          found.append(Mention(organization: organization, matched: matched, alias: alias))
          seen.insert(organization)
          claimed.append(span)
          break
        }
      }
    }
    return found
  }
}
