import Foundation

extension Timestamp {
    /// The wall clock, to the millisecond.
    public static var now: Timestamp { Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded())) }
}
