/// Rows of text in aligned columns for the terminal: each column as wide as its widest cell plus two spaces, no
/// trailing spaces.
struct TextTable {
    let header: [String]
    let rows: [[String]]

    var rendered: String {
        let lines = [self.header] + self.rows
        let widths = self.header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line +=
                    column == row.count - 1
                    ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
