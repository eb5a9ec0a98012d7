/// One declaration in an ``AppManifest``: a function, a bus, a queue or a rule.
public enum AppComponent: Sendable {
    /// A function and its triggers.
    case function(Function)
    /// An event bus.
    case bus(Bus)
    /// A message queue.
    case queue(Queue)
    /// A rule on a bus with its targets.
    case rule(Rule)
}

/// Collects the declarations of an ``AppManifest``: functions, buses, queues and rules, in any order.
@resultBuilder
public enum AppManifestBuilder {
    /// A function as a declaration.
    public static func buildExpression(_ function: Function) -> [AppComponent] { [.function(function)] }
    /// A bus as a declaration.
    public static func buildExpression(_ bus: Bus) -> [AppComponent] { [.bus(bus)] }
    /// A queue as a declaration.
    public static func buildExpression(_ queue: Queue) -> [AppComponent] { [.queue(queue)] }
    /// A rule as a declaration.
    public static func buildExpression(_ rule: Rule) -> [AppComponent] { [.rule(rule)] }
    /// The declarations of all statements, in order.
    public static func buildBlock(_ parts: [AppComponent]...) -> [AppComponent] { parts.flatMap { $0 } }
    /// The declarations of an `if` without `else`; none when the condition is false.
    public static func buildOptional(_ part: [AppComponent]?) -> [AppComponent] { part ?? [] }
    /// The declarations of an `if`'s first branch.
    public static func buildEither(first part: [AppComponent]) -> [AppComponent] { part }
    /// The declarations of an `else` branch.
    public static func buildEither(second part: [AppComponent]) -> [AppComponent] { part }
    /// The declarations of every iteration of a `for` loop, in order.
    public static func buildArray(_ parts: [[AppComponent]]) -> [AppComponent] { parts.flatMap { $0 } }
}
