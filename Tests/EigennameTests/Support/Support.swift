// Shared helpers for the tests: a small lexicon written inline, so each test
// shows exactly which entries it relies on.

import Foundation
@testable import Eigenname

enum Fixtures {
    static let lexiconTSV = """
        surface\ttype\tcanonical\tid\tmaker\tflags
        # companies
        Ford\tCOMPANY\tFord Motor Company\t\t\t
        Ford Motor Company\tCOMPANY\t\t\t\t
        Xiaomi\tCOMPANY\t\t\t\t
        BMW\tCOMPANY\t\t\t\t
        Mercedes-Benz\tCOMPANY\tMercedes-Benz Group\t\t\t
        Rolls-Royce\tCOMPANY\t\t\t\t
        VW\tCOMPANY\tVolkswagen\t\t\t
        Volkswagen\tCOMPANY\t\t\t\t
        Tesla\tCOMPANY\t\t\t\t
        Financial Times\tCOMPANY\t\t\t\t
        FT\tCOMPANY\tFinancial Times\t\t\t
        Mercedes\tCOMPANY\tMercedes-Benz Group\t\t\t
        # people
        Jim Farley\tPERSON\t\t\t\t
        Lei Jun\tPERSON\t\t\t\tshort=Lei
        Elon Musk\tPERSON\t\t\t\t
        Harrison Ford\tPERSON\t\t\t\t
        Herbert Diess\tPERSON\t\t\t\t
        Matthias Müller\tPERSON\t\t\t\t
        Franz Josef Strauss\tPERSON\tFranz Josef Strauß\t\t\t
        Hans-Jürgen Meyer\tPERSON\t\t\t\t
        # models
        SU7\tMODEL\tXiaomi SU7\t\tXiaomi\t
        ID.3\tMODEL\tVolkswagen ID.3\t\tVolkswagen\t
        Mustang Mach-E\tMODEL\tFord Mustang Mach-E\t\tFord Motor Company\t
        F-150 Lightning\tMODEL\tFord F-150 Lightning\t\tFord Motor Company\t
        Model 3\tMODEL\tTesla Model 3\t\tTesla\t
        Golf\tMODEL\tVolkswagen Golf\t\tVolkswagen\trequires-maker
        e-tron GT\tMODEL\tAudi e-tron GT\t\t\t
        """

    static let lexicon: CompiledLexicon = {
        let rows = try! LexiconFile.parse(Array(lexiconTSV.utf8), path: "inline.tsv")
        return try! LexiconCompiler().compile(rows)
    }()

    /// (text, type) of every entity found in `text`.
    static func entities(_ text: String, lexicon: CompiledLexicon = Fixtures.lexicon, discovery: Bool = true) -> [String] {
        let annotator = try! Annotator(lexicon: lexicon, discovery: discovery)
        return annotator.annotate(text: text).entities.map { "\($0.text)/\($0.type)" }
    }

    static func annotate(_ text: String, lexicon: CompiledLexicon = Fixtures.lexicon) -> AnnotatedDocument {
        try! Annotator(lexicon: lexicon).annotate(text: text)
    }

    /// The text of a code point span.
    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    /// The repository's top directory (for Lexicons/ and Corpora/): three levels
    /// above this file, Tests/EigennameTests/Support/Support.swift.
    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// ../shared beside the checkout, where CI and developers have it.
    static let shared: URL = repository.deletingLastPathComponent().appendingPathComponent("shared")
}

/// The lexicons the repository ships (Lexicons/), compiled once for all tests.
enum DefaultLexicon {
    static let compiled: CompiledLexicon = {
        let dir = Fixtures.repository.appendingPathComponent("Lexicons").path
        return try! LexiconLoader.compile(try! LexiconLoader.sources(inDirectory: dir))
    }()
}

extension Fixtures {
    /// A batch run over `inputs` with the inline lexicon and two workers, after
    /// `configure`: its summary and every error message.
    static func runBatch(_ inputs: [String], _ configure: (inout BatchOptions) -> Void = { _ in })
        throws -> (BatchSummary, [String])
    {
        var options = BatchOptions()
        options.jobs = 2
        configure(&options)
        var errors: [String] = []
        let summary = try BatchAnnotator(lexicon: Fixtures.lexicon, options: options)
            .run(try InputCollector.collect(inputs), onError: { errors.append("\($0)") })
        return (summary, errors)
    }
}
