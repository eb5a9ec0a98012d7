import Cloud

/// The functions of a manifest as a table for the terminal: name, routes, memory and timeout.
struct FunctionTable {
    let manifest: AppManifest

    var rendered: String {
        let header = ["FUNCTION", "ROUTES", "MEMORY", "TIMEOUT"]
        let rows = self.manifest.functions.map { function in
            [
                function.name,
                function.routes.isEmpty ? "-" : function.routes.map(\.routeKey).joined(separator: ", "),
                "\(function.memoryMB) MB",
                "\(function.timeout.components.seconds) s",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n")
    }
}
