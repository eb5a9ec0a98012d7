/// Who is calling, as the gateway's JWT authorizer established it: the token's subject and Cognito groups.
public struct Caller: Sendable, Equatable {
    /// The group whose members may manage every user's data.
    public static let staffGroup = "staff"

    /// The user's id (the token's `sub`).
    public let userID: String
    public let groups: Set<String>

    public init(userID: String, groups: Set<String> = []) {
        self.userID = userID
        self.groups = groups
    }

    public var isStaff: Bool { self.groups.contains(Self.staffGroup) }
}

extension APIRequest {
    /// The verified caller; 401 when the authorizer passed no subject. API Gateway passes `cognito:groups` as
    /// `[a b]` or a comma-separated list; both are read.
    public func caller() throws(HTTPError) -> Caller {
        guard let subject = self.claims?["sub"], !subject.isEmpty else {
            throw .unauthorized("This route needs a valid access token")
        }
        let groups = (self.claims?["cognito:groups"] ?? "")
            .split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," || $0 == " " })
            .map(String.init)
        return Caller(userID: subject, groups: Set(groups))
    }
}
