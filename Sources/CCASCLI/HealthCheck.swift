import CCASCore
import CCASRules
import CCASStore
import Foundation

/// One line of `ccas doctor`: what was checked, how it stands, and what to do about it.
public struct HealthCheck: Sendable {
    public enum Status: String, Sendable, Comparable {
        case ok, warn, fail
        var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public var name: String
    public var status: Status
    public var detail: String
    public var advice: String
    public var values: JSONObject

    public init(_ name: String, _ status: Status, _ detail: String, advice: String = "", values: JSONObject = JSONObject()) {
        self.name = name
        self.status = status
        self.detail = detail
        self.advice = advice
        self.values = values
    }

    public var record: JSONObject {
        var r: JSONObject = ["kind": "check", "v": 1, "check": .string(name), "status": .string(status.rawValue),
                             "detail": .string(detail)]
        if !advice.isEmpty { r["advice"] = .string(advice) }
        for (k, v) in values.fields { r[k] = v }
        return r
    }
}

/// The checks of `ccas doctor`, each a few indexed queries or a system call, so the whole runs
/// in milliseconds and can go in cron every minute.
public struct StoreDoctor {
    public var storePath: String
    public var rulesDirectory: String?
    public var exercise = false
    /// An engaged unit with no status or position for longer than this is stale (default: the
    /// référentiel's `stale_after_s`).
    public var staleAfterS: Int?
    public var eventOpenLimitS: Int = 24 * 3600
    public var walWarnBytes: Int64 = 64 << 20
    public var walFailBytes: Int64 = 1 << 30
    public var freeWarnBytes: Int64 = 1 << 30
    public var freeFailBytes: Int64 = 100 << 20
    public var now: Int64 = Timestamp.now.milliseconds
    /// `PRAGMA quick_check` reads the whole file (≈0.3 CPU-second at 100,000 calls): it runs when
    /// the last passing one on this file is older than this (0: every run). In between, the store
    /// line says when it last passed; opening and reading the schema still catch a file gone bad.
    public var quickCheckEveryS: Int = 3600
    /// Where the time of the last passing quick_check of each store file is kept (nil: nowhere, so every run).
    public var quickCheckLog: String? = QuickCheckLog.defaultPath()

    public init(storePath: String, rulesDirectory: String?) {
        self.storePath = storePath
        self.rulesDirectory = rulesDirectory
    }

    public func run() -> [HealthCheck] {
        var checks: [HealthCheck] = []
        let (rulesCheck, stale) = referentiel()
        var probe: StoreProbe?
        do {
            let p = try StoreProbe(path: storePath)
            let log = quickCheckLog.map(QuickCheckLog.init(path:))
            let file = QuickCheckLog.fileID(storePath)
            if quickCheckEveryS > 0, let file, let passed = log?.lastPass(file), now - passed < Int64(quickCheckEveryS) * 1000, now >= passed {
                let age = (now - passed) / 60_000
                checks.append(HealthCheck("store", .ok, "\(storePath) opens; quick_check passed \(age) min ago (runs every \(quickCheckEveryS / 60) min)",
                                          values: ["path": .string(storePath), "quick_check_at": .string(Timestamp(milliseconds: passed).iso8601)]))
                probe = p
            } else {
                let problems = try p.quickCheck()
                if problems == ["ok"] {
                    checks.append(HealthCheck("store", .ok, "\(storePath) opens and passes quick_check",
                                              values: ["path": .string(storePath), "quick_check_at": .string(Timestamp(milliseconds: now).iso8601)]))
                    probe = p
                    if let file { log?.recordPass(file, at: now) }
                } else {
                    if let file { log?.forget(file) }
                    checks.append(HealthCheck("store", .fail, "\(storePath) fails quick_check: \(problems.prefix(2).joined(separator: "; "))",
                                              advice: "stop the programs and restore the last backup (ccas restore FILE)",
                                              values: ["path": .string(storePath)]))
                }
            }
        } catch StoreError.notFound {
            checks.append(HealthCheck("store", .fail, "no store at \(storePath)", advice: "run ccas init (or give --db / CCAS_DB)"))
        } catch {
            checks.append(HealthCheck("store", .fail, "\(error)", advice: "stop the programs and restore the last backup (ccas restore FILE)"))
        }
        if probe != nil, StoreProbe.writeLockHeld(path: storePath) {
            checks.append(HealthCheck("lock", .fail, "\(storePath) is locked for writing by another program for more than 2 s: writers wait, then ccas-intake spools and the others exit 75",
                                      advice: "find the program holding it (fuser \(storePath)) and end it", values: ["path": .string(storePath)]))
        }
        if let probe {
            checks.append(guarded("schema") { try schema(probe) })
        } else {
            checks.append(HealthCheck("schema", .fail, "not checked: the store is not usable", advice: "fix the store first"))
        }
        checks.append(wal())
        checks.append(disk())
        checks.append(rulesCheck)
        if let probe {
            checks.append(guarded("units") { try units(probe, staleAfterS: stale ?? EngagementReferentiel.default.eta.staleAfterS) })
            checks.append(guarded("notifications") { try notifications(probe) })
            checks.append(guarded("events") { try events(probe) })
        }
        checks.append(clock(probe))
        return checks
    }

    func guarded(_ name: String, _ body: () throws -> HealthCheck) -> HealthCheck {
        do { return try body() } catch {
            return HealthCheck(name, .fail, "cannot read: \(error)", advice: "check the store (ccas doctor store line)")
        }
    }

    func schema(_ probe: StoreProbe) throws -> HealthCheck {
        let (applied, known) = try probe.migrations()
        let values: JSONObject = ["applied": .strings(applied), "known": .strings(known)]
        if let unknown = applied.first(where: { !known.contains($0) }) {
            return HealthCheck("schema", .fail, "the store has migration \(unknown), newer than this ccas",
                               advice: "upgrade ccas on this machine", values: values)
        }
        if applied.count < known.count {
            let missing = known.filter { !applied.contains($0) }
            return HealthCheck("schema", .warn, "\(applied.count) of \(known.count) migrations applied (missing \(missing.joined(separator: ", ")))",
                               advice: "the next program that writes migrates it; run ccas init to do it now", values: values)
        }
        return HealthCheck("schema", .ok, "\(applied.count) migrations, up to date (\(applied.last ?? "none"))", values: values)
    }

    func wal() -> HealthCheck {
        var st = stat()
        let size: Int64 = stat(storePath + "-wal", &st) == 0 ? Int64(st.st_size) : 0
        let values: JSONObject = ["bytes": .int(size)]
        let text = "write-ahead log \(Self.bytes(size))"
        if size >= walFailBytes {
            return HealthCheck("wal", .fail, text, advice: "a long reader holds checkpoints back: find it (fuser \(storePath)) and stop it", values: values)
        }
        if size >= walWarnBytes {
            return HealthCheck("wal", .warn, text, advice: "checkpoints are falling behind; look for a long-running reader", values: values)
        }
        return HealthCheck("wal", .ok, text, values: values)
    }

    func disk() -> HealthCheck {
        var folder = (storePath as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        var fs = statvfs()
        guard statvfs(folder, &fs) == 0 else {
            return HealthCheck("disk", .fail, "cannot read free space of \(folder): \(String(cString: strerror(errno)))",
                               advice: "create the folder (ccas init)")
        }
        let free = Int64(fs.f_bavail) * Int64(fs.f_frsize)
        let values: JSONObject = ["free_bytes": .int(free), "folder": .string(folder)]
        let text = "\(Self.bytes(free)) free in \(folder)"
        if free < freeFailBytes {
            return HealthCheck("disk", .fail, text, advice: "free space now: calls will go to the spool (ccas-intake) when the disk fills", values: values)
        }
        if free < freeWarnBytes { return HealthCheck("disk", .warn, text, advice: "free some space soon", values: values) }
        return HealthCheck("disk", .ok, text, values: values)
    }

    /// The référentiel check, and the stale-position limit it gives.
    func referentiel() -> (HealthCheck, Int?) {
        // Parsing the built-in engagement files costs more than every other check: only when needed.
        var stale = staleAfterS
        guard let dir = rulesDirectory else {
            let hash = Referentiel.builtInHash  // computed when the built-in trees were compiled
            return (HealthCheck("referentiel", .ok, "built-in \(hash)", values: ["hash": .string(hash), "source": "built-in"]), stale)
        }
        let problems = Referentiel.check(directory: dir)
        if let first = problems.first {
            return (HealthCheck("referentiel", .fail, "\(dir): \(problems.count) problem(s), first: \(first)",
                                advice: "fix the files (ccas-classify --rules \(dir) shows every problem)", values: ["source": .string(dir)]), stale)
        }
        // The engagement files are optional in a folder: where present they must load.
        var files = EngagementReferentiel.files
        for name in EngagementReferentiel.fileNames {
            if let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name)) {
                files[name] = String(decoding: data, as: UTF8.self)
            }
        }
        do { stale = try staleAfterS ?? EngagementReferentiel.load(files: files).eta.staleAfterS } catch {
            return (HealthCheck("referentiel", .fail, "\(dir): engagement files: \(error)", advice: "fix the engagement files",
                                values: ["source": .string(dir)]), stale)
        }
        do {
            let hash = try Self.referentielHash(folder: dir)
            return (HealthCheck("referentiel", .ok, "\(dir) valid, \(hash)", values: ["hash": .string(hash), "source": .string(dir)]), stale)
        } catch {
            return (HealthCheck("referentiel", .fail, "\(dir): \(error)", advice: "fix the files"), stale)
        }
    }

    /// The hash decisions made with these files carry, from their bytes: doctor runs every
    /// minute and must not build a référentiel (YAML, lexicon, patterns) just to name it.
    static func referentielHash(folder: String) throws -> String { try Referentiel.hash(folder: folder) }

    func units(_ probe: StoreProbe, staleAfterS: Int) throws -> HealthCheck {
        let stale = try probe.staleUnits(before: now - Int64(staleAfterS) * 1000, exercise: exercise)
        let values: JSONObject = ["stale": .int(stale.count), "limit_s": .int(staleAfterS)]
        guard let first = stale.first else {
            return HealthCheck("units", .ok, "no engaged unit silent for more than \(staleAfterS / 60) min", values: values)
        }
        let age = (now - first.lastAt) / 60_000
        let names = stale.prefix(5).map(\.unit).joined(separator: ", ") + (stale.count > 5 ? ", …" : "")
        return HealthCheck("units", .fail, "\(stale.count) engaged unit(s) with no status or position for more than \(staleAfterS / 60) min (\(names); \(first.unit) \(first.status) for \(age) min)",
                           advice: "call them on the radio; check the AVL feed (ccas-track feed)", values: values)
    }

    func notifications(_ probe: StoreProbe) throws -> HealthCheck {
        guard let h = try probe.notificationHealth(now: now, exercise: exercise) else {
            return HealthCheck("notifications", .ok, "no outbox yet (ccas-notify has not run on this store)")
        }
        let values: JSONObject = ["overdue": .int(h.overdue), "retrying": .int(h.retrying), "failed": .int(h.failed)]
        if h.overdue > 0 {
            let late = h.oldestDeadline.map { " (oldest deadline \(Timestamp(milliseconds: $0).iso8601))" } ?? ""
            return HealthCheck("notifications", .fail, "\(h.overdue) notification(s) unacknowledged past their deadline\(late)",
                               advice: "run ccas-notify escalate; is ccas-notify deliver running?", values: values)
        }
        if h.failed > 0 || h.retrying > 0 {
            let error = h.lastError.map { "; last error \($0)" } ?? ""
            return HealthCheck("notifications", .warn, "\(h.failed) failed, \(h.retrying) retrying\(error)",
                               advice: "check the channel named in the error (ccas-notify pending)", values: values)
        }
        return HealthCheck("notifications", .ok, "none overdue, none failing", values: values)
    }

    func events(_ probe: StoreProbe) throws -> HealthCheck {
        let (count, oldest, openedAt) = try probe.longOpenEvents(before: now - Int64(eventOpenLimitS) * 1000, exercise: exercise)
        let values: JSONObject = ["open_too_long": .int(count), "limit_s": .int(eventOpenLimitS)]
        guard count > 0, let oldest, let openedAt else {
            return HealthCheck("events", .ok, "no event open for more than \(eventOpenLimitS / 3600) h", values: values)
        }
        return HealthCheck("events", .warn, "\(count) event(s) open for more than \(eventOpenLimitS / 3600) h (oldest \(oldest), opened \(Timestamp(milliseconds: openedAt).iso8601))",
                           advice: "close or cancel them (ccas-track close EVENT)", values: values)
    }

    func clock(_ probe: StoreProbe?) -> HealthCheck {
        let year = Int(Timestamp(milliseconds: now).iso8601.prefix(4)) ?? 0
        if year < 2024 || year > 2100 {
            return HealthCheck("clock", .fail, "the clock says \(Timestamp(milliseconds: now).iso8601)", advice: "set the time (timedatectl, NTP)")
        }
        if let last = try? probe?.lastJournalTime(), last > now + 1000 {
            return HealthCheck("clock", .fail, "the clock is behind the last journal row (\(Timestamp(milliseconds: last).iso8601)) by \((last - now) / 1000) s",
                               advice: "the clock went back: check NTP before taking calls (times would be out of order)")
        }
        return HealthCheck("clock", .ok, Timestamp(milliseconds: now).iso8601)
    }

    static func bytes(_ n: Int64) -> String {
        if n >= 1 << 30 { return String(format: "%.1f GB", Double(n) / Double(1 << 30)) }
        if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / Double(1 << 20)) }
        if n >= 1 << 10 { return String(format: "%.0f kB", Double(n) / Double(1 << 10)) }
        return "\(n) B"
    }
}

/// When each store file last passed `quick_check`, so `ccas doctor` in cron every minute reads a
/// large store whole only once an hour. One line per file: its identity (device, inode, path) and
/// the time; a restored or replaced store is a new file and is checked at once.
public struct QuickCheckLog {
    public let path: String

    public init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/ccas/quick-check.tsv`, else `~/.local/state/ccas/quick-check.tsv`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (Spool.defaultPath(environment: environment) as NSString).deletingLastPathComponent + "/quick-check.tsv"
    }

    /// "device:inode:path" of the file, or nil when it cannot be read.
    public static func fileID(_ storePath: String) -> String? {
        var st = stat()
        guard stat(storePath, &st) == 0 else { return nil }
        let absolute = storePath.hasPrefix("/") ? storePath : FileManager.default.currentDirectoryPath + "/" + storePath
        return "\(st.st_dev):\(st.st_ino):\((absolute as NSString).standardizingPath)"
    }

    func entries() -> [String: Int64] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t"), let at = Int64(line[line.index(after: tab)...]) else { continue }
            out[String(line[..<tab])] = at
        }
        return out
    }

    public func lastPass(_ file: String) -> Int64? { entries()[file] }

    public func recordPass(_ file: String, at: Int64) { save { $0[file] = at } }

    public func forget(_ file: String) { save { $0[file] = nil } }

    /// Rewrites the file atomically; a failure only means the next run checks again.
    private func save(_ change: (inout [String: Int64]) -> Void) {
        var all = entries()
        change(&all)
        let text = all.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
