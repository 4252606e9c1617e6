import ArgumentParser
import CCASCLI
import CCASCore

/// Chooses the line decoder for an input format.
enum IntakeDecoders {
    static func make(_ format: Intake.Format, map: String?, diagnostics: Diagnostics) throws -> () -> any RecordDecoder {
        switch format {
        case .ndjson: return { NDJSONDecoder() }
        default:
            diagnostics.error("--from \(format.rawValue) is not available yet")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
