// swift-tools-version:6.1
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "ccas",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ccas-intake", targets: ["ccas-intake"]),
        .executable(name: "ccas-classify", targets: ["ccas-classify"]),
        .executable(name: "ccas-dispatch", targets: ["ccas-dispatch"]),
        .executable(name: "ccas-notify", targets: ["ccas-notify"]),
        .executable(name: "ccas-track", targets: ["ccas-track"]),
        .executable(name: "ccas", targets: ["ccas"]),
        .library(name: "CCASCore", targets: ["CCASCore"]),
        .library(name: "CCASStore", targets: ["CCASStore"]),
        .library(name: "CCASRules", targets: ["CCASRules"]),
        .library(name: "CCASCLI", targets: ["CCASCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Records, NDJSON, time, geo, input formats: no I/O beyond streams.
        .target(name: "CCASCore"),
        // SQLite's process-wide settings, made when a program is loaded (C: sqlite3_config is variadic).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The SQLite store: migrations, journal, calls, events, units, outbox.
        .target(name: "CCASStore", dependencies: [
            "CCASCore", "CSQLiteSettings",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The SQLite C API for the intake's hot statements (bound without GRDB's boxing).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], swiftSettings: [
            // The intake's session and index are classes touched ~55 times a call: the run-time
            // exclusivity checks cost ≈ 2,800 instructions a call on the store's thread (callgrind).
            // Debug builds, which the tests run, keep them.
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        // The référentiel and the engines that read it.
        .target(name: "CCASRules", dependencies: [
            "CCASCore",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Delivery of notifications on real channels (HTTP, commands, files): I/O kept out of the engines.
        .target(name: "CCASDelivery", dependencies: ["CCASCore", "CCASRules"]),
        // What every executable shares: options, output, exit codes.
        .target(name: "CCASCLI", dependencies: [
            "CCASCore", "CCASStore", "CCASRules", argumentParser,
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ccas-intake", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASCLI", argumentParser]),
        .executableTarget(name: "ccas-classify", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASCLI", argumentParser]),
        .executableTarget(name: "ccas-dispatch", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASCLI", argumentParser]),
        .executableTarget(name: "ccas-notify", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASDelivery", "CCASCLI", argumentParser]),
        .executableTarget(name: "ccas-bench", dependencies: ["CCASCore", "CCASStore", "CCASRules"], path: "Benchmarks/ccas-bench"),
        // Run for every unit status: a static executable has no dynamic loading and relocation to do,
        // half of what a status change cost once its SQL was lean (callgrind: 8.2M → 3.4M instructions).
        .executableTarget(name: "ccas-track", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASCLI", argumentParser],
                          linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(name: "ccas", dependencies: ["CCASCore", "CCASStore", "CCASRules", "CCASCLI", argumentParser]),
        .testTarget(name: "CCASCoreTests", dependencies: ["CCASCore"]),
        .testTarget(name: "CCASStoreTests", dependencies: ["CCASStore", "CCASCore"]),
        .testTarget(name: "CCASRulesTests", dependencies: ["CCASRules", "CCASCore"]),
        .testTarget(name: "CCASDeliveryTests", dependencies: ["CCASDelivery", "CCASCore", "CCASRules"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CCASCore"], exclude: ["Fixtures"]),
    ]
)
