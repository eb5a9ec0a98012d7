"""A second, independent Runtime API: the smallest server AWS's Runtime API documentation describes, written with the
standard library only. It serves the given events to a runtime one by one, records every request the runtime makes,
then sends SIGTERM and prints what happened as JSON.

Usage: python3 minimal_runtime_api.py RUNTIME HANDLER EVENT_FILE [EVENT_FILE ...]

With STRATUS_INVOCATION_HEADERS set to a JSON list of objects, the n-th object's headers replace the n-th
invocation's (to send malformed invocations). With RUNTIME_SIGTERM_BLOCKED=1 the runtime starts with SIGTERM
blocked. It stops early when the runtime exits by itself.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

runtime, handler, event_files = sys.argv[1], sys.argv[2], sys.argv[3:]
events = [open(path, "rb").read() for path in event_files]
overrides = json.loads(os.environ.get("STRATUS_INVOCATION_HEADERS", "[]"))
pending = [(event, overrides[index] if index < len(overrides) else {}) for index, event in enumerate(events)]
requests = []
results = []
done = threading.Event()
stopped = threading.Event()
lock = threading.Lock()


class RuntimeAPI(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the runtime has gone, as it does on SIGTERM

    def do_GET(self):
        with lock:
            requests.append({"method": "GET", "path": self.path})
        if self.path != "/2018-06-01/runtime/invocation/next":
            return self.reply(404)
        while True:
            with lock:
                invocation = pending.pop(0) if pending else None
            if invocation is not None:
                break
            # Like Lambda, the long poll stays open while the runtime is being shut down: an answer here would race
            # with SIGTERM.
            if stopped.wait(0.05):
                return
        event, override = invocation
        deadline = int(time.time() * 1000) + 3000
        self.reply(200, event, {
            "Lambda-Runtime-Aws-Request-Id": str(uuid.uuid4()),
            "Lambda-Runtime-Deadline-Ms": str(deadline),
            "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:eu-west-1:210987654321:function:" + handler,
            **override,
        })

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            requests.append({"method": "POST", "path": self.path,
                             "errorType": self.headers.get("Lambda-Runtime-Function-Error-Type")})
            results.append({"path": self.path, "body": body.decode()})
            if len(results) == len(events):
                threading.Timer(0.1, done.set).start()
        self.reply(202, b'{"status":"OK"}')


server = ThreadingHTTPServer(("127.0.0.1", 0), RuntimeAPI)
threading.Thread(target=server.serve_forever, daemon=True).start()
environment = {
    "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:%d" % server.server_address[1],
    "_HANDLER": handler,
    "AWS_LAMBDA_FUNCTION_NAME": handler,
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}
# Lambda's logging controls pass through to the runtime.
for name in ("AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL"):
    if name in os.environ:
        environment[name] = os.environ[name]
# A process inherits its parent's blocked signals.
if os.environ.get("RUNTIME_SIGTERM_BLOCKED") == "1":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
process = subprocess.Popen([runtime], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
output = []
threading.Thread(target=lambda: output.append(process.stdout.read().decode(errors="replace")), daemon=True).start()
threading.Thread(target=lambda: (process.wait(), done.set()), daemon=True).start()
finished = done.wait(20) and process.poll() is None
process.send_signal(signal.SIGTERM)
try:
    status = process.wait(5)
except subprocess.TimeoutExpired:
    process.kill()
    status = "killed"
stopped.set()
server.shutdown()
time.sleep(0.1)  # the last of its output
print(json.dumps({"finished": finished, "exitStatus": status, "requests": requests, "results": results,
                  "output": "".join(output)}))
