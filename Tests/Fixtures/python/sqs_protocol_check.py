"""Drives `stratus serve`'s AWS JSON protocol endpoint with boto3 and the aws CLI, as a program using SQS would.

Usage: sqs_protocol_check.py ENDPOINT (check | after-restart)

`check` runs every SQS operation the local cloud answers (tags too), and EventBridge's TestEventPattern, and leaves the queue
`kept` holding one message; `after-restart` checks that `kept` and its message survived a restart. Any failed check
raises; the last line printed is "all checks passed".
"""

import hashlib
import json
import os
import struct
import subprocess
import time
import sys

import boto3
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
REGION = "eu-west-1"
# The aws CLI v1 replaces AWS_ENDPOINT_URL with SQS's legacy host names (queue.amazonaws.com) in the regions that
# have one, unless --endpoint-url is given; a newer region has none.
CLI_REGION = "eu-central-2"


def client(service):
    return boto3.client(
        service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id="local", aws_secret_access_key="local"
    )


sqs = client("sqs")


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def expect_error(call, code, query_code, **arguments):
    """Expects `call(**arguments)` to fail with SQS's Query code `code` (what botocore reports) and shape `query_code`."""
    try:
        call(**arguments)
    except ClientError as error:
        found = error.response["Error"]
        expect(found["Code"] == code, f"{call.__name__}: code {found} is not {code}")
        expect(found.get("QueryErrorCode") == query_code, f"{call.__name__}: shape {found} is not {query_code}")
        return found
    raise AssertionError(f"{call.__name__} succeeded; expected {code}")


def attributes_digest(attributes):
    """SQS's MD5 of message attributes, computed here independently of the server."""
    encoded = b""
    for name in sorted(attributes):
        value = attributes[name]
        data_type = value["DataType"]
        encoded += struct.pack(">I", len(name.encode())) + name.encode()
        encoded += struct.pack(">I", len(data_type.encode())) + data_type.encode()
        if "BinaryValue" in value:
            encoded += b"\x02" + struct.pack(">I", len(value["BinaryValue"])) + value["BinaryValue"]
        else:
            text = value["StringValue"].encode()
            encoded += b"\x01" + struct.pack(">I", len(text)) + text
    return hashlib.md5(encoded).hexdigest()


def arn_of(url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def count(url, attribute="ApproximateNumberOfMessages"):
    return int(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[attribute])["Attributes"][attribute])


def tags():
    url = sqs.create_queue(QueueName="tagged", tags={"team": "orders"})["QueueUrl"]
    expect(sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "orders"}, "tags given at creation")
    sqs.tag_queue(QueueUrl=url, Tags={"team": "billing", "env": "local"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    expect(sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "billing"}, "replaced and removed")
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    expect("Tags" not in sqs.list_queue_tags(QueueUrl=url), "no tags left")
    expect_error(
        sqs.tag_queue, "InvalidParameterValue", "InvalidParameterValue", QueueUrl=url,
        Tags={f"k{i}": "v" for i in range(51)},
    )


def queues_and_attributes():
    url = sqs.create_queue(QueueName="orders", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
    expect(url.endswith("/_aws/123456789012/orders"), f"queue URL {url}")
    expect(sqs.create_queue(QueueName="orders", Attributes={"VisibilityTimeout": "45"})["QueueUrl"] == url, "again")
    expect_error(
        sqs.create_queue, "QueueAlreadyExists", "QueueNameExists", QueueName="orders",
        Attributes={"VisibilityTimeout": "10"},
    )
    expect(sqs.create_queue(QueueName="orders")["QueueUrl"] == url, "again, naming no attribute")
    expect(sqs.create_queue(QueueName="orders", Attributes={"DelaySeconds": "0"})["QueueUrl"] == url, "a default kept")
    expect_error(
        sqs.create_queue, "InvalidAttributeName", "InvalidAttributeName", QueueName="other",
        Attributes={"Colour": "blue"},
    )
    for bad in ["bad name!", "x" * 81, "plain.fifo"]:
        expect_error(sqs.create_queue, "InvalidParameterValue", "InvalidParameterValue", QueueName=bad)
    expect_error(
        sqs.create_queue, "InvalidParameterValue", "InvalidParameterValue", QueueName="no-suffix",
        Attributes={"FifoQueue": "true"},
    )
    expect_error(
        sqs.create_queue, "InvalidAttributeValue", "InvalidAttributeValue", QueueName="other",
        Attributes={"DelaySeconds": "901"},
    )
    expect(sqs.get_queue_url(QueueName="orders")["QueueUrl"] == url, "GetQueueUrl")
    missing = expect_error(
        sqs.get_queue_url, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", QueueName="nope"
    )
    expect(missing["Type"] == "Sender", f"fault {missing}")
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "1"})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    expect(attributes["VisibilityTimeout"] == "45", f"attributes {attributes}")
    expect(attributes["ReceiveMessageWaitTimeSeconds"] == "1", f"attributes {attributes}")
    expect(attributes["QueueArn"] == f"arn:aws:sqs:{REGION}:123456789012:orders", f"arn {attributes}")
    created = int(attributes["CreatedTimestamp"])
    expect(abs(created - time.time()) < 300 and int(attributes["LastModifiedTimestamp"]) >= created, f"times {attributes}")
    for name in ["alpha", "beta", "gamma"]:
        sqs.create_queue(QueueName=f"page-{name}")
    first = sqs.list_queues(QueueNamePrefix="page-", MaxResults=2)
    expect([u.rsplit("/", 1)[1] for u in first["QueueUrls"]] == ["page-alpha", "page-beta"], f"page {first}")
    second = sqs.list_queues(QueueNamePrefix="page-", MaxResults=2, NextToken=first["NextToken"])
    expect([u.rsplit("/", 1)[1] for u in second["QueueUrls"]] == ["page-gamma"], f"page {second}")
    expect("NextToken" not in second, f"last page {second}")
    sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName="page-beta")["QueueUrl"])
    names = [u.rsplit("/", 1)[1] for u in sqs.list_queues(QueueNamePrefix="page-")["QueueUrls"]]
    expect(names == ["page-alpha", "page-gamma"], f"after delete {names}")
    nothing = sqs.list_queues(QueueNamePrefix="no-such-")
    expect("QueueUrls" not in nothing, f"no queue matches: no QueueUrls, as SQS answers {nothing}")
    empty = sqs.receive_message(QueueUrl=url)
    expect("Messages" not in empty, f"an empty receive has no Messages, as SQS answers {empty}")
    return url


def messages(url):
    attributes = {
        "colour": {"DataType": "String", "StringValue": "grün"},
        "count": {"DataType": "Number", "StringValue": "12.5"},
        "raw": {"DataType": "Binary", "BinaryValue": b"\x00\xffbytes"},
    }
    body = "Grüße, 世界 🌍"
    sent = sqs.send_message(
        QueueUrl=url, MessageBody=body, MessageAttributes=attributes,
        MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}},
    )
    expect(sent["MD5OfMessageBody"] == hashlib.md5(body.encode()).hexdigest(), f"body digest {sent}")
    expect(sent["MD5OfMessageAttributes"] == attributes_digest(attributes), f"attribute digest {sent}")
    expect("MD5OfMessageSystemAttributes" in sent, f"system digest {sent}")
    received = sqs.receive_message(
        QueueUrl=url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"], WaitTimeSeconds=1
    )["Messages"]
    expect(len(received) == 1, f"received {received}")
    message = received[0]
    expect(message["Body"] == body and message["MessageId"] == sent["MessageId"], f"message {message}")
    expect(message["MessageAttributes"] == attributes, f"attributes {message['MessageAttributes']}")
    expect(message["MD5OfMessageAttributes"] == attributes_digest(attributes), "received attribute digest")
    expect(message["Attributes"]["ApproximateReceiveCount"] == "1", f"system {message['Attributes']}")
    expect(message["Attributes"]["AWSTraceHeader"].startswith("Root=1-"), f"trace {message['Attributes']}")
    only = {"colour": attributes["colour"]}
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["col.*", "colour"])["Messages"][0]
    expect(again["MessageAttributes"] == only, f"filtered {again.get('MessageAttributes')}")
    expect(again["MD5OfMessageAttributes"] == attributes_digest(only), "filtered digest")
    expect_error(
        sqs.change_message_visibility, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", QueueUrl=url,
        ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=10,
    )
    sqs.delete_message(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"])
    expect(count(url) == 0 and count(url, "ApproximateNumberOfMessagesNotVisible") == 0, "deleted")

    batch = sqs.send_message_batch(
        QueueUrl=url,
        Entries=[
            {"Id": "good-1", "MessageBody": "one"},
            {"Id": "bad", "MessageBody": "nul \u0000 is refused"},
            {"Id": "good-2", "MessageBody": "two", "DelaySeconds": 0},
            {"Id": "late", "MessageBody": "three", "DelaySeconds": 60},
        ],
    )
    expect(sorted(e["Id"] for e in batch["Successful"]) == ["good-1", "good-2", "late"], f"batch {batch}")
    expect([(f["Id"], f["Code"], f["SenderFault"]) for f in batch["Failed"]] == [("bad", "InvalidMessageContents", True)], f"batch {batch}")
    expect(count(url, "ApproximateNumberOfMessagesDelayed") == 1, "delayed")
    expect_error(
        sqs.send_message_batch, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
        QueueUrl=url, Entries=[{"Id": "x", "MessageBody": "a"}, {"Id": "x", "MessageBody": "b"}],
    )
    expect_error(
        sqs.send_message_batch, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequest",
        QueueUrl=url, Entries=[{"Id": f"e{i}", "MessageBody": "a"} for i in range(11)],
    )
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=30)["Messages"]
    expect(sorted(m["Body"] for m in received) == ["one", "two"], f"received {received}")
    deleted = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "a", "ReceiptHandle": received[0]["ReceiptHandle"]}, {"Id": "b", "ReceiptHandle": "forged"}],
    )
    expect([e["Id"] for e in deleted["Successful"]] == ["a"], f"delete batch {deleted}")
    expect([(f["Id"], f["Code"]) for f in deleted["Failed"]] == [("b", "ReceiptHandleIsInvalid")], f"{deleted}")
    changed = sqs.change_message_visibility_batch(
        QueueUrl=url, Entries=[{"Id": "c", "ReceiptHandle": received[1]["ReceiptHandle"], "VisibilityTimeout": 0}]
    )
    expect([e["Id"] for e in changed["Successful"]] == ["c"], f"visibility batch {changed}")
    expect(count(url) == 1, "visible again")
    sqs.purge_queue(QueueUrl=url)
    expect(count(url) == 0 and count(url, "ApproximateNumberOfMessagesDelayed") == 0, "purged")


def fifo():
    url = sqs.create_queue(
        QueueName="steps.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    sequence = []
    for group, body in [("a", "a1"), ("b", "b1"), ("a", "a2"), ("b", "b2")]:
        sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
        sequence.append(sent["SequenceNumber"])
    expect(sequence == sorted(sequence) and len(set(sequence)) == 4, f"sequence numbers {sequence}")
    duplicate = sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="a")
    expect(duplicate["SequenceNumber"] == sequence[0], "a duplicate answers the first message")
    expect_error(sqs.send_message, "MissingParameter", "MissingParameter", QueueUrl=url, MessageBody="no group")
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])
    bodies = [m["Body"] for m in received["Messages"]]
    expect(bodies.index("a1") < bodies.index("a2") and bodies.index("b1") < bodies.index("b2"), f"order {bodies}")
    expect(len(bodies) == 4, f"no duplicate {bodies}")
    groups = {m["Body"]: m["Attributes"]["MessageGroupId"] for m in received["Messages"]}
    expect(groups == {"a1": "a", "a2": "a", "b1": "b", "b2": "b"}, f"groups {groups}")


def redrive():
    dead = sqs.create_queue(QueueName="work-dlq")["QueueUrl"]
    work = sqs.create_queue(QueueName="work", Attributes={"VisibilityTimeout": "0"})["QueueUrl"]
    policy = {"deadLetterTargetArn": arn_of(dead), "maxReceiveCount": "2"}
    sqs.set_queue_attributes(QueueUrl=work, Attributes={"RedrivePolicy": json.dumps(policy)})
    stored = json.loads(sqs.get_queue_attributes(QueueUrl=work, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])
    expect(stored["deadLetterTargetArn"] == policy["deadLetterTargetArn"] and int(stored["maxReceiveCount"]) == 2, f"{stored}")
    sqs.send_message(QueueUrl=work, MessageBody="poison")
    for attempt in (1, 2):
        got = sqs.receive_message(QueueUrl=work, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"]
        expect(got[0]["Attributes"]["ApproximateReceiveCount"] == str(attempt), f"attempt {attempt}: {got}")
    expect("Messages" not in sqs.receive_message(QueueUrl=work) or not sqs.receive_message(QueueUrl=work)["Messages"], "moved")
    expect(count(dead) == 1, "the dead-letter queue holds the message")
    sources = sqs.list_dead_letter_source_queues(QueueUrl=dead)
    expect(sources["queueUrls"] == [work], f"dead-letter sources {sources}")
    expect(sqs.list_dead_letter_source_queues(QueueUrl=work)["queueUrls"] == [], "work serves no queue")
    expect_error(
        sqs.list_dead_letter_source_queues, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
        QueueUrl=dead.replace("work-dlq", "no-such-dlq"),
    )
    expect_error(
        sqs.start_message_move_task, "ResourceNotFoundException", "ResourceNotFoundException",
        SourceArn=f"arn:aws:sqs:{REGION}:123456789012:no-such-dlq",
    )
    task = sqs.start_message_move_task(SourceArn=arn_of(dead))
    expect(task["TaskHandle"], f"task {task}")
    expect(count(dead) == 0 and count(work) == 1, "moved back")
    listed = sqs.list_message_move_tasks(SourceArn=arn_of(dead), MaxResults=10)["Results"]
    expect(len(listed) == 1 and listed[0]["Status"] == "COMPLETED", f"tasks {listed}")
    expect(listed[0]["ApproximateNumberOfMessagesMoved"] == 1 and listed[0]["SourceArn"] == arn_of(dead), f"{listed}")
    expect("TaskHandle" not in listed[0], f"a finished task has no handle: {listed}")
    expect_error(
        sqs.cancel_message_move_task, "ResourceNotFoundException", "ResourceNotFoundException",
        TaskHandle=task["TaskHandle"],
    )
    expect_error(
        sqs.list_message_move_tasks, "ResourceNotFoundException", "ResourceNotFoundException",
        SourceArn=f"arn:aws:sqs:{REGION}:123456789012:no-such-dlq",
    )
    back = sqs.receive_message(QueueUrl=work, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    expect(back["Body"] == "poison" and back["Attributes"]["ApproximateReceiveCount"] == "1", f"back {back}")
    sqs.set_queue_attributes(QueueUrl=work, Attributes={"RedrivePolicy": ""})
    expect("RedrivePolicy" not in sqs.get_queue_attributes(QueueUrl=work, AttributeNames=["All"])["Attributes"], "removed")


def event_pattern():
    events = client("events")
    event = json.dumps({
        "id": "1", "account": "123456789012", "source": "shop.orders", "time": "2026-01-01T00:00:00Z",
        "region": REGION, "resources": [], "detail-type": "OrderPlaced", "detail": {"total": 120},
    })
    matching = json.dumps({"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}})
    expect(events.test_event_pattern(EventPattern=matching, Event=event)["Result"] is True, "matches")
    expect(events.test_event_pattern(EventPattern='{"source": ["other"]}', Event=event)["Result"] is False, "no match")
    try:
        events.test_event_pattern(EventPattern=matching, Event=json.dumps({"source": "shop.orders", "detail": {}}))
        raise AssertionError("an event without EventBridge's envelope was accepted")
    except ClientError as error:
        expect(error.response["Error"]["Code"] == "ValidationException", f"{error.response['Error']}")
    try:
        events.test_event_pattern(EventPattern='{"source": "not-a-list"}', Event=event)
        raise AssertionError("an invalid pattern was accepted")
    except ClientError as error:
        expect(error.response["Error"]["Code"] == "InvalidEventPatternException", f"{error.response['Error']}")


def aws_cli():
    aws = os.path.join(os.path.dirname(sys.executable), "aws")
    environment = dict(
        os.environ, AWS_ENDPOINT_URL=ENDPOINT, AWS_DEFAULT_REGION=CLI_REGION, AWS_ACCESS_KEY_ID="local",
        AWS_SECRET_ACCESS_KEY="local",
    )
    url = sqs.create_queue(QueueName="cli")["QueueUrl"]

    def run(*arguments):
        done = subprocess.run([aws, "sqs", *arguments], env=environment, capture_output=True, text=True, timeout=60)
        expect(done.returncode == 0, f"aws sqs {arguments[0]}: {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else {}

    sent = run("send-message", "--queue-url", url, "--message-body", "from the CLI")
    received = run("receive-message", "--queue-url", url, "--wait-time-seconds", "1")
    expect(received["Messages"][0]["MessageId"] == sent["MessageId"], f"CLI {received}")
    expect(received["Messages"][0]["Body"] == "from the CLI", f"CLI {received}")


def keep():
    url = sqs.create_queue(QueueName="kept", Attributes={"VisibilityTimeout": "5"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="survives")


def after_restart():
    url = sqs.get_queue_url(QueueName="kept")["QueueUrl"]
    expect(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"]["VisibilityTimeout"] == "5", "kept settings")
    received = sqs.receive_message(QueueUrl=url)["Messages"]
    expect([m["Body"] for m in received] == ["survives"], f"kept {received}")


if sys.argv[2] == "check":
    messages(queues_and_attributes())
    tags()
    fifo()
    redrive()
    event_pattern()
    aws_cli()
    keep()
else:
    after_restart()
print("all checks passed")
