import ArgumentParser
import Foundation
import VerbatimKit

/// `verbatim verify`: check quotes against one source (a URL, fetched through the store, or a local file).
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check quotes against a source: verified, altered, not found or uncheckable, with evidence.",
    discussion: """
      SOURCE is an http(s) URL (fetched and archived like `verbatim fetch`; --offline reads the store only)
      or a local HTML file. With no QUOTE, the text fragments of the URL (#:~:text=…) are checked.
      Exit codes: 0 every quote verified, 1 any other verdict, 2 usage error.
      """)

  @Argument(help: "URL or HTML file of the source.")
  var source: String?
  @Argument(help: "The quotes to check, as written in the note.")
  var quotes: [String] = []
  @Option(
    help:
      "JSON lines of {\"page\": HTML file, \"quote\": text}: check each, print one JSON verdict per line (benchmarks).")
  var batch: String?
  @Option(help: "Output format: text or json.")
  var format: Scan.Format = .text
  @Flag(help: "Indent JSON output.")
  var pretty = false
  @OptionGroup var options: FetchOptions

  func run() async throws {
    if let batch {
      try VerifyBatch.run(batch)
      return
    }
    guard let source else {
      throw UsageFailure(message: "give a source (URL or HTML file) and quotes, or --batch FILE")
    }
    // With no quotes, a URL's own text fragments are the quotes.
    let directives = quotes.isEmpty ? TextDirective.parse(url: source) : []
    guard !quotes.isEmpty || !directives.isEmpty else {
      throw UsageFailure(message: "give at least one quote to check (or a URL with a #:~:text= fragment)")
    }
    let verdicts: [(String, QuoteVerdict)]
    switch try await load() {
    case .page(let page):
      let verifier = QuoteVerifier(page: page)
      verdicts =
        quotes.map { ($0, verifier.verify($0)) } + directives.map { ($0.displayText, verifier.verify(directive: $0)) }
    case .unreadable(let reason):
      verdicts = (quotes + directives.map(\.displayText)).map {
        ($0, QuoteVerdict(status: .uncheckable, detail: reason))
      }
    }
    switch format {
    case .json: Output.write(bytes: VerifyReport.json(source: source, quotes: verdicts, pretty: pretty)[...])
    case .text: Output.write(VerifyReport.text(source: source, quotes: verdicts))
    }
    throw ExitCode(verdicts.contains { $0.1.isFinding } ? 1 : 0)
  }

  enum Loaded {
    case page(ExtractedPage)
    case unreadable(String)
  }

  private func load() async throws -> Loaded {
    guard let source else { return .unreadable("no source") }
    let identity = URLIdentity(source)
    guard identity.scheme == .web, let key = identity.key, let fetchURL = identity.fetchURL else {
      guard let data = FileManager.default.contents(atPath: source) else {
        throw UsageFailure(message: "\(source): neither an http(s) URL nor a readable file")
      }
      return .page(PageExtractor.extract([UInt8](data)))
    }
    let configuration = try options.configuration()
    let store = try StoreLocation.open(options.store, vault: ".")
    let request = SourceRequest(key: key, url: source, fetchURL: fetchURL, citedBy: [])
    let outcomes = await SourceFetcher(configuration: configuration, store: store).fetch([request]) { _ in }
    guard let outcome = outcomes.first else { return .unreadable("not fetched") }
    switch SourcePage.load(outcome, from: store) {
    case .page(let page, _): return .page(page)
    case .unreadable(let reason): return .unreadable(reason)
    }
  }
}
