import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim sources …`: the registry of people, organisations and ties (`Sources.yml`).
struct SourcesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sources", abstract: "Work with the registry of people, organisations and ties (Sources.yml).",
    subcommands: [Check.self, Suggest.self])

  /// `verbatim sources check`: load `Sources.yml` strictly and report every problem, or a summary.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check Sources.yml: syntax, keys, types, tie kinds, references, dates, duplicate ids and names.",
      discussion: """
        Problems are printed to standard error as FILE:LINE:COLUMN: error: MESSAGE and the exit code is 2; \
        a clean registry prints a summary and exits 0.
        """)

    @Argument(help: "Vault folder whose Sources.yml to check (default: the current folder).", completion: .directory)
    var vault: String?
    @Option(help: "The registry file to check, instead of VAULT/Sources.yml.", completion: .file())
    var sources: String?

    func run() throws {
      let timing = Timing(enabled: ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil)
      let path = try SourcesFile.locate(sources, vault: vault)
      let loaded = RegistryLoader.load(path: path)
      timing.mark("load")
      switch loaded {
      case .failure(let errors):
        Output.error(errors.problems.map { $0.description + "\n" }.joined())
        throw ExitCode(2)
      case .success(let registry):
        Output.write(SourcesFile.summary(registry) + "\n")
      }
    }
  }
}

extension SourcesCommand {
  /// `verbatim sources suggest`: stanzas for the authors and sites the audit met that the registry lacks.
  struct Suggest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print Sources.yml stanzas for authors, sites and organisations the audit met but the registry lacks.",
      discussion: "Runs the audit (all its fetch options apply; --offline reads the store only) and prints YAML.")

    @Argument(help: "Vault folder (or one note).", completion: .directory)
    var vault: String = "."
    @Option(help: "The registry (default: VAULT/Sources.yml, else ./Sources.yml; none is fine).")
    var sources: String?
    @OptionGroup var options: FetchOptions

    func run() async throws {
      let configuration = try options.configuration()
      let harvest = try AuditCommand.harvest(vault: vault, notes: [])
      let registry = try AuditCommand.registry(sources, vault: vault)
      let report = try await AuditCommand.audit(
        harvest, vault: vault, options: options, configuration: configuration, registry: registry)
      Output.write(RegistrySuggestions.yaml(for: report, registry: registry))
    }
  }
}

/// Where `Sources.yml` is: `--sources FILE`, else at the vault's root, else in the current folder.
enum SourcesFile {
  static let name = "Sources.yml"

  static func locate(_ explicit: String?, vault: String?) throws -> String {
    if let explicit { return explicit }
    var candidates: [String] = []
    if let vault {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: vault, isDirectory: &isDirectory)
      guard exists else { throw UsageFailure(message: "no such vault: \(vault)") }
      let root = isDirectory.boolValue ? vault : (vault as NSString).deletingLastPathComponent
      candidates.append((root.isEmpty ? "." : root as NSString).appendingPathComponent(name))
    }
    candidates.append(name)
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    let places = vault.map { "in \($0) or the current folder" } ?? "in the current folder"
    throw UsageFailure(message: "no \(name) \(places) (use --sources FILE)")
  }

  /// `N people, N organisations, N ties (N employment, …), N source rules`.
  static func summary(_ registry: Registry) -> String {
    let ties = registry.people.flatMap(\.affiliations) + registry.organizations.flatMap(\.relations)
    let byKind = Tie.Kind.allCases.compactMap { kind -> String? in
      let count = ties.filter { $0.kind == kind }.count
      return count == 0 ? nil : "\(count) \(kind.rawValue)"
    }
    let people = registry.people.count
    var parts = [
      "\(people) \(people == 1 ? "person" : "people")",
      count(registry.organizations.count, "organisation"),
      count(ties.count, "tie"),
      count(registry.sourceRules.count, "source rule"),
    ]
    if !byKind.isEmpty { parts[2] += " (\(byKind.joined(separator: ", ")))" }
    return parts.joined(separator: ", ")
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
