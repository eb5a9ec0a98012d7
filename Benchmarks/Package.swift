// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks of Stratus (package-benchmark). Run with
/// `swift package --package-path Benchmarks benchmark`.
let package = Package(
    name: "StratusBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Stratus", path: ".."),
        .package(
            url: "https://github.com/ordo-one/package-benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "RouterBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Middleware", package: "Stratus"),
                .product(name: "LambdaRuntime", package: "Stratus"),
                .product(name: "LambdaEvents", package: "Stratus"),
            ],
            path: "Benchmarks/RouterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "ObservabilityBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Middleware", package: "Stratus"),
                .product(name: "Observability", package: "Stratus"),
                .product(name: "LambdaRuntime", package: "Stratus"),
                .product(name: "LambdaEvents", package: "Stratus"),
            ],
            path: "Benchmarks/ObservabilityBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Cloud", package: "Stratus"),
                .product(name: "LocalCloud", package: "Stratus"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "EventPatternBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "EventPatterns", package: "Stratus"),
            ],
            path: "Benchmarks/EventPatternBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "AWSClientBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "AWS", package: "Stratus"),
                .product(name: "LambdaRuntime", package: "Stratus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/AWSClientBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
