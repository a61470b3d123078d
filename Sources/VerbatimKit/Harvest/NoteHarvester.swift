internal import VerbatimInterop

/// Everything one note cites and quotes.
public struct NoteHarvest: Sendable, Hashable {
  /// Path relative to the vault.
  public var path: String
  public var links: [Link]
  public var quotes: [Quote]
  public var diagnostics: [Diagnostic]
  /// What the front matter says about the source the note clips (`title`, `author`, `published`,
  /// `citekey`, `doi`) and when the note was written (`accessed`, `created`, `date`), for the bibliography.
  public var frontMatter: [FrontMatterValue] = []
}

/// One value a note's front matter states about its source, where it is written.
///
/// Exists because clipped notes carry the source's facts as the clipper saw them (Obsidian Web Clipper
/// writes `title`, `author` and `published` beside `source`), and those win over extraction.
public struct FrontMatterValue: Sendable, Hashable {
  /// The key, lower-cased (`title`, `author`, `authors`, `published`, `citekey`, `doi`).
  public var key: String
  public var value: String
  /// The 1-based line of the note.
  public var line: Int
}

/// Harvests one note: prepares its bytes, parses it with cmark-gfm, runs the link and quote
/// harvesters, attributes every quote and gives each a stable id.
public enum NoteHarvester {
  public static func harvest(path: String, bytes: [UInt8]) -> NoteHarvest {
    var note = NoteSource(path: path, bytes: bytes)
    var tree = parse(note.parseText)
    if note.parseText.containsSequence([0x25, 0x25]) {
      let comments = ObsidianComments.find(note.parseText, code: NoteLayout(note: note, tree: tree).code)
      if !comments.isEmpty {
        note.comments = comments
        for comment in comments { note.blank(comment) }
        tree = parse(note.parseText)
      }
    }
    let layout = NoteLayout(note: note, tree: tree)
    var diagnostics = note.diagnostics
    var links: [Link] = []
    var frontMatter: [FrontMatterValue] = []
    FrontMatterLinks.harvest(note, into: &links, values: &frontMatter, diagnostics: &diagnostics)
    links.append(contentsOf: LinkHarvester(note: note, layout: layout).harvest())

    let (candidates, _) = QuoteHarvester(note: note, layout: layout).harvest()
    // Links inside quoted words are the quoted author's, never an attribution.
    let quoted = candidates.map { $0.quote.span }.sorted { $0.lowerBound < $1.lowerBound }
    for i in links.indices where links[i].kind != .frontMatter {
      if isInside(quoted, links[i].span.lowerBound) { links[i].flags.append(.insideQuote) }
    }
    var quotes = QuoteAttributor(note: note, layout: layout, links: links).attribute(candidates)
    quotes.append(contentsOf: fragmentQuotes(links, note: note))
    quotes.sort { ($0.start, $0.kind == .textFragment ? 1 : 0) < ($1.start, $1.kind == .textFragment ? 1 : 0) }
    assignIDs(&quotes)
    return NoteHarvest(
      path: path, links: links, quotes: quotes, diagnostics: diagnostics, frontMatter: frontMatter)
  }

  private static func parse(_ bytes: [UInt8]) -> MarkdownTree {
    bytes.withUnsafeBufferPointer { MarkdownTree(utf8: $0) }
  }

  /// Whether one of the sorted, disjoint `ranges` contains `offset` (binary search: a note
  /// can have tens of thousands of quotes and links).
  private static func isInside(_ ranges: [Range<Int>], _ offset: Int) -> Bool {
    var lo = 0
    var hi = ranges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if ranges[mid].lowerBound <= offset { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 && ranges[lo - 1].contains(offset)
  }

  /// Each `#:~:text=` directive of a web link is a quote of that link's page, positioned on the
  /// directive's value in the URL as written (from the first character after `text=` to the
  /// last of the value), or on the URL's start when the note writes the URL differently (with
  /// escapes or entities). A reference link's fragment is its definition's: harvested once.
  private static func fragmentQuotes(_ links: [Link], note: NoteSource) -> [Quote] {
    let definitionURLs = Set(links.filter { $0.kind == .definition }.map(\.url))
    return links.filter {
      $0.flags.contains(.textFragment) && $0.scheme == .web
        && !($0.kind == .reference && definitionURLs.contains($0.url))
    }.flatMap { link in
      let directives = TextDirective.parse(url: link.url)
      let located = locateDirectives(of: link, in: note)
      return directives.enumerated().map { index, directive in
        var start = link.position
        var end = link.position
        var span = link.span
        if let located, located.count == directives.count, located[index].directive == directive {
          let value = located[index].value
          span = value
          start = note.lines.position(of: value.lowerBound)
          var last = max(value.lowerBound, value.upperBound - 1)
          while last > value.lowerBound, note.text[last] & 0xC0 == 0x80 { last -= 1 }
          end = note.lines.position(of: last)
        }
        var quote = Quote(
          id: "", note: note.path, kind: .textFragment, text: directive.displayText,
          raw: directive.displayText, start: start, end: end, source: link.url,
          sourceKey: link.key, attribution: .textFragment, speaker: nil,
          checkable: Quote.isCheckable(directive.start + " " + (directive.end ?? "")),
          hadEmphasis: false, directive: directive, callout: nil)
        quote.span = span
        return quote
      }
    }
  }

  /// The valid `text=` directives of a link's URL where the note writes them: byte range of each
  /// value (after `text=`), in URL order. nil when the URL's directive is not written verbatim.
  private static func locateDirectives(of link: Link, in note: NoteSource) -> [(directive: TextDirective, value: Range<Int>)]? {
    guard let written = TextDirective.fragmentParts(link.url)?.directive else { return nil }
    let directive = Array(written.utf8)
    let bytes = note.text
    let span = link.span.clamped(to: 0..<bytes.count)
    // The last `:~:` of the construct (a link's text comes before its destination).
    var k = span.upperBound - 3
    var found: Int?
    while k >= span.lowerBound {
      if bytes[k] == 0x3A, bytes[k + 1] == 0x7E, bytes[k + 2] == 0x3A {
        found = k + 3
        break
      }
      k -= 1
    }
    guard let begin = found, begin + directive.count <= bytes.count,
      bytes[begin..<(begin + directive.count)].elementsEqual(directive)
    else { return nil }
    var result: [(TextDirective, Range<Int>)] = []
    var pieceStart = begin
    let end = begin + directive.count
    for i in begin...end where i == end || bytes[i] == 0x26 {
      let piece = bytes[pieceStart..<i]
      if piece.starts(with: Array("text=".utf8)),
        let parsed = TextDirective.parseValue(Substring(String(decoding: piece.dropFirst(5), as: UTF8.self)))
      {
        result.append((parsed, (pieceStart + 5)..<i))
      }
      pieceStart = i + 1
    }
    return result
  }

  /// Ids depend on the note, the kind and text, and the order among identical quotes only.
  private static func assignIDs(_ quotes: inout [Quote]) {
    var seen: [UInt64: Int] = [:]
    for i in quotes.indices {
      var hash = StableHash()
      hash.combine(quotes[i].note)
      hash.combine(quotes[i].kind.rawValue)
      hash.combine(quotes[i].text)
      let occurrence = seen[hash.value, default: 0]
      seen[hash.value] = occurrence + 1
      hash.combine(String(occurrence))
      quotes[i].id = "q" + hash.hex
    }
  }
}

/// FNV-1a, 64 bits: a stable, dependency-free hash for ids (not for security).
struct StableHash {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Adds a string and a separator, so ("ab", "c") and ("a", "bc") differ.
  mutating func combine(_ string: String) {
    for byte in string.utf8 { mix(byte) }
    mix(0x1F)
  }

  private mutating func mix(_ byte: UInt8) {
    value ^= UInt64(byte)
    value = value &* 0x0000_0100_0000_01B3
  }

  /// 14 hex digits (56 bits): with a one-letter prefix, an id fits Swift's inline small-string
  /// storage (15 bytes), so ids cost no allocation.
  var hex: String {
    let digits = String(value >> 8, radix: 16)
    return String(repeating: "0", count: 14 - digits.count) + digits
  }
}

/// Obsidian `%% comments %%`: inline or spanning lines, never inside code; an unclosed `%%`
/// comments out the rest of the note, as in Obsidian.
enum ObsidianComments {
  static func find(_ bytes: [UInt8], code: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var open: Int?
    var i = 0
    var next = 0
    while i + 1 < bytes.count {
      while next < code.count, code[next].upperBound <= i { next += 1 }
      if next < code.count, code[next].contains(i) {
        i = code[next].upperBound
        continue
      }
      if bytes[i] == 0x25, bytes[i + 1] == 0x25 {
        if let start = open {
          result.append(start..<(i + 2))
          open = nil
        } else {
          open = i
        }
        i += 2
        continue
      }
      i += 1
    }
    if let start = open { result.append(start..<bytes.count) }
    return result
  }
}
