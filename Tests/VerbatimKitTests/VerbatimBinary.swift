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
  /// that process alone (`wait4`'s rusage): a measure other tests running in this process cannot inflate.
  static func peakResidentBytes(_ arguments: [String]) async throws -> (status: Int32, peak: Int) {
    let path = try #require(path, "the verbatim binary was not built next to the tests")
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else {
          continuation.resume(throwing: POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL))
          return
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        continuation.resume(returning: (exitStatus, usage.ru_maxrss * 1024))
      }
    }
  }
}
