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
    let inlineFootnotes = regions.flatMap { Self.inlineFootnotes(bytes, in: $0.range) }

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
      }
      if !construct.isImage, inlineFootnotes.contains(where: { $0.contains(at) }) { kind = .inlineFootnote }
      var alt = text
      if construct.isImage, let bar = alt.lastIndex(of: "|"), Int(alt[alt.index(after: bar)...]) != nil {
        alt = String(alt[..<bar])  // Obsidian size suffix: `![chart|400](…)`
      }
      links.append(
        link(
          url: construct.url, at: at, kind: kind, text: alt.isEmpty ? nil : alt, field: field,
          span: construct.span))
    }

    // 2. Bare URLs, angle autolinks and wikilinks in text regions.
    let linkSpans = layout.links.map(\.span)
    for region in regions {
      let wikilinks = WikilinkScanner.scan(bytes, in: region.range, excluding: layout.code)
      for wikilink in wikilinks {
        var flags: [Link.Flag] = []
        if URLIdentity(wikilink.target).scheme == .web { flags.append(.probablyExternal) }
        links.append(
          link(
            url: wikilink.target, at: wikilink.targetRange.lowerBound,
            kind: wikilink.isEmbed ? .wikiEmbed : .wikilink, text: wikilink.alias, flags: flags,
            span: wikilink.span))
      }
      let excluded = Self.merge(layout.code + layout.html + linkSpans + wikilinks.map(\.span), within: region.range)
      for found in BareURLScanner.scan(bytes, in: region.range, excluding: excluded) {
        var url = String(decoding: bytes[found.range], as: UTF8.self)
        var kind: Link.Kind = found.form == .angle || found.form == .email ? .autolink : .bare
        var field: String?
        if found.form == .email { url = "mailto:" + url }
        if let label = footnoteLabel(at: found.range.lowerBound) {
          kind = .footnote
          field = label
        } else if inlineFootnotes.contains(where: { $0.contains(found.range.lowerBound) }) {
          kind = .inlineFootnote
        } else if let key = Self.dataviewKey(bytes, before: found.span.lowerBound, regionStart: region.range.lowerBound) {
          kind = .dataview
          field = key
        }
        links.append(link(url: url, at: found.range.lowerBound, kind: kind, field: field, span: found.span))
      }
    }

    // 3. Raw HTML attributes (`href`, `src`), comments excluded.
    for range in layout.html {
      for attribute in HTMLAttributeScanner.scan(bytes, in: range) {
        links.append(
          link(url: attribute.value, at: attribute.range.lowerBound, kind: .html, field: attribute.name, span: attribute.range))
      }
    }

    // 4. Reference definitions, used or not, on lines no block claimed.
    for line in layout.unclaimedLines {
      guard let definition = ReferenceDefinitions.parse(bytes, note.lines.lineRange(line)) else { continue }
      let url = Self.unescape(String(decoding: bytes[definition.destination], as: UTF8.self))
      links.append(
        link(url: url, at: definition.destination.lowerBound, kind: .definition, field: definition.label, span: definition.span))
    }
    // 5. Links inside Obsidian comments: kept, flagged hidden.
    for comment in note.comments {
      for found in BareURLScanner.scan(note.text, in: comment) {
        let url = String(decoding: note.text[found.range], as: UTF8.self)
        var l = link(url: url, at: found.range.lowerBound, kind: found.form == .angle ? .autolink : .bare, span: found.span)
        l.flags.append(.hidden)
        links.append(l)
      }
    }
    links.sort { $0.span.lowerBound < $1.span.lowerBound }
    return links
  }

  private var regions: [NoteLayout.Region] { layout.regions }

  private func link(
    url: String, at offset: Int, kind: Link.Kind, text: String? = nil, field: String? = nil,
    flags: [Link.Flag] = [], span: Range<Int>
  ) -> Link {
    var flags = flags
    if layout.struck.contains(where: { $0.contains(offset) }) { flags.append(.struck) }
    if url.contains(":~:") { flags.append(.textFragment) }
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

  /// Backslash escapes in a definition's destination.
  static func unescape(_ s: String) -> String {
    guard s.contains("\\") else { return s }
    var out = ""
    var escaping = false
    for ch in s {
      if escaping || ch != "\\" {
        out.append(ch)
        escaping = false
      } else {
        escaping = true
      }
    }
    return out
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
