public import Foundation

/// Paths and tools the integration tests need.
public enum TestEnvironment {
    /// The folder that holds the test runner and every executable `swift build --build-tests` built.
    public static let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .path.replacingOccurrences(of: "/StratusPackageTests.xctest/Contents/MacOS", with: "")

    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The built `bootstrap`, the function binary that ships to Lambda.
    public static var bootstrap: String { Self.executable("bootstrap") }
    /// The built `RuntimeFixtures`, functions that misbehave on purpose.
    public static var runtimeFixtures: String { Self.executable("RuntimeFixtures") }
    /// The built `stratus` command.
    public static var stratus: String { Self.executable("stratus") }
    /// The built `StoreWriter`, a second process writing to a store.
    public static var storeWriter: String { Self.executable("StoreWriter") }

    private static func executable(_ name: String) -> String {
        let candidates = [
            "\(Self.buildDirectory)/\(name)",
            Self.packageRoot.appendingPathComponent(".build/debug/\(name)").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// The Python with the test tools installed (`awslambdaric`, `openapi-spec-validator`, `aws-xray-sdk`): `STRATUS_PYTHON`, else
    /// the project's `.venv`.
    public static let python: String? = Self.python(with: ["awslambdaric", "openapi_spec_validator", "aws_xray_sdk"])

    /// The first Python of `STRATUS_PYTHON` and the project's `.venv` that has every module of `modules`, if any.
    public static func python(with modules: [String]) -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["STRATUS_PYTHON"],
            Self.packageRoot.appendingPathComponent(".venv/bin/python").path,
        ].compactMap { $0 }
        let lookups = modules.map { "u.find_spec('\($0)')" }.joined(separator: " and ")
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            // Looked up, not imported: importing them takes a second, and this runs while other tests do.
            probe.arguments = ["-c", "import importlib.util as u, sys; sys.exit(0 if \(lookups) else 1)"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }

    /// Whether this run is CI, where a missing tool fails the tests instead of skipping them.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Tests that need `awslambdaric` run when it is installed, and always on CI (where its absence is a failure).
    public static var awsLambdaRICAvailable: Bool { Self.python != nil || Self.isCI }
}
