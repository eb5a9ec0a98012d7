/// The Runtime API refused one report (for example an unknown request id, or a response over the size limit).
struct RuntimeAPIRejection: Error, CustomStringConvertible {
    var path: String
    var status: Int
    var body: String

    var description: String { "POST \(self.path) was refused with \(self.status): \(self.body)" }
}
