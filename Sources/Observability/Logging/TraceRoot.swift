/// The `Root=` part of an X-Ray trace header (`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1`): the
/// trace id that logs carry as `xray_trace_id`.
struct TraceRoot: Sendable, Equatable {
    let value: String

    init?(header: String) {
        for field in header.split(separator: ";") {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingPrefixSpaces == "Root", !parts[1].isEmpty {
                self.value = String(parts[1])
                return
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingPrefixSpaces: Substring { self.drop { $0 == " " } }
}
