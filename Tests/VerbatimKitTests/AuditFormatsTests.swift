import Foundation
import Testing

@testable import VerbatimKit

/// The audit's human and CI formats (Markdown, HTML, JUnit, SARIF) over one hand-made report: two notes, a quote
/// of each verdict that matters, a healthy source with authors and a dead one.
@Suite("Audit formats")
struct AuditFormatsTests {
  static let essayNote = """
    # Storage

    "utilities have spent a decade treating grid batteries as a technology bet" ([essay](https://pw.example/essay)).

    He concluded that "the bet has never paid for ratepayers in any market" ([essay](https://pw.example/essay)).

    And that "storage is cheap | *always* ready for [the] grid" ([essay](https://pw.example/essay)).

    So-called "green" batteries ([essay](https://pw.example/essay)).
    """

  static let interviewNote = """
    Ortiz: "we will not pay for storage that sits idle eleven months a year" ([interview](https://gone.example/ortiz)).

    She added "public utilities should never buy technology on a vendor's word" ([notes](https://gone.example/ortiz)).
    """

  static let essayPath = "Research/Storage essay.md"
  static let interviewPath = "Interviews/Ortiz & Co.md"
  static let injection = "<script>alert('x')</script>"

  /// The report every test renders.
  static let report: AuditReport = {
    let essay = NoteHarvester.harvest(path: essayPath, bytes: Array(essayNote.utf8)).quotes
    let interview = NoteHarvester.harvest(path: interviewPath, bytes: Array(interviewNote.utf8)).quotes
    precondition(essay.count == 4 && interview.count == 2, "harvest: \(essay.map(\.text)) \(interview.map(\.text))")

    var verified = QuoteVerdict(status: .verified, detail: "typographic")
    verified.differences = ["quotes", "case"]
    verified.view = .main
    verified.passage = "Utilities have spent a decade treating grid batteries as a technology bet"

    var altered = QuoteVerdict(status: .altered, detail: "material")
    altered.view = .main
    altered.passage = "the bet has not paid for ratepayers in any market"
    altered.edits = [
      QuoteEdit(
        kind: "substitution", quoteWords: ["never"], pageWords: ["not"], classes: ["negation"], isMaterial: true),
      QuoteEdit(kind: "deletion", quoteWords: [], pageWords: ["so", "far"], classes: ["other"], isMaterial: false),
    ]

    var notFound = QuoteVerdict(status: .notFound, detail: "closest passage")
    notFound.view = .main
    notFound.passage = "Storage is expensive " + injection + " and rarely ready"

    var quotes = [
      AuditedQuote(quote: essay[0], verdict: verified, fragmentURL: "https://pw.example/essay#:~:text=Utilities"),
      AuditedQuote(quote: essay[1], verdict: altered, fragmentURL: nil),
      AuditedQuote(quote: essay[2], verdict: notFound, fragmentURL: "javascript:alert(2)"),
      AuditedQuote(quote: essay[3], verdict: QuoteVerdict(status: .tooShort, detail: "fewer than 4 words")),
      AuditedQuote(quote: interview[0], verdict: QuoteVerdict(status: .uncheckable, detail: "dead: HTTP 404")),
      AuditedQuote(quote: interview[1], verdict: QuoteVerdict(status: .uncheckable, detail: "dead: HTTP 404")),
    ]
    // Markdown's special characters in a quote's words (the harvest drops emphasis markers: put them back).
    quotes[2].quote.text = "storage is cheap | *always* ready for [the] grid"
    // A quote attributed to a script URL, with a script in its words.
    quotes[5].quote.text = injection + " public utilities should never buy technology"
    quotes[5].quote.source = "javascript:alert(1)"
    quotes[5].quote.sourceKey = nil

    let healthy = AuditedSource(
      url: "https://pw.example/essay", key: essay[0].sourceKey ?? "", finalURL: "https://www.pw.example/essay",
      health: LinkHealth(.redirected, redirects: [.permanent], detail: "HTTP 301 → 200"), httpStatus: 200,
      redirects: [
        RedirectHop(url: "https://pw.example/essay", status: 301, location: "https://www.pw.example/essay")
      ],
      capturedAt: Date(timeIntervalSince1970: 1_780_000_000),
      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", title: "Storage should be boring",
      authors: [
        AuditedAuthor(
          name: "Mira Castellanos", isOrganisation: false,
          affiliations: [Affiliation(organisation: "Voltaic Storage", role: "chief-executive", provenance: "page")])
      ],
      date: "2026-03-14", siteName: "Halvard Journal", publisher: "Halvard Media", type: "news",
      citedBy: [.init(note: essayPath, line: 3), .init(note: essayPath, line: 5), .init(note: essayPath, line: 7)],
      unreadable: nil)
    let dead = AuditedSource(
      url: "https://gone.example/ortiz", key: interview[0].sourceKey ?? "", finalURL: "javascript:alert(3)",
      health: LinkHealth(.dead, detail: "HTTP 404"), httpStatus: 404, redirects: [], capturedAt: nil, sha256: nil,
      title: nil, authors: [], date: nil, siteName: nil, publisher: nil, type: nil,
      citedBy: [.init(note: interviewPath, line: 1), .init(note: interviewPath, line: 3)], unreadable: "HTTP 404")
    return AuditReport(
      generatedAt: Date(timeIntervalSince1970: 1_780_003_600), vault: "Examples/vault",
      notes: [essayPath, interviewPath],
      sources: [healthy, dead], quotes: quotes, diagnostics: [])
  }()

  @Test("the fixture has the verdicts and counts the formats are checked against")
  func fixture() {
    let s = Self.report.summary
    let counts: [Int] = [s.verified, s.altered, s.material, s.notFound, s.uncheckable, s.tooShort, s.deadLinks]
    #expect(counts == [1, 1, 1, 1, 2, 1, 1])
    #expect(Self.report.quotes.map(\.quote.start.line) == [3, 5, 7, 9, 1, 3])
    #expect(Self.report.source(of: Self.report.quotes[0])?.title == "Storage should be boring")
    #expect(Self.report.source(of: Self.report.quotes[4])?.isDead == true)
  }

  @Test("Markdown: summary counts, escaped quotes, edits as a word diff, dead links with where they are cited")
  func markdown() {
    let md = AuditMarkdown.render(Self.report)
    #expect(md.hasPrefix("# Verbatim audit: Examples/vault\n"))
    #expect(md.contains("**fails**"))
    #expect(md.contains("| ✅ Verified | 1 |"))
    #expect(md.contains("| ⚠️ Altered (material) | 1 (1) |"))
    #expect(md.contains("| ❌ Not found | 1 |"))
    #expect(md.contains("| ❔ Uncheckable | 2 |"))
    #expect(md.contains("| ▫️ Too short | 1 |"))
    #expect(md.contains("| 🔗 Dead links | 1 |"))
    #expect(md.contains("## Research/Storage essay.md"))
    #expect(md.contains("## Interviews/Ortiz &amp; Co.md"))
    #expect(md.contains("storage is cheap \\| \\*always\\* ready for \\[the\\] grid"), "\(md)")
    #expect(md.contains("note: ~~never~~ → page: **not** (negation) — **material**"))
    #expect(md.contains("note: (nothing) → page: **so far**"))
    let passage = "closest passage: “Storage is expensive \\<script\\>alert('x')\\</script\\> and rarely ready”"
    #expect(md.contains(passage))
    #expect(md.contains("[Storage should be boring](https://pw.example/essay)"))
    #expect(!md.contains("](javascript:"))
    #expect(!md.contains("green"), "too-short quotes are counted, not listed")
    #expect(md.contains("| ❌ | [https://gone.example/ortiz](https://gone.example/ortiz) | dead (HTTP 404) |"))
    #expect(md.contains("Interviews/Ortiz &amp; Co.md:1, Interviews/Ortiz &amp; Co.md:3"))
  }

  @Test("HTML: one self-contained document, balanced tags, everything escaped, only web URLs as links")
  func html() throws {
    let html = AuditHTML.render(Self.report)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(occurrences("<html", in: html) == 1)
    #expect(occurrences("</html>", in: html) == 1)
    for resource in [" src=", "<link", "<img", "<iframe", "@import", "url("] {
      #expect(!html.contains(resource), "external resource marker \(resource)")
    }
    #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    #expect(occurrences("<del>", in: html) == occurrences("</del>", in: html))
    #expect(occurrences("<ins>", in: html) == occurrences("</ins>", in: html))
    #expect(html.contains("<del>never</del>") && html.contains("<ins>not</ins>") && html.contains("<ins>so far</ins>"))
    #expect(occurrences("<script>", in: html) == 1, "only the report's own script")
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; public utilities"))
    #expect(html.contains("Storage is expensive &lt;script&gt;"))
    #expect(html.contains("Interviews/Ortiz &amp; Co.md"))
    let hrefs = attributeValues("href", in: html)
    #expect(!hrefs.isEmpty)
    for href in hrefs {
      #expect(href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("#"), "href \(href)")
    }
    #expect(!html.lowercased().contains("href=\"javascript"))
    #expect(hrefs.contains("https://pw.example/essay#:~:text=Utilities"))
    // Source card: authors with affiliations, capture and hash, health.
    #expect(html.contains("Mira Castellanos <span class=\"aff\">(Voltaic Storage, chief-executive — from the page)"))
    #expect(html.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
    #expect(html.contains("Dead · HTTP 404"))
    // The filters are hidden until the script shows them; every quote is a card with its verdict and note.
    #expect(html.contains("<nav id=\"filters\" class=\"filters\" hidden"))
    #expect(occurrences("class=\"card quote ", in: html) == 6)
    #expect(occurrences("data-verdict=\"uncheckable\" data-finding", in: html) == 2)
    #expect(!html.contains("class=\"conflicts\""), "no conflicts, no flag area")
    try expectBalanced(html)
  }

  @Test("JUnit: a suite per note and one for links, with counts that match the cases")
  func junit() throws {
    let xml = AuditJUnit.render(Self.report)
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
    #expect(xml.contains("tests=\"8\" failures=\"3\" errors=\"0\" skipped=\"3\""))
    #expect(xml.contains("name=\"Research/Storage essay.md\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\""))
    #expect(xml.contains("name=\"Interviews/Ortiz &amp; Co.md\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"2\""))
    #expect(xml.contains("name=\"links\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""))
    #expect(occurrences("<testcase ", in: xml) == 8)
    #expect(occurrences("<failure ", in: xml) == 3)
    #expect(occurrences("<skipped ", in: xml) == 3)
    #expect(xml.contains("type=\"altered-material\""))
    #expect(xml.contains("type=\"not-found\""))
    #expect(xml.contains("type=\"link-dead\""))
    #expect(xml.contains("name=\"line 5: the bet has never paid for ratepayers in any market\""))
    #expect(xml.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    try expectBalanced(xml)

    let lenient = AuditJUnit.render(Self.report, policy: FailurePolicy(triggers: []))
    #expect(lenient.contains("tests=\"8\" failures=\"0\" errors=\"0\" skipped=\"4\""))
    #expect(lenient.contains("<system-out>altered (material)"))
  }

  @Test("JUnit: control characters are left out, so the XML stays valid 1.0")
  func junitControlCharacters() {
    #expect(AuditJUnit.escape("a\u{0}b\u{1B}c\u{FFFF}d\te\nf") == "abcd&#9;e&#10;f")
    #expect(AuditJUnit.escape("a\u{7}b\nc", content: true) == "ab\nc")
  }

  @Test("SARIF: version 2.1.0, the rules, one result per finding and per dead citation, at the note's line")
  func sarif() throws {
    let text = AuditSARIF.render(Self.report)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(root["version"] as? String == "2.1.0")
    #expect((root["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
    let run = try #require((root["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "verbatim")
    let ruleIDs = (driver["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(
      ruleIDs == [
        "quote-altered", "quote-material", "quote-not-found", "quote-spliced", "quote-outside-article",
        "quote-uncheckable", "link-dead", "link-unreachable",
      ])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 6)
    func summary(_ r: [String: Any]) -> String {
      let location = ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
      let uri = (location["artifactLocation"] as? [String: Any])?["uri"] as? String ?? "?"
      let base = (location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String ?? "?"
      let line = (location["region"] as? [String: Any])?["startLine"] as? Int ?? 0
      return "\(r["ruleId"] as? String ?? "?") \(r["level"] as? String ?? "?") \(base)/\(uri):\(line)"
    }
    #expect(
      results.map(summary) == [
        "quote-material error %SRCROOT%/Research/Storage%20essay.md:5",
        "quote-not-found error %SRCROOT%/Research/Storage%20essay.md:7",
        "quote-uncheckable note %SRCROOT%/Interviews/Ortiz%20%26%20Co.md:1",
        "quote-uncheckable note %SRCROOT%/Interviews/Ortiz%20%26%20Co.md:3",
        "link-dead error %SRCROOT%/Interviews/Ortiz%20%26%20Co.md:1",
        "link-dead error %SRCROOT%/Interviews/Ortiz%20%26%20Co.md:3",
      ])
    let first = results[0]
    let region = try #require(
      ((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
        as? [String: Any])
    #expect(region["startColumn"] as? Int == Self.report.quotes[1].quote.start.column)
    #expect(region["endColumn"] as? Int == Self.report.quotes[1].quote.end.column + 1)
    let message = try #require((first["message"] as? [String: Any])?["text"] as? String)
    #expect(message.contains("note “never” → page “not” (negation, material)"))

    let lenient = AuditSARIF.render(Self.report, policy: FailurePolicy(triggers: []))
    #expect(!lenient.contains("\"error\""))
  }

  /// Writes every format of the fixture to `$VERBATIM_AUDIT_SAMPLE` (a folder), for looking at them by eye.
  @Test("sample files when asked", .enabled(if: ProcessInfo.processInfo.environment["VERBATIM_AUDIT_SAMPLE"] != nil))
  func writeSamples() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VERBATIM_AUDIT_SAMPLE"] ?? "/tmp")
    try Data(AuditHTML.render(Self.report).utf8).write(to: folder.appendingPathComponent("audit-sample.html"))
    try Data(AuditMarkdown.render(Self.report).utf8).write(to: folder.appendingPathComponent("audit-sample.md"))
    try Data(AuditJUnit.render(Self.report).utf8).write(to: folder.appendingPathComponent("audit-sample.xml"))
    try Data(AuditSARIF.render(Self.report).utf8).write(to: folder.appendingPathComponent("audit-sample.sarif"))
  }

  func occurrences(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The values of every `name="…"` attribute.
  func attributeValues(_ name: String, in html: String) -> [String] {
    html.components(separatedBy: " \(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
  }

  /// Every element closed in order (void elements and the `<!DOCTYPE>`/`<?xml?>` heads aside); the insides of
  /// `<script>` and `<style>` skipped.
  func expectBalanced(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "wbr"]
    var stack: [String] = []
    var rest = Substring(markup)
    while let open = rest.firstIndex(of: "<") {
      rest = rest[rest.index(after: open)...]
      if rest.hasPrefix("!") || rest.hasPrefix("?") { continue }
      let closing = rest.hasPrefix("/")
      if closing { rest = rest.dropFirst() }
      let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" }).lowercased()
      try #require(!name.isEmpty, "a bare < in the markup", sourceLocation: sourceLocation)
      let end = try #require(rest.firstIndex(of: ">"), sourceLocation: sourceLocation)
      let selfClosing = rest[..<end].hasSuffix("/")
      rest = rest[rest.index(after: end)...]
      if closing {
        try #require(
          stack.last == name, "</\(name)> closes <\(stack.last ?? "nothing")>", sourceLocation: sourceLocation)
        stack.removeLast()
      } else if !void.contains(name), !selfClosing {
        stack.append(name)
        if name == "script" || name == "style" {
          let close = try #require(rest.range(of: "</\(name)>"), sourceLocation: sourceLocation)
          rest = rest[close.lowerBound...]
        }
      }
    }
    #expect(stack.isEmpty, "unclosed: \(stack)", sourceLocation: sourceLocation)
  }

  @Test("report timestamps are ISO 8601 UTC, as ISO8601DateFormatter writes them")
  func timestamps() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    for seconds in [0, 1_780_000_000, 1_780_003_600.75, 951_782_400, 4_102_444_799.999, -86_400.5] {
      let date = Date(timeIntervalSince1970: seconds)
      #expect(JSONWriter.timestamp(date) == formatter.string(from: date), "\(seconds)")
    }
    #expect(JSONWriter.timestamp(Date(timeIntervalSince1970: 1_780_000_000)) == "2026-05-28T20:26:40Z")
  }

  @Test("a quote's source is found by key among many sources, the first source with the key winning")
  func sourceLookup() throws {
    var report = Self.report
    let quote = try #require(report.quotes.first { $0.sourceKey != nil })
    let original = try #require(report.source(of: quote))
    var copy = original
    copy.title = "a later duplicate"
    report.sources.append(copy)
    #expect(report.source(of: quote)?.title == original.title)
    report.sources.removeAll { $0.key == quote.sourceKey }
    #expect(report.source(of: quote) == nil)
  }

  @Test("a large JSON report, encoded in parallel batches, has every quote and source in order, as the indented one")
  func largeJSONInOrder() throws {
    var report = Self.report
    let quotes = report.quotes
    let sources = report.sources
    report.quotes = (0..<1_300).map { i in
      var q = quotes[i % quotes.count]
      q.quote.id = "q\(i)"
      return q
    }
    report.sources = (0..<700).map { i in
      var s = sources[i % sources.count]
      s.url += "?n=\(i)"
      return s
    }
    let compact = try #require(try JSONSerialization.jsonObject(with: Data(AuditJSON.render(report))) as? NSDictionary)
    let pretty = try #require(
      try JSONSerialization.jsonObject(with: Data(AuditJSON.render(report, pretty: true))) as? NSDictionary)
    #expect(compact == pretty)
    let ids = (compact["quotes"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == (0..<1_300).map { "q\($0)" })
    let urls = (compact["sources"] as? [[String: Any]])?.compactMap { $0["url"] as? String }
    #expect(urls?.count == 700)
    #expect(urls?.last?.hasSuffix("?n=699") == true)
  }
}
