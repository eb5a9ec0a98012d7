import LambdaRuntime

/// The request headers the Runtime API emulator reads, recognised by name in any case.
enum RuntimeAPIRequestHeader {
    case contentLength
    case transferEncoding
    case connection
    case expect
    case functionErrorType

    /// The header named `name`, or `nil` for one the emulator does not read.
    init?(name: Slice<UnsafeRawBufferPointer>) {
        switch name.count {
        case 14 where Self.equalIgnoringCase(name, "content-length"): self = .contentLength
        case 17 where Self.equalIgnoringCase(name, "transfer-encoding"): self = .transferEncoding
        case 10 where Self.equalIgnoringCase(name, "connection"): self = .connection
        case 6 where Self.equalIgnoringCase(name, "expect"): self = .expect
        case 34 where Self.equalIgnoringCase(name, "lambda-runtime-function-error-type"): self = .functionErrorType
        default: return nil
        }
    }

    /// Whether `bytes` spell `lowercase` with its letters in either case.
    static func equalIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ lowercase: String) -> Bool {
        var lowercase = lowercase
        return lowercase.withUTF8 { expected in
            HTTPSyntax.sameFieldName(UnsafeRawBufferPointer(rebasing: bytes), UnsafeRawBufferPointer(expected))
        }
    }
}
