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
    // The one target that touches C: owns every C pointer, exposes Swift value types only.
    .target(
      name: "VerbatimInterop",
      dependencies: ["CCurl", "CLibXML2", "CCmarkGFM"],
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
      dependencies: ["VerbatimKit"],
      path: "Tests/VerbatimTestSupport",
      swiftSettings: strict),
    .testTarget(
      name: "VerbatimKitTests",
      dependencies: ["VerbatimKit", "VerbatimInterop", "VerbatimTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strict),
  ]
)
