// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every Stratus target: Swift 6 language mode with strict concurrency checking, and async
/// functions that run on their caller's executor unless marked `@concurrent`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "Stratus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bootstrap", targets: ["bootstrap"]),
        .executable(name: "stratus", targets: ["stratus"]),
        .library(name: "LambdaEvents", targets: ["LambdaEvents"]),
        .library(name: "LambdaRuntime", targets: ["LambdaRuntime"]),
        .library(name: "Middleware", targets: ["Middleware"]),
        .library(name: "Observability", targets: ["Observability"]),
        .library(name: "Cloud", targets: ["Cloud"]),
        .library(name: "LocalCloud", targets: ["LocalCloud"]),
        .library(name: "AWS", targets: ["AWS"]),
        .library(name: "EventPatterns", targets: ["EventPatterns"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "CSHA256Acceleration"),
        .target(
            name: "Hashing",
            dependencies: ["CSHA256Acceleration"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Identifiers",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Caching",
            swiftSettings: strictSettings
        ),
        .target(
            name: "JSONCoding",
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventPatterns",
            dependencies: ["JSONCoding"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LambdaEvents",
            dependencies: ["JSONCoding"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LambdaRuntime",
            dependencies: [
                "LambdaEvents", "JSONCoding",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Observability",
            dependencies: [
                "LambdaRuntime", "LambdaEvents", "JSONCoding",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Middleware",
            dependencies: [
                "LambdaRuntime", "LambdaEvents", "JSONCoding", "Cloud", "Observability", "Hashing", "Caching",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Cloud",
            dependencies: [
                "LambdaRuntime", "LambdaEvents", "JSONCoding", "Identifiers", "EventPatterns",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OpenAPI",
            dependencies: [
                "Cloud", "LambdaRuntime", "LambdaEvents",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AWS",
            dependencies: [
                "Cloud", "Hashing", "JSONCoding", "LambdaRuntime", "LambdaEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LocalCloud",
            dependencies: [
                "CProcessSpawn",
                "Cloud",
                "LambdaRuntime",
                "LambdaEvents",
                "JSONCoding",
                "Observability",
                "OpenAPI",
                "Hashing",
                "Identifiers",
                "Caching",
                "EventPatterns",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Services",
            dependencies: ["Cloud", "Middleware", "Observability"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "App",
            dependencies: ["Services", "Middleware", "Cloud"],
            swiftSettings: strictSettings
        ),
        .target(name: "GlibcCompatibility"),
        .target(name: "CProcessSpawn"),
        .executableTarget(
            name: "bootstrap",
            dependencies: ["App", "AWS", "Cloud", "LambdaRuntime", "Observability", "GlibcCompatibility"],
            swiftSettings: strictSettings,
            // The static Swift runtime's link arguments export every symbol (24,000) to the dynamic symbol table; a
            // Lambda binary loads no plug-in that needs them, and the loader and the crash backtracer's `dladdr` pay
            // for each at every cold start (the README's "Measure it" has the figures).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .executableTarget(
            name: "stratus",
            dependencies: [
                "App",
                "AWS",
                "Cloud",
                "LocalCloud",
                "OpenAPI",
                "Middleware",
                "LambdaRuntime",
                "LambdaEvents",
                "Observability",
                "EventPatterns",
                "JSONCoding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "RuntimeFixtures",
            dependencies: ["Cloud", "LambdaRuntime"],
            path: "Tests/Fixtures/RuntimeFixtures",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "StoreWriter",
            dependencies: ["Cloud", "LocalCloud", .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Tests/Fixtures/StoreWriter",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OutboxWriter",
            dependencies: ["Cloud", "LocalCloud"],
            path: "Tests/Fixtures/OutboxWriter",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "QueueWriter",
            dependencies: ["Cloud", "LocalCloud"],
            path: "Tests/Fixtures/QueueWriter",
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusTesting",
            dependencies: [
                "Cloud", "LambdaRuntime", "LambdaEvents", "LocalCloud", "Observability", "Identifiers", "AWS",
                "JSONCoding", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusTestingTests",
            dependencies: ["StratusTesting", "ItemStoreContract", "Cloud"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JSONCodingTests",
            dependencies: ["JSONCoding", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EventPatternsTests",
            dependencies: ["EventPatterns", "JSONCoding"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LambdaEventsTests",
            dependencies: ["LambdaEvents", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LambdaRuntimeTests",
            dependencies: [
                "LambdaRuntime", "LambdaEvents", "StratusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MiddlewareTests",
            dependencies: [
                "Middleware", "LambdaRuntime", "LambdaEvents", "Cloud", "Hashing", "Observability", "StratusTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ItemStoreContract",
            dependencies: ["Cloud"],
            path: "Tests/ItemStoreContract",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MessageQueueContract",
            dependencies: ["Cloud"],
            path: "Tests/MessageQueueContract",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SecretStoreContract",
            dependencies: ["Cloud"],
            path: "Tests/SecretStoreContract",
            swiftSettings: strictSettings
        ),
        .target(
            name: "IdentityProviderContract",
            dependencies: ["Cloud"],
            path: "Tests/IdentityProviderContract",
            swiftSettings: strictSettings
        ),
        .target(
            name: "EventBusContract",
            dependencies: ["Cloud", "JSONCoding"],
            path: "Tests/EventBusContract",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServicesTests",
            dependencies: [
                "Services", "Cloud", "LocalCloud", "Middleware", "Observability", "LambdaEvents", "LambdaRuntime",
                "StratusTesting",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ObservabilityTests",
            dependencies: [
                "Observability", "LambdaRuntime", "LambdaEvents", "StratusTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GlibcCompatibilityTests",
            dependencies: ["GlibcCompatibility"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HashingTests",
            dependencies: ["Hashing"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IdentifiersTests",
            dependencies: ["Identifiers"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CachingTests",
            dependencies: ["Caching"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusCLITests",
            dependencies: ["stratus", "AWS", "Cloud", "LocalCloud", "Observability", "StratusTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Cloud", "LambdaRuntime", "LambdaEvents", "StratusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CloudTests",
            dependencies: ["Cloud", "LambdaRuntime", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AWSTests",
            dependencies: [
                "AWS", "Cloud", "Hashing", "JSONCoding", "StratusTesting", "MessageQueueContract", "ItemStoreContract",
                "EventBusContract", "SecretStoreContract", "IdentityProviderContract", "LocalCloud",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LocalCloudTests",
            dependencies: [
                "LocalCloud", "Cloud", "LambdaRuntime", "LambdaEvents", "App", "Services", "ItemStoreContract",
                "MessageQueueContract", "SecretStoreContract", "EventBusContract", "JSONCoding",
                "Observability", "Middleware",
                "OpenAPI", "Hashing", "Identifiers", "StratusTesting", "EventPatterns",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BootstrapTests",
            dependencies: [
                "App", "AWS", "Cloud", "JSONCoding", "LambdaEvents", "LambdaRuntime", "LocalCloud", "Observability",
                "Services", "StratusTesting",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
