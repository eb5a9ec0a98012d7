"""Handlers that AWS's Python runtime interface client (awslambdaric) runs against the Stratus Runtime API emulator."""
import os
import time


def ok(event, context):
    return {
        "event": event,
        "requestId": context.aws_request_id,
        "functionArn": context.invoked_function_arn,
        "functionName": context.function_name,
        "memoryLimitInMB": context.memory_limit_in_mb,
        "remainingTimeMs": context.get_remaining_time_in_millis(),
        "traceEnvironment": os.environ.get("_X_AMZN_TRACE_ID"),
        "clientContextApp": context.client_context.client.app_title if context.client_context else None,
        "identityPool": context.identity.cognito_identity_pool_id if context.identity else None,
    }


def fail(event, context):
    raise ValueError("quantity must be positive")


def sleepy(event, context):
    time.sleep(event.get("seconds", 5))
    return {"slept": True}


def oversized(event, context):
    return "x" * 7_000_000
