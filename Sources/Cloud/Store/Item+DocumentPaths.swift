extension Item {
    /// Writes `value` at `path`; the parent map or list must exist, and an index past a list's end appends.
    mutating func set(_ value: AttributeValue, at path: AttributePath) throws(ItemStoreError) {
        guard !path.elements.isEmpty else {
            self[path.attribute] = value
            return
        }
        guard var root = self[path.attribute] else { throw Self.invalidPath(path) }
        try Self.set(value, at: path.elements[...], in: &root, path: path)
        self[path.attribute] = root
    }

    /// Removes the value at `path`, if there is one; removing a list element shifts the ones after it.
    mutating func remove(at path: AttributePath) {
        guard !path.elements.isEmpty else {
            self[path.attribute] = nil
            return
        }
        guard var root = self[path.attribute] else { return }
        Self.remove(at: path.elements[...], in: &root)
        self[path.attribute] = root
    }

    private static func set(
        _ value: AttributeValue,
        at elements: ArraySlice<AttributePath.Element>,
        in container: inout AttributeValue,
        path: AttributePath
    ) throws(ItemStoreError) {
        guard let first = elements.first else {
            container = value
            return
        }
        let rest = elements.dropFirst()
        switch (first, container) {
        case (.key(let key), .map(var entries)):
            if rest.isEmpty {
                entries[key] = value
            } else {
                guard var child = entries[key] else { throw Self.invalidPath(path) }
                try Self.set(value, at: rest, in: &child, path: path)
                entries[key] = child
            }
            container = .map(entries)
        case (.index(let index), .list(var list)):
            if rest.isEmpty {
                if list.indices.contains(index) { list[index] = value } else { list.append(value) }
            } else {
                guard list.indices.contains(index) else { throw Self.invalidPath(path) }
                try Self.set(value, at: rest, in: &list[index], path: path)
            }
            container = .list(list)
        default:
            throw Self.invalidPath(path)
        }
    }

    private static func remove(at elements: ArraySlice<AttributePath.Element>, in container: inout AttributeValue) {
        guard let first = elements.first else { return }
        let rest = elements.dropFirst()
        switch (first, container) {
        case (.key(let key), .map(var entries)):
            if rest.isEmpty {
                entries[key] = nil
            } else if var child = entries[key] {
                Self.remove(at: rest, in: &child)
                entries[key] = child
            }
            container = .map(entries)
        case (.index(let index), .list(var list)) where list.indices.contains(index):
            if rest.isEmpty {
                list.remove(at: index)
            } else {
                Self.remove(at: rest, in: &list[index])
            }
            container = .list(list)
        default:
            return
        }
    }

    private static func invalidPath(_ path: AttributePath) -> ItemStoreError {
        .validation("The document path provided in the update expression is invalid for update: \(path)")
    }
}
