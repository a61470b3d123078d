// swift-tools-version:6.0
import Foundation
import PackageDescription

// The coverage-guided fuzzers: a package of their own, so the root package's `swift build` and
// `swift test` never see libFuzzer. Build and run them with `fuzz/run` (see docs/fuzzing.md).

/// The root package's identity is the name of its folder (`.package(path:)` derives it).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

/// One executable per fuzz target, each running libFuzzer's driver on one `FuzzEntry` path.
let fuzzers = ["harvest", "extract", "text-fragment", "quote-match", "registry"]

let package = Package(
  name: "VerbatimFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "CFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "VerbatimKit", package: root)]),
  ]
    + fuzzers.map { name in
      .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzSupport"], path: "Sources/fuzz-\(name)")
    }
)
