public import Cloud

extension ValidationRule where Value == String {
    /// A plausible email address: one `@`, a local part of 1–64 characters without spaces or control characters,
    /// and a domain of dot-separated labels of letters, digits and hyphens, ending in a label of two or more
    /// letters; 254 characters at most.
    public static var emailAddress: ValidationRule {
        ValidationRule(constraint: .format("email")) {
            EmailAddressFormat.isPlausible($0) ? nil : "must be an email address, such as ada@example.com"
        }
    }

    /// Text without control characters (C0, DEL and C1, Unicode's `Cc`), as a name or an address holds: such
    /// characters mean nothing there and turn into escape sequences in the terminals and logs that show the text.
    public static var plainText: ValidationRule {
        ValidationRule(constraint: .pattern(#"^[^\u0000-\u001F\u007F-\u009F]*$"#)) { text in
            text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                ? "must not contain control characters" : nil
        }
    }

    /// A phone number in E.164 form: `+`, then 2 to 15 digits, the first not 0.
    public static var e164PhoneNumber: ValidationRule {
        ValidationRule(constraint: .pattern("^\\+[1-9][0-9]{1,14}$")) { text in
            let bytes = Array(text.utf8)
            let isValid =
                bytes.count >= 3 && bytes.count <= 16 && bytes[0] == UInt8(ascii: "+")
                && bytes[1] != UInt8(ascii: "0")
                && bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return isValid ? nil : "must be a phone number in E.164 form, such as +14155550123"
        }
    }
}

/// The byte-level check behind ``ValidationRule/emailAddress``.
enum EmailAddressFormat {
    static func isPlausible(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")),
            bytes.lastIndex(of: UInt8(ascii: "@")) == at
        else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), local.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "@") })
        else {
            return false
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(Self.isLetter) else {
            return false
        }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy {
                    Self.isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
                }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}

extension ValidationRule where Value == String {
    /// A password `policy` accepts; a broken policy reads as one reason listing every rule it breaks.
    public static func password(_ policy: PasswordPolicy) -> ValidationRule {
        ValidationRule(constraint: .length(policy.minimumLength, policy.maximumLength)) { password in
            let violations = policy.violations(of: password)
            return violations.isEmpty ? nil : violations.joined(separator: "; ")
        }
    }
}
