"""Drives orders through a running `stratus serve` at fixed rates and measures, from the server's own timestamps,
how long each order's event takes to become its notification (order `createdAt` → notification `createdAt`):
outbox relay, bus, queue, poller and worker together. Prints p50/p99 per rate, the backlog left when sending
stopped, and met/MISSED against the issue's targets (p99 <= 50 ms at 200 orders/s; aim 20 ms)."""
import argparse
import concurrent.futures
import datetime
import http.client
import json
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
    found = {}
    for token in tokens:
        found.update(notifications(client, token))
    backlog = sum(1 for order_id in orders if order_id not in found)
    deadline = time.time() + 60
    while len([o for o in orders if o in found]) < len(orders) and time.time() < deadline:
        time.sleep(0.2)
        for token in tokens:
            found.update(notifications(client, token))
    latencies = sorted(found[o] - created for o, (_, created) in orders.items() if o in found)
    missing = len(orders) - len(latencies)

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")

    return {
        "rate": rate, "orders": total, "achieved": total / sent_seconds, "p50": percentile(50),
        "p99": percentile(99), "max": latencies[-1] if latencies else float("nan"), "backlog": backlog,
        "missing": missing,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--rates", default="200")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--users", type=int, default=8)
    arguments = parser.parse_args()
    client = Client(arguments.url)
    tokens = sign_up(client, arguments.users)
    results = [run_rate(client, tokens, float(rate), arguments.seconds) for rate in arguments.rates.split(",")]
    print(f"{'rate/s':>8} {'achieved':>9} {'orders':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'backlog':>8} {'missing':>8}")
    for r in results:
        print(f"{r['rate']:>8.0f} {r['achieved']:>9.1f} {r['orders']:>7} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['backlog']:>8} {r['missing']:>8}")
    print("== Summary ==")
    at200 = next((r for r in results if r["rate"] == 200), None)
    if at200:
        verdict = "met" if at200["p99"] <= 50 and at200["missing"] == 0 else "MISSED"
        print(f"{verdict:<7} order answered -> notification written at 200/s: p99 {at200['p99']:.1f} ms (<= 50 ms; aim 20 ms), p50 {at200['p50']:.1f} ms")
    sustained = [r for r in results if r["backlog"] <= r["rate"] * 0.05 and r["missing"] == 0 and r["achieved"] >= r["rate"] * 0.95]
    if sustained:
        print(f"info    highest rate tried without the queue growing: {max(r['rate'] for r in sustained):.0f} orders/s")
    else:
        print("info    no rate tried kept up without a backlog")


if __name__ == "__main__":
    main()
