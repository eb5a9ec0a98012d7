import Cloud
import Middleware
import Observability

/// The orders' rules over the store: who may see and change which order, the state machine, and the outbox events.
struct OrderRepository: Sendable {
    let store: any ItemStore
    /// The time orders are created and moved at.
    let clock: any Clock
    /// The ids of new orders.
    let identifiers: any IdentifierSource

    func create(_ request: CreateOrderRequest, for caller: Caller) async throws -> Order {
        guard let total = request.total else {
            throw HTTPError.unprocessable([FieldError(field: "items", reason: "add up to more than can be charged")])
        }
        let now = self.clock.nowISO8601
        let order = Order(
            orderId: self.identifiers.makeIdentifier(), customerId: caller.userID, status: .pending,
            items: request.items,
            currency: request.currency, total: total, createdAt: now, updatedAt: now, version: 1
        )
        let event = try OutboxEvent(
            source: OrdersAPI.eventSource, detailType: "OrderCreated", time: now,
            detail: OrderCreatedDetail(
                orderId: order.orderId, customerId: order.customerId, currency: order.currency, total: total),
            traceHeader: XRayTraceHeader.current?.description
        )
        try await self.store.transactWrite([
            .put(order.item, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey))),
            .put(event.item),
        ])
        return order
    }

    /// The order, if the caller owns it or is staff; 404 otherwise, so ids of others' orders give nothing away.
    func find(_ orderID: String, for caller: Caller) async throws -> Order {
        guard self.identifiers.isWellFormed(orderID), let item = try await self.store.get(Order.key(orderID: orderID)),
            let order = Order(item: item), order.customerId == caller.userID || caller.isStaff
        else {
            throw HTTPError.notFound("No order \(orderID)")
        }
        return order
    }

    /// The caller's orders, newest first.
    func list(for caller: Caller, query: OrderListQuery) async throws -> OrderPage {
        let page: QueryPage
        do {
            page = try await self.store.query(
                ItemQuery(
                    index: .gsi1,
                    partition: Order.customerPartition(caller.userID),
                    sortKey: .beginsWith("ORDER#"),
                    order: .descending,
                    limit: query.limit,
                    cursor: query.cursor,
                    filter: query.status.map { .equal("status", .string($0.rawValue)) }
                ))
        } catch {
            guard error == .invalidCursor else { throw error }
            throw HTTPError.badRequest("The cursor is not one this listing gave out")
        }
        return OrderPage(orders: page.items.compactMap(Order.init(item:)), nextCursor: page.nextCursor?.token)
    }

    /// Moves the order to `status` if `expectedVersion` is current and the caller may make that move.
    func move(_ orderID: String, to status: OrderStatus, expectedVersion: Int, by caller: Caller) async throws -> Order
    {
        var order = try await self.find(orderID, for: caller)
        guard order.version == expectedVersion else {
            throw HTTPError.preconditionFailed("The order is at version \(order.version), not \(expectedVersion)")
        }
        guard order.status.canMove(to: status) else {
            throw HTTPError.conflict("An order cannot go from \(order.status.rawValue) to \(status.rawValue)")
        }
        guard caller.isStaff || status == .cancelled else {
            throw HTTPError.forbidden("Customers may only cancel their orders")
        }
        let previous = order.status
        order.status = status
        order.updatedAt = self.clock.nowISO8601
        order.version += 1
        let event = try OutboxEvent(
            source: OrdersAPI.eventSource, detailType: "OrderStatusChanged", time: order.updatedAt,
            detail: OrderStatusChangedDetail(
                orderId: order.orderId, customerId: order.customerId,
                from: previous, to: status, version: order.version),
            traceHeader: XRayTraceHeader.current?.description
        )
        do {
            try await self.store.transactWrite([
                .update(
                    Order.key(orderID: orderID),
                    ItemUpdate()
                        .set("status", to: .string(status.rawValue))
                        .set("updatedAt", to: .string(order.updatedAt))
                        .set("version", to: .int(order.version)),
                    condition: .equal("version", .int(expectedVersion))
                ),
                .put(event.item),
            ])
        } catch {
            guard case .transactionCanceled = error else { throw error }
            throw HTTPError.preconditionFailed("The order changed meanwhile; read it again")
        }
        return order
    }
}

/// The `detail` of `OrderCreated`.
struct OrderCreatedDetail: Encodable {
    var orderId: String
    var customerId: String
    var currency: String
    var total: Int
}

/// The `detail` of `OrderStatusChanged`.
struct OrderStatusChangedDetail: Encodable {
    var orderId: String
    var customerId: String
    var from: OrderStatus
    var to: OrderStatus
    var version: Int
}
