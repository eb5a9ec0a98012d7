import Cloud
import Middleware
import Observability

/// Profiles over the store: created with the account, read and changed by their owner with optimistic locking, each
/// change written together with its outbox event.
struct ProfileRepository: Sendable {
    /// The events' `source`.
    static let eventSource = "stratus.users"

    let store: any ItemStore
    /// The time profiles are created and changed at.
    let clock: any Clock

    /// Creates the profile of a new account and its `UserRegistered` event, in one transaction.
    func create(userID: String, email: String, name: String) async throws(ItemStoreError) -> UserProfile {
        let now = self.clock.nowISO8601
        let profile = UserProfile(
            userId: userID, email: email, name: name, phone: nil, address: nil,
            createdAt: now, updatedAt: now, version: 1)
        let event: OutboxEvent
        do {
            event = try OutboxEvent(
                source: Self.eventSource, detailType: "UserRegistered", time: now,
                detail: UserRegisteredDetail(userId: userID, email: email),
                traceHeader: XRayTraceHeader.current?.description)
        } catch {
            throw .validation("The UserRegistered event could not be encoded: \(error)")
        }
        try await self.store.transactWrite([
            .put(profile.item, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey))),
            .put(event.item),
        ])
        return profile
    }

    /// The caller's profile; 404 when it does not exist.
    func find(_ userID: String) async throws -> UserProfile {
        guard let item = try await self.store.get(UserProfile.key(userID: userID)),
            let profile = UserProfile(item: item)
        else {
            throw HTTPError.notFound("No profile for this user")
        }
        return profile
    }

    /// Replaces the editable fields if `expectedVersion` is current; 412 when it is not.
    func update(_ userID: String, with request: UpdateProfileRequest, expectedVersion: Int) async throws -> UserProfile
    {
        var profile = try await self.find(userID)
        guard profile.version == expectedVersion else {
            throw HTTPError.preconditionFailed("The profile is at version \(profile.version), not \(expectedVersion)")
        }
        profile.name = request.name
        profile.phone = request.phone
        profile.address = request.address
        profile.updatedAt = self.clock.nowISO8601
        profile.version += 1
        let event = try OutboxEvent(
            source: Self.eventSource, detailType: "UserProfileUpdated", time: profile.updatedAt,
            detail: UserProfileUpdatedDetail(userId: userID, version: profile.version),
            traceHeader: XRayTraceHeader.current?.description)
        do {
            try await self.store.transactWrite([
                .put(profile.item, condition: .equal("version", .int(expectedVersion))),
                .put(event.item),
            ])
        } catch {
            guard case .transactionCanceled = error else { throw error }
            throw HTTPError.preconditionFailed("The profile changed meanwhile; read it again")
        }
        return profile
    }
}

/// The `detail` of `UserRegistered`.
struct UserRegisteredDetail: Encodable {
    var userId: String
    var email: String
}

/// The `detail` of `UserProfileUpdated`.
struct UserProfileUpdatedDetail: Encodable {
    var userId: String
    var version: Int
}
