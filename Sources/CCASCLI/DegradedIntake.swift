import CCASCore
import CCASStore

/// `CallIntake` that keeps taking calls when the store cannot be written (locked past the
/// timeout, disk full, damaged): from the first failure on, every call is printed as read
/// and appended to the spool, the operator is told loudly on standard error, and the program
/// ends with 75. `ccas-intake replay SPOOL` puts the spooled calls back once the store is healthy.
public final class DegradedIntake {
    public let intake: CallIntake
    public let spool: Spool
    public private(set) var degraded: StoreError?
    private let diagnostics: Diagnostics

    /// `failure` is the store's error when it could not even be opened.
    public init(intake: CallIntake, spool: Spool, failure: StoreError? = nil) {
        self.intake = intake
        self.spool = spool
        self.diagnostics = intake.diagnostics
        if let failure { enterDegraded(failure) }
    }

    public func prepare(_ input: InputRecord) -> InputRecord? { intake.prepare(input) }

    /// Stores the batch; when the store fails, spools it instead and returns it to print.
    public func process(_ batch: [InputRecord]) throws -> [OutputRecord] {
        if degraded == nil {
            do { return try intake.process(batch) } catch let error as StoreError {
                enterDegraded(error)
            }
        }
        let records = batch.map(\.record)
        do {
            try spool.append(records)
        } catch {
            // Nothing left to keep the calls but standard output: say it for each batch.
            diagnostics.error("\(error); \(records.count) call(s) only on standard output: WRITE THEM DOWN")
        }
        return records.map { .object($0) }
    }

    /// The line for the end of the run, or nil when all went to the store.
    public var summary: String? {
        guard let degraded else { return nil }
        return "DEGRADED MODE: \(spool.written) record(s) spooled to \(spool.path), not in the store (\(degraded)); once the store is healthy run: ccas-intake replay \(spool.path)"
    }

    private func enterDegraded(_ error: StoreError) {
        degraded = error
        diagnostics.error("DEGRADED MODE: \(error). Calls are printed and spooled to \(spool.path); run ccas-intake replay \(spool.path) once the store is healthy (ccas doctor)")
    }
}
