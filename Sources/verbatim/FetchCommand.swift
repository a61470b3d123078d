import ArgumentParser
import Foundation
import VerbatimKit

/// Options of every command that fetches (`fetch`, later `audit` and `verify`).
struct FetchOptions: ParsableArguments {
  @Option(help: "Transfers in flight in total.")
  var concurrency: Int = 16
  @Option(name: .customLong("per-host"), help: "Transfers in flight per host.")
  var perHost: Int = 2
  @Option(name: .customLong("host-interval"), help: "Minimum milliseconds between two requests to one host.")
  var hostInterval: Int = 100
  @Option(name: .customLong("user-agent"), help: "User-Agent header (default names Verbatim and its version).")
  var userAgent: String?
  @Option(help: "Seconds for a whole transfer.")
  var timeout: Double = 30
  @Option(name: .customLong("connect-timeout"), help: "Seconds to connect.")
  var connectTimeout: Double = 10
  @Option(name: .customLong("max-body"), help: "Largest body kept, after decoding (bytes; k, M suffixes).")
  var maxBody: String = "10M"
  @Option(
    name: .customLong("max-age"), help: "Reuse captures younger than this without a request (e.g. 7d, 12h, 30m, 0).")
  var maxAge: String = "7d"
  @Flag(help: "No network: sources come from the store only.")
  var offline = false
  @Option(help: "Evidence store folder (default: VAULT/.verbatim).")
  var store: String?
  @Option(
    help: "'REGEX REPLACEMENT': fetch matching URLs from another address (repeatable); records keep the cited URL.")
  var remap: [String] = []
  @Flag(
    name: .customLong("allow-private"),
    help: "Allow loopback, private and link-local addresses (cloud-metadata addresses stay refused).")
  var allowPrivate = false
  @Option(help: "Also refuse these addresses or CIDR ranges (repeatable).")
  var deny: [String] = []
  @Option(help: "Extra CA bundle (PEM) to trust. TLS verification is never switched off.")
  var cacert: String?
  @Flag(help: "No progress line.")
  var quiet = false

  func configuration() throws -> FetchConfiguration {
    var c = FetchConfiguration()
    guard concurrency > 0, perHost > 0, hostInterval >= 0 else {
      throw UsageFailure(message: "--concurrency and --per-host must be positive, --host-interval not negative")
    }
    c.concurrency = concurrency
    c.perHost = perHost
    c.hostIntervalMilliseconds = hostInterval
    if let userAgent { c.userAgent = userAgent }
    // libcurl reads 0 (and rejects negatives) as "no limit"; NaN or infinity would trap here.
    guard let total = Self.milliseconds(timeout), let connect = Self.milliseconds(connectTimeout) else {
      throw UsageFailure(message: "--timeout and --connect-timeout must be positive numbers of seconds (at most a day)")
    }
    c.totalTimeoutMilliseconds = total
    c.connectTimeoutMilliseconds = connect
    guard let bytes = Self.bytes(maxBody) else { throw UsageFailure(message: "--max-body: not a size: \(maxBody)") }
    c.maxBodyBytes = bytes
    guard let age = Self.seconds(maxAge) else { throw UsageFailure(message: "--max-age: not a duration: \(maxAge)") }
    c.maxAgeSeconds = age
    c.offline = offline
    do {
      c.remaps = try remap.map { rule throws(URLRemapError) in try URLRemap(rule) }
    } catch {
      throw UsageFailure(message: error.description)
    }
    var denied: [IPRange] = []
    for text in deny {
      guard let range = IPRange(text) else {
        throw UsageFailure(message: "--deny: not an address or CIDR range: \(text)")
      }
      denied.append(range)
    }
    c.addressPolicy = AddressPolicy(allowPrivate: allowPrivate, denied: denied)
    if let cacert {
      guard FileManager.default.isReadableFile(atPath: cacert) else {
        throw UsageFailure(message: "--cacert: cannot read \(cacert)")
      }
      c.caFile = cacert
    }
    return c
  }

  /// `10M`, `512k`, `1048576`; nil for anything else, negative or too large to count.
  static func bytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["k": 1024, "K": 1024, "m": 1 << 20, "M": 1 << 20, "g": 1 << 30, "G": 1 << 30]
    if let unit = text.last, let factor = units[unit], let n = Int(text.dropLast()), n >= 0 {
      let (product, overflow) = n.multipliedReportingOverflow(by: factor)
      return overflow ? nil : product
    }
    return Int(text).flatMap { $0 >= 0 ? $0 : nil }
  }

  /// `7d`, `12h`, `30m`, `45s`, `0`; nil for anything else, negative, NaN or infinite.
  static func seconds(_ text: String) -> Double? {
    let units: [Character: Double] = ["d": 86_400, "h": 3600, "m": 60, "s": 1]
    var value: Double?
    if let unit = text.last, let factor = units[unit], let n = Double(text.dropLast()) {
      value = n * factor
    } else {
      value = Double(text)
    }
    guard let value, value.isFinite, value >= 0 else { return nil }
    return value
  }

  /// Whole milliseconds of a positive, finite number of seconds up to a day; nil otherwise.
  static func milliseconds(_ seconds: Double) -> Int? {
    guard seconds.isFinite, seconds > 0, seconds <= 86_400 else { return nil }
    return max(1, Int((seconds * 1000).rounded()))
  }
}

extension FetchOptions {
  /// Fetches `sources` with a progress line on a terminal (unless `--quiet`); Ctrl-C cancels the transfers
  /// and exits 130 with the store intact.
  func fetch(
    _ sources: [SourceRequest], configuration: FetchConfiguration, store: EvidenceStore,
    onOutcome: (@Sendable (Int, SourceOutcome) -> Void)? = nil
  ) async -> [SourceOutcome] {
    let progress = ProgressLine(enabled: !quiet && isatty(2) == 1)
    let fetcher = SourceFetcher(configuration: configuration, store: store)
    let task = Task { await fetcher.fetch(sources, progress: { progress.update($0) }, onOutcome: onOutcome) }
    let interrupt = Interrupt { task.cancel() }
    let outcomes = await task.value
    interrupt.disarm()
    progress.clear()
    if task.isCancelled {
      Output.error(
        "verbatim: interrupted; \(outcomes.count) of \(sources.count) sources checked, the store is intact\n")
      Foundation.exit(130)
    }
    return outcomes
  }
}

/// `verbatim fetch`: fetch every cited source once, archive it, and report link health.
struct FetchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Fetch every source the vault cites, archive it (WARC + ledger), report link health.",
    discussion:
      "Exit codes: 0 every link healthy, 1 some link is not, 2 usage or configuration error, 3 internal failure.")

  @Argument(help: "Vault folder (or one note).", completion: .directory)
  var vault: String = "."
  @Option(help: "Output format: text or json.")
  var format: Scan.Format = .text
  @Flag(help: "Indent JSON output.")
  var pretty = false
  @OptionGroup var options: FetchOptions

  func run() async throws {
    let configuration = try options.configuration()
    let harvest: VaultHarvest
    do {
      harvest = try Harvester.harvest(vault: vault)
    } catch {
      throw UsageFailure(message: error.description)
    }
    Diagnostics.print(harvest.allDiagnostics)
    let store = try StoreLocation.open(options.store, vault: vault)
    let sources = SourceRequest.sources(of: harvest)
    let outcomes = await options.fetch(sources, configuration: configuration, store: store)
    switch format {
    case .json: Output.write(bytes: FetchReport.json(outcomes, pretty: pretty)[...])
    case .text: Output.write(FetchReport.text(outcomes))
    }
    throw ExitCode(outcomes.allSatisfy(\.health.isHealthy) ? 0 : 1)
  }
}
