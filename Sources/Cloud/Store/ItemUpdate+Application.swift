extension ItemUpdate {
    /// Applies the update to `item` (an empty item when it does not exist yet) with DynamoDB's rules, or throws
    /// ``ItemStoreError/validation(_:)`` for what DynamoDB rejects: changing a key, overlapping paths, operands of the
    /// wrong type, a missing attribute in arithmetic, a path whose parent does not exist.
    public func applied(to item: Item) throws(ItemStoreError) -> Item {
        guard !self.isEmpty else { throw .validation("An update needs at least one action") }
        try self.checkPaths()
        // Every operand reads the old item, so resolve all of them before changing anything.
        let assignedValues = try self.assignments.map { assignment throws(ItemStoreError) in
            try assignment.value.resolve(in: item)
        }
        var updated = item
        for (assignment, value) in zip(self.assignments, assignedValues) {
            try updated.set(value, at: assignment.path)
        }
        for path in self.removals.sorted(by: Self.laterListIndexFirst) {
            updated.remove(at: path)
        }
        for addition in self.additions {
            try updated.set(
                try Self.add(addition.value, to: addition.path.value(in: item), at: addition.path),
                at: addition.path)
        }
        for deletion in self.deletions {
            switch try Self.delete(deletion.value, from: deletion.path.value(in: item), at: deletion.path) {
            case .some(let remaining): try updated.set(remaining, at: deletion.path)
            case .none: updated.remove(at: deletion.path)
            }
        }
        return updated
    }

    private func checkPaths() throws(ItemStoreError) {
        let paths = self.paths
        for path in paths where path.attribute == TableSchema.partitionKey || path.attribute == TableSchema.sortKey {
            throw .validation("Cannot update attribute \(path.attribute): it is part of the key")
        }
        for (index, path) in paths.enumerated() {
            for other in paths[(index + 1)...] where path.overlaps(other) {
                throw .validation("Two document paths overlap with each other: \(path) and \(other)")
            }
        }
        for addition in self.additions where !addition.path.elements.isEmpty {
            throw .validation("ADD and DELETE work on top-level attributes only, not \(addition.path)")
        }
        for deletion in self.deletions where !deletion.path.elements.isEmpty {
            throw .validation("ADD and DELETE work on top-level attributes only, not \(deletion.path)")
        }
    }

    /// Removing list elements from the highest index down keeps the lower indexes valid.
    private static func laterListIndexFirst(_ lhs: AttributePath, _ rhs: AttributePath) -> Bool {
        guard case .index(let left)? = lhs.elements.last, case .index(let right)? = rhs.elements.last else {
            return false
        }
        return left > right
    }

    private static func add(
        _ operand: AttributeValue,
        to current: AttributeValue?,
        at path: AttributePath
    ) throws(ItemStoreError) -> AttributeValue {
        switch (current, operand) {
        case (nil, .number), (nil, .stringSet), (nil, .numberSet):
            return operand
        case (.number(let value)?, .number(let addend)):
            return .number(value + addend)
        case (.stringSet(let elements)?, .stringSet(let added)):
            return .stringSet(elements.union(added))
        case (.numberSet(let elements)?, .numberSet(let added)):
            return .numberSet(elements.union(added))
        default:
            throw .validation("An operand in the update expression has an incorrect data type: ADD \(path)")
        }
    }

    private static func delete(
        _ operand: AttributeValue,
        from current: AttributeValue?,
        at path: AttributePath
    ) throws(ItemStoreError) -> AttributeValue? {
        switch (current, operand) {
        case (nil, .stringSet), (nil, .numberSet):
            return nil
        case (.stringSet(let elements)?, .stringSet(let removed)):
            let remaining = elements.subtracting(removed)
            return remaining.isEmpty ? nil : .stringSet(remaining)
        case (.numberSet(let elements)?, .numberSet(let removed)):
            let remaining = elements.subtracting(removed)
            return remaining.isEmpty ? nil : .numberSet(remaining)
        default:
            throw .validation("An operand in the update expression has an incorrect data type: DELETE \(path)")
        }
    }
}

extension ItemUpdate.Value {
    func resolve(in item: Item) throws(ItemStoreError) -> AttributeValue {
        switch self {
        case .value(let value):
            return value
        case .path(let path):
            guard let value = path.value(in: item) else {
                throw .validation(
                    "The provided expression refers to an attribute that does not exist in the item: \(path)")
            }
            return value
        case .ifNotExists(let path, let fallback):
            return path.value(in: item) ?? fallback
        case .sum(let lhs, let rhs):
            let (left, right) = try Self.numbers(lhs, rhs, in: item)
            return .number(left + right)
        case .difference(let lhs, let rhs):
            let (left, right) = try Self.numbers(lhs, rhs, in: item)
            return .number(left - right)
        case .listAppend(let lhs, let rhs):
            guard case .list(let left) = try lhs.resolve(in: item), case .list(let right) = try rhs.resolve(in: item)
            else {
                throw .validation(
                    "An operand in the update expression has an incorrect data type: list_append needs lists")
            }
            return .list(left + right)
        }
    }

    private static func numbers(
        _ lhs: ItemUpdate.Value,
        _ rhs: ItemUpdate.Value,
        in item: Item
    ) throws(ItemStoreError) -> (DecimalNumber, DecimalNumber) {
        guard case .number(let left) = try lhs.resolve(in: item), case .number(let right) = try rhs.resolve(in: item)
        else {
            throw .validation(
                "An operand in the update expression has an incorrect data type: arithmetic needs numbers")
        }
        return (left, right)
    }
}

extension AttributePath {
    /// Whether one path is the other or lies inside it.
    func overlaps(_ other: AttributePath) -> Bool {
        guard self.attribute == other.attribute else { return false }
        return zip(self.elements, other.elements).allSatisfy { $0 == $1 }
    }
}
