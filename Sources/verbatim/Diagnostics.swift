import ArgumentParser
import Foundation
import VerbatimKit

/// Prints diagnostics to standard error as `file:line: warning: message`.
enum Diagnostics {
  static func print(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
  }
}

/// Writes to standard output in one piece.
enum Output {
  static func write(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
  /// Writes all of `bytes` to standard output with `write(2)`, without copying them.
  static func write(bytes: ArraySlice<UInt8>) {
    _ = writeAll(1, bytes)  // a failure is a closed pipe (`| head`): nothing more to say
  }
  static func error(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// A usage or configuration error: message on standard error, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension Verbatim {
  /// Maps errors to Verbatim's exit codes before ArgumentParser prints them.
  static func exit(withError error: any Error) -> Never {
    if let usage = error as? UsageFailure {
      FileHandle.standardError.write(Data("verbatim: error: \(usage.message)\n".utf8))
      Foundation.exit(2)
    }
    if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
    let code = exitCode(for: error)
    if code == .success || code.rawValue == 64 || code == .validationFailure {
      // Help, version and ArgumentParser's own usage errors.
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == .success { Output.write(message + "\n") } else { Output.error(message + "\n") }
      }
      Foundation.exit(code == .success ? 0 : 2)
    }
    FileHandle.standardError.write(Data("verbatim: internal error: \(error)\n".utf8))
    Foundation.exit(3)
  }
}
