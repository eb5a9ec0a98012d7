/// Why a metric was refused; each breaks a rule of CloudWatch's embedded metric format.
public enum MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A dimension set over EMF's 30 dimensions (the `service` dimension and the default dimensions included).
    case tooManyDimensions(Int)
    /// A metric name that is empty, longer than 255 characters, or the name of a dimension.
    case invalidName(String)
    /// A value that is not a finite number.
    case invalidValue(name: String)
    /// A dimension name or value that is empty or longer than 255 characters.
    case invalidDimension(String)

    /// The broken rule in a sentence, naming the metric or dimension.
    public var description: String {
        switch self {
        case .tooManyDimensions(let count):
            "A metric has \(count) dimensions; EMF allows at most \(EMFLimits.maximumDimensions)"
        case .invalidName(let name):
            "The metric name \"\(name)\" is empty, longer than 255 characters, or a dimension's name"
        case .invalidValue(let name):
            "The metric \(name) was given a value that is not a finite number"
        case .invalidDimension(let name):
            "The dimension \"\(name)\" has an empty or over-long name or value"
        }
    }
}

/// The embedded metric format's limits.
enum EMFLimits {
    static let maximumMetricsPerDocument = 100
    static let maximumValuesPerMetric = 100
    static let maximumDimensions = 30
    static let maximumNameLength = 255
}
