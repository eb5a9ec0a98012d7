"""boto3's side of scripts/bench-aws.sh, against the DynamoDB endpoint the environment names (AWS_ENDPOINT_URL).

  prepare: waits until the endpoint accepts connections, creates the table STRATUS_TABLE_NAME (PK/SK, the store's
           schema) and puts one order under the key given.
  measure: reads that order with GetItem (strongly consistent, as the Stratus store reads) for --seconds with one
           boto3 client, so one connection reused, one call after the other, and prints the rate.
"""
import argparse
import os
import socket
import sys
import time
from urllib.parse import urlparse

import boto3


def wait_for_endpoint(url, timeout_seconds=60):
    address = urlparse(url)
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((address.hostname, address.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing accepts connections at {url} after {timeout_seconds} s")


def prepare(client, table, key):
    wait_for_endpoint(os.environ["AWS_ENDPOINT_URL"])
    client.create_table(
        TableName=table,
        AttributeDefinitions=[
            {"AttributeName": "PK", "AttributeType": "S"},
            {"AttributeName": "SK", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName=table)
    client.put_item(
        TableName=table,
        Item={
            **key,
            "status": {"S": "placed"},
            "currency": {"S": "EUR"},
            "total": {"N": "3998"},
            "items": {"L": [{"M": {"sku": {"S": "A-1"}, "quantity": {"N": "2"}, "unitPrice": {"N": "1999"}}}]},
            "createdAt": {"S": "2026-11-22T21:36:49Z"},
        },
    )


def measure(client, table, key, seconds):
    def read():
        if "Item" not in client.get_item(TableName=table, Key=key, ConsistentRead=True):
            sys.exit(f"the table {table} has no item {key}")

    # The first read opens the connection; the rate is of the reads after it, as on the Stratus side.
    read()
    round_trips = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        read()
        round_trips += 1
    elapsed = time.perf_counter() - start
    print(f"boto3 {boto3.__version__} GetItem: {round_trips} round trips in {elapsed:.1f} s: {round_trips / elapsed:.1f}/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["prepare", "measure"])
    parser.add_argument("--partition-key", required=True)
    parser.add_argument("--sort-key", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    arguments = parser.parse_args()
    client = boto3.client("dynamodb")
    table = os.environ["STRATUS_TABLE_NAME"]
    key = {"PK": {"S": arguments.partition_key}, "SK": {"S": arguments.sort_key}}
    if arguments.action == "prepare":
        prepare(client, table, key)
    else:
        measure(client, table, key, arguments.seconds)


if __name__ == "__main__":
    main()
