import Foundation
import StratusTesting
import Testing

/// `scripts/lambda/order_file.py` turns callgrind's outputs into the layout `scripts/build-lambda.sh` links
/// `bootstrap` with; a wrong reading would lay the code out by the wrong costs, or name sections that do not exist.
@Suite("The Lambda binary's code layout")
struct LambdaOrderFileTests {
    /// Two runs of a binary named `bootstrap`: own costs are summed across files and recursion levels, a call's
    /// inclusive cost is not its caller's own, and other objects' functions and unnamed code are left out.
    @Test func functionsAreOrderedByTheirOwnInstructionsAcrossRuns() async throws {
        let workspace = try TemporaryDirectory()
        let first = """
            events: Ir
            ob=(1) /tmp/work/bootstrap
            fn=(1) $s4Main3runyyF
            3 100
            cob=(1)
            cfn=(2) $s4Main6decodeyyF
            calls=1 0
            4 900000
            fn=(2)
            10 50
            ob=(2) /usr/lib/x86_64-linux-gnu/libc.so.6
            fn=(3) memcpy
            1 5000
            ob=(1)
            fn=(4) 0x00000000004d9260
            1 7000

            """
        let second = """
            events: Ir
            ob=(1) /tmp/work/bootstrap
            fn=(1) $s4Main6decodeyyF'2
            10 80
            fn=(2) swift_retain
            +2 20

            """
        let paths = try [("callgrind.1", first), ("callgrind.2", second)].map { name, text in
            let path = workspace.path(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/lambda/order_file.py").path
        let run = try await runToCompletion("/usr/bin/env", ["python3", script] + paths, mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText)")
        #expect(
            run.outputText.split(separator: "\n") == [
                ".text.$s4Main6decodeyyF", ".text.$s4Main3runyyF", ".text.swift_retain",
            ])
    }
}
