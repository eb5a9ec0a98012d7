import Cloud
import Testing

/// A queue's tags: added, replaced, removed and bounded.
let tagChecks: [MessageQueueContract.Check] = [
    .init("tags are added, replaced by key and removed; a queue holds at most 50") { queues, scenario in
        let name = scenario.name("tagged")
        try await queues.createQueue(name)
        #expect(try await queues.tags(of: name).isEmpty)
        try await queues.tag(name, with: ["team": "orders", "Team": "case counts", "cost-centre": "42"])
        try await queues.tag(name, with: ["team": "billing", "empty": ""])
        #expect(
            try await queues.tags(of: name) == [
                "team": "billing", "Team": "case counts", "cost-centre": "42", "empty": "",
            ])
        try await queues.untag(name, keys: ["Team", "absent"])
        #expect(try await queues.tags(of: name) == ["team": "billing", "cost-centre": "42", "empty": ""])
        let tooMany = Dictionary(uniqueKeysWithValues: (0..<48).map { ("k\($0)", "v") })
        await expectQueueError(.invalidParameterValue) { try await queues.tag(name, with: tooMany) }
        #expect(try await queues.tags(of: name).count == 3, "a refused request adds none of its tags")
        await expectQueueError(.invalidParameterValue) { try await queues.tag(name, with: ["": "v"]) }
        await expectQueueError(.invalidParameterValue) {
            try await queues.tag(name, with: ["k": String(repeating: "v", count: 257)])
        }
        for reserved in ["aws:team", "AWS:team", "Aws:cost"] {
            await expectQueueError(.invalidParameterValue, "\(reserved) is AWS's") {
                try await queues.tag(name, with: [reserved: "v"])
            }
        }
        await expectQueueError(.invalidParameterValue) { try await queues.tag(name, with: ["a#b": "v"]) }
        await expectQueueError(.invalidParameterValue) { try await queues.tag(name, with: ["k": "v<script>"]) }
        try await queues.tag(name, with: ["été 2026/Q3": "a_b.c:d=e+f-g@h 1"])
        #expect(try await queues.tags(of: name)["été 2026/Q3"] == "a_b.c:d=e+f-g@h 1")
        await expectQueueError(.queueDoesNotExist) { _ = try await queues.tags(of: scenario.name("missing")) }
    }
]
