/// A hash that is the same on every machine and every run (Swift's `Hasher` is seeded per
/// process), for ids derived from content: re-reading the same input gives the same ids, so
/// the store sees duplicates rather than new calls.
///
/// FNV-1a, 64 bits, written as 16 lower-case hex digits. Not cryptographic: collisions are
/// astronomically unlikely between genuine inputs (2^-64 per pair), and nothing here needs
/// resistance to someone forging them.
public enum StableHash {
    @inlinable  // specialised where it is called: the intake hashes ids and numbers with it on its hot path
    public static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// 16 hex digits of the FNV-1a hash of the string's UTF-8.
    public static func hex(_ text: String) -> String { hex(fnv1a64(text.utf8)) }

    /// 16 hex digits of the hash of several parts, each followed by a unit separator so that
    /// ("ab", "c") and ("a", "bc") differ.
    public static func hex(parts: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for b in part.utf8 {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
            }
            h ^= 0x1F
            h = h &* 0x0000_0100_0000_01b3
        }
        return hex(h)
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        var v = value
        for i in stride(from: 15, through: 0, by: -1) {
            out[i] = digits[Int(v & 0xF)]
            v >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
