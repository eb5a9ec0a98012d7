import Cloud

/// The ARNs the local bus gives its rules and targets, as EventBridge, SQS and Lambda spell them, in the local
/// account (``LocalAccount``).
struct BusARN {
    /// The region of the ARNs.
    let region: String

    /// A rule's ARN: `…:rule/NAME` on the default bus, `…:rule/BUS/NAME` on another.
    func rule(_ name: String, bus: String) -> String {
        let path = bus == EventBusNames.default ? name : "\(bus)/\(name)"
        return "arn:aws:events:\(self.region):\(LocalAccount.id):rule/\(path)"
    }

    /// A queue's ARN.
    func queue(_ name: String) -> String {
        LocalAccount.queueARN(name, region: self.region)
    }

    /// A function's ARN.
    func function(_ name: String) -> String {
        "arn:aws:lambda:\(self.region):\(LocalAccount.id):function:\(name)"
    }
}
