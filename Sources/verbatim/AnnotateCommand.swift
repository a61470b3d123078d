import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim annotate`: the audit's verdict written beside each quote, in the note itself.
///
/// Exists so findings live where the quote is read. It changes nothing unless asked: without `--write` it
/// prints the unified diff of what it would change; with it, each note is replaced atomically, and only if
/// its bytes are still the ones that were read.
struct AnnotateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "annotate",
    abstract: "Write each quote's verdict beside it in the note (a diff unless --write).",
    discussion: """
      Blockquotes get a `> [!verbatim] …` callout after them; inline quotes and text
      fragments a `[^verbatim-N]` footnote defined at the end of the note. Running it
      again replaces the old annotations.
      Without --write: prints the unified diff of each note that would change.
      With --write: replaces each changed note atomically, keeping its permissions,
      only if it is unchanged since it was read.
      --remove takes the annotations out instead (no audit, no network).
      Exit codes: 0 done (with or without differences), 1 a note was not written,
      2 usage or configuration error, 3 internal failure.
      """)

  @Argument(help: "Vault folder (or one note).", completion: .directory)
  var vault: String = "."
  @Flag(help: "Write the changes (atomically) instead of printing their diff.")
  var write = false
  @Flag(help: "Remove Verbatim's annotations instead of adding them (no audit, no network).")
  var remove = false
  @Option(help: "Annotate only the notes whose vault-relative path matches this glob (repeatable; * ** ?).")
  var notes: [String] = []
  @Option(help: "The registry of people and organisations (default: VAULT/Sources.yml, else ./Sources.yml).")
  var sources: String?
  @OptionGroup var options: FetchOptions

  func run() async throws {
    let configuration = remove ? nil : try options.configuration()
    var harvest = try AuditCommand.harvest(vault: vault, notes: notes)
    var isDirectory: ObjCBool = false
    let isFolder = FileManager.default.fileExists(atPath: vault, isDirectory: &isDirectory) && isDirectory.boolValue
    func file(_ note: String) -> String { isFolder ? vault + "/" + note : vault }
    // The bytes each note has now. The audit below harvests exactly these (without any old annotations, so
    // they never sway a verdict), and no note is written unless it still has them.
    var read: [(path: String, bytes: [UInt8])] = []
    var harvested: [NoteHarvest] = []
    var stripped: [String: [UInt8]] = [:]
    for note in harvest.notes {
      guard let bytes = NoteFile.read(file(note.path)) else {
        // A name that is not UTF-8 or holds a control character is shown escaped (`\xFF`, `\n`); the
        // harvest reads it by its bytes, but annotate writes by name and cannot reach it yet.
        let why =
          note.path.contains("\\")
          ? "its name is not UTF-8 text or holds a control character (shown escaped), which annotate cannot write yet; the audit still checks it"
          : "cannot read"
        FileHandle.standardError.write(Data("verbatim: \(note.path): \(why); skipped\n".utf8))
        continue
      }
      read.append((note.path, bytes))
      if !remove {
        stripped[note.path] = NoteAnnotator.remove(bytes)
        harvested.append(NoteHarvester.harvest(path: note.path, bytes: stripped[note.path]!))
      }
    }
    var changes: [(path: String, old: [UInt8], new: [UInt8])] = []
    if let configuration {
      harvest.notes = harvested
      let registry = try AuditCommand.registry(sources, vault: vault)
      let report = try await AuditCommand.audit(
        harvest, vault: vault, options: options, configuration: configuration, registry: registry,
        noteBytes: stripped)
      let quotes = Dictionary(grouping: report.quotes, by: \.quote.note)
      changes = read.map { ($0.path, $0.bytes, NoteAnnotator.annotate($0.bytes, quotes: quotes[$0.path] ?? [])) }
    } else {
      changes = read.map { ($0.path, $0.bytes, NoteAnnotator.remove($0.bytes)) }
    }
    changes.removeAll { $0.old == $0.new }
    guard write else {
      for change in changes {
        Output.write(
          bytes: Array(NoteAnnotator.unifiedDiff(old: change.old, new: change.new, path: change.path).utf8)[...])
      }
      return
    }
    // Temporary files an interrupted `--write` left beside the notes (never harvested: not `*.md`).
    for folder in Set(read.map { ((file($0.path)) as NSString).deletingLastPathComponent }) {
      NoteFile.removeAbandonedTemporaries(in: folder.isEmpty ? "." : folder)
    }
    var unwritten = false
    for change in changes {
      switch NoteFile.replace(file(change.path), with: change.new, ifStill: change.old) {
      case .written:
        Output.write("wrote \(change.path)\n")
      case .changed:
        FileHandle.standardError.write(Data("\(change.path): changed since it was read; not written\n".utf8))
        unwritten = true
      case .failed(let reason):
        FileHandle.standardError.write(Data("\(change.path): cannot write: \(reason); not written\n".utf8))
        unwritten = true
      }
    }
    if unwritten { throw ExitCode(1) }
  }
}
