/// The samples of one indicator and group, flat: seconds in one array, the compliant count and
/// the distinct targets kept as they arrive, so a report over millions of samples allocates
/// one growing array per group and no per-sample objects.
struct SampleGroup {
    var seconds: [Double] = []
    var met = 0
    /// Distinct targets seen (usually one; `target_s` is null when the group mixes them).
    var targets: [Double] = []

    mutating func add(_ s: Double, target: Double) {
        seconds.append(s)
        if s <= target { met += 1 }
        if targets.isEmpty || (targets[0] != target && !targets.contains(target)) { targets.append(target) }
    }

    /// p-th percentiles (ascending `ps`) by linear interpolation, as `Percentile.of` on the sorted
    /// samples, but by selection: each rank's order statistic costs a partition of what is left
    /// above the previous one, not a full sort. Reorders `seconds`.
    mutating func percentiles(_ ps: [Double]) -> [Double?] {
        let n = seconds.count
        guard n > 0 else { return ps.map { _ in nil } }
        return seconds.withUnsafeMutableBufferPointer { b in
            var lo = 0
            return ps.map { p in
                let rank = p / 100 * Double(n - 1)
                let low = Int(rank.rounded(.down))
                Self.select(b, low, from: lo)
                lo = low
                // Everything after `low` is ≥ b[low]: the next order statistic is their minimum.
                var next = b[low]
                if low + 1 < n {
                    next = b[low + 1]
                    for i in (low + 2)..<n where b[i] < next { next = b[i] }
                }
                let fraction = rank - Double(low)
                return b[low] + (next - b[low]) * fraction
            }
        }
    }

    /// Puts the k-th smallest of b[lo...] at k, smaller ones before, larger after (quickselect
    /// with a three-way partition: millisecond samples repeat a lot).
    static func select(_ b: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) {
        var lo = start, hi = b.count
        while hi - lo > 16 {
            let x = b[lo], y = b[(lo + hi) / 2], z = b[hi - 1]
            let pivot = max(min(x, y), min(max(x, y), z))
            var lt = lo, i = lo, gt = hi
            while i < gt {
                let v = b[i]
                if v < pivot { b.swapAt(lt, i); lt += 1; i += 1 }
                else if v > pivot { gt -= 1; b.swapAt(i, gt) }
                else { i += 1 }
            }
            if k < lt { hi = lt } else if k >= gt { lo = gt } else { return }
        }
        // Insertion sort of the small rest.
        if lo < hi {
            for i in (lo + 1)..<hi {
                let v = b[i]
                var j = i
                while j > lo && b[j - 1] > v { b[j] = b[j - 1]; j -= 1 }
                b[j] = v
            }
        }
    }
}

/// Small integers for the few distinct strings a report groups by (priorities, natures, unit
/// types, units): one hash per row at most, none when the row repeats the previous value.
struct Interner {
    private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    private var last = -1

    mutating func id(_ name: String) -> Int {
        if last >= 0, names[last] == name { return last }
        if let i = index[name] { last = i; return i }
        names.append(name)
        index[name] = names.count - 1
        last = names.count - 1
        return last
    }
}
