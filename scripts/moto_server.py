"""moto's server (`python -m moto.server`) with two DynamoDB defects mended, for the tests and for
`stratus serve --backend aws` against moto on a laptop:

    python scripts/moto_server.py -H 127.0.0.1 -p 5000

What moto 5.2.5 does wrong, and what a test saw of it (`CrashRecoveryServeTests`: some 40 of 110 orders were never
notified, with or without a kill of the server):

1. TransactWriteItems deep-copies every table it writes to, to put the copy back if the transaction fails, while
   other requests go on writing to the table: the copy fails with "dictionary changed size during iteration", which
   the client sees as HTTP 500.
2. When a condition fails, the copy replaces the table. Whatever other requests wrote meanwhile is gone, and the
   table has a new stream, so every shard iterator handed out before reads nothing again: a stream consumer silently
   stops seeing changes.

Here one lock serialises the calls into moto's DynamoDB and DynamoDB Streams backends (from outside this looks as
DynamoDB looks: every request applied at one point in time; unlocked, moto also loses some of many concurrent `ADD`s
to one item and lets two conditional writers of one version both win). A transaction first evaluates all its
conditions without writing, so that a false one is answered TransactionCanceledException with the reasons moto gives
and nothing changes; when they all hold it writes its actions without copying the table, and should one of them
fail after all (a malformed update, say), it puts back just the items it touched and the stream records it added.
"""

import functools
import inspect
import sys
import threading

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import ConditionalCheckFailed, TransactionCanceledException
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodbstreams.models import DynamoDBStreamsBackend
from moto.server import main

BACKEND_LOCK = threading.RLock()


def serialised(method):
    """`method`, run while holding the backends' lock."""

    @functools.wraps(method)
    def run_alone(*arguments, **keywords):
        with BACKEND_LOCK:
            return method(*arguments, **keywords)

    return run_alone


class Operation:
    """One action of a transaction: its kind, its parameters, and the key of the item it names."""

    def __init__(self, backend, entry):
        (self.kind, self.parameters), = entry.items()
        self.table_name = self.parameters["TableName"]
        if self.kind == "Put":
            table = backend.get_table(self.table_name)
            item = self.parameters["Item"]
            self.key = {table.hash_key_attr: item[table.hash_key_attr]}
            if table.range_key_attr is not None:
                self.key[table.range_key_attr] = item[table.range_key_attr]
        else:
            self.key = self.parameters["Key"]

    def cancellation_reason(self, backend):
        """moto's reason for cancelling the transaction when this action's condition is false, else None."""
        expression = self.parameters.get("ConditionExpression")
        if expression is None:
            return None
        current = backend.get_item(self.table_name, self.key)
        condition = get_filter_expression(
            expression, self.parameters.get("ExpressionAttributeNames"),
            self.parameters.get("ExpressionAttributeValues"),
        )
        if condition.expr(current):
            return None
        returns_old = self.parameters.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current
        return ("ConditionalCheckFailed", ConditionalCheckFailed().message,
                current.to_json()["Attributes"] if returns_old else None)

    def apply(self, backend):
        """Writes the action, as moto's own TransactWriteItems would once its condition held."""
        names = self.parameters.get("ExpressionAttributeNames")
        values = self.parameters.get("ExpressionAttributeValues")
        condition = self.parameters.get("ConditionExpression")
        if self.kind == "Put":
            backend.put_item(self.table_name, self.parameters["Item"], condition_expression=condition,
                             expression_attribute_names=names, expression_attribute_values=values)
        elif self.kind == "Delete":
            backend.delete_item(self.table_name, self.key, condition_expression=condition,
                                expression_attribute_names=names, expression_attribute_values=values)
        elif self.kind == "Update":
            backend.update_item(self.table_name, self.key, update_expression=self.parameters["UpdateExpression"],
                                condition_expression=condition, expression_attribute_names=names,
                                expression_attribute_values=values)


def apply_all_or_nothing(backend, operations):
    """Applies every action; if one fails, puts back the items and stream records as they were and raises."""
    before = [(operation, backend.get_item(operation.table_name, operation.key)) for operation in operations]
    before = [(operation, item.to_json()["Attributes"] if item else None) for operation, item in before]
    tables = {operation.table_name: backend.get_table(operation.table_name) for operation in operations}
    stream_lengths = {name: len(table.stream_shard.items) for name, table in tables.items() if table.stream_shard}
    try:
        for operation in operations:
            operation.apply(backend)
    except Exception:
        for operation, attributes in reversed(before):
            if attributes is None:
                backend.delete_item(operation.table_name, operation.key)
            else:
                backend.put_item(operation.table_name, attributes)
        for name, length in stream_lengths.items():
            del tables[name].stream_shard.items[length:]
        raise


def transact_write_items_checking_first(moto_transact_write_items):
    """TransactWriteItems that reads every condition before it writes, and writes without copying the table. A
    request it cannot take apart (too many actions, two on one item, a missing table or key) goes to moto's own
    code, which says what is wrong with it."""

    def transact_write_items(self, transact_items):
        with BACKEND_LOCK:
            try:
                operations = [Operation(self, entry) for entry in transact_items]
                keys = {(operation.table_name, repr(sorted(operation.key.items()))) for operation in operations}
                well_formed = len(operations) <= 100 and len(keys) == len(operations)
                reasons = [operation.cancellation_reason(self) for operation in operations] if well_formed else []
            except Exception:  # noqa: BLE001 - malformed: moto's own code reports it
                well_formed = False
            if not well_formed:
                return moto_transact_write_items(self, transact_items)
            if any(reason is not None for reason in reasons):
                raise TransactionCanceledException(
                    [reason if reason is not None else (None, None, None) for reason in reasons])
            apply_all_or_nothing(self, operations)

    return transact_write_items


DynamoDBBackend.transact_write_items = transact_write_items_checking_first(DynamoDBBackend.transact_write_items)
for backend_class in (DynamoDBBackend, DynamoDBStreamsBackend):
    for name, member in list(vars(backend_class).items()):
        if not name.startswith("_") and inspect.isfunction(member):
            setattr(backend_class, name, serialised(member))

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
