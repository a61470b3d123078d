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
    // A case's page is its file plus an optional instance number: instances of one file are indexed
    // separately, as distinct pages would be (the benchmark spreads quotes over more pages than the corpus has).
    var cases: [(page: String, instance: Int, quote: String)] = []
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let page = object["page"] as? String, let quote = object["quote"] as? String
      else {
        throw UsageFailure(message: "\(path):\(number + 1): expected {\"page\": …, \"quote\": …}")
      }
      cases.append((page, (object["instance"] as? Int) ?? 0, quote))
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
    // One page instance at a time, as an audit goes: index it, check its quotes, let it go (memory stays
    // that of one page). Indexing and checking are timed apart.
    struct Instance: Hashable {
      var page: String
      var number: Int
    }
    var order: [Instance] = []
    var quotesOf: [Instance: [Int]] = [:]
    for (k, item) in cases.enumerated() {
      let instance = Instance(page: item.page, number: item.instance)
      if quotesOf[instance] == nil { order.append(instance) }
      quotesOf[instance, default: []].append(k)
    }
    var verdicts = [QuoteVerdict?](repeating: nil, count: cases.count)
    var indexTime = Duration.zero
    var verifyTime = Duration.zero
    for instance in order {
      var verifier: QuoteVerifier?
      indexTime += clock.measure { verifier = QuoteVerifier(page: pages[instance.page]!) }
      verifyTime += clock.measure {
        for k in quotesOf[instance]! { verdicts[k] = verifier!.verify(cases[k].quote) }
      }
    }
    var out: [UInt8] = []
    for case let v? in verdicts {
      var w = JSONWriter()
      w.beginObject()
      w.field("status", v.status.rawValue)
      w.field("detail", v.detail)
      w.field("material", v.edits.contains { $0.isMaterial })
      w.field("classes", strings: Array(Set(v.edits.flatMap(\.classes))).sorted())
      w.field("directive", v.anchor?.textDirective)
      w.endObject()
      w.drain { out.append(contentsOf: $0) }
      out.append(0x0A)
    }
    Output.write(bytes: out[...])
    if ProcessInfo.processInfo.environment["VERBATIM_TIMING"] != nil {
      Output.error(
        "pages \(pages.count) parsed in \(parseTime), \(order.count) indexed in \(indexTime); quotes \(cases.count) verified in \(verifyTime)\n"
      )
    }
  }
}
