import Cloud
import JSONCoding
import LambdaRuntime

/// What a target receives for an event, as EventBridge shapes it: the whole event, its constant `Input`, the part its
/// `InputPath` selects, or its input transformer's template filled in.
struct TargetInput {
    /// The rule that matched, for the predefined variables.
    let ruleName: String
    /// The rule's ARN.
    let ruleARN: String
    /// When the bus accepted the event, in milliseconds.
    let ingestedMilliseconds: Int64

    /// The text `target` receives for `envelope`: the whole event as its exact text, the target's constant input, or
    /// what paths select from the event.
    func render(_ envelope: EventEnvelope, for target: RuleTarget) -> String {
        if let input = target.input { return input }
        let event = envelope.json
        if let path = target.inputPath {
            return EventEnvelope.text(of: EventJSONPath(path)?.select(in: event) ?? .null)
        }
        guard let transformer = target.inputTransformer else { return envelope.text }
        var values = self.predefinedValues(of: event)
        for (name, path) in transformer.inputPathsMap {
            values[name] = EventJSONPath(path)?.select(in: event) ?? .null
        }
        return Self.fill(transformer.inputTemplate, with: values)
    }

    /// The variables EventBridge defines for every template.
    private func predefinedValues(of event: JSONValue) -> [String: JSONValue] {
        var withoutDetail = event.objectValue ?? [:]
        withoutDetail["detail"] = nil
        return [
            "aws.events.rule-name": .string(self.ruleName),
            "aws.events.rule-arn": .string(self.ruleARN),
            "aws.events.event.ingestion-time": .string(WallClock.iso8601(milliseconds: self.ingestedMilliseconds)),
            "aws.events.event": .object(withoutDetail),
            "aws.events.event.json": event,
        ]
    }

    /// `template` with each `<name>` of `values` replaced. In a template that is JSON (it starts with `{`, `[` or
    /// `"`), a placeholder inside a string takes the value's text escaped for that string (a string's own text, any
    /// other value's JSON), and one outside a string takes the value's JSON. In a template of plain text, a string
    /// value is put as its text and any other as its JSON. Unknown placeholders stay as they are.
    static func fill(_ template: String, with values: [String: JSONValue]) -> String {
        let isJSON = template.drop { $0.isWhitespace }.first.map { "{[\"".contains($0) } ?? false
        var output = ""
        var inString = false
        var escaped = false
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "<", let close = template[index...].firstIndex(of: ">"),
                let value = values[String(template[template.index(after: index)..<close])]
            {
                output += Self.placeholderText(value, isJSON: isJSON, inString: inString)
                index = template.index(after: close)
                continue
            }
            if escaped {
                escaped = false
            } else if character == "\\" && inString {
                escaped = true
            } else if character == "\"" {
                inString.toggle()
            }
            output.append(character)
            index = template.index(after: index)
        }
        return output
    }

    private static func placeholderText(_ value: JSONValue, isJSON: Bool, inString: Bool) -> String {
        switch (isJSON, inString, value) {
        case (true, false, _): return EventEnvelope.text(of: value)
        case (true, true, .string(let text)): return String(JSONWriter.quoted(text).dropFirst().dropLast())
        case (true, true, _): return String(JSONWriter.quoted(EventEnvelope.text(of: value)).dropFirst().dropLast())
        case (false, _, .string(let text)): return text
        case (false, _, _): return EventEnvelope.text(of: value)
        }
    }
}
