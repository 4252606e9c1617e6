import Testing
import CCASCore

/// Inputs `ccas-bench fuzz` found crashing a reader, cut down to what makes them fail.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// eCall: a milliarcsecond coordinate beyond Int.max (or 1e999) trapped in Int(Double) while
    /// the reader wrote its refusal. It is refused with the number as written.
    @Test("eCall MSD with a coordinate too large for an integer is refused, not a crash", arguments: [
        "17599999999999872276", "1e999", "-1e999", "1.5e300",
    ])
    func eCallHugeCoordinate(_ number: String) throws {
        for (key, other) in [("positionLatitude", "positionLongitude"), ("positionLongitude", "positionLatitude")] {
            let msd = #"{"control":{"automaticActivation":true,"vehicleType":"passengerVehicleClassM1"},"timestamp":1795926930,"vehicleLocation":{"\#(key)":\#(number),"\#(other)":8455680}}"#
            let result = ECall.parse(msd)
            guard case .failure(let error) = result else {
                Issue.record("accepted \(msd)")
                continue
            }
            #expect(error.reason.contains("\(key) \(number) mas is outside"), "\(error.reason)")
        }
    }
}
