import Foundation
import Testing

@testable import VerbatimKit

/// `NoteAnnotator`: verdicts written beside quotes in the note's own bytes, removed exactly, and the
/// unified diff that shows them.
@Suite("Annotate")
struct AnnotateTests {
  /// The note's quotes as the harvest finds them, each given `verdict` (too short when not checkable).
  static func audited(
    _ note: [UInt8], path: String = "Note.md",
    verdict: (Quote) -> QuoteVerdict = { _ in QuoteVerdict(status: .verified, detail: "exact") },
    annotations: (Quote) -> QuoteAnnotations = { _ in .empty }
  ) -> [AuditedQuote] {
    NoteHarvester.harvest(path: path, bytes: note).quotes.map { quote in
      let v = quote.checkable ? verdict(quote) : QuoteVerdict(status: .tooShort, detail: "fewer than 4 words")
      return AuditedQuote(quote: quote, verdict: v, fragmentURL: nil, annotations: annotations(quote))
    }
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// Annotates, and checks what must hold for every note: idempotent, and removed byte for byte.
  static func annotate(_ note: [UInt8], _ quotes: [AuditedQuote]) -> String {
    let once = NoteAnnotator.annotate(note, quotes: quotes)
    #expect(NoteAnnotator.annotate(once, quotes: quotes) == once, "annotating twice changed the note")
    #expect(NoteAnnotator.remove(once) == note, "remove did not restore the note")
    return String(decoding: once, as: UTF8.self)
  }

  @Test("a blockquote gets a callout after its last line, or after its source line")
  func blockquoteCallout() {
    let note = Self.bytes(
      """
      Intro [Essay](https://castellanos.example/essay).

      > The grid needs batteries that are measured in days, not hours.
      > — Mira Castellanos, Halvard Energy

      > Public utilities should never buy a technology because a vendor wrote an essay.

      — [Interview](https://dailygrid.example/ortiz)

      After.

      """)
    let quotes = Self.audited(
      note,
      annotations: { quote in
        guard quote.speaker != nil else { return .empty }
        return QuoteAnnotations(
          speaker: quote.speaker, speakerID: "mira",
          affiliations: [Affiliation(organisation: "Halvard Energy", role: "chief-executive", provenance: "registry")],
          conflicts: [
            Conflict(kind: .competitor, summary: "Halvard competes with Voltaic [Sources.yml:12]", evidence: [])
          ],
          noRegistryData: false)
      })
    #expect(quotes.map(\.quote.attribution) == [.nearestPreceding, .adjacentLink])
    #expect(
      Self.annotate(note, quotes) == """
        Intro [Essay](https://castellanos.example/essay).

        > The grid needs batteries that are measured in days, not hours.
        > — Mira Castellanos, Halvard Energy

        > [!verbatim] verbatim: verified (exact) · Mira Castellanos, chief-executive, Halvard Energy · \
        conflict: competitor — Halvard competes with Voltaic \\[Sources.yml:12\\]

        > Public utilities should never buy a technology because a vendor wrote an essay.

        — [Interview](https://dailygrid.example/ortiz)

        > [!verbatim] verbatim: verified (exact)

        After.

        """)
  }

  @Test("a lazy continuation line ends the blockquote; a quote in a list item keeps its indentation")
  func blockquoteEnds() {
    let note = Self.bytes(
      """
      [Essay](https://castellanos.example/essay)

      > The grid needs batteries that are measured in days,
      not hours, and that changes everything.

      - Item:
        > Iron, water and air are the cheapest materials there are.
      - Next item

      """)
    #expect(
      Self.annotate(note, Self.audited(note)) == """
        [Essay](https://castellanos.example/essay)

        > The grid needs batteries that are measured in days,
        not hours, and that changes everything.

        > [!verbatim] verbatim: verified (exact)

        - Item:
          > Iron, water and air are the cheapest materials there are.

          > [!verbatim] verbatim: verified (exact)
        - Next item

        """)
  }

  @Test("no callout where a `>` line follows directly: the two would merge")
  func blockquoteFollowedByBlockquote() {
    let note = Self.bytes(
      """
      > Public utilities should never buy a technology because a vendor wrote an essay.

      — [Interview](https://dailygrid.example/ortiz)
      > The grid needs batteries that are measured in days, not hours.

      """)
    let quotes = Self.audited(note)
    #expect(quotes.map(\.quote.kind) == [.block, .block])
    #expect(
      Self.annotate(note, quotes) == """
        > Public utilities should never buy a technology because a vendor wrote an essay.

        — [Interview](https://dailygrid.example/ortiz)
        > The grid needs batteries that are measured in days, not hours.

        > [!verbatim] verbatim: verified (exact)

        """)
  }

  @Test("inline quotes get footnotes after the closing mark (after the note's own), defined at the end")
  func inlineFootnotes() {
    let note = Self.bytes(
      """
      She was blunt: “We will not pay for storage that sits idle eleven months a year.”[^1]

      Her budget: "the storage tender is worth 40 million euros over five years" ([Courier](https://courier.example/t)).
      This rules out the "cheapest box" idea.

      [^1]: Minutes, https://brenner.example/minutes

      """)
    let quotes = Self.audited(note) { quote in
      quote.attribution == .footnote
        ? QuoteVerdict(status: .verified, detail: "exact") : QuoteVerdict(status: .altered, detail: "material")
    } annotations: { quote in
      var annotations = QuoteAnnotations.empty
      if quote.attribution == .adjacentLink { annotations.speaker = "Lena Ortiz" }
      return annotations
    }
    #expect(
      Self.annotate(note, quotes) == """
        She was blunt: “We will not pay for storage that sits idle eleven months a year.”[^1][^verbatim-1]

        Her budget: "the storage tender is worth 40 million euros over five years"[^verbatim-2] \
        ([Courier](https://courier.example/t)).
        This rules out the "cheapest box" idea.

        [^1]: Minutes, https://brenner.example/minutes

        [^verbatim-1]: verbatim: verified (exact)
        [^verbatim-2]: verbatim: altered (material) · Lena Ortiz

        """)
  }

  @Test("text fragments get a footnote after the link's `)`, except inside quoted words or outside a link")
  func textFragments() {
    let note = Self.bytes(
      """
      - Approved [a tender](https://b.example/m#:~:text=tender%20for%20long%2Dduration%20storage).
      - She wrote "see [the numbers](https://g.example/r#:~:text=fell%20below%20twenty%20dollars) for what \
      moves them" then.
      - Plain https://g.example/r#:~:text=storage%20costs%20fell%20sharply bare.

      """)
    let quotes = Self.audited(note) { quote in
      QuoteVerdict(status: .verified, detail: quote.kind == .textFragment ? "text-fragment" : "exact")
    }
    #expect(quotes.filter { $0.quote.kind == .textFragment }.count == 3)
    #expect(
      Self.annotate(note, quotes) == """
        - Approved [a tender](https://b.example/m#:~:text=tender%20for%20long%2Dduration%20storage)[^verbatim-1].
        - She wrote "see [the numbers](https://g.example/r#:~:text=fell%20below%20twenty%20dollars) for what \
        moves them"[^verbatim-2] then.
        - Plain https://g.example/r#:~:text=storage%20costs%20fell%20sharply bare.

        [^verbatim-1]: verbatim: verified (text-fragment)
        [^verbatim-2]: verbatim: verified (exact)

        """)
  }

  @Test("a CRLF note stays CRLF")
  func crlf() {
    let note = Self.bytes(
      "Intro [Essay](https://e.example/a).\r\n\r\n> The grid needs batteries that are measured in days, not hours.\r\n"
        + "\r\nShe said \"we will not pay for storage that sits idle\" today.\r\n")
    #expect(
      Self.annotate(note, Self.audited(note))
        == "Intro [Essay](https://e.example/a).\r\n\r\n"
        + "> The grid needs batteries that are measured in days, not hours.\r\n"
        + "\r\n> [!verbatim] verbatim: verified (exact)\r\n"
        + "\r\nShe said \"we will not pay for storage that sits idle\"[^verbatim-1] today.\r\n"
        + "\r\n[^verbatim-1]: verbatim: verified (exact)\r\n")
  }

  @Test("a UTF-8 byte order mark is kept")
  func byteOrderMark() {
    let note =
      [0xEF, 0xBB, 0xBF]
      + Self.bytes("[Page](https://p.example/x)\n\nShe said “we will not pay for storage that sits idle” today.\n")
    let annotated = NoteAnnotator.annotate(note, quotes: Self.audited(note))
    #expect(
      annotated == [0xEF, 0xBB, 0xBF]
        + Self.bytes(
          "[Page](https://p.example/x)\n\n"
            + "She said “we will not pay for storage that sits idle”[^verbatim-1] today.\n"
            + "\n[^verbatim-1]: verbatim: verified (exact)\n"))
    #expect(NoteAnnotator.remove(annotated) == note)
    #expect(NoteAnnotator.annotate(annotated, quotes: Self.audited(note)) == annotated)
  }

  @Test("a note without a final newline still ends without one")
  func noFinalNewline() {
    let note = Self.bytes(
      "[Page](https://p.example/x)\n\nShe said “we will not pay for storage that sits idle” today.\n\n"
        + "> The grid needs batteries that are measured in days, not hours.")
    #expect(
      Self.annotate(note, Self.audited(note))
        == "[Page](https://p.example/x)\n\n"
        + "She said “we will not pay for storage that sits idle”[^verbatim-1] today.\n\n"
        + "> The grid needs batteries that are measured in days, not hours.\n\n> [!verbatim] verbatim: verified (exact)"
        + "\n\n[^verbatim-1]: verbatim: verified (exact)")
    let inline = Self.bytes("[Page](https://p.example/x)\n\nShe said “we will not pay for storage that sits idle”")
    #expect(
      Self.annotate(inline, Self.audited(inline))
        == "[Page](https://p.example/x)\n\nShe said “we will not pay for storage that sits idle”[^verbatim-1]"
        + "\n\n[^verbatim-1]: verbatim: verified (exact)")
  }

  @Test("annotating an annotated note again changes nothing; new verdicts replace old ones")
  func idempotent() {
    let note = Self.bytes(
      "[Page](https://p.example/x)\n\n> The grid needs batteries that are measured in days, not hours.\n\n"
        + "She said “we will not pay for storage that sits idle” today.\n")
    let quotes = Self.audited(note)
    let once = NoteAnnotator.annotate(note, quotes: quotes)
    #expect(once != note)
    #expect(NoteAnnotator.annotate(once, quotes: quotes) == once)
    let altered = Self.audited(note) { _ in QuoteVerdict(status: .notFound, detail: "closest passage") }
    let again = String(decoding: NoteAnnotator.annotate(once, quotes: altered), as: UTF8.self)
    #expect(again.contains("> [!verbatim] verbatim: not-found (closest passage)\n"))
    #expect(again.hasSuffix("\n\n[^verbatim-1]: verbatim: not-found (closest passage)\n"))
    #expect(!again.contains("verified"))
  }

  @Test("quotes that were not checked get nothing; the text is escaped so it is never a link or a quote")
  func uncheckedAndEscaped() {
    let note = Self.bytes("She said “we will not pay for storage that sits idle” today.\n")
    let quotes = Self.audited(note) { _ in QuoteVerdict(status: .uncheckable, detail: "no source") }
    #expect(quotes.first?.quote.sourceKey == nil)
    #expect(NoteAnnotator.annotate(note, quotes: quotes) == note)
    #expect(
      NoteAnnotator.escape(
        "HTTP 410 at https://x.example/a_b — “gone” [sic] *now* %% ok www.y.example Ortiz's #tag\n")
        == "HTTP 410 at https:\\//x.example/a\\_b — &ldquo;gone&rdquo; \\[sic\\] \\*now\\* \\%\\% ok www\\.y.example "
        + "Ortiz's \\#tag ")
  }

  @Test("every example note: annotations are removed byte for byte, twice is once, and the harvest ignores them")
  func exampleVaultRoundTrip() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/vault")
    let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter {
      $0.hasSuffix(".md") && !$0.hasPrefix(".")
    }
    #expect(paths.count == 6)
    let statuses: [QuoteVerdict.Status] = [.verified, .altered, .notFound, .outsideArticle, .uncheckable, .spliced]
    var annotatedQuotes = 0
    for path in paths {
      let original = try [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
      let crlf = Self.bytes(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
      let variants = [original, crlf, [0xEF, 0xBB, 0xBF] + original, Array(original.dropLast())]
      for note in variants {
        var k = 0
        let quotes = Self.audited(note, path: path) { _ in
          k += 1
          return QuoteVerdict(status: statuses[k % statuses.count], detail: "detail \(k)")
        } annotations: { _ in
          QuoteAnnotations(
            speaker: "Jo O'Neil", speakerID: nil,
            affiliations: [Affiliation(organisation: "Acme [Group]", role: nil, provenance: "page")],
            conflicts: [Conflict(kind: .selfInterest, summary: "the quote is about “Acme”", evidence: [])],
            noRegistryData: false)
        }
        let annotated = NoteAnnotator.annotate(note, quotes: quotes)
        #expect(NoteAnnotator.remove(annotated) == note, "\(path)")
        #expect(NoteAnnotator.annotate(annotated, quotes: quotes) == annotated, "\(path)")
        let before = NoteHarvester.harvest(path: path, bytes: note)
        let after = NoteHarvester.harvest(path: path, bytes: annotated)
        #expect(after.quotes.map(\.text) == before.quotes.map(\.text), "\(path)")
        #expect(after.quotes.map(\.source) == before.quotes.map(\.source), "\(path)")
        #expect(after.links.map(\.url) == before.links.map(\.url), "\(path)")
        annotatedQuotes += String(decoding: annotated, as: UTF8.self).components(separatedBy: "verbatim: ").count - 1
      }
    }
    #expect(annotatedQuotes > 60)
  }

  @Test("random notes made of quote, link and line-ending pieces round-trip")
  func randomNotes() {
    let pieces = [
      "> ", "“", "”", "\"", "'", "[^1]", "[a](https://x.example/p#:~:text=storage%20fell%20below%20ten)", "\n",
      "\r\n",
      " the grid needs batteries measured in days ", "- ", "  ", "%%", "`", "]", "(", ")", "---\n", "# ", "\t",
      "[^1]: see https://y.example/a\n", "é", "> [!quote] [S](https://s.example/q)\n", "— Jo Doe, Acme\n", "\n\n",
      "«",
      "»", "[src](https://z.example/r)", "1. ", "> > ",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var changed = 0
    for _ in 0..<400 {
      var text = next(8) == 0 ? "\u{FEFF}" : ""
      for _ in 0..<(5 + next(60)) { text += pieces[next(pieces.count)] }
      let note = Self.bytes(text)
      let quotes = Self.audited(note)
      let once = NoteAnnotator.annotate(note, quotes: quotes)
      #expect(NoteAnnotator.remove(once) == note, "\(text.debugDescription)")
      #expect(NoteAnnotator.annotate(once, quotes: quotes) == once, "\(text.debugDescription)")
      if once != note { changed += 1 }
    }
    #expect(changed > 200, "\(changed)")
  }

  @Test("unified diff: hunks with 3 lines of context, counts of 1 without `,1`, a missing final newline marked")
  func unifiedDiff() {
    let old = Self.bytes("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n")
    let new = Self.bytes("one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven")
    #expect(
      NoteAnnotator.unifiedDiff(old: old, new: new, path: "Notes/a b.md") == """
        --- a/Notes/a b.md
        +++ b/Notes/a b.md
        @@ -1,5 +1,5 @@
         one
        -two
        +TWO
         three
         four
         five
        @@ -8,3 +8,4 @@
         eight
         nine
         ten
        +eleven
        \\ No newline at end of file

        """)
    #expect(NoteAnnotator.unifiedDiff(old: old, new: old, path: "a.md") == "")
    #expect(
      NoteAnnotator.unifiedDiff(old: [], new: Self.bytes("x\n"), path: "a.md")
        == "--- a/a.md\n+++ b/a.md\n@@ -0,0 +1 @@\n+x\n")
  }
}
