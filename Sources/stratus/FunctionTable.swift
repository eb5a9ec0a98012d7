import Cloud

/// The functions of a manifest as a table for the terminal: name, routes (one per line), memory and timeout.
struct FunctionTable {
    let manifest: AppManifest

    var rendered: String {
        let header = ["FUNCTION", "ROUTES", "MEMORY", "TIMEOUT"]
        let rows = self.manifest.functions.flatMap { function in
            let routes = function.routes.isEmpty ? ["-"] : function.routes.map(\.routeKey)
            return routes.enumerated().map { index, route in
                index == 0
                    ? [function.name, route, "\(function.memoryMB) MB", "\(function.timeout.components.seconds) s"]
                    : ["", route, "", ""]
            }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined().trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
