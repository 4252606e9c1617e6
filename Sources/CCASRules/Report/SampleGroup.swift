/// The samples of one indicator and group, flat: milliseconds in one array, the compliant count
/// and the distinct targets kept as they arrive, so a report over millions of samples allocates
/// one growing array per group and no per-sample objects.
struct SampleGroup {
    /// The samples in milliseconds: whole numbers, which percentiles can count rather than sort.
    var ms: [Int64] = []
    var met = 0
    /// Distinct targets seen (usually one; `target_s` is null when the group mixes them).
    var targets: [Double] = []

    var count: Int { ms.count }

    mutating func add(ms sample: Int64, target: Double) {
        ms.append(sample)
        if Double(sample) / 1000 <= target { met += 1 }
        if targets.isEmpty || (targets[0] != target && !targets.contains(target)) { targets.append(target) }
    }

    /// p-th percentiles in seconds (ascending `ps`) by linear interpolation, as `Percentile.of`
    /// on the sorted samples in seconds. Each rank needs two order statistics, found by counting
    /// the samples per millisecond when their span is not much wider than their number (response
    /// times: a span of minutes, a million samples), else by selection. Reorders `ms`.
    mutating func percentiles(_ ps: [Double]) -> [Double?] {
        let n = ms.count
        guard n > 0 else { return ps.map { _ in nil } }
        let ranks = ps.map { p -> (low: Int, fraction: Double) in
            let rank = p / 100 * Double(n - 1)
            let low = Int(rank.rounded(.down))
            return (low, rank - Double(low))
        }
        let ks = Set(ranks.flatMap { [$0.low, min($0.low + 1, n - 1)] }).sorted()
        let value = Dictionary(uniqueKeysWithValues: zip(ks, orderStatistics(ks)))
        return ranks.map { r in
            let low = Double(value[r.low]!) / 1000, high = Double(value[min(r.low + 1, n - 1)]!) / 1000
            return low + (high - low) * r.fraction
        }
    }

    /// The k-th smallest samples (from 0) for each k of `ks`, ascending and distinct.
    mutating func orderStatistics(_ ks: [Int]) -> [Int64] {
        var lowest = Int64.max, highest = Int64.min
        for v in ms { lowest = min(lowest, v); highest = max(highest, v) }
        let span = UInt64(bitPattern: highest &- lowest)
        if span < 1 << 24 && span < UInt64(max(4 * ms.count, 1 << 16)) {
            var counts = [UInt32](repeating: 0, count: Int(span) + 1)
            counts.withUnsafeMutableBufferPointer { c in
                for v in ms { c[Int(v &- lowest)] += 1 }
            }
            var result: [Int64] = []
            var seen = 0, value = 0, next = 0
            while next < ks.count {
                // `value` holds ranks seen ..< seen + counts[value].
                if ks[next] < seen + Int(counts[value]) {
                    result.append(lowest + Int64(value))
                    next += 1
                } else {
                    seen += Int(counts[value])
                    value += 1
                }
            }
            return result
        }
        return ms.withUnsafeMutableBufferPointer { b in
            var lo = 0
            return ks.map { k in
                Self.select(b, k, from: lo)
                lo = k
                return b[k]
            }
        }
    }

    /// Puts the k-th smallest of b[start...] at k, smaller ones before, larger after (quickselect
    /// with a three-way partition: millisecond samples repeat a lot).
    static func select(_ b: UnsafeMutableBufferPointer<Int64>, _ k: Int, from start: Int) {
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
