/// CloudWatch's metric units, spelled as EMF documents name them.
public enum MetricUnit: String, Sendable, CaseIterable {
    case seconds = "Seconds"
    case microseconds = "Microseconds"
    case milliseconds = "Milliseconds"
    case bytes = "Bytes"
    case kilobytes = "Kilobytes"
    case megabytes = "Megabytes"
    case gigabytes = "Gigabytes"
    case terabytes = "Terabytes"
    case bits = "Bits"
    case kilobits = "Kilobits"
    case megabits = "Megabits"
    case gigabits = "Gigabits"
    case terabits = "Terabits"
    case percent = "Percent"
    case count = "Count"
    case bytesPerSecond = "Bytes/Second"
    case kilobytesPerSecond = "Kilobytes/Second"
    case megabytesPerSecond = "Megabytes/Second"
    case gigabytesPerSecond = "Gigabytes/Second"
    case terabytesPerSecond = "Terabytes/Second"
    case bitsPerSecond = "Bits/Second"
    case kilobitsPerSecond = "Kilobits/Second"
    case megabitsPerSecond = "Megabits/Second"
    case gigabitsPerSecond = "Gigabits/Second"
    case terabitsPerSecond = "Terabits/Second"
    case countPerSecond = "Count/Second"
    case none = "None"
}

/// How finely CloudWatch stores a metric: every minute (standard) or every second (high resolution,
/// `StorageResolution: 1`).
public enum MetricResolution: Int, Sendable {
    case high = 1
    case standard = 60
}
