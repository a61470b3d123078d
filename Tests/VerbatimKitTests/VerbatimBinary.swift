import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `verbatim` executable, run as a user runs it: a subprocess with arguments, standard input,
/// and its output, error text and exit status captured.
enum VerbatimBinary {
  /// The built `verbatim` next to the test bundle, if any.
  static let path: String? = {
    var candidates: [URL] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(Bundle.main.bundleURL)
    for directory in candidates {
      let path = directory.appendingPathComponent("verbatim").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }()

  /// One finished run.
  struct Run: Sendable {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
    func json() throws -> [String: Any] {
      try #require(try JSONSerialization.jsonObject(with: Data(stdout)) as? [String: Any], "\(text)\n\(stderr)")
    }
  }

  /// A `verbatim ARGS` process, not yet started, as the tests run it: no colour, output and errors to pipes.
  static func process(_ arguments: [String], path: String) -> (process: Process, out: Pipe, err: Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    return (process, out, err)
  }

  /// Runs `verbatim ARGS` with `stdin` as standard input (empty when nil); `whileRunning` is called with
  /// the process once it has started.
  static func run(
    _ arguments: [String], stdin: [UInt8]? = nil, whileRunning: (@Sendable (Process) -> Void)? = nil
  ) async throws -> Run {
    let path = try #require(path, "the verbatim binary was not built next to the tests")
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let (process, out, err) = Self.process(arguments, path: path)
            let input = Pipe()
            process.standardInput = stdin == nil ? FileHandle.nullDevice : input
            try process.run()
            if let stdin {
              let writer = input.fileHandleForWriting
              Thread.detachNewThread {
                writer.write(Data(stdin))
                try? writer.close()
              }
            }
            let errorText = Mutex<Data>(Data())
            let reader = Thread { errorText.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
            reader.start()
            whileRunning?(process)
            let output = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            while !reader.isFinished { usleep(1000) }
            return Run(
              status: process.terminationStatus, stdout: [UInt8](output),
              stderr: String(decoding: errorText.withLock { $0 }, as: UTF8.self))
          })
      }
    }
  }

  /// Runs `verbatim ARGS` (output discarded) and answers its exit status and the peak resident memory of
  /// that process alone. Measured by a small Python parent (`RUSAGE_CHILDREN`), because Linux carries the
  /// spawning process's high-water mark into a child spawned straight from this large, busy test process.
  /// nil without python3.
  static func peakResidentBytes(_ arguments: [String]) async throws -> (status: Int32, peak: Int)? {
    let path = try #require(path, "the verbatim binary was not built next to the tests")
    guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    let script = """
      import resource, subprocess, sys
      status = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
      print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
      """
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script, path] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            let values = try #require(fields.count == 2 ? fields : nil, "unexpected output: \(text)")
            return (Int32(values[0]), values[1])
          })
      }
    }
  }
}
