import CCASRules

/// HMAC-SHA256 (RFC 2104), on the référentiel's SHA-256: signs webhook bodies so a receiver can
/// check they came from the centre and were not changed.
public enum HMAC {
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = 64
        var k = key.count > blockSize ? SHA256.digest(key) : key
        k += [UInt8](repeating: 0, count: blockSize - k.count)
        let inner = SHA256.digest(k.map { $0 ^ 0x36 } + message)
        return SHA256.digest(k.map { $0 ^ 0x5c } + inner)
    }

    public static func sha256Hex(key: [UInt8], message: [UInt8]) -> String { hex(sha256(key: key, message: message)) }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
