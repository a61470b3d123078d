import ArgumentParser
import Foundation
import VerbatimKit

/// Where the evidence store lives: `--store DIR`, else `VAULT/.verbatim`.
enum StoreLocation {
  static func open(_ store: String?, vault: String) throws -> EvidenceStore {
    let directory: URL
    if let store {
      directory = URL(fileURLWithPath: store)
    } else {
      var isDirectory: ObjCBool = false
      let vaultURL = URL(fileURLWithPath: vault)
      let root =
        FileManager.default.fileExists(atPath: vault, isDirectory: &isDirectory) && !isDirectory.boolValue
        ? vaultURL.deletingLastPathComponent() : vaultURL
      directory = EvidenceStore.defaultDirectory(vault: root)
    }
    do {
      return try EvidenceStore.open(at: directory)
    } catch {
      throw UsageFailure(message: "cannot open the evidence store at \(directory.path): \(error)")
    }
  }
}

/// `verbatim store …`: maintenance of the evidence store.
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: "Maintain the evidence store (WARC archive and ledger).",
    subcommands: [Rebuild.self])

  /// `verbatim store rebuild`: recreate the ledger's captures from the WARC files alone.
  struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rebuild the ledger's capture index from the WARC files (check history is kept).")

    @Argument(help: "Vault folder whose store to rebuild.", completion: .directory)
    var vault: String = "."
    @Option(help: "Evidence store folder (default: VAULT/.verbatim).")
    var store: String?

    func run() throws {
      let evidence = try StoreLocation.open(store, vault: vault)
      let summary: EvidenceStore.RebuildSummary
      do {
        summary = try evidence.rebuildLedger()
      } catch {
        throw UsageFailure(message: "rebuild failed: \(error)")
      }
      Output.write("rebuilt \(summary.captures) captures from \(summary.files.count) WARC files\n")
      for (file, problem) in summary.problems.sorted(by: { $0.key < $1.key }) {
        Output.error("\(file): warning: \(problem)\n")
      }
    }
  }
}
