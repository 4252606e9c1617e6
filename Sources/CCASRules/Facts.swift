/// What the caller stated, fact by fact; a later statement replaces an earlier one.
public struct Facts: Sendable, Equatable {
    private(set) var values: [(name: String, value: FactValue)] = []

    public init() {}

    public subscript(name: String) -> FactValue? {
        get {
            for v in values where v.name == name { return v.value }
            return nil
        }
        set {
            if let i = values.firstIndex(where: { $0.name == name }) {
                if let newValue { values[i].value = newValue } else { values.remove(at: i) }
            } else if let newValue {
                values.append((name, newValue))
            }
        }
    }

    public var names: [String] { values.map(\.name) }

    public static func == (a: Facts, b: Facts) -> Bool {
        a.values.count == b.values.count && a.values.allSatisfy { b[$0.name] == $0.value }
    }
}
