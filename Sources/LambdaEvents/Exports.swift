// The events carry ``JSONValue`` where AWS leaves a shape open (an authorizer's context, an EventBridge detail), so
// whoever uses the events uses it too.
@_exported public import JSONCoding
