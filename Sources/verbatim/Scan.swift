import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim scan`: every link and quote of a vault, with attribution.
struct Scan: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the links and quotes of every note, each quote with its source.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(help: "Vault folder (or one note).", completion: .directory)
  var vault: String = "."

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Flag(help: "Indent JSON output.")
  var pretty = false

  func run() throws {
    let harvest: VaultHarvest
    let clock = ContinuousClock()
    let started = clock.now
    defer {
      if ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil {
        Output.error("scan: total \(clock.now - started)\n")
      }
    }
    do {
      harvest = try Harvester.harvest(vault: vault)
      if ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil {
        Output.error("scan: harvest \(clock.now - started)\n")
      }
    } catch {
      throw UsageFailure(message: error.description)
    }
    Diagnostics.print(harvest.allDiagnostics)
    switch format {
    case .json: Output.write(bytes: ScanReport.json(harvest, pretty: pretty))
    case .text: Output.write(ScanReport.text(harvest))
    }
  }
}
