import Testing

@testable import stratus

/// What `stratus serve` takes from its options and environment, checked without starting a server.
@Suite struct ServeOptionsTests {
    @Test(arguments: ["localhost", "my-laptop.local", "10.0.0.7", "[::1]", "[fe80::1]", "a-b.example"])
    func hostNamesAreAllowedHosts(name: String) {
        #expect(ServeCommand.isHostName(name))
    }

    @Test(arguments: ["", "host:3000", "http://host", "host/path", "ho st", "hôst", "[::1", "[::1]:3000", "*.example"])
    func anythingElseIsNot(name: String) {
        #expect(!ServeCommand.isHostName(name))
    }

    @Test func functionsSeePowertoolsSettingsAndLambdasLogLevelAndFormatOnly() {
        let environment = ServeCommand.functionEnvironment([
            "POWERTOOLS_LOG_LEVEL": "DEBUG", "AWS_LAMBDA_LOG_LEVEL": "WARN", "AWS_LAMBDA_LOG_FORMAT": "JSON",
            "STRATUS_ADMIN_TOKEN": "secret-secret-secret", "HOME": "/root", "AWS_SECRET_ACCESS_KEY": "x",
        ])
        #expect(
            environment == [
                "POWERTOOLS_LOG_LEVEL": "DEBUG", "AWS_LAMBDA_LOG_LEVEL": "WARN", "AWS_LAMBDA_LOG_FORMAT": "JSON",
            ])
    }
}
