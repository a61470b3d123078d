import Foundation
import VerbatimKit

/// `verbatim verify --batch FILE`: many quotes against local pages, for benchmarks. Each page is read and
/// extracted once; the time spent verifying (pages already parsed) goes to standard error when
/// `VERBATIM_TIMING` is set.
enum VerifyBatch {
  static func run(_ path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageFailure(message: "\(path): cannot read the file")
    }
    var cases: [(page: String, quote: String)] = []
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let page = object["page"] as? String, let quote = object["quote"] as? String
      else {
        throw UsageFailure(message: "\(path):\(number + 1): expected {\"page\": …, \"quote\": …}")
      }
      cases.append((page, quote))
    }
    let clock = ContinuousClock()
    var pages: [String: ExtractedPage] = [:]
    let parseTime = try clock.measure {
      for page in Set(cases.map(\.page)) where pages[page] == nil {
        guard let bytes = FileManager.default.contents(atPath: page) else {
          throw UsageFailure(message: "\(page): cannot read the page")
        }
        pages[page] = PageExtractor.extract([UInt8](bytes))
      }
    }
    var verifiers: [String: QuoteVerifier] = [:]
    let indexTime = clock.measure {
      for (path, page) in pages { verifiers[path] = QuoteVerifier(page: page) }
    }
    var verdicts: [QuoteVerdict] = []
    verdicts.reserveCapacity(cases.count)
    let verifyTime = clock.measure {
      for item in cases { verdicts.append(verifiers[item.page]!.verify(item.quote)) }
    }
    var out: [UInt8] = []
    for v in verdicts {
      var w = JSONWriter()
      w.beginObject()
      w.field("status", v.status.rawValue)
      w.field("detail", v.detail)
      w.field("material", v.edits.contains { $0.isMaterial })
      w.field("classes", strings: Array(Set(v.edits.flatMap(\.classes))).sorted())
      w.endObject()
      w.drain { out.append(contentsOf: $0) }
      out.append(0x0A)
    }
    Output.write(bytes: out[...])
    if ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil {
      Output.error(
        "pages \(verifiers.count) parsed in \(parseTime), indexed in \(indexTime); quotes \(cases.count) verified in \(verifyTime)\n"
      )
    }
  }
}
