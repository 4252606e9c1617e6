import Testing

@testable import CCASStore

@Suite("The intake index's hash table")
struct Int64TableTests {
    @Test("agrees with a Dictionary through growth, overwrites and removals, with keys that collide")
    func agreesWithDictionary() {
        var table = Int64Table(capacity: 4)
        var reference: [Int64: Int32] = [:]
        var rng = SystemRandomNumberGenerator()
        // Keys in a narrow band and multiples of a power of two: many share their home slot.
        let keys: [Int64] = (0..<3000).map { k in k % 3 == 0 ? Int64(k) << 32 : Int64.random(in: -500...500, using: &rng) }
        for (n, key) in keys.enumerated() {
            let value = Int32(n % 7 == 0 ? -1 : n)
            table.set(key, value)
            reference[key] = value
        }
        for key in Set(keys) {
            let expected = reference[key].flatMap { $0 < 0 ? nil : $0 }
            #expect(table.get(key) == expected)
        }
        #expect(table.get(Int64.max) == nil)
        table.removeAll()
        #expect(table.count == 0 && table.get(keys[1]) == nil)
    }
}
