// Services build on the handler protocols, the context and the event types through this module alone, so that
// they import only the ports and the toolkit (ARCHITECTURE §2).
@_exported public import LambdaEvents
@_exported public import LambdaRuntime
