/// Percentiles by linear interpolation between closest ranks, as numpy's default
/// (`method="linear"`): rank = p/100 × (n − 1).
public enum Percentile {
    /// `sorted` must be in ascending order; nil when empty.
    public static func of(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = p / 100 * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        let fraction = rank - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }
}
