import Foundation
import LambdaEvents
import StratusTesting
import Testing
import Tracing

@testable import Observability

@Suite struct XRayTracerTests {
    static let root = "1-5759e988-bd862e3fe1be46a994272793"

    static func context(sampled: Bool?, parent: String? = "53995c3f42cd8ad8") -> ServiceContext {
        var context = ServiceContext.topLevel
        context.xrayTraceHeader = XRayTraceHeader(root: Self.root, parent: parent, sampled: sampled)
        return context
    }

    @Test func headersRoundTripAndMalformedRootsAreRefused() throws {
        let header = try #require(
            XRayTraceHeader(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1"))
        #expect(header == XRayTraceHeader(root: Self.root, parent: "53995c3f42cd8ad8", sampled: true))
        #expect(header.description == "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
        #expect(XRayTraceHeader("Root=1-5759e988-bd862e3fe1be46a994272793")?.sampled == nil)
        #expect(XRayTraceHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=?")?.sampled == nil)
        for malformed in [
            "", "Parent=53995c3f42cd8ad8", "Root=2-5759e988-bd862e3fe1be46a994272793",
            "Root=1-5759e98-bd862e3fe1be46a9942727931",
            "Root=1-5759e988-bd862e3fe1be46a99427279z",
        ] {
            #expect(XRayTraceHeader(malformed) == nil, "\(malformed)")
            #expect(XRayTraceHeader.root(of: malformed) == nil, "\(malformed)")
        }
        #expect(
            XRayTraceHeader.root(of: " Sampled=0 ; Root = 1-5759e988-bd862e3fe1be46a994272793 ;Parent=x") == Self.root)
        let fresh = XRayTraceHeader.newTraceID(nowMilliseconds: 1_796_169_404_013)
        #expect(XRayTraceHeader.isTraceID(fresh) && fresh.hasPrefix("1-6b0f5ebc-"))
        #expect(XRayTraceHeader.isSegmentID(XRayTraceHeader.newSegmentID()))
        #expect(TraceIdentifierSource.hex(0x0123_4567_89ab_cdef, digits: 16) == "0123456789abcdef")
        #expect(TraceIdentifierSource.hex(0xfedc_ba98, digits: 8) == "fedcba98")
        #expect(TraceIdentifierSource.hex(0xabc, digits: 2) == "bc")
    }

    @Test func anUnsampledTraceIsAWellFormedHeaderThatRecordsNothing() throws {
        let text = XRayTraceHeader.unsampled(nowMilliseconds: 1_796_169_404_013).description
        let header = try #require(XRayTraceHeader(text))
        #expect(header.root.hasPrefix("1-6b0f5ebc-"))
        #expect(XRayTraceHeader.isSegmentID(try #require(header.parent)))
        #expect(header.sampled == false)
        #expect(text == "Root=\(header.root);Parent=\(header.parent ?? "");Sampled=0")
        #expect(XRayTraceHeader.unsampled().root != XRayTraceHeader.unsampled().root)
    }

    @Test func unsampledOrDisabledTracesRecordNothing() {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        for context in [Self.context(sampled: false), Self.context(sampled: nil), ServiceContext.topLevel] {
            let span = tracer.startSpan("## handler", context: context, ofKind: .internal)
            #expect(!span.isRecording)
            span.attributes["aws.operation"] = "GetItem"
            span.end()
        }
        let disabled = XRayTracer.disabled.startSpan(
            "## handler", context: Self.context(sampled: true), ofKind: .internal)
        #expect(!disabled.isRecording)
        disabled.end()
        #expect(emitter.emitted.isEmpty)
    }

    @Test func aFunctionsSpanIsASubsegmentOfLambdasSegmentWithItsCallsNestedInIt() throws {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        let handler = tracer.startSpan("## orders", context: Self.context(sampled: true), ofKind: .internal)
        handler.annotate("ColdStart", .bool(true))
        let call = tracer.startSpan("DynamoDB", context: handler.context, ofKind: .client)
        call.attributes["aws.operation"] = "PutItem"
        call.attributes["aws.table_name"] = "stratus"
        call.end()
        let remote = tracer.startSpan("payments.example", context: handler.context, ofKind: .client)
        remote.attributes["http.request.method"] = "POST"
        remote.attributes["url.full"] = "https://payments.example/charge"
        remote.attributes["http.response.status_code"] = 429
        remote.end()
        #expect(emitter.emitted.isEmpty, "children wait for their parent")
        handler.end()

        let document = try #require(emitter.emitted.only)
        #expect(document.type == "subsegment")
        #expect(document.traceID == Self.root)
        #expect(document.parentID == "53995c3f42cd8ad8")
        #expect(document.annotations == ["ColdStart": .bool(true)])
        #expect((document.endTime ?? 0) >= document.startTime)
        let children = try #require(document.subsegments)
        #expect(children.count == 2)
        #expect(children[0].name == "DynamoDB" && children[0].namespace == "aws")
        #expect(children[0].aws == ["operation": .string("PutItem"), "table_name": .string("stratus")])
        #expect(children[0].traceID == nil && children[0].type == nil)
        #expect(children[1].namespace == "remote")
        #expect(
            children[1].http
                == .init(
                    request: .init(method: "POST", url: "https://payments.example/charge"), response: .init(status: 429)
                ))
        #expect(children[1].error == true && children[1].throttle == true && children[1].fault == nil)
    }

    @Test func aSpanContinuingAHeaderIsTheSpanOfAContextCarryingIt() throws {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        let header = XRayTraceHeader(root: Self.root, parent: "53995c3f42cd8ad8", sampled: true)
        let handler = tracer.startSpan("## orders", continuing: header, ofKind: .internal)
        handler.annotate(["ColdStart": .bool(false), "Service": .string("orders")])
        handler.annotate(["ColdStart": .bool(true)])
        #expect(handler.context.xrayTraceHeader == header.continued(under: try #require(handler.segmentID)))
        let call = tracer.startSpan("DynamoDB", context: handler.context, ofKind: .client)
        call.end()
        handler.end()
        let document = try #require(emitter.emitted.only)
        #expect(document.type == "subsegment" && document.name == "## orders")
        #expect(document.traceID == Self.root && document.parentID == "53995c3f42cd8ad8")
        #expect(document.annotations == ["ColdStart": .bool(true), "Service": .string("orders")])
        #expect(document.subsegments?.map(\.name) == ["DynamoDB"])

        for unsampled in [
            XRayTraceHeader(root: Self.root, sampled: false), XRayTraceHeader(root: Self.root, sampled: nil),
        ] {
            let span = tracer.startSpan("## orders", continuing: unsampled, ofKind: .internal)
            #expect(!span.isRecording && span.context.xrayTraceHeader == unsampled)
            span.end()
        }
        let disabled = XRayTracer.disabled.startSpan("## orders", continuing: header, ofKind: .internal)
        #expect(!disabled.isRecording && disabled.context.xrayTraceHeader == header)
        disabled.end()
        #expect(emitter.emitted.count == 1)
    }

    @Test func aServerSpanIsASegmentUnderItsCallerAndErrorsAreFaultsWithTheirCause() throws {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        let segment = tracer.startSpan("stratus/default", context: Self.context(sampled: true), ofKind: .server)
        segment.recordError(LambdaEventsTestError.broken)
        segment.end()
        let document = try #require(emitter.emitted.only)
        #expect(document.type == nil && document.parentID == "53995c3f42cd8ad8" && document.traceID == Self.root)
        #expect(document.fault == true)
        let exception = try #require(document.cause?.exceptions.only)
        #expect(exception.type?.contains("LambdaEventsTestError") == true)
        #expect(XRayTraceHeader.isSegmentID(exception.id))
    }

    /// A span that ends inside its parent is written when the outermost span ends (after a function's response), as
    /// it was when it ended: its own children inside it, nothing set after its end.
    @Test func aSpanEndedInsideItsParentIsWrittenWhenTheParentEndsAsItWasAtItsEnd() throws {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        let handler = tracer.startSpan("## orders", context: Self.context(sampled: true), ofKind: .internal)
        let call = tracer.startSpan("DynamoDB", context: handler.context, ofKind: .client)
        let retry = tracer.startSpan("attempt", context: call.context, ofKind: .internal)
        retry.recordError(LambdaEventsTestError.broken)
        retry.end()
        call.updateAttributes { $0["aws.operation"] = "GetItem" }
        call.end(at: DefaultTracerClock.now)
        call.attributes["aws.table_name"] = "set after the end"
        call.recordError(LambdaEventsTestError.broken)
        call.updateDocument { $0.name = "renamed after the end" }
        #expect(emitter.emitted.isEmpty)
        handler.end()

        let document = try #require(emitter.emitted.only)
        let callDocument = try #require(document.subsegments?.only)
        #expect(callDocument.name == "DynamoDB")
        #expect(callDocument.aws == ["operation": .string("GetItem")])
        #expect(callDocument.fault == nil && callDocument.cause == nil)
        #expect(callDocument.endTime != nil && callDocument.endTime! <= document.endTime!)
        let retryDocument = try #require(callDocument.subsegments?.only)
        #expect(retryDocument.name == "attempt" && retryDocument.fault == true)
        #expect(retryDocument.cause?.exceptions.count == 1)
    }

    /// A parent keeps its ended children until it ends; neither keeps the other alive after that (a warm function
    /// process traces thousands of invocations).
    @Test func endedSpansAreFreed() {
        let tracer = XRayTracer(emitter: CollectingSegmentEmitter())
        weak var parentRecord: XRaySpanRecord?
        weak var childRecord: XRaySpanRecord?
        do {
            let handler = tracer.startSpan("## orders", context: Self.context(sampled: true), ofKind: .internal)
            let call = tracer.startSpan("DynamoDB", context: handler.context, ofKind: .client)
            call.end()
            handler.end()
            parentRecord = handler.record
            childRecord = call.record
        }
        #expect(parentRecord == nil)
        #expect(childRecord == nil)
    }

    @Test func aChildThatOutlivesItsParentIsSentOnItsOwn() throws {
        let emitter = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitter)
        let parent = tracer.startSpan("## handler", context: Self.context(sampled: true), ofKind: .internal)
        let child = tracer.startSpan("late", context: parent.context, ofKind: .internal)
        #expect(
            child.context.xrayTraceHeader == XRayTraceHeader(root: Self.root, parent: child.segmentID, sampled: true))
        parent.end()
        child.end()
        let documents = emitter.emitted
        #expect(documents.count == 2)
        #expect(documents[1].name == "late" && documents[1].type == "subsegment")
        #expect(documents[1].parentID == parent.segmentID && documents[1].traceID == Self.root)
    }

    @Test func theTraceHeaderTravelsThroughInjectAndExtract() {
        let tracer = XRayTracer(emitter: CollectingSegmentEmitter())
        var headers: [String: String] = [:]
        let span = tracer.startSpan("## handler", context: Self.context(sampled: true), ofKind: .internal)
        tracer.inject(span.context, into: &headers, using: DictionaryInjector())
        #expect(headers["X-Amzn-Trace-Id"] == "Root=\(Self.root);Parent=\(span.segmentID!);Sampled=1")
        var extracted = ServiceContext.topLevel
        tracer.extract(headers, into: &extracted, using: DictionaryExtractor())
        #expect(extracted.xrayTraceHeader?.parent == span.segmentID)
        span.end()
    }

    @Test func datagramsStayWithinTheDaemonsLimitBySplittingAndTrimming() throws {
        var parent = SegmentDocument(
            name: "## handler", id: "1111111111111111", traceID: Self.root, parentID: "53995c3f42cd8ad8", startTime: 1)
        parent.type = "subsegment"
        parent.endTime = 2
        let big = JSONValue.string(String(repeating: "x", count: 20_000))
        parent.subsegments = (0..<5).map { index in
            var child = SegmentDocument(name: "call \(index)", id: "22222222222222a\(index)", startTime: 1.5)
            child.endTime = 1.6
            child.metadata = ["default": ["payload": big]]
            return child
        }
        var huge = SegmentDocument(name: "huge", id: "3333333333333333", startTime: 1.7)
        huge.endTime = 1.8
        huge.metadata = ["default": ["payload": .string(String(repeating: "y", count: 70_000))]]
        parent.subsegments?.append(huge)

        let datagrams = SegmentDatagrams.datagrams(for: parent)
        #expect(datagrams.count == 7)
        for datagram in datagrams {
            #expect(datagram.count <= 64 * 1024)
            let text = String(decoding: datagram, as: UTF8.self)
            #expect(text.hasPrefix(#"{"format": "json", "version": 1}"# + "\n"))
        }
        let documents = try datagrams.map { datagram in
            try JSONDecoder().decode(
                SegmentDocument.self, from: Data(datagram.drop { $0 != UInt8(ascii: "\n") }.dropFirst()))
        }
        #expect(documents[0].id == parent.id && documents[0].subsegments == nil)
        for child in documents.dropFirst() {
            #expect(child.type == "subsegment" && child.traceID == Self.root && child.parentID == parent.id)
        }
        #expect(documents.last?.metadata == ["stratus": ["truncated": .bool(true)]])
    }

    @Test func daemonAddressesAreReadAsTheSDKsReadThem() {
        #expect(XRayDaemonAddress("127.0.0.1:2000") == XRayDaemonAddress(host: "127.0.0.1", port: 2000))
        #expect(
            XRayDaemonAddress("tcp:127.0.0.1:2001 udp:127.0.0.2:2002")
                == XRayDaemonAddress(host: "127.0.0.2", port: 2002))
        #expect(
            XRayDaemonAddress("xray-daemon.internal:2000")
                == XRayDaemonAddress(host: "xray-daemon.internal", port: 2000))
        let bad = [
            "", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:99999", "tcp:127.0.0.1:2000 tcp:1.1.1.1:3", ":2000", "::1:2000",
            "127.0.0.1:20a0", "127.0.0.1:", "tcp:127.0.0.1:2000 udp:127.0.0.1:", "udp:127.0.0.1:2000",
        ]
        for bad in bad {
            #expect(XRayDaemonAddress(bad) == nil, "\(bad)")
        }
        #expect(TracerConfiguration(environment: [:]).makeTracer().isEnabled == false)
        #expect(
            TracerConfiguration(environment: [
                "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000", "POWERTOOLS_TRACE_DISABLED": "true",
            ]).makeTracer().isEnabled == false)
        #expect(TracerConfiguration(environment: ["AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000"]).makeTracer().isEnabled)
    }
}

enum LambdaEventsTestError: Error {
    case broken
}

struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}
