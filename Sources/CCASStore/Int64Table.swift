/// A hash table from 64-bit keys to slots (`Int32`), open addressing with linear probing and a
/// multiplicative hash: the intake's correlation index looks up event ids, grid cells and
/// callback numbers several times a call, and Swift's `Dictionary` (SipHash, and an array per
/// grid cell) cost ≈ 6,000 instructions a call on the store's thread (callgrind).
struct Int64Table {
    private var keys: [Int64]
    private var values: [Int32]
    private var used: [Bool]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        used = Array(repeating: false, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func home(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot of `key`, or nil (also for a key whose slot was removed).
    func get(_ key: Int64) -> Int32? {
        let mask = keys.count - 1
        var i = home(key)
        while used[i] {
            if keys[i] == key { return values[i] < 0 ? nil : values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Sets `key`'s slot (a negative slot removes it: the key stays, holding nothing).
    mutating func set(_ key: Int64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = home(key)
        while used[i] {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        used[i] = true
        keys[i] = key
        values[i] = value
        count += 1
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for i in used.indices { used[i] = false }
        count = 0
    }

    private mutating func grow() {
        var bigger = Int64Table(capacity: keys.count)
        for i in used.indices where used[i] && values[i] >= 0 { bigger.set(keys[i], values[i]) }
        self = bigger
    }
}
