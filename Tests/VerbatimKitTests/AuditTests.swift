import Foundation
import Synchronization
import Testing
import VerbatimTestSupport

@testable import VerbatimKit

/// The audit end to end in the library: a vault on disk citing pages served by the loopback server,
/// fetched and archived for real, then extracted and checked.
@Suite("Audit")
struct AuditTests {
  static let article = """
    <html><head><title>Storage should be boring</title><meta name="author" content="Mira Castellanos"></head>
    <body><article><h1>Storage should be boring</h1>
    <p>Utilities have spent a decade treating grid batteries as a technology bet, and the bet has not paid.</p>
    <p>A battery between a wind farm and a city is infrastructure, bought on measured performance over 7-10 years.</p>
    </article></body></html>
    """

  /// Writes `notes` (path → Markdown) into a fresh vault, serves the article at `/essay` and nothing at
  /// `/gone`, and audits the vault.
  static func audit(_ notes: [String: String]) async throws -> AuditReport {
    try await FetchHarness.with { h in
      h.server.route("/essay") { _ in .html(Self.article) }
      h.server.route("/gone") { _ in .html("<html><body>gone</body></html>", status: 404) }
      let vault = h.directory.appendingPathComponent("vault", isDirectory: true)
      for (path, text) in notes {
        let file = vault.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.replacingOccurrences(of: "BASE", with: h.server.url("")).utf8).write(to: file)
      }
      let harvest = try Harvester.harvest(vault: vault.path)
      let outcomes = try await h.fetch(SourceRequest.sources(of: harvest))
      return Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store)
    }
  }

  static let note = """
    [Essay](BASE/essay)

    > "Utilities have spent a decade treating grid batteries as a technology bet, and the bet has not paid."

    She wrote that "a battery between a wind farm and a city is infrastructure, bought on measured performance over
    2-3 years" and that
    "solar panels are the only thing utilities understand" ([essay](BASE/essay)).


    A dead link: [old post](BASE/gone) says "this page has been removed by its author".
    """

  @Test("each quote gets the verdict of the page it is attributed to, with the page's metadata")
  func verdictsAndMetadata() async throws {
    let report = try await Self.audit(["Energy/essay.md": Self.note])
    let verdicts = report.quotes.map { ($0.quote.start.line, $0.verdict.status) }
    #expect(
      verdicts.map(\.1) == [.verified, .altered, .notFound, .uncheckable],
      "\(report.quotes.map { ($0.quote.text, $0.verdict.status, $0.verdict.detail) })")
    #expect(verdicts.map(\.0) == [3, 5, 7, 10])
    let altered = report.quotes[1].verdict
    #expect(altered.edits.contains { $0.isMaterial && $0.classes.contains("number") })
    let essay = try #require(report.sources.first { $0.url.hasSuffix("/essay") })
    #expect(essay.title == "Storage should be boring")
    #expect(essay.authors.map(\.name) == ["Mira Castellanos"])
    #expect(essay.sha256?.count == 64)
    #expect(essay.citedBy.map(\.line) == [1, 7])
    let gone = try #require(report.sources.first { $0.url.hasSuffix("/gone") })
    #expect(gone.isDead)
    #expect(report.quotes[3].verdict.detail.hasPrefix("dead"))
    let s = report.summary
    let counts: [Int] = [
      s.notes, s.sources, s.quotes, s.verified, s.altered, s.material, s.notFound, s.uncheckable, s.deadLinks,
    ]
    #expect(counts == [1, 2, 4, 1, 1, 1, 1, 1, 1])
    #expect(FailurePolicy.standard.fails(report))
  }

  @Test("a verified quote from a web source carries a text-fragment link to its words")
  func fragmentLink() async throws {
    let report = try await Self.audit(["n.md": Self.note])
    let url = try #require(report.quotes.first?.fragmentURL)
    #expect(
      url.hasSuffix(
        "/essay#:~:text=Utilities%20have%20spent%20a%20decade%20treating%20grid%20batteries%20as%20a%20technology%20bet%2C%20and%20the%20bet%20has%20not%20paid."
      ))
  }

  @Test("the JSON report is one object with the documented top-level keys and counts")
  func json() async throws {
    let report = try await Self.audit(["n.md": Self.note])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(AuditJSON.render(report))) as? [String: Any])
    #expect(
      Set(object.keys) == ["schema", "generated_at", "vault", "notes", "summary", "sources", "quotes", "diagnostics"])
    #expect(object["notes"] as? [String] == ["n.md"])
    let anchor = try #require((object["quotes"] as? [[String: Any]])?.first?["anchor"] as? [String: Any])
    #expect(
      anchor["exact"] as? String
        == "Utilities have spent a decade treating grid batteries as a technology bet, and the bet has not paid.")
    #expect(object["schema"] as? Int == 1)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["verified"] == 1 && summary["dead_links"] == 1 && summary["altered_material"] == 1)
    let quotes = try #require(object["quotes"] as? [[String: Any]])
    #expect(quotes.map { $0["verdict"] as? String } == ["verified", "altered", "not-found", "uncheckable"])
    let differences = try #require(quotes[1]["differences"] as? [[String: Any]])
    #expect(differences.contains { $0["class"] as? String == "number" && $0["note"] as? String == "2 3" })
  }
}

@Suite("Audit annotations")
struct AuditAnnotationTests {
  static let essay = """
    <html><head><title>Why iron-air wins</title><meta name="author" content="Mira Castellanos"></head>
    <body><article><h1>Why iron-air wins</h1>
    <p>Voltaic Systems builds excellent batteries for a market that is about to shrink.</p>
    <p>Iron, water and air are the cheapest materials any battery chemistry has ever been built from.</p>
    </article></body></html>
    """

  @Test("the seed's case end to end: the page's author, the registry's ties, a competitor named in the quote")
  func competitorConflict() async throws {
    try await FetchHarness.with { h in
      h.server.route("/essay") { _ in .html(Self.essay) }
      let vault = h.directory.appendingPathComponent("vault", isDirectory: true)
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      let note = """
        [Essay](BASE/essay)

        ## About the competition
        "Voltaic Systems builds excellent batteries for a market that is about to shrink"

        "Iron, water and air are the cheapest materials any battery chemistry has ever been built from"
        """
      try Data(note.replacingOccurrences(of: "BASE", with: h.server.url("")).utf8).write(
        to: vault.appendingPathComponent("n.md"))
      let harvest = try Harvester.harvest(vault: vault.path)
      let outcomes = try await h.fetch(SourceRequest.sources(of: harvest))
      let report = Auditor.audit(
        harvest: harvest, outcomes: outcomes, store: h.store, registry: ConflictRuleTests.registry)
      #expect(report.quotes.map(\.verdict.status) == [.verified, .verified])
      let first = report.quotes[0].annotations
      #expect(first.speaker == "Mira Castellanos")
      #expect(first.speakerID == "p-mira")
      #expect(first.conflicts.map(\.kind) == [.competitor])
      // The second quote names nobody, and the page is not on a registry domain (it is on loopback).
      #expect(report.quotes[1].annotations.conflicts.isEmpty)
      #expect(report.summary.conflicts == 1)
      #expect(FailurePolicy(triggers: [.conflict]).fails(report))
      #expect(!FailurePolicy(triggers: [.conflict]).fails(report.quotes[1]))
      let json = try #require(try JSONSerialization.jsonObject(with: Data(AuditJSON.render(report))) as? [String: Any])
      let annotations = try #require((json["quotes"] as? [[String: Any]])?.first?["annotations"] as? [String: Any])
      let conflicts = try #require(annotations["conflicts"] as? [[String: Any]])
      #expect(conflicts.first?["kind"] as? String == "competitor")
      #expect((conflicts.first?["evidence"] as? [String])?.count == 3)
      #expect(
        AuditText.render(report).contains(
          "conflict: competitor — Halvard Energy, the speaker's organisation, competes with Voltaic Systems"))
    }
  }
}

@Suite("Audit cache")
struct AuditCacheTests {
  @Test("a second audit of an unchanged vault takes page facts and verdicts from the ledger")
  func reauditUsesTheLedger() async throws {
    try await FetchHarness.with { h in
      h.server.route("/essay") { _ in .html(AuditTests.article) }
      let vault = h.directory.appendingPathComponent("vault", isDirectory: true)
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      let note = "[Essay](BASE/essay)\n\n> Utilities have spent a decade treating grid batteries as a technology bet.\n"
      try Data(note.replacingOccurrences(of: "BASE", with: h.server.url("")).utf8).write(
        to: vault.appendingPathComponent("n.md"))
      let harvest = try Harvester.harvest(vault: vault.path)
      let outcomes = try await h.fetch(SourceRequest.sources(of: harvest))
      let first = Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store)
      #expect(first.quotes.map(\.verdict.status) == [.verified])
      let sha = try #require(outcomes.first?.sha256)
      let stored = try h.store.ledger.results(sha256: sha, tool: AuditCache.version)
      #expect(Set(stored.keys) == ["page", AuditCache.item(harvest.quotes[0])])
      // Tamper with the stored verdict: the next audit must report what the ledger says.
      let tampered = #"{"detail":"from the ledger","differences":[],"edits":[],"occurrences":0,"status":"not-found"}"#
      try h.store.ledger.record(
        results: [(AuditCache.item(harvest.quotes[0]), tampered)], sha256: sha, tool: AuditCache.version)
      let second = Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store)
      #expect(second.quotes.map(\.verdict.detail) == ["from the ledger"])
      #expect(second.sources.first?.title == "Storage should be boring")
    }
  }

  @Test("after an edit adds a quote, only the new quote is verified; the others keep their stored verdicts")
  func editedNoteVerifiesOnlyItsNewQuote() async throws {
    try await FetchHarness.with { h in
      h.server.route("/essay") { _ in .html(AuditTests.article) }
      let vault = h.directory.appendingPathComponent("vault", isDirectory: true)
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      let file = vault.appendingPathComponent("n.md")
      let before = "[Essay](BASE/essay)\n\n> Utilities have spent a decade treating grid batteries as a technology bet.\n"
        .replacingOccurrences(of: "BASE", with: h.server.url(""))
      try Data(before.utf8).write(to: file)
      let harvest = try Harvester.harvest(vault: vault.path)
      let outcomes = try await h.fetch(SourceRequest.sources(of: harvest))
      _ = Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store)
      let sha = try #require(outcomes.first?.sha256)
      let tampered = #"{"detail":"from the ledger","differences":[],"edits":[],"occurrences":0,"status":"not-found"}"#
      try h.store.ledger.record(
        results: [(AuditCache.item(harvest.quotes[0]), tampered)], sha256: sha, tool: AuditCache.version)
      // The edit adds a second quote from the same page (one altered word).
      try Data((before + "\n> A battery between a wind farm and a town is infrastructure.\n").utf8).write(to: file)
      let edited = try Harvester.harvest(vault: vault.path)
      #expect(edited.quotes.count == 2)
      let report = Auditor.audit(harvest: edited, outcomes: outcomes, store: h.store)
      #expect(report.quotes.map(\.verdict.detail).first == "from the ledger")
      #expect(report.quotes.map(\.verdict.status) == [.notFound, .altered])
      #expect(report.sources.first?.title == "Storage should be boring")
      #expect(report.sources.first?.authors.map(\.name) == ["Mira Castellanos"])
      let stored = try h.store.ledger.results(sha256: sha, tool: AuditCache.version)
      #expect(Set(stored.keys) == ["page", AuditCache.item(edited.quotes[0]), AuditCache.item(edited.quotes[1])])
      #expect(stored[AuditCache.item(edited.quotes[0])] == tampered)
    }
  }
}

@Suite("Audit options")
struct AuditOptionTests {
  @Test("note globs: * within a folder, ** across folders, bare patterns match file names anywhere")
  func globs() {
    #expect(NoteGlob("Energy/*").matches("Energy/essay.md"))
    #expect(!NoteGlob("Energy/*").matches("Energy/2026/essay.md"))
    #expect(NoteGlob("Energy/**").matches("Energy/2026/essay.md"))
    #expect(NoteGlob("**/essay.md").matches("essay.md"))
    #expect(NoteGlob("*interview*").matches("Interviews/Lena Ortiz interview.md"))
    #expect(!NoteGlob("*interview*").matches("Reading list.md"))
    #expect(NoteGlob("n?te.md").matches("note.md"))
  }

  @Test("fail-on lists parse, and unknown words are usage errors naming the word")
  func failOn() throws {
    #expect(try FailurePolicy.parse("material, dead-link").get().triggers == [.material, .deadLink])
    #expect(try FailurePolicy.parse("none").get().triggers.isEmpty)
    switch FailurePolicy.parse("material,typos") {
    case .success: Issue.record("typos is not a trigger")
    case .failure(let error): #expect(error.description.contains("'typos'"))
    }
  }

  @Test("checking sources while the others are fetched (the pipeline) gives the same report as checking after")
  func pipelineMatchesStages() async throws {
    try await FetchHarness.with { h in
      let vault = h.directory.appendingPathComponent("vault", isDirectory: true)
      try FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
      for i in 0..<24 {
        h.server.route("/page\(i)") { _ in .html(AuditTests.article.replacingOccurrences(of: "a decade", with: "\(i) years")) }
        let note = """
          [Page](\(h.server.url("/page\(i)")))

          > "Utilities have spent \(i) years treating grid batteries as a technology bet, and the bet has not paid."

          It says "a battery between a wind farm and a city is infrastructure" and "wind farms are always cheap".
          """
        try Data(note.utf8).write(to: vault.appendingPathComponent("note\(i).md"))
      }
      let harvest = try Harvester.harvest(vault: vault.path)
      let sources = SourceRequest.sources(of: harvest)
      #expect(sources.allSatisfy { URLIdentity($0.fetchURL).host == "127.0.0.1" })
      let checks = SourceChecks(harvest: harvest, store: h.store)
      let submitted = Mutex(0)
      let outcomes = await h.fetcher().fetch(sources, onOutcome: { index, outcome in
        submitted.withLock { $0 += 1 }
        checks.submit(index, outcome)
      })
      let checked = await checks.finish(outcomes)
      #expect(submitted.withLock { $0 } == 24)
      let piped = Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store, checked: checked)
      let staged = Auditor.audit(harvest: harvest, outcomes: outcomes, store: h.store)
      let verdicts = { (r: AuditReport) in r.quotes.map { "\($0.quote.id) \($0.verdict.status) \($0.verdict.detail)" } }
      #expect(verdicts(piped) == verdicts(staged))
      #expect(Set(piped.quotes.map(\.verdict.status)) == [.verified, .notFound])
      #expect(piped.sources.map(\.title) == staged.sources.map(\.title))
      #expect(piped.sources.map(\.key) == sources.map(\.key))
    }
  }
}
