// verbatim-testserver: the loopback test server as a program, for benchmarks (`bench/fetch`).
//
//     verbatim-testserver [--port P] [--tls] [--host 127.0.0.1]
//
// Prints `READY <port>` on stdout once listening, then serves until SIGTERM or SIGINT, or until
// its standard input closes when that is a pipe or socket (so a parent that dies takes the server with
// it; a /dev/null or terminal stdin is ignored, and only a signal stops it).
import Dispatch
import Foundation
import VerbatimTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("verbatim-testserver: \(message)\n".utf8))
  exit(2)
}

var port = 0
var tls = false
var host = "127.0.0.1"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--port":
    guard let value = arguments.popFirst().flatMap({ Int($0) }), (0...65535).contains(value) else {
      fail("--port needs a number from 0 to 65535")
    }
    port = value
  case "--tls": tls = true
  case "--host":
    guard let value = arguments.popFirst() else { fail("--host needs a loopback address") }
    host = value
  case "-h", "--help":
    print("usage: verbatim-testserver [--port P] [--tls] [--host 127.0.0.1]")
    exit(0)
  default: fail("unknown argument \(argument)")
  }
}

let server: LoopbackServer
do {
  server = try await LoopbackServer.start(host: host, port: port, tls: tls)
} catch {
  fail("\(error)")
}

/// Yields to `stop` on SIGTERM or SIGINT. (A function, not top-level code: closures written at
/// top level are main-actor isolated, and these run on other threads.)
func watchSignals(_ stop: AsyncStream<String>.Continuation) -> [any DispatchSourceSignal] {
  [SIGTERM, SIGINT].map { number in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { stop.yield("signal \(number)") }
    source.resume()
    return source
  }
}

/// Yields to `stop` when standard input, if it is a pipe or a socket, reaches its end.
func watchStandardInput(_ stop: AsyncStream<String>.Continuation) {
  var status = stat()
  guard fstat(STDIN_FILENO, &status) == 0,
    status.st_mode & S_IFMT == S_IFIFO || status.st_mode & S_IFMT == S_IFSOCK
  else { return }
  Thread.detachNewThread {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while read(STDIN_FILENO, &buffer, buffer.count) > 0 {}
    stop.yield("stdin closed")
  }
}

let (stops, stop) = AsyncStream<String>.makeStream()
let signalSources = watchSignals(stop)
watchStandardInput(stop)

// Unbuffered: the line reaches a pipe at once.
FileHandle.standardOutput.write(Data("READY \(server.port)\n".utf8))

for await reason in stops {
  FileHandle.standardError.write(Data("verbatim-testserver: stopping (\(reason))\n".utf8))
  break
}
try? await server.shutdown()
