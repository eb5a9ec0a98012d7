import Foundation
import LambdaRuntime
import LocalCloud

/// The figures of a runtime benchmark, their ratios to the baseline, and the targets they meet or miss.
struct RuntimeBenchReport {
    let subject: RuntimeBenchmark.Measurement
    let baseline: RuntimeBenchmark.Measurement
    let zipBytes: Int?

    private var coldRatio: Double {
        Double(self.subject.coldStartMicroseconds.valueAtPercentile(50))
            / Double(max(1, self.baseline.coldStartMicroseconds.valueAtPercentile(50)))
    }

    private var warmRatio: Double {
        Double(self.subject.warmNanoseconds.valueAtPercentile(50))
            / Double(max(1, self.baseline.warmNanoseconds.valueAtPercentile(50)))
    }

    /// Each target with whether it was met.
    var targets: [(name: String, met: Bool)] {
        var targets = [
            ("cold start p50 ≤ 5× baseline (\(self.coldRatio.formattedWithTwoDecimals)×)", self.coldRatio <= 5),
            ("warm p50 ≤ 1.5× baseline (\(self.warmRatio.formattedWithTwoDecimals)×)", self.warmRatio <= 1.5),
            (
                "peak RSS ≤ 15 MB (\(Self.megabytes(self.subject.peakResidentBytes)) MB)",
                self.subject.peakResidentBytes <= 15 * 1_048_576
            ),
        ]
        if let zipBytes {
            targets.append(("zipped bootstrap ≤ 8 MB (\(Self.megabytes(zipBytes)) MB)", zipBytes <= 8 * 1_048_576))
        }
        return targets
    }

    var missedTargets: [String] {
        self.targets.filter { !$0.met }.map(\.name)
    }

    var table: String {
        var lines = [
            Self.row(["", "cold p50", "cold p99", "warm p50", "warm p99", "peak RSS"]),
            Self.row(self.columns(of: self.subject)),
            Self.row(self.columns(of: self.baseline)),
            Self.row([
                "ratio",
                "\(self.coldRatio.formattedWithTwoDecimals)×",
                "",
                "\(self.warmRatio.formattedWithTwoDecimals)×",
                "",
                "",
            ]),
        ]
        if let zipBytes {
            lines.append("zipped bootstrap: \(zipBytes) bytes (\(Self.megabytes(zipBytes)) MB)")
        }
        for target in self.targets {
            lines.append("\(target.met ? "met    " : "MISSED ") \(target.name)")
        }
        return lines.joined(separator: "\n")
    }

    private func columns(of measurement: RuntimeBenchmark.Measurement) -> [String] {
        [
            measurement.subject,
            Self.milliseconds(measurement.coldStartMicroseconds.valueAtPercentile(50)),
            Self.milliseconds(measurement.coldStartMicroseconds.valueAtPercentile(99)),
            Self.microseconds(measurement.warmNanoseconds.valueAtPercentile(50)),
            Self.microseconds(measurement.warmNanoseconds.valueAtPercentile(99)),
            "\(Self.megabytes(measurement.peakResidentBytes)) MB",
        ]
    }

    private static func milliseconds(_ microseconds: UInt64) -> String {
        "\((Double(microseconds) / 1000).formattedWithTwoDecimals) ms"
    }

    private static func microseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f µs", Double(nanoseconds) / 1000)
    }

    private static func megabytes(_ bytes: Int) -> String {
        (Double(bytes) / 1_048_576).formattedWithTwoDecimals
    }

    private static func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let width = index == 0 ? 12 : 11
            return cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}
