import JSONCoding

/// The checks EventBridge makes on requests before it looks at any bus, in one place, so that every adapter refuses
/// the same requests with the same codes. The bounds come from ``EventBusLimits``.
public enum EventBusRequest {
    /// The longest event pattern, in characters.
    public static let patternLength = 2048

    /// Checks the request as a whole: 1…10 entries of at most 1 MB together.
    /// - Throws: ``EventBusError/Code/validation`` naming the bound broken; nothing is put then.
    public static func checkPutEvents(_ entries: [PutEventsEntry]) throws(EventBusError) {
        guard (1...EventBusLimits.entriesPerRequest).contains(entries.count) else {
            throw .invalid("Entries", "a request has 1 to 10 entries, not \(entries.count)")
        }
        let size = entries.reduce(0) { $0 + $1.size }
        guard size <= EventBusLimits.requestSize else {
            throw .invalid("Entries", "the entries total \(size) bytes, more than \(EventBusLimits.requestSize)")
        }
    }

    /// Why EventBridge would refuse `entry` on its own, as the failed result entry it returns, or `nil` when the
    /// entry is fine (its bus may still not exist).
    public static func failure(of entry: PutEventsEntry) -> PutEventsResult.Entry? {
        for (parameter, value) in [
            ("Source", entry.source), ("DetailType", entry.detailType), ("Detail", entry.detail),
        ]
        where value.isEmpty {
            return .failed(
                errorCode: "InvalidArgument",
                errorMessage: "Parameter \(parameter) is not valid. Reason: \(parameter) is a required argument.")
        }
        // `aws.` sources are AWS's own services': EventBridge refuses them from PutEvents.
        guard !entry.source.hasPrefix("aws.") else {
            return .failed(errorCode: "NotAuthorizedForSourceException", errorMessage: "Not authorized for the source.")
        }
        guard isValidBusName(entry.eventBusName) else {
            return .failed(
                errorCode: "InvalidArgument",
                errorMessage: "Parameter EventBusName is not valid. Reason: \(entry.eventBusName) is not a bus name.")
        }
        guard JSONValue(parsing: Array(entry.detail.utf8), maximumDepth: 1000)?.objectValue != nil else {
            return .failed(errorCode: "MalformedDetail", errorMessage: "Detail is malformed.")
        }
        return nil
    }

    /// Checks a bus name: 1…256 letters, digits, `.`, `-`, `_` and `/`.
    public static func checkBusName(_ name: String) throws(EventBusError) {
        guard isValidBusName(name) else {
            throw .invalid("Name", "a bus name is 1 to 256 letters, digits and . - _ /")
        }
    }

    /// Checks a rule's name, bus, pattern and description (the pattern's language is the adapter's to check).
    public static func checkRule(_ rule: EventRule) throws(EventBusError) {
        try checkName(rule.name, "Name", maximumLength: EventBusLimits.ruleNameLength)
        try checkBusName(rule.eventBusName)
        guard !rule.eventPattern.isEmpty else {
            throw .invalid("EventPattern", "EventPattern or ScheduleExpression must be specified")
        }
        try checkPatternLength(rule.eventPattern)
        try checkDescription(rule.description)
    }

    /// Checks the rule name `name` of a request that looks a rule up.
    public static func checkRuleName(_ name: String) throws(EventBusError) {
        try checkName(name, "Rule", maximumLength: EventBusLimits.ruleNameLength)
    }

    /// Checks a `PutTargets` request as a whole: a target delivering to a FIFO queue must name the message group of
    /// its events, or EventBridge refuses every target of the request.
    /// - Throws: ``EventBusError/Code/validation`` naming the first target without one; nothing is put then.
    public static func checkPutTargets(_ targets: [RuleTarget]) throws(EventBusError) {
        if let target = targets.first(where: { $0.deliversToFIFOQueue && $0.messageGroupID == nil }) {
            throw EventBusError(.validation, "Parameter(s) SqsParameters must be specified for target: \(target.id).")
        }
    }

    /// Why EventBridge would refuse `target`, or `nil` when it is fine.
    public static func failure(of target: RuleTarget) -> TargetFailure? {
        do {
            try check(target)
            return nil
        } catch {
            return TargetFailure(targetID: target.id, errorCode: error.code.rawValue, errorMessage: error.message)
        }
    }

    /// Checks an archive's name, bus, retention and pattern length.
    public static func checkArchive(_ archive: EventArchive) throws(EventBusError) {
        try checkName(archive.name, "ArchiveName", maximumLength: EventBusLimits.archiveNameLength)
        try checkBusName(archive.sourceBus)
        guard archive.retentionDays >= 0 else {
            throw .invalid("RetentionDays", "the retention is 0 (forever) or more days")
        }
        if let pattern = archive.eventPattern { try checkPatternLength(pattern) }
    }

    /// Checks an archive name of a request that looks one up.
    public static func checkArchiveName(_ name: String) throws(EventBusError) {
        try checkName(name, "ArchiveName", maximumLength: EventBusLimits.archiveNameLength)
    }

    /// Checks a replay's name, window and rule names.
    public static func checkReplay(_ replay: EventReplay) throws(EventBusError) {
        try checkName(replay.name, "ReplayName", maximumLength: EventBusLimits.ruleNameLength)
        try checkArchiveName(replay.archive)
        try checkBusName(replay.destinationBus)
        guard replay.fromMilliseconds < replay.toMilliseconds else {
            throw .invalid("EventStartTime", "the start of the window must be before its end")
        }
        for rule in replay.ruleNames ?? [] {
            try checkRuleName(rule)
        }
    }

    /// Checks a replay name of a request that looks one up.
    public static func checkReplayName(_ name: String) throws(EventBusError) {
        try checkName(name, "ReplayName", maximumLength: EventBusLimits.ruleNameLength)
    }

    // MARK: Pieces

    private static func check(_ target: RuleTarget) throws(EventBusError) {
        try checkName(target.id, "Id", maximumLength: EventBusLimits.ruleNameLength)
        guard [target.input != nil, target.inputPath != nil, target.inputTransformer != nil].count(where: \.self) <= 1
        else {
            throw .invalid("Input", "a target has at most one of Input, InputPath and InputTransformer")
        }
        if let input = target.input {
            guard input.count <= EventBusLimits.inputTemplateLength,
                JSONValue(parsing: Array(input.utf8), maximumDepth: 1000) != nil
            else {
                throw .invalid("Input", "a constant input is valid JSON text of at most 8192 characters")
            }
        }
        if let path = target.inputPath { try checkJSONPath(path, "InputPath") }
        if let transformer = target.inputTransformer { try check(transformer) }
        try checkBounds(
            "RetryPolicy.MaximumRetryAttempts", target.retryPolicy.maximumRetryAttempts, EventBusLimits.retryAttempts)
        try checkBounds(
            "RetryPolicy.MaximumEventAgeInSeconds", target.retryPolicy.maximumEventAgeSeconds,
            EventBusLimits.eventAgeSeconds)
        try checkBounds(
            "MaximumRetryAttempts", target.asyncInvocation.maximumRetryAttempts, EventBusLimits.asyncRetryAttempts)
        try checkBounds(
            "MaximumEventAgeInSeconds", target.asyncInvocation.maximumEventAgeSeconds,
            EventBusLimits.asyncEventAgeSeconds)
        switch target.destination {
        case .queue(let name), .function(let name):
            try checkName(name, "Arn", maximumLength: EventBusLimits.busNameLength)
        }
        if let queue = target.deadLetterQueue {
            try checkName(queue, "DeadLetterConfig.Arn", maximumLength: EventBusLimits.busNameLength)
        }
        if let group = target.messageGroupID {
            guard (1...MessageQueueLimits.fifoIDLength).contains(group.count) else {
                throw .invalid("SqsParameters.MessageGroupId", "a message group id has 1 to 128 characters")
            }
        }
    }

    private static func check(_ transformer: InputTransformer) throws(EventBusError) {
        guard transformer.inputPathsMap.count <= EventBusLimits.inputPathsPerTransformer else {
            throw .invalid("InputPathsMap", "a transformer has at most 100 variables")
        }
        for (name, path) in transformer.inputPathsMap {
            guard !name.isEmpty, name.utf8.allSatisfy(isVariableByte), !name.hasPrefix("aws.") else {
                throw .invalid(
                    "InputPathsMap", "a variable name is letters, digits, - and _, and does not start with aws.")
            }
            try checkJSONPath(path, "InputPathsMap")
        }
        guard (1...EventBusLimits.inputTemplateLength).contains(transformer.inputTemplate.count) else {
            throw .invalid("InputTemplate", "a template is 1 to 8192 characters")
        }
    }

    private static func checkJSONPath(_ path: String, _ parameter: String) throws(EventBusError) {
        guard path.first == "$", path.utf8.count <= EventBusLimits.inputPathLength else {
            throw .invalid(parameter, "a JSON path starts with $ and is at most 256 characters")
        }
    }

    private static func checkBounds(_ parameter: String, _ value: Int, _ bounds: ClosedRange<Int>)
        throws(EventBusError)
    {
        guard bounds.contains(value) else {
            throw .invalid(parameter, "\(value) is not between \(bounds.lowerBound) and \(bounds.upperBound)")
        }
    }

    private static func checkPatternLength(_ pattern: String) throws(EventBusError) {
        guard pattern.count <= patternLength else {
            throw EventBusError(
                .invalidEventPattern, "Event pattern is not valid. Reason: it is longer than 2048 characters")
        }
    }

    private static func checkDescription(_ description: String?) throws(EventBusError) {
        guard (description?.count ?? 0) <= EventBusLimits.descriptionLength else {
            throw .invalid("Description", "a description is at most 512 characters")
        }
    }

    private static func checkName(_ name: String, _ parameter: String, maximumLength: Int) throws(EventBusError) {
        guard (1...maximumLength).contains(name.utf8.count), name.utf8.allSatisfy(isNameByte) else {
            throw .invalid(parameter, "a name is 1 to \(maximumLength) letters, digits and . - _")
        }
    }

    private static func isValidBusName(_ name: String) -> Bool {
        (1...EventBusLimits.busNameLength).contains(name.utf8.count)
            && name.utf8.allSatisfy { isNameByte($0) || $0 == UInt8(ascii: "/") }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isVariableByte(byte) || byte == UInt8(ascii: ".")
    }

    private static func isVariableByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
