import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim bib`: the bibliography of every source the vault cites, in a format pandoc, LaTeX, typst,
/// Zotero or a note can read.
struct BibCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bib",
    abstract: "Write the bibliography of the sources a vault cites.",
    discussion: """
      Formats: csl-json, biblatex, bibtex, ris, hayagriva, markdown (an APA-style list), or all (every format
      into the folder given by --output, as refs.json, refs.bib, refs.bibtex, refs.ris, refs.yml,
      references.md).
      Values come from Sources.yml `citations:` first, then the note's front matter (title, author,
      published, citekey, doi), then the page. Citation keys are issued once and kept in the store's
      citekeys.json: a key never changes for the same source. Warnings go to standard error.
      Exit codes: 0 written, 2 usage or configuration error, 3 internal failure.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case cslJSON = "csl-json"
    case biblatex, bibtex, ris, hayagriva, markdown, all
  }

  @Argument(help: "Vault folder (or one note).", completion: .directory)
  var vault: String = "."
  @Option(help: "csl-json, biblatex, bibtex, ris, hayagriva, markdown, or all.")
  var format: Format = .cslJSON
  @Option(help: "Write to this file (atomically) instead of standard output; with --format all, a folder.")
  var output: String?
  @Option(help: "Only the sources cited by notes whose vault-relative path matches this glob (repeatable).")
  var notes: [String] = []
  @Flag(name: .customLong("skip-unfetched"), help: "Leave out sources that could not be fetched.")
  var skipUnfetched = false
  @Option(help: "The registry of people, organisations and citation overrides (default: VAULT/Sources.yml).")
  var sources: String?
  @OptionGroup var options: FetchOptions

  func run() async throws {
    if format == .all, output == nil { throw UsageFailure(message: "--format all needs --output FOLDER") }
    let configuration = try options.configuration()
    var harvest = try AuditCommand.harvest(vault: vault, notes: notes)
    for i in harvest.notes.indices { harvest.notes[i].quotes = [] }  // a bibliography checks no quotes
    let registry = try AuditCommand.registry(sources, vault: vault)
    let store = try StoreLocation.open(options.store, vault: vault)
    let ledgerURL = store.directory.appendingPathComponent(CitationKeyLedger.fileName)
    var ledger: CitationKeyLedger
    do {
      ledger = try CitationKeyLedger.load(from: ledgerURL)
    } catch {
      throw UsageFailure(message: error.description)
    }
    let report = try await AuditCommand.audit(
      harvest, store: store, options: options, configuration: configuration, registry: nil)
    let (references, warnings) = Bibliography.references(
      report: report, harvest: harvest, registry: registry, ledger: &ledger,
      options: .init(skipUnfetched: skipUnfetched))
    for warning in warnings { Output.error("warning: \(warning)\n") }
    let formats: [Bibliography.Format] =
      format == .all ? Bibliography.Format.allCases : [Bibliography.Format(rawValue: format.rawValue)!]
    do {
      try ledger.save(to: ledgerURL)
    } catch {
      throw UsageFailure(message: error.description)
    }
    if format == .all, let output {
      try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    }
    for f in formats {
      let text = Bibliography.render(references, as: f)
      if let output {
        let path = format == .all ? URL(fileURLWithPath: output).appendingPathComponent(f.fileName).path : output
        try OutputFile.write(Array(text.utf8), to: path, what: "the bibliography")
      } else {
        Output.write(text)
      }
    }
    if output != nil {
      Output.error("\(references.count) \(references.count == 1 ? "entry" : "entries") written\n")
    }
  }
}
