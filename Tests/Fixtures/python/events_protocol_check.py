"""Drives `stratus serve`'s EventBridge operations on its AWS JSON protocol endpoint with boto3, as a program would.

Usage: events_protocol_check.py ENDPOINT (check | after-restart)

`check` makes a bus, a queue and a rule with a queue target, puts events (one matching, one not, one malformed)
and receives the matching one through SQS, lists the buses, disables and enables the rule and finds it by its
target, lists, describes and deletes rules and targets, lists the manifest's
archive and replays it; it leaves the rule `kept` on the bus `shop` with a function target. `after-restart` checks
that the bus, the rule and its target survived a restart. Any failed check raises; the last line printed is
"all checks passed".
"""

import json
import sys
import time
from datetime import datetime, timezone

import boto3
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
REGION = "eu-west-1"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:worker"


def client(service):
    return boto3.client(
        service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id="local", aws_secret_access_key="local"
    )


events = client("events")
sqs = client("sqs")


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def expect_error(call, code, **arguments):
    """Expects `call(**arguments)` to fail with EventBridge's error `code`."""
    try:
        call(**arguments)
    except ClientError as error:
        found = error.response["Error"]
        expect(found["Code"] == code, f"{call.__name__}: {found} is not {code}")
        expect(found.get("Message"), f"{call.__name__}: {found} has no message")
        return
    raise AssertionError(f"{call.__name__} succeeded; expected {code}")


def make_bus_and_queue():
    arn = events.create_event_bus(Name="shop")["EventBusArn"]
    expect(arn.endswith(":event-bus/shop"), f"bus ARN {arn}")
    expect_error(events.create_event_bus, "ResourceAlreadyExistsException", Name="shop")
    described = events.describe_event_bus(Name=arn)
    expect((described["Name"], described["Arn"]) == ("shop", arn), f"described {described}")
    expect_error(events.describe_event_bus, "ResourceNotFoundException", Name="nowhere")
    url = sqs.create_queue(QueueName="big-orders")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, queue_arn


def make_rule(queue_arn):
    pattern = json.dumps({"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}})
    rule_arn = events.put_rule(Name="big", EventBusName="shop", EventPattern=pattern, Description="big orders")["RuleArn"]
    expect(rule_arn.endswith(":rule/shop/big"), f"rule ARN {rule_arn}")
    expect_error(events.put_rule, "InvalidEventPatternException", Name="odd", EventBusName="shop", EventPattern='{"source": "x"}')
    added = events.put_targets(
        Rule="big", EventBusName="shop",
        Targets=[{"Id": "queue", "Arn": queue_arn, "InputPath": "$.detail", "RetryPolicy": {"MaximumRetryAttempts": 3}}],
    )
    expect(added["FailedEntryCount"] == 0 and added["FailedEntries"] == [], f"put targets {added}")
    refused = events.put_targets(Rule="big", EventBusName="shop", Targets=[{"Id": "bad id!", "Arn": queue_arn}])
    expect(refused["FailedEntryCount"] == 1 and refused["FailedEntries"][0]["TargetId"] == "bad id!", f"refused {refused}")
    expect_error(events.put_targets, "ResourceNotFoundException", Rule="none", EventBusName="shop", Targets=[{"Id": "q", "Arn": queue_arn}])
    expect_error(events.put_targets, "ValidationException", Rule="big", EventBusName="shop", Targets=[{"Id": "q", "Arn": "arn:aws:s3:::bucket"}])
    targets = events.list_targets_by_rule(Rule="big", EventBusName="shop")["Targets"]
    expect(len(targets) == 1, f"targets {targets}")
    expect((targets[0]["Id"], targets[0]["Arn"], targets[0]["InputPath"]) == ("queue", queue_arn, "$.detail"), f"target {targets[0]}")
    expect(targets[0]["RetryPolicy"]["MaximumRetryAttempts"] == 3, f"retry policy {targets[0]}")
    return pattern, rule_arn


def put_and_receive(url):
    def entry(total):
        return {"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": json.dumps({"total": total}), "EventBusName": "shop"}

    malformed = dict(entry(0), Detail="not json")
    result = events.put_events(Entries=[entry(150), entry(5), malformed, dict(entry(1), EventBusName="nowhere")])
    expect(result["FailedEntryCount"] == 2, f"put events {result}")
    outcomes = result["Entries"]
    expect(all("EventId" in outcome for outcome in outcomes[:2]), f"accepted {outcomes}")
    expect(outcomes[2]["ErrorCode"] == "MalformedDetail" and outcomes[2]["ErrorMessage"], f"malformed {outcomes[2]}")
    expect(outcomes[3]["ErrorCode"] == "ResourceNotFoundException", f"no bus {outcomes[3]}")
    bodies = []
    deadline = time.monotonic() + 30
    while not bodies and time.monotonic() < deadline:
        bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])]
    expect([json.loads(body) for body in bodies] == [{"total": 150}], f"received {bodies}")
    later = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
    expect(later == [], f"an event the rule does not match was delivered: {later}")


def buses():
    names = [bus["Name"] for bus in events.list_event_buses()["EventBuses"]]
    expect({"default", "app", "shop"} <= set(names) and names == sorted(names), f"buses {names}")
    page = events.list_event_buses(NamePrefix="sh", Limit=1)
    expect([(b["Name"], b["Arn"].endswith(":event-bus/shop")) for b in page["EventBuses"]] == [("shop", True)], f"page {page}")
    expect("NextToken" not in page, f"one bus, one page: {page}")
    expect_error(events.delete_event_bus, "ValidationException", Name="shop")
    events.create_event_bus(Name="spare")
    events.delete_event_bus(Name="spare")
    refused = events.put_events(Entries=[{"Source": "aws.ec2", "DetailType": "x", "Detail": "{}", "EventBusName": "shop"}])
    expect(refused["Entries"][0].get("ErrorCode") == "NotAuthorizedForSourceException", f"aws. source {refused}")


def rule_state_and_targets(url, queue_arn):
    """DisableRule stops a rule routing while keeping its targets; EnableRule starts it again; a rule is found by
    the queue it delivers to."""
    expect(events.list_rule_names_by_target(TargetArn=queue_arn, EventBusName="shop")["RuleNames"] == ["big"], "by target")
    events.disable_rule(Name="big", EventBusName="shop")
    expect(events.describe_rule(Name="big", EventBusName="shop")["State"] == "DISABLED", "disabled")
    entry = {"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": json.dumps({"total": 500}), "EventBusName": "shop"}
    events.put_events(Entries=[entry])
    expect(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", []) == [], "a disabled rule routes nothing")
    events.enable_rule(Name="big", EventBusName="shop")
    expect(len(events.list_targets_by_rule(Rule="big", EventBusName="shop")["Targets"]) == 1, "targets kept")
    events.put_events(Entries=[entry])
    bodies = []
    deadline = time.monotonic() + 30
    while not bodies and time.monotonic() < deadline:
        bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])]
    expect([json.loads(body) for body in bodies] == [{"total": 500}], f"enabled again: {bodies}")
    expect_error(events.enable_rule, "ResourceNotFoundException", Name="none", EventBusName="shop")


def rules(pattern, rule_arn):
    listed = events.list_rules(EventBusName="shop", NamePrefix="bi")["Rules"]
    expect([(r["Name"], r["Arn"], r["State"]) for r in listed] == [("big", rule_arn, "ENABLED")], f"listed {listed}")
    expect(events.list_rules(EventBusName="shop", NamePrefix="zz")["Rules"] == [], "prefix filters")
    described = events.describe_rule(Name="big", EventBusName="shop")
    expect(json.loads(described["EventPattern"]) == json.loads(pattern), f"described {described}")
    expect((described["Description"], described["EventBusName"]) == ("big orders", "shop"), f"described {described}")
    expect_error(events.describe_rule, "ResourceNotFoundException", Name="none", EventBusName="shop")
    expect_error(events.delete_rule, "ValidationException", Name="big", EventBusName="shop")
    removed = events.remove_targets(Rule="big", EventBusName="shop", Ids=["queue", "ghost"])
    expect(removed["FailedEntryCount"] == 1 and removed["FailedEntries"][0]["TargetId"] == "ghost", f"removed {removed}")
    events.delete_rule(Name="big", EventBusName="shop")
    expect_error(events.describe_rule, "ResourceNotFoundException", Name="big", EventBusName="shop")


def archives_and_replay():
    archives = events.list_archives()["Archives"]
    app = [a for a in archives if a["ArchiveName"] == "app-archive"]
    expect(len(app) == 1 and app[0]["EventSourceArn"].endswith(":event-bus/app"), f"archives {archives}")
    expect(events.list_archives(NamePrefix="zz")["Archives"] == [], "archive prefix filters")
    archive_arn = app[0]["EventSourceArn"].replace(":event-bus/app", ":archive/app-archive")
    window = {"EventStartTime": datetime(2000, 1, 1, tzinfo=timezone.utc), "EventEndTime": datetime.now(timezone.utc)}
    replay = events.start_replay(
        ReplayName="again", EventSourceArn=archive_arn, Destination={"Arn": app[0]["EventSourceArn"]}, **window
    )
    expect(replay["ReplayArn"].endswith(":replay/again") and replay["State"] in ("STARTING", "RUNNING", "COMPLETED"), f"replay {replay}")
    expect_error(
        events.start_replay, "ResourceAlreadyExistsException",
        ReplayName="again", EventSourceArn=archive_arn, Destination={"Arn": app[0]["EventSourceArn"]}, **window,
    )
    expect_error(
        events.start_replay, "ResourceNotFoundException",
        ReplayName="none", EventSourceArn=archive_arn.replace("app-archive", "none"),
        Destination={"Arn": app[0]["EventSourceArn"]}, **window,
    )
    listed = events.list_replays(NamePrefix="ag", EventSourceArn=archive_arn)["Replays"]
    expect([r["ReplayName"] for r in listed] == ["again"] and listed[0]["State"] == "COMPLETED", f"replays {listed}")
    expect(events.list_replays(State="CANCELLING")["Replays"] == [], "no replay is ever cancelling")
    expect(events.list_replays(Limit=1)["Replays"][0]["EventSourceArn"] == archive_arn, "a replay's archive")
    expect_error(events.list_replays, "ValidationException", State="PAUSED")
    expect_error(events.cancel_replay, "IllegalStatusException", ReplayName="again")
    expect_error(events.cancel_replay, "ResourceNotFoundException", ReplayName="none")


def keep():
    events.put_rule(Name="kept", EventBusName="shop", EventPattern='{"source": ["kept"]}', State="DISABLED")
    added = events.put_targets(Rule="kept", EventBusName="shop", Targets=[{"Id": "worker", "Arn": FUNCTION_ARN}])
    expect(added["FailedEntryCount"] == 0, f"function target {added}")


def after_restart():
    expect(events.describe_event_bus(Name="shop")["Name"] == "shop", "the bus survived")
    expect(events.describe_rule(Name="kept", EventBusName="shop")["State"] == "DISABLED", "the rule survived")
    targets = events.list_targets_by_rule(Rule="kept", EventBusName="shop")["Targets"]
    expect([(t["Id"], t["Arn"]) for t in targets] == [("worker", FUNCTION_ARN)], f"kept targets {targets}")


if sys.argv[2] == "check":
    queue_url, queue_arn = make_bus_and_queue()
    rule_pattern, big_arn = make_rule(queue_arn)
    put_and_receive(queue_url)
    buses()
    rule_state_and_targets(queue_url, queue_arn)
    rules(rule_pattern, big_arn)
    archives_and_replay()
    keep()
else:
    after_restart()
print("all checks passed")
