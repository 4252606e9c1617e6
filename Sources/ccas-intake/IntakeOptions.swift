import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

/// Options every way of taking calls shares: storing, correlation thresholds, phone country.
struct IntakeOptions: ParsableArguments {
    @Flag(name: .long, help: "Only normalise and print; store nothing.")
    var noStore = false

    @Option(name: .long, help: ArgumentHelp("Country for phone numbers without one (ISO 3166 code).", valueName: "cc"))
    var country = "FR"

    @Option(name: .long, help: ArgumentHelp("A call this close to an open event joins it (metres).", valueName: "m"))
    var correlateDistance: Double = 200

    @Option(name: .long, help: ArgumentHelp("… if the event's last call is this recent (seconds).", valueName: "s"))
    var correlateWindow: Int64 = 1800

    @Option(name: .long, help: ArgumentHelp("A call from the same number this recent joins its event (seconds).", valueName: "s"))
    var callbackWindow: Int64 = 600

    @Option(name: .long, help: ArgumentHelp("Where calls go when the store cannot be written (default: $XDG_STATE_HOME/ccas/spool.ndjson).", valueName: "file"))
    var spool: String?

    @Option(name: .long, help: ArgumentHelp("How long to wait for a store locked by another program (seconds).", valueName: "s"))
    var busyTimeout: Double = 10

    func validate() throws {
        if Phone.country(country.uppercased()) == nil {
            throw ValidationError("unknown country \(country) for --country (an ISO 3166 code such as FR, US, GB)")
        }
        if busyTimeout < 0 { throw ValidationError("--busy-timeout must not be negative") }
        if correlateDistance < 0 || correlateWindow < 0 || callbackWindow < 0 {
            throw ValidationError("correlation thresholds must not be negative")
        }
    }

    func makeIntake(global: GlobalOptions, diagnostics: Diagnostics) throws -> CallIntake {
        let store = noStore ? nil : try global.openStore(diagnostics: diagnostics)
        return configure(CallIntake(store: store, diagnostics: diagnostics, operatorName: global.resolvedOperator, exercise: global.isExercise))
    }

    /// An intake that spools calls when the store cannot be opened or written (degraded mode).
    func makeDegradableIntake(global: GlobalOptions, diagnostics: Diagnostics) throws -> DegradedIntake {
        var store: Store?
        var failure: StoreError?
        if !noStore {
            do {
                store = try Store(path: global.storePath, busyTimeout: busyTimeout)
            } catch let error as StoreError {
                switch error {
                case .busy, .unwritable, .cannotCreate: failure = error
                default:
                    diagnostics.error("\(error)")
                    throw ExitCode.ioError
                }
            }
        }
        let intake = configure(CallIntake(store: store, diagnostics: diagnostics, operatorName: global.resolvedOperator, exercise: global.isExercise))
        return DegradedIntake(intake: intake, spool: Spool(path: spool ?? Spool.defaultPath()), failure: failure)
    }

    private func configure(_ intake: CallIntake) -> CallIntake {
        let normaliser = CallNormaliser(defaultCountry: country)
        intake.normalise = { record throws(InputError) in
            guard case .object(let object) = try normaliser.normalised(.object(record)) else { throw InputError("not an object") }
            return object
        }
        intake.policy = CorrelationPolicy(distanceM: correlateDistance, windowS: correlateWindow, callbackWindowS: callbackWindow)
        return intake
    }
}
