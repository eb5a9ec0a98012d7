import Foundation
import LambdaRuntime
import Testing

@Suite("The process environment")
struct ProcessEnvironmentTests {
    /// Entries as `environ` holds them, made here: the test changes no variable of the process, which other tests
    /// read at the same time.
    @Test func eachEntryIsSplitAtItsFirstEqualsSign() {
        let entries = ["PLAIN=value", "EQUALS=a=b==c", "EMPTY=", "UNICODE=Zürich 東京 🇨🇭", "NO_EQUALS_SIGN", "=nameless"]
        var pointers: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) }
        pointers.append(nil)
        defer {
            for pointer in pointers { free(pointer) }
        }

        let variables = pointers.withUnsafeBufferPointer { ProcessEnvironment.variables(in: $0.baseAddress!) }

        #expect(
            variables == [
                "PLAIN": "value", "EQUALS": "a=b==c", "EMPTY": "", "UNICODE": "Zürich 東京 🇨🇭", "": "nameless",
            ])
    }

    @Test func theCurrentEnvironmentIsTheOneFoundationReads() {
        #expect(ProcessEnvironment.current()["PATH"] == ProcessInfo.processInfo.environment["PATH"])
    }
}
