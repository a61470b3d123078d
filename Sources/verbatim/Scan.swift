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
    let timing = Timing(enabled: ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil)
    let harvest: VaultHarvest
    do {
      harvest = try Harvester.harvest(vault: vault)
    } catch {
      throw UsageFailure(message: error.description)
    }
    timing.mark("harvest")
    Diagnostics.print(harvest.allDiagnostics)
    switch format {
    case .json: ScanReport.writeJSON(harvest, pretty: pretty) { Output.write(bytes: $0) }
    case .text: Output.write(ScanReport.text(harvest))
    }
    timing.mark("output")
    // Everything is written (FileHandle writes are unbuffered): skip tearing down the
    // harvest's hundreds of thousands of values, which took a tenth of a large scan.
    Foundation.exit(0)
  }
}

/// `VERBATIM_TIMING=1` prints how long each phase took, to standard error.
/// Every mark counts from the first `Timing` made in the process, so marks made in different functions
/// share one clock.
struct Timing {
  let enabled: Bool
  private static let start = ContinuousClock.now

  init(enabled: Bool) {
    self.enabled = enabled
    _ = Self.start
  }

  func mark(_ phase: String) {
    guard enabled else { return }
    Output.error("timing: \(phase) done at \(ContinuousClock.now - Self.start)\n")
  }
}
