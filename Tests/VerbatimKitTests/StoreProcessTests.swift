import Foundation
import Testing

@testable import VerbatimKit

/// Two real processes appending to one store: `flock` and SQLite's file locks are what keep
/// them apart, not anything in-process. The test binary re-runs itself with a filter that
/// selects `helperProcessAppends`, which only runs when given a store in its environment.
@Suite struct StoreProcessTests {
  static let storeVariable = "VERBATIM_TEST_STORE_DIR"
  static let writerVariable = "VERBATIM_TEST_WRITER"
  static let perWriter = 50

  /// This test binary, when it can be re-run directly (Linux: an executable); nil otherwise.
  static let testBinary: String? = {
    #if os(Linux)
      let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
      return path.hasSuffix(".xctest") && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    #else
      return nil
    #endif
  }()

  @Test(.enabled(if: testBinary != nil, "the test binary cannot be re-run as a child process here"))
  func twoProcessesShareOneStore() throws {
    let dir = try StoreScratch()
    let children = try (0..<2).map { writer -> (Process, Pipe) in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.testBinary!)
      process.arguments = ["--testing-library", "swift-testing", "--filter", "StoreProcessTests/helperProcessAppends"]
      var environment = ProcessInfo.processInfo.environment
      environment[Self.storeVariable] = dir.path
      environment[Self.writerVariable] = String(writer)
      process.environment = environment
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      try process.run()
      return (process, pipe)
    }
    for (process, pipe) in children {
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(output)")
      #expect(output.contains("helperProcessAppends() passed"), "\(output)")
    }

    let store = try dir.store()
    let captures = try store.ledger.allCaptures()
    #expect(captures.count == 2 * Self.perWriter)
    #expect(Set(captures.map(\.key)).count == 2 * Self.perWriter)
    for capture in captures { #expect(try store.readBody(of: capture) == Self.body(capture.key)) }
    var responses = 0
    for file in store.archiveFiles() {
      let (entries, ending) = try WARCReader(path: dir.path + "/" + file).readAll()
      #expect(ending == .clean(end: try fileSize(dir.path + "/" + file)))
      #expect(entries.filter { $0.record.type == "warcinfo" }.map(\.offset) == [0])
      responses += entries.filter { $0.record.type == "response" }.count
    }
    #expect(responses == 2 * Self.perWriter)
  }

  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment[storeVariable] != nil, "runs only as a child of twoProcessesShareOneStore"
    ))
  func helperProcessAppends() throws {
    let environment = ProcessInfo.processInfo.environment
    let directory = URL(fileURLWithPath: try #require(environment[Self.storeVariable]))
    let writer = try #require(environment[Self.writerVariable])
    let store = try EvidenceStore.open(at: directory, options: .init(warc: .init(sizeLimit: 16_384)))
    for i in 0..<Self.perWriter {
      let key = "https://p\(writer).example/\(i)"
      var exchange = Sample.exchange(url: key)
      exchange.body = Self.body(key)
      _ = try store.capture(key: key, chain: [exchange])
    }
  }

  static func body(_ key: String) -> [UInt8] {
    Array("body of \(key) ".utf8) + Array(repeating: UInt8(key.utf8.count), count: 400)
  }
}
