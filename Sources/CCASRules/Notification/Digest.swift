/// SHA-256 for the delivery module's HMAC, from the one implementation in this module
/// (SHA256.swift is internal). Remove once SHA256 itself is public.
public enum Digest {
    public static func sha256(_ message: [UInt8]) -> [UInt8] { SHA256.digest(message) }
}
