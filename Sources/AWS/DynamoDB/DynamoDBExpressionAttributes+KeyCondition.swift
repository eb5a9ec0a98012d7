import Cloud

extension DynamoDBExpressionAttributes {
    /// The key condition of `query`: its partition by equality on the queried index's partition key, and its
    /// sort-key condition, if any, on that index's sort key.
    mutating func keyCondition(of query: ItemQuery) -> String {
        let partition = self.name(query.partitionAttribute)
        let expression = "\(partition) = \(self.value(.string(query.partition)))"
        guard let condition = query.sortKey else { return expression }
        let sort = self.name(query.sortAttribute)
        let sortExpression: String
        switch condition {
        case .equal(let value): sortExpression = "\(sort) = \(self.value(.string(value)))"
        case .less(let value): sortExpression = "\(sort) < \(self.value(.string(value)))"
        case .lessOrEqual(let value): sortExpression = "\(sort) <= \(self.value(.string(value)))"
        case .greater(let value): sortExpression = "\(sort) > \(self.value(.string(value)))"
        case .greaterOrEqual(let value): sortExpression = "\(sort) >= \(self.value(.string(value)))"
        case .between(let low, let high):
            let lower = self.value(.string(low))
            sortExpression = "\(sort) BETWEEN \(lower) AND \(self.value(.string(high)))"
        case .beginsWith(let prefix): sortExpression = "begins_with(\(sort), \(self.value(.string(prefix))))"
        }
        return "\(expression) AND \(sortExpression)"
    }
}
