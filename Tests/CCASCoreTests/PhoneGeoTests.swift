import Testing
@testable import CCASCore

@Suite("Phone numbers")
struct PhoneTests {
    @Test(arguments: [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("0612345678", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("0033 6 12 34 56 78", "FR", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("+33 06 12 34 56 78", "FR", "+33612345678"),
        ("tel:+33-1-42-68-53-00", "FR", "+33142685300"),
        ("01 42 68 53 00", "FR", "+33142685300"),
        ("(415) 555-0100", "US", "+14155550100"),
        ("1-415-555-0100", "US", "+14155550100"),
        ("011 33 6 12 34 56 78", "US", "+33612345678"),
        ("+1 415 555 0100", "FR", "+14155550100"),
        ("tel:8195551212", "US", "+18195551212"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("+39 06 1234 5678", "FR", "+390612345678"),  // Italy keeps its 0
        ("+49 30 1234567", "FR", "+49301234567"),
        ("+81 3 1234 5678", "FR", "+81312345678"),  // not in the table: taken as written
        ("\u{A0}06\u{A0}12 34 56 78 ", "FR", "+33612345678"),
    ])
    func normalises(raw: String, country: String, expected: String) {
        #expect(Phone.e164(raw, defaultCountry: country) == expected)
    }

    @Test(arguments: [
        ("112", "FR", "short number"),
        ("", "FR", "no digits"),
        ("06 12 34 56", "FR", "7 digits"),
        ("612345678", "FR", "starts with 0"),
        ("06 12 34 56 78 9", "FR", "10 digits"),
        ("06-CALL-ME", "FR", "not part of a phone number"),
        ("+33 6 12 34", "FR", "E.164 numbers have 8–15"),
        ("(015) 555-0100", "US", "area code"),
        ("+1234567890123456", "FR", "8–15"),
        ("0612345678", "XX", "default country"),
        ("06+12345678", "FR", "not part of a phone number"),
    ])
    func refuses(raw: String, country: String, reason: String) {
        switch Phone.normalise(raw, defaultCountry: country) {
        case .success(let p): Issue.record("\(raw) → \(p)")
        case .failure(let e): #expect(e.reason.contains(reason), "\(e.reason)")
        }
    }
}

@Suite("Geo")
struct GeoTests {
    @Test func validates() {
        #expect((try? Geo.coordinate(lat: 48.8534, lon: 2.3488).get()) == Coordinate(lat: 48.8534, lon: 2.3488))
        #expect((try? Geo.coordinate(lat: -90, lon: 180).get()) != nil)
        for (lat, lon, reason) in [(90.1, 0.0, "latitude"), (0.0, -180.5, "longitude"), (0.0, 0.0, "null island"),
                                   (Double.nan, 1.0, "not numbers"), (1.0, Double.infinity, "not numbers")] {
            switch Geo.coordinate(lat: lat, lon: lon) {
            case .success: Issue.record("(\(lat), \(lon)) accepted")
            case .failure(let e): #expect(e.reason.contains(reason), "\(e.reason)")
            }
        }
        #expect((try? Geo.coordinate(lat: 0, lon: 0, allowNullIsland: true).get()) != nil)
        #expect((try? Geo.coordinate(lat: "48.85", lon: "2.35abc").get()) == nil)
        #expect((try? Geo.coordinate(lat: " +48.85 ", lon: "-2.35").get()) == Coordinate(lat: 48.85, lon: -2.35))
    }

    @Test func parsesCombinedColumn() throws {
        let c = try Geo.parsePair("(37.73217458500619, -122.42779351441527)").get()
        #expect(c.lat == 37.73217458500619 && c.lon == -122.42779351441527)
        #expect(try Geo.parsePair("37.73,-122.42").get() == Coordinate(lat: 37.73, lon: -122.42))
        #expect(try Geo.parsePair("[37.73 -122.42]").get() == Coordinate(lat: 37.73, lon: -122.42))
        for bad in ["(37.73, -122.42", "(37.73)", "(a, b)", "(1, 2, 3)", "", "(0.0, 0.0)", "(137.7, 1)"] {
            #expect(throws: InputError.self, "\(bad)") { try Geo.parsePair(bad).get() }
        }
    }

    @Test func haversine() {
        let paris = Coordinate(lat: 48.8566, lon: 2.3522), london = Coordinate(lat: 51.5074, lon: -0.1278)
        let d = Geo.distance(paris, london)
        #expect(abs(d - 343_500) < 1_500, "\(d)")
        #expect(Geo.distance(paris, paris) == 0)
        // 0.001° of latitude ≈ 111.2 m anywhere.
        let a = Coordinate(lat: 37.7, lon: -122.4), b = Coordinate(lat: 37.701, lon: -122.4)
        #expect(abs(Geo.distance(a, b) - 111.19) < 0.1)
        // Antipodes: half the circumference, no NaN.
        #expect(abs(Geo.distance(Coordinate(lat: 0, lon: 0), Coordinate(lat: 0, lon: 180)) - .pi * Geo.earthRadius) < 1)
    }
}
