public enum CCASCoreVersion { public static let string = "0.1.0" }
