import CCASCore
import Foundation
import Testing

@testable import CCASRules

/// The shared folder sits beside the package root.
let sharedDirectory: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared").path
}()

let defaultClassifier = Classifier()

@Suite struct ScorerTests {
    @Test func devCorpusMeetsTheTargets() throws {
        let text = try String(contentsOfFile: sharedDirectory + "/corpus/dev-calls.ndjson", encoding: .utf8)
        let report = Scorer.score(ndjson: text, classifier: defaultClassifier)
        print(report.summary)
        #expect(report.total == 263)
        #expect(report.natureAccuracy >= 0.95, "nature accuracy \(report.natureAccuracy)")
        #expect(report.priorityExact >= 0.90, "priority exact \(report.priorityExact)")
        #expect(report.reflexRecall == 1, "réflexe recall \(report.reflexRecall)")
        #expect(report.p0ClassifiedLow.isEmpty, "P0 classified P2/P3: \(report.p0ClassifiedLow)")
    }
}
