import AWS
import Synchronization
import Testing

/// Region and endpoint resolution by the SDKs' variables.
@Suite struct EndpointAndRegionTests {
    static let profiles = ProfileFiles(config: "[default]\nregion = ap-south-1\n", credentials: "")

    @Test func regionVariablesInOrderThenTheProfile() {
        let both = AWSEnvironment(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"])
        #expect(AWSRegionResolver.region(environment: both, profiles: Self.profiles) == "eu-west-1")
        let fallback = AWSEnvironment(["AWS_DEFAULT_REGION": "us-east-2"])
        #expect(AWSRegionResolver.region(environment: fallback, profiles: Self.profiles) == "us-east-2")
        #expect(AWSRegionResolver.region(environment: AWSEnvironment([:]), profiles: Self.profiles) == "ap-south-1")
        let empty = ProfileFiles(config: "", credentials: "")
        #expect(AWSRegionResolver.region(environment: AWSEnvironment(["AWS_REGION": ""]), profiles: empty) == nil)
    }

    /// On Lambda `AWS_REGION` is always set: the profile files are then not read at all (a cold start saved).
    @Test func theProfilesAreReadOnlyWhenNoVariableNamesTheRegion() {
        let reads = Mutex(0)
        func profilesCountingReads() -> ProfileFiles {
            reads.withLock { $0 += 1 }
            return Self.profiles
        }
        let lambda = AWSEnvironment(["AWS_REGION": "eu-west-1"])
        #expect(AWSRegionResolver.region(environment: lambda, profiles: profilesCountingReads()) == "eu-west-1")
        #expect(reads.withLock { $0 } == 0)
        #expect(
            AWSRegionResolver.region(environment: AWSEnvironment([:]), profiles: profilesCountingReads())
                == "ap-south-1")
        #expect(reads.withLock { $0 } == 1)
    }

    @Test func serviceVariableThenGlobalVariableThenRegionalEndpoint() {
        let environment = AWSEnvironment([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://127.0.0.1:5001",
        ])
        func endpoint(_ id: String, _ prefix: String, _ environment: AWSEnvironment, region: String = "eu-west-1")
            -> String
        {
            AWSEndpointResolver.endpoint(
                serviceID: id, endpointPrefix: prefix, region: region, environment: environment)
        }
        #expect(endpoint("Secrets Manager", "secretsmanager", environment) == "http://127.0.0.1:5001")
        #expect(endpoint("DynamoDB", "dynamodb", environment) == "http://127.0.0.1:5000")
        #expect(endpoint("DynamoDB", "dynamodb", AWSEnvironment([:])) == "https://dynamodb.eu-west-1.amazonaws.com")
        #expect(
            endpoint("SQS", "sqs", AWSEnvironment([:]), region: "cn-north-1")
                == "https://sqs.cn-north-1.amazonaws.com.cn")
        let ignored = AWSEnvironment(
            environment.variables.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 })
        #expect(endpoint("DynamoDB", "dynamodb", ignored) == "https://dynamodb.eu-west-1.amazonaws.com")
    }

    @Test func serviceIDsAsVariableSuffixes() {
        #expect(AWSEndpointResolver.variableSuffix(serviceID: "Secrets Manager") == "SECRETS_MANAGER")
        #expect(
            AWSEndpointResolver.variableSuffix(serviceID: "Cognito Identity Provider") == "COGNITO_IDENTITY_PROVIDER")
        #expect(AWSEndpointResolver.variableSuffix(serviceID: "EventBridge") == "EVENTBRIDGE")
        #expect(AWSEndpointResolver.variableSuffix(serviceID: "S3 Control") == "S3_CONTROL")
        #expect(AWSEndpointResolver.variableSuffix(serviceID: "api-gateway v2") == "API_GATEWAY_V2")
    }
}
