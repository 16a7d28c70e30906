// The compiled image does not depend on the compiler's threads: a large lexicon (parsed,
// derived and tokenized in two halves at once) compiles to the same bytes as with one thread.

import Foundation
import Testing
@testable import Eigenname

@Suite("Compile determinism")
struct CompileDeterminismTests {
    /// Rows of many shapes, so that the halves meet among periods, ordinals, marks and
    /// abbreviations: each pattern comes round every few rows, also at the middle.
    private static func largeTSV(rows: Int) -> String {
        let patterns: [(String, String)] = [
            ("Albrecht Maschinenbau Ltd. %", "COMPANY"), ("Carmen Sommer%", "PERSON"), ("1. FC Köln %", "COMPANY"),
            ("Neo Volt Touring %", "MODEL"), ("Soft Chemie S.A.", "COMPANY"), ("Model Y.", "MODEL"),
            ("Dr. Jürgen Groß %", "PERSON"), ("Ursula von der Leyen %", "PERSON"), ("Citroe\u{0308}n %", "COMPANY"),
            ("z. B. Werke %", "COMPANY"), ("u.a. Kabel", "COMPANY"), ("Deutsche Bank %", "COMPANY"), ("3.", "MODEL"),
            (".NET Labs %", "COMPANY"), ("„Zeit“ Verlag %", "COMPANY"), ("Lei Jun%", "PERSON"), ("ID.3", "MODEL"),
            (":-) Studio %", "COMPANY"), ("März", "PERSON"), ("Der Standard %", "COMPANY"), ("A.", "PERSON"),
        ]
        var tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\n"
        for r in 0..<rows {
            let (pattern, type) = patterns[r % patterns.count]
            let surface = pattern.replacingOccurrences(of: "%", with: String(r % 997))
            let flags = r % 13 == 0 ? "not-after=#number|Herr" : r % 17 == 0 ? "exact-case" : ""
            tsv += "\(surface)\t\(type)\t\(surface) (Kanon)\tQ\(r)\t\t\(flags)\n"
        }
        return tsv
    }

    @Test("a large lexicon compiles to the same image with two threads as with one")
    func parallelAndSerialImagesAreEqual() throws {
        let tsv = Array(Self.largeTSV(rows: 24_000).utf8)
        #expect(tsv.count >= 1 << 20)  // large enough that parsing, deriving and tokenizing go in halves
        let compiler = LexiconCompiler(knowledge: .builtIn)
        let firstNames = ["Carmen", "Jürgen", "Ursula"]
        func compile(parallel: Bool) throws -> ([LexiconEntry], [UInt8]) {
            let before = CompileThreads.enabled
            CompileThreads.enabled = parallel
            defer { CompileThreads.enabled = before }
            let rows = try LexiconFile.parse(tsv, path: "large.tsv")
            return (rows, try compiler.compileImage(rows, firstNames: firstNames))
        }
        let (serialRows, serial) = try compile(parallel: false)
        let (parallelRows, parallel) = try compile(parallel: true)
        #expect(serialRows == parallelRows)
        #expect(serial == parallel)
        // The tokenization did split: the strings are many, and a safe place exists.
        #expect(LexiconCompiler.safeSplit(serialRows.map(\.surface)) != nil)
    }
}
