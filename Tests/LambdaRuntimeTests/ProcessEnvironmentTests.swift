import Foundation
import LambdaRuntime
import Testing

@Suite("The process environment")
struct ProcessEnvironmentTests {
    @Test func eachVariableIsSplitAtItsFirstEqualsSign() {
        setenv("STRATUS_TEST_ENV_PLAIN", "value", 1)
        setenv("STRATUS_TEST_ENV_EQUALS", "a=b==c", 1)
        setenv("STRATUS_TEST_ENV_EMPTY", "", 1)
        setenv("STRATUS_TEST_ENV_UNICODE", "Zürich 東京 🇨🇭", 1)
        defer {
            for name in ["PLAIN", "EQUALS", "EMPTY", "UNICODE"] { unsetenv("STRATUS_TEST_ENV_\(name)") }
        }

        let environment = ProcessEnvironment.current()

        #expect(environment["STRATUS_TEST_ENV_PLAIN"] == "value")
        #expect(environment["STRATUS_TEST_ENV_EQUALS"] == "a=b==c")
        #expect(environment["STRATUS_TEST_ENV_EMPTY"] == "")
        #expect(environment["STRATUS_TEST_ENV_UNICODE"] == "Zürich 東京 🇨🇭")
        #expect(environment["PATH"] == ProcessInfo.processInfo.environment["PATH"])
    }
}
