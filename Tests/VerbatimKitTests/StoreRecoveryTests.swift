import Foundation
import Testing

@testable import VerbatimInterop
@testable import VerbatimKit

#if canImport(Glibc)
  import Glibc
#endif

/// What opening a store repairs after a process was killed mid-append (`EvidenceStore.recover()`): a
/// torn tail is cut even when nothing is appended afterwards, and ledger rows whose record is no longer
/// in its file are dropped (their sources are fetched again).
@Suite struct StoreRecoveryTests {
  @Test func openingCutsATornTailAndTheRowsThatPointIntoIt() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let first = try store.capture(key: "k1", chain: [Sample.exchange()])
    let second = try store.capture(key: "k2", chain: [Sample.exchange(url: "https://example.org/2")])
    _ = try store.ledger.record(
      check: CheckRecord(key: "k2", checkedAt: Sample.date, health: .ok, httpStatus: 200, captureID: second.id))
    // The file lost the second half of k2's response record, which the ledger had seen.
    let path = dir.path + "/" + second.warcFile
    #expect(truncate(path, off_t(second.warcOffset + second.warcLength / 2)) == 0)
    #expect(try WARCReader(path: path).readAll().ending == .torn(offset: second.warcOffset))

    let reopened = try dir.store()  // a new process that only reads
    #expect(try fileSize(path) == second.warcOffset)
    #expect(try WARCReader(path: path).readAll().ending == .clean(end: second.warcOffset))
    #expect(try reopened.ledger.allCaptures().map(\.key) == ["k1"])
    #expect(try reopened.readBody(of: first) == Sample.body)
    // The check stays, without its capture.
    #expect(try reopened.ledger.checks(key: "k2").map(\.captureID) == [nil])
    #expect(try reopened.recover() == StoreRecovery())  // nothing left to do
  }

  @Test func recoverSaysWhereItCut() throws {
    let dir = try StoreScratch()
    let store = try dir.store()
    let first = try store.capture(key: "k1", chain: [Sample.exchange()])
    let path = dir.path + "/" + first.warcFile
    try appendBytes(Array("the start of an append that never finished".utf8), to: path)

    let recovery = try store.recover()
    #expect(recovery.truncated == StoreRecovery.Cut(file: first.warcFile, offset: first.warcOffset + first.warcLength))
    #expect(recovery.droppedCaptures == 0)
    #expect(try fileSize(path) == first.warcOffset + first.warcLength)
    #expect(try store.readBody(of: first) == Sample.body)
  }

  @Test func rowsPastTheEndOfTheirFileAreDroppedOnOpen() throws {
    let dir = try StoreScratch()
    let recorded = try (1...3).map { n in
      try dir.store().capture(key: "k\(n)", chain: [Sample.exchange(url: "https://example.org/\(n)")])
    }
    // The file ends cleanly at k3's response record (its request record is complete), but the ledger
    // has a row for that response.
    let path = dir.path + "/" + recorded[2].warcFile
    #expect(truncate(path, off_t(recorded[2].warcOffset)) == 0)

    let store = try dir.store()
    #expect(try store.ledger.allCaptures().map(\.key) == ["k1", "k2"])
    for capture in recorded.prefix(2) { #expect(try store.readBody(of: capture) == Sample.body) }
    // The source is captured again, after what is left of the file.
    let again = try store.capture(key: "k3", chain: [Sample.exchange(url: "https://example.org/3")])
    #expect(again.warcOffset > recorded[2].warcOffset)
    #expect(try store.readBody(of: again) == Sample.body)
    #expect(try WARCReader(path: path).readAll().ending == .clean(end: again.warcOffset + again.warcLength))
  }

  @Test func aRowWhoseFileIsGoneIsDropped() throws {
    let dir = try StoreScratch()
    let small = try dir.store(sizeLimit: 1)  // every capture starts a new file
    let first = try small.capture(key: "k1", chain: [Sample.exchange()])
    let second = try small.capture(key: "k2", chain: [Sample.exchange(url: "https://example.org/2")])
    #expect(first.warcFile != second.warcFile)
    try FileManager.default.removeItem(atPath: dir.path + "/" + second.warcFile)

    let store = try dir.store()
    #expect(try store.ledger.allCaptures().map(\.key) == ["k1"])
  }

  @Test func aDamagedFileIsNeitherCutNorRotatedByOpening() throws {
    let dir = try StoreScratch()
    let first = try dir.store().capture(key: "k1", chain: [Sample.exchange()])
    let path = dir.path + "/" + first.warcFile
    let request = try #require(try WARCReader(path: path).readAll().entries.first { $0.record.type == "request" })
    // A byte flipped inside the request record: damage, with a complete record after it.
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    try handle.seek(toOffset: UInt64(request.offset + request.length / 2))
    let byte = try #require(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: UInt64(request.offset + request.length / 2))
    try handle.write(contentsOf: Data([byte ^ 0xFF]))
    try handle.close()
    let size = try fileSize(path)

    let store = try dir.store()
    #expect(WARCWriter.fileNumbers(storeDirectory: dir.path) == [1])
    #expect(try fileSize(path) == size)
    #expect(try WARCReader(path: path).readAll().ending == .damaged(offset: request.offset))
    #expect(try store.readBody(of: first) == Sample.body)
  }
}
