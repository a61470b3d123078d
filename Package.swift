// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Verbatim",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "verbatim", targets: ["verbatim"]),
    .library(name: "VerbatimKit", targets: ["VerbatimKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    // Tests and benchmarks only: the in-process loopback HTTP(S) server.
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
  ],
  targets: [
    // System libraries: one module map and one shim header each. Only VerbatimInterop imports them.
    .systemLibrary(
      name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
    .systemLibrary(
      name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(
      name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    .systemLibrary(
      name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
    // The one target that touches C: owns every C pointer, exposes Swift value types only.
    .target(
      name: "VerbatimInterop",
      dependencies: ["CCurl", "CLibXML2", "CCmarkGFM", "CZlib", "CSQLite", "COpenSSL"],
      swiftSettings: strict),
    // All of Verbatim's logic, one folder per pipeline stage.
    .target(
      name: "VerbatimKit",
      dependencies: ["VerbatimInterop", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    .executableTarget(
      name: "verbatim",
      dependencies: ["VerbatimKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strict),
    .target(
      name: "VerbatimTestSupport",
      dependencies: [
        "VerbatimKit",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      path: "Tests/VerbatimTestSupport",
      resources: [.copy("Resources")],
      swiftSettings: strict),
    // The loopback server as a program, for benchmarks (`bench/fetch`).
    .executableTarget(
      name: "verbatim-testserver",
      dependencies: ["VerbatimTestSupport"],
      path: "Tests/TestServer",
      swiftSettings: strict),
    .testTarget(
      name: "VerbatimKitTests",
      dependencies: ["VerbatimKit", "VerbatimInterop", "VerbatimTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strict),
  ]
)
