/// An event bus of the app (EventBridge's custom event bus), optionally archiving what crosses it.
public struct Bus: Sendable, Hashable {
    /// The bus's name: 1–256 letters, digits, `.`, `-` or `_`; `default` is the bus every account has.
    public let name: String
    /// How many days the bus's archive keeps events; `nil` for no archive, `0` for an archive kept forever.
    public let archiveDays: Int?
    /// Only events matching this pattern (JSON text) are archived; all when `nil`.
    public let archivePattern: String?

    /// Declares the bus `name`, archived for `archiveDays` when given.
    public init(_ name: String, archiveDays: Int? = nil, archivePattern: String? = nil) {
        self.name = name
        self.archiveDays = archiveDays
        self.archivePattern = archivePattern
    }

    /// The bus every account has, which needs no declaration.
    public static let defaultName = "default"

    /// The name of this bus's archive, if it has one.
    public var archiveName: String? {
        self.archiveDays == nil ? nil : "\(self.name)-archive"
    }

    /// Whether `name` is a valid event bus name: 1–256 ASCII letters, digits, `.`, `-`, `_`.
    static func isValidName(_ name: String) -> Bool {
        (1...256).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                Character(Unicode.Scalar(byte)).isASCIIAlphanumeric || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}

extension Character {
    /// An ASCII letter or digit.
    var isASCIIAlphanumeric: Bool {
        self.isASCII && (self.isLetter || self.isNumber)
    }
}
