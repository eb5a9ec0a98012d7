import JSONCoding

/// An event taken apart once into its leaves, each kept under the slot of its dot-joined path (`detail.state`), so
/// that any number of patterns can be checked against it without walking the tree again.
///
/// Arrays add no path segment: each element's leaves sit under the array's own path. Every leaf remembers which
/// element of which array it came from, so that fields a pattern names together can be required to come from the
/// same array element, as EventBridge requires.
struct FlattenedEvent {
    /// The position of a leaf inside one array of the event.
    struct ArrayPosition {
        /// Which array of the event (numbered in the order they were met).
        let array: Int
        /// Which element of that array.
        let index: Int
    }

    /// One scalar of the event and the array elements it sits in, outermost first.
    struct Leaf {
        let value: EventScalar
        let positions: [ArrayPosition]

        /// Whether the two leaves can come from one element of every array they share.
        func isConsistent(with other: Leaf) -> Bool {
            for mine in self.positions {
                for theirs in other.positions where mine.array == theirs.array && mine.index != theirs.index {
                    return false
                }
            }
            return true
        }
    }

    /// The leaves under one path.
    struct Leaves {
        /// The leaves, in the event's order.
        var values: [Leaf] = []
        /// Whether any of them sits in an array, so that its element may need to agree with other fields'.
        var isInArray = false
    }

    /// The leaves under each path, by the path's slot.
    private var leaves: [Leaves?]
    /// The slots that hold leaves, in the order they were first filled.
    private(set) var filledSlots: [Int] = []
    /// How many arrays the event holds (they are numbered in the order they were met).
    private var arrayCount = 0

    /// The leaves of `event` at the paths of `paths` (no other path can matter to the patterns they came from). A
    /// top-level value that is not an object has no named leaves.
    init(_ event: JSONValue, keeping paths: FieldPaths) {
        self.leaves = Array(repeating: nil, count: paths.slots.count)
        self.filledSlots.reserveCapacity(paths.slots.count)
        guard case .object(let members) = event else { return }
        for (key, value) in members {
            self.add(value, at: key, positions: [], keeping: paths)
        }
    }

    /// The leaves under the path of `slot`, or `nil` when the event has none there.
    subscript(slot: Int) -> Leaves? {
        self.leaves[slot]
    }

    private mutating func add(
        _ value: JSONValue, at path: String, positions: [ArrayPosition], keeping paths: FieldPaths
    ) {
        switch value {
        case .object(let members):
            guard paths.parents.contains(path) else { return }
            for (key, member) in members {
                self.add(member, at: path + "." + key, positions: positions, keeping: paths)
            }
        case .array(let elements):
            let array = self.arrayCount
            self.arrayCount += 1
            for (index, element) in elements.enumerated() {
                let position = ArrayPosition(array: array, index: index)
                self.add(element, at: path, positions: positions + [position], keeping: paths)
            }
        case .string, .integer, .number, .bool, .null:
            if let slot = paths.slots[path], let scalar = EventScalar(value) {
                if self.leaves[slot] == nil {
                    self.leaves[slot] = Leaves()
                    self.filledSlots.append(slot)
                }
                self.leaves[slot]?.values.append(Leaf(value: scalar, positions: positions))
                if !positions.isEmpty { self.leaves[slot]?.isInArray = true }
            }
        }
    }
}
