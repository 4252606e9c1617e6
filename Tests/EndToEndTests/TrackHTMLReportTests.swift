import Foundation
import Testing

/// The HTML report as a supervisor sees it: rendered by headless Chromium, offline, into a PNG
/// that must show the charts (many colours, the bars' blue among them), with no console error.
/// Needs `chromium` (scripts/install-deps.sh installs it); skipped where it is missing.
@Suite("ccas-track report --format html in headless Chromium")
struct TrackHTMLReportTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Counts a PNG's distinct colours and whether one of them is the bar colour, with the
    /// standard library only (no Pillow): inflate the IDAT chunks, undo the row filters.
    static let pngColours = #"""
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        pos, idat = 8, b''
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b'IHDR':
                w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT':
                idat += body
            pos += 12 + n
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
        raw, stride = zlib.decompress(idat), w * bpp
        prev, colours, i = bytearray(stride), set(), 0
        for y in range(h):
            f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp))
            prev = line
        print(w, h, len(colours), int(bytes.fromhex('3b6ea8') in colours))
        """#

    @Test("renders with charts and no console error", .enabled(if: chromium != nil, "chromium is not installed"),
          .timeLimit(.minutes(2)))
    func screenshot() throws {
        let dir = Shell.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/ccas.db"
        let intake = try Shell.run("ccas-intake -q --db '\(db)' --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv' > /dev/null")
        #expect(intake.status == 0, "\(intake.stderr)")
        let report = try Shell.run("ccas-track report --db '\(db)' --format html > '\(dir)/report.html'")
        #expect(report.status == 0, "\(report.stderr)")
        try (Self.pngColours).write(toFile: dir + "/colours.py", atomically: true, encoding: .utf8)
        // A fresh profile, no network (the page must be self-contained), console to stderr.
        let shot = try Shell.run("""
            '\(Self.chromium!)' --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='\(dir)/profile' \
              --proxy-server=127.0.0.1:9 --enable-logging=stderr --v=0 --window-size=1000,1500 \
              --force-device-scale-factor=0.5 --hide-scrollbars \
              --screenshot='\(dir)/report.png' 'file://\(dir)/report.html'
            """)
        #expect(shot.status == 0, "\(shot.stderr)")
        let consoleErrors = shot.errLines.filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_PROXY") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        let measure = try Shell.run("python3 '\(dir)/colours.py' '\(dir)/report.png'")
        #expect(measure.status == 0, "\(measure.stderr)")
        let fields = measure.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 4, "\(measure.stdout)")
        // Half scale: a 500×750 picture keeps the pure-Python decoding to a second.
        #expect(fields[0] == 500 && fields[1] == 750, "size \(fields)")
        // Text, axes, bars and compliance colours: a blank or error page has a handful.
        #expect(fields[2] > 20, "only \(fields[2]) colours: blank page?")
        #expect(fields[3] == 1, "no bar of the response-time chart in the picture")
    }
}
