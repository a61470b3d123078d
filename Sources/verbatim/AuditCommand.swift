import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim audit`: harvest → fetch (cached, archived) → extract → verify → report.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check every quote and link of a vault against its sources, and report.",
    discussion: """
      Formats: text (default), json (docs/audit.md), markdown, html, junit, sarif.
      Exit codes: 0 nothing at or above --fail-on was found, 1 something was, 2 usage or configuration error,
      3 internal failure.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html, junit, sarif }

  @Argument(help: "Vault folder (or one note).", completion: .directory)
  var vault: String = "."
  @Option(help: "Output format: text, json, markdown, html, junit or sarif.")
  var format: Format = .text
  @Option(help: "Write the report to this file (atomically) instead of standard output.")
  var output: String?
  @Option(help: "Audit only the notes whose vault-relative path matches this glob (repeatable; * ** ?).")
  var notes: [String] = []
  @Option(
    name: .customLong("fail-on"),
    help:
      "Findings that fail the audit: none, or a list of material, altered, not-found, spliced, outside-article, uncheckable, dead-link, unreachable, conflict."
  )
  var failOn: String = "material,not-found,dead-link"
  @Flag(help: "Indent JSON output.")
  var pretty = false
  @Option(help: "The registry of people and organisations (default: VAULT/Sources.yml, else ./Sources.yml).")
  var sources: String?
  @OptionGroup var options: FetchOptions

  func run() async throws {
    let policy: FailurePolicy
    switch FailurePolicy.parse(failOn) {
    case .success(let parsed): policy = parsed
    case .failure(let error): throw UsageFailure(message: error.description)
    }
    let configuration = try options.configuration()
    let timing = Timing(enabled: ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil)
    let harvest = try Self.harvest(vault: vault, notes: notes)
    timing.mark("harvest")
    let registry = try Self.registry(sources, vault: vault)
    let report = try await Self.audit(
      harvest, vault: vault, options: options, configuration: configuration, registry: registry)
    let rendered: String
    switch format {
    case .json:
      // Streamed: a large vault's JSON report is never held whole in memory.
      if let output {
        try OutputFile.write(to: output, what: "the report") { sink in AuditJSON.write(report, pretty: pretty, to: sink) }
      } else {
        AuditJSON.write(report, pretty: pretty) { Output.write(bytes: $0) }
      }
      timing.mark("report")
      throw ExitCode(policy.fails(report) ? 1 : 0)
    case .text:
      let colour = output == nil && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      rendered = AuditText.render(report, policy: policy, colour: colour)
    case .markdown: rendered = AuditMarkdown.render(report, policy: policy)
    case .html: rendered = AuditHTML.render(report, policy: policy)
    case .junit: rendered = AuditJUnit.render(report, policy: policy)
    case .sarif: rendered = AuditSARIF.render(report, policy: policy)
    }
    if let output {
      try OutputFile.write(Array(rendered.utf8), to: output, what: "the report")
    } else {
      Output.write(bytes: Array(rendered.utf8)[...])
    }
    timing.mark("report")
    throw ExitCode(policy.fails(report) ? 1 : 0)
  }
}

/// The audit's pipeline up to the report, shared with `verbatim annotate` so both see the same verdicts.
extension AuditCommand {
  /// The vault's harvest, narrowed to the notes matching `notes` (all when empty).
  static func harvest(vault: String, notes: [String]) throws -> VaultHarvest {
    var harvest: VaultHarvest
    do {
      harvest = try Harvester.harvest(vault: vault)
    } catch {
      throw UsageFailure(message: error.description)
    }
    if !notes.isEmpty {
      let globs = notes.map(NoteGlob.init)
      harvest.notes = harvest.notes.filter { note in globs.contains { $0.matches(note.path) } }
    }
    return harvest
  }

  /// Fetches every source the harvest cites (cached, archived) and checks every quote against its page.
  /// `noteBytes`: the bytes each note was harvested from, when they are not the file's (annotate strips its
  /// own annotations first), so the conflict rule reads the same lines the positions point at.
  static func audit(
    _ harvest: VaultHarvest, vault: String, options: FetchOptions, configuration: FetchConfiguration,
    registry: Registry?, noteBytes: [String: [UInt8]] = [:]
  ) async throws -> AuditReport {
    try await audit(
      harvest, store: StoreLocation.open(options.store, vault: vault), options: options,
      configuration: configuration, registry: registry, noteBytes: noteBytes)
  }

  /// The same, with the evidence store already open (`verbatim bib` keeps its citation keys there).
  static func audit(
    _ harvest: VaultHarvest, store: EvidenceStore, options: FetchOptions, configuration: FetchConfiguration,
    registry: Registry?, noteBytes: [String: [UInt8]] = [:]
  ) async throws -> AuditReport {
    let timing = Timing(enabled: ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil)
    let sources = SourceRequest.sources(of: harvest)
    // A pipeline: each source is extracted and checked as soon as its fetch is final.
    let checks = SourceChecks(harvest: harvest, store: store)
    let outcomes = await options.fetch(sources, configuration: configuration, store: store, onOutcome: checks.submit)
    timing.mark("fetch (\(sources.count) sources; checking meanwhile)")
    let checked = await checks.finish(outcomes)
    timing.mark("the remaining checks")
    let report = Auditor.audit(
      harvest: harvest, outcomes: outcomes, store: store, registry: registry, noteBytes: noteBytes, checked: checked)
    timing.mark("report assembled (\(report.quotes.count) quotes)")
    return report
  }

  /// The registry: `--sources FILE`, else `Sources.yml` at the vault's root or in the current folder, else
  /// none ("no registry data"). A registry with problems is a configuration error (exit 2), each problem
  /// printed with its file, line and column.
  static func registry(_ explicit: String?, vault: String) throws -> Registry? {
    let path: String
    if let explicit {
      path = explicit
    } else if let found = try? SourcesFile.locate(nil, vault: vault) {
      path = found
    } else {
      return nil
    }
    switch RegistryLoader.load(path: path) {
    case .success(let registry): return registry
    case .failure(let errors):
      Output.error(errors.description + "\n")
      throw ExitCode(2)
    }
  }
}

/// A file a command writes instead of standard output.
enum OutputFile {
  /// Writes `bytes` to `path` atomically (a temporary file, then a rename); a failure is a usage error
  /// naming the file and `what` was being written.
  static func write(_ bytes: [UInt8], to path: String, what: String) throws {
    try write(to: path, what: what) { sink in sink(bytes[...]) }
  }

  /// Writes what `body` hands its sink, piece by piece, into a temporary file beside `path`, renamed over
  /// `path` when complete: readers see the old file or the whole new one, never a part.
  static func write(to path: String, what: String, body: ((ArraySlice<UInt8>) -> Void) -> Void) throws {
    let target = URL(fileURLWithPath: path)
    let temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).verbatim-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    func failure(_ reason: String) -> UsageFailure {
      UsageFailure(message: "\(path): cannot write \(what): \(reason)")
    }
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
    var error: Int32 = 0
    body { piece in
      guard error == 0 else { return }
      error = writeAll(fd, piece)
    }
    if error == 0, fsync(fd) != 0 { error = errno }
    close(fd)
    if error == 0, rename(temporary.path, target.path) != 0 { error = errno }
    if error != 0 {
      unlink(temporary.path)
      throw failure(String(cString: strerror(error)))
    }
  }
}
