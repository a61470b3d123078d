/// An invariant a fuzz entry point found broken: a bug, worded for the crash report.
public struct FuzzInvariantViolation: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// The code paths the coverage-guided fuzzers under `fuzz/` drive, one per fuzz target, each from raw
/// bytes, with the invariants that must hold for every input checked afterwards.
///
/// Exists so the fuzzers (a separate package) reach internals such as `TextFragment` and `LadderMatcher`
/// without `@testable`, and so `FuzzRegressionTests` replays a crash input through exactly the code the
/// fuzzer ran. Inputs are split as documented in `docs/fuzzing.md`.
public enum FuzzEntry {
  /// One note's bytes, harvested as `verbatim scan` harvests a note.
  public static func harvest(note bytes: [UInt8]) throws(FuzzInvariantViolation) -> NoteHarvest {
    let harvest = NoteHarvester.harvest(path: "fuzz.md", bytes: bytes)
    // CR, LF and CRLF each end a line: no position can lie beyond the last line.
    let lines = bytes.count(where: { $0 == 0x0A || $0 == 0x0D }) + 1
    for link in harvest.links {
      try check(link.position, lines: lines, "link \(link.url)")
    }
    for quote in harvest.quotes {
      try check(quote.start, lines: lines, "quote start")
      try check(quote.end, lines: lines, "quote end")
      guard quote.start <= quote.end else { throw violation("quote ends before it starts: \(quote.text)") }
    }
    return harvest
  }

  /// An HTML page. A first line `Content-Type: VALUE` is taken as the HTTP header and removed.
  public static func extract(page bytes: [UInt8]) throws(FuzzInvariantViolation) -> ExtractedPage {
    let (contentType, body) = headerLine(bytes)
    let page = PageExtractor.extract(body, contentType: contentType, url: "https://fuzz.example/a/page.html")
    // Every block's offset points at its own text in the full text.
    let full = Array(page.text.fullText.unicodeScalars)
    for block in page.text.blocks {
      let scalars = Array(block.text.unicodeScalars)
      guard block.offset >= 0, block.length == scalars.count, block.offset + scalars.count <= full.count,
        full[block.offset..<(block.offset + scalars.count)].elementsEqual(scalars)
      else { throw violation("block at \(block.offset)+\(block.length) is not its text in the full text") }
    }
    return page
  }

  /// A URL or fragment with text directives: every directive parsed must serialize and parse back.
  public static func textFragment(_ bytes: [UInt8]) throws(FuzzInvariantViolation) -> [TextDirective] {
    let url = String(decoding: bytes, as: UTF8.self)
    let directives = TextDirective.parse(url: url)
    for directive in directives {
      let written = TextFragment.serialize(directive)
      let reparsed = TextDirective.parse(url: "#:~:" + written)
      // Serializing drops invisible characters, so a term of only those is written empty, which is
      // invalid; otherwise what was written parses back to a directive written the same way.
      let terms = written.dropFirst("text=".count).split(separator: ",", omittingEmptySubsequences: false)
      let emptied = terms.contains { $0.isEmpty || $0 == "-" }
      guard emptied ? reparsed.isEmpty : reparsed.map(TextFragment.serialize) == [written] else {
        throw violation("\(written) parses back as \(reparsed)")
      }
    }
    _ = TextDirective.elementID(url: url)
    return directives
  }

  /// The first line is the quote, the rest the HTML of the page it is checked against.
  public static func matchQuote(_ bytes: [UInt8]) throws(FuzzInvariantViolation) -> QuoteVerdict {
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    let quote = String(decoding: bytes[..<split], as: UTF8.self)
    let html = Array(bytes[split...])
    let page = PageExtractor.extract(html, contentType: "text/html; charset=utf-8")
    let verdict = QuoteVerifier(page: page).verify(quote)
    if let range = verdict.range, let view = verdict.view {
      let text = page.views.first { $0.view == view }?.text ?? ""
      guard range.lowerBound >= 0, range.upperBound <= text.unicodeScalars.count else {
        throw violation("verdict range \(range) outside the \(view) text")
      }
    }
    if let directive = verdict.anchor?.textDirective, TextDirective.parse(url: "#:~:" + directive).isEmpty {
      throw violation("anchor directive \(directive) does not parse")
    }
    // The ladder alone, on the raw bytes as page text.
    let text = String(decoding: html, as: UTF8.self)
    if let match = LadderMatcher.match(quote, in: PageKeys(text)) {
      guard match.range.lowerBound >= 0, match.range.upperBound <= text.unicodeScalars.count,
        match.occurrences >= 1
      else { throw violation("ladder match \(match.range) ×\(match.occurrences) outside the page") }
    }
    return verdict
  }

  /// A `Sources.yml`; bytes that are not UTF-8 are refused as `verbatim` refuses them.
  public static func loadRegistry(_ bytes: [UInt8]) throws(FuzzInvariantViolation) -> Result<Registry, RegistryErrors>? {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    let result = RegistryLoader.load(text: text, file: "Sources.yml")
    if case .failure(let errors) = result {
      guard !errors.problems.isEmpty else { throw violation("refused without a problem") }
      for problem in errors.problems where problem.line < 1 || problem.column < 1 {
        throw violation("problem without a place: \(problem)")
      }
    }
    return result
  }

  private static func check(_ position: SourcePosition, lines: Int, _ what: String) throws(FuzzInvariantViolation) {
    guard (1...lines).contains(position.line), position.column >= 1 else {
      throw violation("\(what) at \(position.line):\(position.column) outside a \(lines)-line note")
    }
  }

  private static func headerLine(_ bytes: [UInt8]) -> (String?, [UInt8]) {
    let name = Array("Content-Type: ".utf8)
    guard bytes.starts(with: name) else { return (nil, bytes) }
    let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    let value = String(decoding: bytes[name.count..<end], as: UTF8.self)
    return (value, Array(bytes[min(end + 1, bytes.count)...]))
  }

  private static func violation(_ message: String) -> FuzzInvariantViolation { FuzzInvariantViolation(message: message) }
}
