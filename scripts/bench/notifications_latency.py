"""Drives orders through a running `stratus serve` at fixed rates and measures, from the server's own timestamps,
how long each order's event takes to become its notification (order `createdAt` -> notification `createdAt`):
outbox relay, bus, queue, poller and worker together. Prints p50/p99 per rate, the backlog (orders whose
notification was not written yet when the last order of the step was answered), and met/MISSED against the issue's
targets (p99 <= 50 ms at 200 orders/s; aim 20 ms).

With --search it steps the rate up (200, 300, 400, 600, 800, 1200, ...) until a step ends with a growing queue (a
backlog of more than 100 ms worth of orders, or the client could not send at the rate), and reports the highest rate
the local cloud kept up with. With --smoke it only checks that every order got its notification (exit 1 if not)."""
import argparse
import concurrent.futures
import datetime
import http.client
import json
import sys
import threading
import time
import urllib.parse


def millis(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


class Client:
    def __init__(self, base):
        url = urllib.parse.urlparse(base)
        self.host, self.port = url.hostname, url.port
        self.local = threading.local()

    def request(self, method, path, body=None, token=None):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = "Bearer " + token
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.local.connection = None
            raise
        return response.status, json.loads(data) if data else {}


def sign_up(client, count):
    tokens = []
    for index in range(count):
        email = f"bench{index}-{int(time.time() * 1000)}@example.com"
        password = "Bench-Horse-42"
        status, _ = client.request("POST", "/auth/register", {"email": email, "password": password, "name": "Bench"})
        assert status == 201, status
        status, body = client.request("POST", "/auth/login", {"email": email, "password": password})
        assert status == 200, status
        tokens.append(body["accessToken"])
    return tokens


def notifications(client, token):
    found, cursor = {}, None
    while True:
        path = "/notifications?limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        status, body = client.request("GET", path, token=token)
        assert status == 200, (status, body)
        for item in body["notifications"]:
            if item["type"] == "OrderCreated":
                order_id = item["body"].split(" ")[2]
                found[order_id] = millis(item["createdAt"])
        cursor = body.get("nextCursor")
        if not cursor:
            return found


def run_rate(client, tokens, rate, seconds):
    orders = {}
    lock = threading.Lock()
    total = int(rate * seconds)
    start = time.perf_counter()

    def place(index):
        token = tokens[index % len(tokens)]
        body = {"items": [{"sku": "B-1", "quantity": 1, "unitPrice": 100 + index}], "currency": "EUR"}
        status, answer = client.request("POST", "/orders", body, token)
        assert status == 201, (status, answer)
        with lock:
            orders[answer["orderId"]] = (token, millis(answer["createdAt"]))

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        futures = []
        for index in range(total):
            delay = start + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(place, index))
        for future in futures:
            future.result()
    sent_seconds = time.perf_counter() - start
    last_answered = max(created for _, created in orders.values())
    found = {}
    deadline = time.time() + 60
    while True:
        for token in tokens:
            found.update(notifications(client, token))
        if all(o in found for o in orders) or time.time() > deadline:
            break
        time.sleep(0.2)
    latencies = sorted(found[o] - created for o, (_, created) in orders.items() if o in found)
    missing = len(orders) - len(latencies)
    # Orders still in the backbone when the last order was answered, by the server's own clock.
    backlog = missing + sum(1 for o in orders if o in found and found[o] > last_answered)

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")

    return {
        "rate": rate, "orders": total, "achieved": total / sent_seconds, "p50": percentile(50),
        "p99": percentile(99), "max": latencies[-1] if latencies else float("nan"), "backlog": backlog,
        "missing": missing,
    }


def kept_up(result):
    """Whether the step ended without a queue: the client sent at the rate, every order got its notification, and at
    most 100 ms worth of orders were still on their way when sending stopped."""
    return (result["missing"] == 0 and result["achieved"] >= result["rate"] * 0.95
            and result["backlog"] <= max(5, result["rate"] * 0.1))


def search_rates():
    """200, 300, 400, 600, 800, 1200, 1600, ...: each step half again or a third again above the one before."""
    rate, step = 200, 0
    while True:
        yield rate
        rate = rate * 3 // 2 if step % 2 == 0 else rate * 4 // 3
        step += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--rates", default="200", help="comma-separated orders per second, one step each")
    parser.add_argument("--search", action="store_true", help="step the rate up until the queue grows")
    parser.add_argument("--smoke", action="store_true", help="only check that every order got its notification")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--users", type=int, default=8)
    arguments = parser.parse_args()
    client = Client(arguments.url)
    tokens = sign_up(client, arguments.users)
    results = []
    for rate in search_rates() if arguments.search else map(float, arguments.rates.split(",")):
        results.append(run_rate(client, tokens, float(rate), arguments.seconds))
        if arguments.search and not kept_up(results[-1]):
            break
    print(f"{'rate/s':>8} {'achieved':>9} {'orders':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'backlog':>8} {'missing':>8}")
    for r in results:
        print(f"{r['rate']:>8.0f} {r['achieved']:>9.1f} {r['orders']:>7} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['backlog']:>8} {r['missing']:>8}")
    print("== Summary ==")
    if arguments.smoke:
        missing = sum(r["missing"] for r in results)
        print(f"{'ok' if missing == 0 else 'FAILED':<7} every order got its notification: {missing} missing")
        sys.exit(0 if missing == 0 else 1)
    at200 = next((r for r in results if r["rate"] == 200), None)
    if at200:
        verdict = "met" if at200["p99"] <= 50 and at200["missing"] == 0 else "MISSED"
        print(f"{verdict:<7} order answered -> notification written at 200/s: p99 {at200['p99']:.1f} ms (<= 50 ms; aim 20 ms), p50 {at200['p50']:.1f} ms")
    sustained = [r["rate"] for r in results if kept_up(r)]
    if sustained:
        print(f"info    highest rate sustained without the queue growing: {max(sustained):.0f} orders/s")
    else:
        print("info    no rate tried kept up without a backlog")
    grew = next((r for r in results if not kept_up(r)), None)
    if grew:
        reason = (f"the client sent only {grew['achieved']:.0f}/s" if grew["achieved"] < grew["rate"] * 0.95
                  else f"{grew['backlog']} orders were still queued when sending stopped")
        print(f"info    at {grew['rate']:.0f} orders/s the queue grew: {reason}")


if __name__ == "__main__":
    main()
