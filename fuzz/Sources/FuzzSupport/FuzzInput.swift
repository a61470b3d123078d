internal import CFuzzer
@_exported public import VerbatimKit

#if canImport(Glibc)
  internal import Glibc
#endif

/// The bridge from libFuzzer to a `FuzzEntry` path: each fuzzer's `main.swift` hands its path to `main`,
/// which runs libFuzzer's driver with the command line; a broken invariant becomes a crash, which is
/// what libFuzzer records as a finding.
///
/// The driver is started from Swift's `main` (rather than libFuzzer's own) because SwiftPM gives every
/// executable target a `main` entry point of its own.
public enum FuzzInput {
  public typealias Body = @Sendable ([UInt8]) throws(FuzzInvariantViolation) -> Void

  /// The fuzz target's body: set once, before the driver starts.
  nonisolated(unsafe) private static var body: Body = { _ in }

  public static func main(_ body: @escaping Body) -> Never {
    self.body = body
    var argc = CommandLine.argc
    var argv = Optional(CommandLine.unsafeArgv)
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
      FuzzInput.run(data, size)
    }
    exit(status)
  }

  static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
      try body(bytes)
    } catch {
      fatalError("invariant broken: \(error)")
    }
    return 0
  }
}
