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
    let harvest = try Self.harvest(vault: vault, notes: notes)
    let registry = try Self.registry(sources, vault: vault)
    let report = try await Self.audit(
      harvest, vault: vault, options: options, configuration: configuration, registry: registry)
    let rendered: [UInt8]
    switch format {
    case .json: rendered = AuditJSON.render(report, pretty: pretty)
    case .text:
      let colour = output == nil && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      rendered = Array(AuditText.render(report, policy: policy, colour: colour).utf8)
    case .markdown: rendered = Array(AuditMarkdown.render(report, policy: policy).utf8)
    case .html: rendered = Array(AuditHTML.render(report, policy: policy).utf8)
    case .junit: rendered = Array(AuditJUnit.render(report, policy: policy).utf8)
    case .sarif: rendered = Array(AuditSARIF.render(report, policy: policy).utf8)
    }
    if let output {
      try OutputFile.write(rendered, to: output, what: "the report")
    } else {
      Output.write(bytes: rendered[...])
    }
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
    let sources = SourceRequest.sources(of: harvest)
    let outcomes = await options.fetch(sources, configuration: configuration, store: store)
    return Auditor.audit(harvest: harvest, outcomes: outcomes, store: store, registry: registry, noteBytes: noteBytes)
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
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw UsageFailure(message: "\(path): cannot write \(what): \(error.localizedDescription)")
    }
  }
}
