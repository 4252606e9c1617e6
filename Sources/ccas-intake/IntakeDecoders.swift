import ArgumentParser
import CCASCLI
import CCASCore
import Foundation

/// Chooses the line decoder for an input format.
enum IntakeDecoders {
    static func make(_ format: Intake.Format, map: String?, country: String, diagnostics: Diagnostics) throws -> () -> any RecordDecoder {
        switch format {
        case .ndjson:
            return { NDJSONDecoder() }
        case .csv:
            let path = map ?? ""
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.error("cannot read the column map \(path)")
                throw ExitCode.ioError
            }
            do {
                let columnMap = try ColumnMap(text: String(decoding: data, as: UTF8.self))
                return { ColumnMapDecoder(map: columnMap) }
            } catch {
                diagnostics.error("\(error)", at: path)
                throw ExitCode(ExitStatus.usage)
            }
        case .aml:
            return { AMLDecoder(country: country) }
        case .ecall:
            return {
                DocumentDecoder { value in
                    switch ECall.parse(value, defaultCountry: country) {
                    case .success(let record): [.record(record)]
                    case .failure(let error): [.rejected(error)]
                    }
                }
            }
        case .eido:
            return { DocumentDecoder { EIDO.read($0, defaultCountry: country) } }
        }
    }
}
