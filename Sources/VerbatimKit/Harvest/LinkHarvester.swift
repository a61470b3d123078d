internal import VerbatimInterop

/// Every link of one note: Markdown link constructs from cmark-gfm's tree, and what cmark-gfm
/// misses or mispositions from Verbatim's own scanners (bare URLs, angle autolinks, wikilinks,
/// raw-HTML attributes, unused reference definitions, Obsidian comments, Dataview fields,
/// inline footnotes). Front matter is handled by `FrontMatterLinks`.
struct LinkHarvester {
  let note: NoteSource
  let layout: NoteLayout

  func harvest() -> [Link] {
    var links: [Link] = []
    let bytes = note.parseText
    let inlineFootnotes = regions.flatMap { region -> [Range<Int>] in
      guard Self.has(Self.caretBracket, bytes, region.range) else { return [] }
      return Self.inlineFootnotes(bytes, in: region.range)
    }

    // 1. Link constructs cmark-gfm resolved.
    for construct in layout.links {
      let text = MarkdownPlainText.plain(Array(bytes[construct.textRange])).text
      let at = construct.destination?.lowerBound ?? construct.span.lowerBound
      var kind: Link.Kind = construct.isImage ? .image : (construct.destination == nil ? .reference : .inline)
      if construct.isImage, Self.isVideo(construct.url) { kind = .embed }
      var field = construct.referenceLabel
      if !construct.isImage, let label = footnoteLabel(at: at) {
        kind = .footnote
        field = label
      } else if !construct.isImage, inlineFootnotes.contains(where: { $0.contains(at) }) {
        kind = .inlineFootnote
      } else if let key = Self.dataviewKey(
        bytes, before: construct.span.lowerBound, regionStart: lineStart(of: construct.span.lowerBound))
      {
        // `source:: [Title](https://…)`: the field's value is a Markdown link.
        if !construct.isImage { kind = .dataview }
        field = key
      }
      var alt = text
      if construct.isImage, let bar = alt.lastIndex(of: "|"), Self.isSizeSuffix(alt[alt.index(after: bar)...]) {
        alt = String(alt[..<bar])  // Obsidian size suffix: `![chart|400](…)`, `![chart|400x300](…)`
      }
      links.append(
        link(
          url: construct.url, at: at, kind: kind, text: alt.isEmpty ? nil : alt, field: field,
          span: construct.span))
    }

    // 2. Bare URLs, angle autolinks and wikilinks in text regions.
    // What bare URLs are never looked for in, merged once for the whole note; each region
    // takes its overlapping part by binary search (per-region merging was quadratic).
    let skipped = Self.merge(layout.code + layout.html + layout.links.map(\.span), within: 0..<bytes.count)
    for region in regions {
      // Each scanner runs only where its opening syntax occurs at all (a `memmem` check): most
      // paragraphs have no wikilink and no bare URL.
      let wikilinks =
        Self.has(Self.doubleBracket, bytes, region.range)
        ? WikilinkScanner.scan(bytes, in: region.range, excluding: layout.code) : []
      for wikilink in wikilinks {
        links.append(wikilinkLink(wikilink))
      }
      // In a table row, an unescaped `|` ends a cell and so any URL in it.
      var pipes: [Range<Int>] = []
      if layout.tables.contains(where: { $0.contains(region.range.lowerBound) }) {
        for i in region.range where bytes[i] == 0x7C && (i == 0 || bytes[i - 1] != 0x5C) { pipes.append(i..<(i + 1)) }
      }
      let overlapping = Self.overlapping(skipped, region.range)
      let excluded =
        wikilinks.isEmpty && pipes.isEmpty
        ? Array(overlapping) : Self.merge(Array(overlapping) + wikilinks.map(\.span) + pipes, within: region.range)
      let mayHaveURL = Self.urlOpeners.contains { Self.has($0, bytes, region.range) }
      for found in mayHaveURL ? BareURLScanner.scan(bytes, in: region.range, excluding: excluded) : [] {
        var kind: Link.Kind = found.form == .angle || found.form == .email ? .autolink : .bare
        var field: String?
        if let label = footnoteLabel(at: found.range.lowerBound) {
          kind = .footnote
          field = label
        } else if inlineFootnotes.contains(where: { $0.contains(found.range.lowerBound) }) {
          kind = .inlineFootnote
        } else if let key = Self.dataviewKey(bytes, before: found.span.lowerBound, regionStart: region.range.lowerBound) {
          kind = .dataview
          field = key
        }
        links.append(
          link(url: Self.url(of: found, bytes), at: found.range.lowerBound, kind: kind, field: field, span: found.span))
      }
    }

    // 3. Raw HTML attributes (`href`, `src`), comments excluded.
    for range in layout.html {
      for attribute in HTMLAttributeScanner.scan(bytes, in: range) {
        links.append(
          link(url: attribute.value, at: attribute.range.lowerBound, kind: .html, field: attribute.name, span: attribute.range))
      }
    }

    // 4. Reference definitions, used or not.
    for definition in layout.definitions {
      let decoded = MarkdownPlainText.decodeEntities(Array(bytes[definition.destination]))
      let url = InlineSyntax.resolveEscapes(Array(decoded.utf8))
      links.append(
        link(url: url, at: definition.destination.lowerBound, kind: .definition, field: definition.label, span: definition.span))
    }
    // 5. Links inside Obsidian comments: kept, flagged hidden.
    for comment in note.comments {
      let wikilinks = WikilinkScanner.scan(note.text, in: comment)
      for wikilink in wikilinks {
        var l = wikilinkLink(wikilink)
        l.flags.append(.hidden)
        links.append(l)
      }
      let excluded = Self.merge(wikilinks.map(\.span), within: comment)
      for found in BareURLScanner.scan(note.text, in: comment, excluding: excluded) {
        var kind: Link.Kind = found.form == .angle || found.form == .email ? .autolink : .bare
        let start = found.range.lowerBound
        // `[text](url)` is not parsed inside a comment; its destination still reads as one.
        if start >= 2, note.text[start - 2] == 0x5D, note.text[start - 1] == 0x28 { kind = .inline }
        var l = link(url: Self.url(of: found, note.text), at: start, kind: kind, span: found.span)
        l.flags.append(.hidden)
        links.append(l)
      }
    }
    links.sort { $0.span.lowerBound < $1.span.lowerBound }
    return links
  }

  private func wikilinkLink(_ wikilink: WikilinkScanner.Found) -> Link {
    var flags: [Link.Flag] = []
    if URLIdentity(wikilink.target).scheme == .web { flags.append(.probablyExternal) }
    return link(
      url: wikilink.target, at: wikilink.targetRange.lowerBound,
      kind: wikilink.isEmbed ? .wikiEmbed : .wikilink, text: wikilink.alias, flags: flags,
      span: wikilink.span)
  }

  /// The URL of a scanned link, as Markdown renders it: backslash escapes and entities resolved
  /// in text (`https://a.org/x\_y`), entities only in autolinks; `mailto:` added to emails.
  static func url(of found: BareURLScanner.Found, _ bytes: [UInt8]) -> String {
    let raw = Array(bytes[found.range])
    switch found.form {
    case .email: return "mailto:" + MarkdownPlainText.decodeEntities(raw)
    case .angle: return MarkdownPlainText.decodeEntities(raw)
    case .bare, .www:
      guard raw.contains(0x5C) || raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
      return MarkdownPlainText.decodeEntities(Array(InlineSyntax.resolveEscapes(raw).utf8))
    }
  }

  /// `400` or `400x300` after the last `|` of an image's alt text.
  static func isSizeSuffix(_ s: Substring) -> Bool {
    let parts = s.split(separator: "x", omittingEmptySubsequences: false)
    return (parts.count == 1 || parts.count == 2)
      && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
  }

  private func lineStart(of offset: Int) -> Int {
    note.lines.starts[note.lines.lineIndex(of: offset)]
  }

  private var regions: [NoteLayout.Region] { layout.regions }

  static let doubleBracket: [UInt8] = [0x5B, 0x5B]
  static let caretBracket: [UInt8] = [0x5E, 0x5B]
  /// What every bare URL or autolink contains: `://`, `www.` (either case), or `<`.
  static let urlOpeners: [[UInt8]] = ["://", "www.", "WWW.", "Www.", "<"].map { Array($0.utf8) }

  static func has(_ needle: [UInt8], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    ByteSearch.contains(needle, in: bytes, range: range)
  }

  /// `:~:`, which starts a URL's fragment directive.
  static let directiveDelimiter: [UInt8] = [0x3A, 0x7E, 0x3A]

  private func link(
    url: String, at offset: Int, kind: Link.Kind, text: String? = nil, field: String? = nil,
    flags: [Link.Flag] = [], span: Range<Int>
  ) -> Link {
    var flags = flags
    if layout.struck.contains(where: { $0.contains(offset) }) { flags.append(.struck) }
    // A fragment directive lives in the fragment: after the first `#`.
    if let hash = url.utf8.firstIndex(of: 0x23), url.utf8[hash...].containsSequence(Self.directiveDelimiter) {
      flags.append(.textFragment)
    }
    return Link(
      url: url, note: note.path, position: note.lines.position(of: offset), kind: kind, text: text,
      field: field, flags: flags, span: span)
  }

  private func footnoteLabel(at offset: Int) -> String? {
    layout.footnotes.first(where: { $0.range.contains(offset) })?.label
  }

  /// `^[…]` inline footnotes (Obsidian), which cmark-gfm reads as plain text.
  static func inlineFootnotes(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = range.lowerBound
    while i + 1 < range.upperBound {
      if bytes[i] == 0x5E, bytes[i + 1] == 0x5B,
        let close = InlineSyntax.closingBracket(bytes, openAt: i + 1, limit: range.upperBound)
      {
        result.append(i..<(close + 1))
        i = close + 1
      } else {
        i += 1
      }
    }
    return result
  }

  /// `key:: value` Dataview fields, at a line start or inside `[…]`/`(…)`: the key, when the URL
  /// at `offset` is such a value.
  static func dataviewKey(_ bytes: [UInt8], before offset: Int, regionStart: Int) -> String? {
    var j = offset
    while j > regionStart, bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09 { j -= 1 }
    guard j - 2 >= regionStart, bytes[j - 1] == 0x3A, bytes[j - 2] == 0x3A else { return nil }
    let keyEnd = j - 2
    var k = keyEnd
    while k > regionStart {
      let c = bytes[k - 1]
      if c == 0x0A || c == 0x5B || c == 0x28 || c == 0x3E { break }
      k -= 1
    }
    var key = String(decoding: bytes[k..<keyEnd], as: UTF8.self).trimmingWhitespace()
    // A list marker or task box before the key is not part of it.
    for marker in ["- [ ] ", "- [x] ", "- ", "* ", "+ "] where key.hasPrefix(marker) {
      key = String(key.dropFirst(marker.count))
    }
    guard !key.isEmpty, key.count <= 64, !key.contains("::"), !key.contains("http") else { return nil }
    return key
  }

  static func isVideo(_ url: String) -> Bool {
    guard let host = URLIdentity(url).host else { return false }
    let videoHosts = ["youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv", "tiktok.com"]
    return videoHosts.contains { host == $0 || host.hasSuffix("." + $0) }
  }

  /// The ranges of sorted, non-overlapping `ranges` that overlap `window`, found by binary search.
  static func overlapping(_ ranges: [Range<Int>], _ window: Range<Int>) -> ArraySlice<Range<Int>> {
    var lo = 0
    var hi = ranges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if ranges[mid].upperBound <= window.lowerBound { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < ranges.count, ranges[end].lowerBound < window.upperBound { end += 1 }
    return ranges[lo..<end]
  }

  /// Sorted, merged ranges that overlap `window`.
  static func merge(_ ranges: [Range<Int>], within window: Range<Int>) -> [Range<Int>] {
    let relevant = ranges.filter { $0.overlaps(window) }.sorted { $0.lowerBound < $1.lowerBound }
    var merged: [Range<Int>] = []
    for r in relevant {
      if let last = merged.last, r.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    return merged
  }
}
