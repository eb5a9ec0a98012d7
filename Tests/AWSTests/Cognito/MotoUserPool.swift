import AWS
import Cloud
import JSONCoding
import StratusTesting
import Testing

/// A Cognito user pool with an app client on a moto server, made by ``CognitoUserPoolSetup`` as `stratus provision`
/// makes them.
struct MotoUserPool {
    let moto: MotoServer
    let poolID: String
    let clientID: String
    let provider: CognitoIdentityProvider
    private let http: AWSHTTPClient

    init(_ moto: MotoServer) async throws {
        self.moto = moto
        self.http = AWSHTTPClient()
        let client = try moto.client(.cognitoIdentityProvider, httpClient: self.http)
        let setup = CognitoUserPoolSetup(poolName: "contract", clientName: "contract")
        self.poolID = try await setup.createPool(through: client)
        self.clientID = try await setup.createClient(poolID: self.poolID, through: client)
        self.provider = CognitoIdentityProvider(client: client, userPoolID: self.poolID, clientID: self.clientID)
    }

    /// A fresh reset code for `email`. Moto mails nothing: it answers `ForgotPassword` with the code in the
    /// `x-moto-forgot-password-confirmation-code` header, which the JSON client does not pass on, so this asks again
    /// over plain HTTP (moto does not check signatures) and reads the header; the new code replaces the old one.
    func resetCode(_ email: String) async throws -> String {
        let url = try #require(HTTPURL(self.moto.endpoint))
        let body = try StreamingJSONEncoder().encode(
            ["ClientId": .string(self.clientID), "Username": .string(email)] as JSONValue)
        let response = try await self.http.send(
            AWSHTTPRequest(
                method: "POST", url: url.withTarget("/"),
                headers: [
                    ("Content-Type", "application/x-amz-json-1.1"),
                    ("X-Amz-Target", "AWSCognitoIdentityProviderService.ForgotPassword"),
                ],
                body: body),
            timeout: .seconds(10))
        return try #require(response.value(of: "x-moto-forgot-password-confirmation-code"), "\(response.text)")
    }

    /// The pool's key set, as moto serves it at `/<pool-id>/.well-known/jwks.json`.
    func jwks() async throws -> [UInt8] {
        let url = try #require(HTTPURL(self.moto.endpoint))
        let response = try await self.http.send(
            AWSHTTPRequest(method: "GET", url: url.withTarget("/\(self.poolID)/.well-known/jwks.json")),
            timeout: .seconds(10))
        try #require(response.status == 200, "\(response.text)")
        return response.body
    }

    /// The issuer moto writes into the pool's tokens, as Cognito names it.
    var issuer: String { "https://cognito-idp.us-east-1.amazonaws.com/\(self.poolID)" }
}
