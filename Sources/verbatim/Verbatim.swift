import ArgumentParser
import Foundation
import VerbatimKit

/// Verbatim's command line: a thin front end over VerbatimKit.
///
/// Exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 internal failure.
@main
struct Verbatim: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verbatim",
    abstract: "Citation and source-credibility tracker for Markdown note vaults.",
    discussion: """
      Exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 internal failure.
      """,
    version: VerbatimVersion.string,
    subcommands: [
      Scan.self, FetchCommand.self, ExtractCommand.self, VerifyCommand.self, AuditCommand.self, AnnotateCommand.self,
      BibCommand.self,
      StoreCommand.self,
      SourcesCommand.self,
    ])

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var async = command as? any AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}
