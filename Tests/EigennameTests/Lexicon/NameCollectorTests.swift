// NameCollector (`eigenname discover`'s library part): discovered entities of
// annotated documents in, lexicon rows with count, documents, example and
// variants out. Most documents are made by hand, with the entities discovery
// would give, so each test shows exactly what comes in; the last tests run the
// pipeline and read the rows back as a lexicon.

import Foundation
import Testing
@testable import Eigenname

@Suite("Discovered names as lexicon rows")
struct NameCollectorTests: UsesTemporaryFiles {
    /// A document whose entities are the given mentions, found in `text` in order:
    /// (written form, type, canonical, source).
    private func document(_ id: String, _ text: String,
                          _ mentions: [(String, String, String, EntitySource)]) -> AnnotatedDocument {
        let scalars = Array(text.unicodeScalars)
        var from = 0
        let entities = mentions.map { surface, type, canonical, source -> Entity in
            let needle = Array(surface.unicodeScalars)
            let start = (from...(scalars.count - needle.count)).first { Array(scalars[$0..<$0 + needle.count]) == needle }!
            from = start + needle.count
            return Entity(start: start, end: start + needle.count, type: type, text: surface, canonical: canonical,
                          source: source)
        }
        return AnnotatedDocument(id: id, utf8: Array(text.utf8), origin: DocumentOrigin(path: id), tokens: [],
                                 sentences: [], entities: entities)
    }

    private func discovered(_ surface: String, _ type: String, _ canonical: String) -> (String, String, String, EntitySource) {
        (surface, type, canonical, .discovered)
    }

    private func rows(_ documents: [AnnotatedDocument], minimumCount: Int = 1) -> [NameCollector.Row] {
        var collector = NameCollector()
        for document in documents { collector.add(document) }
        return collector.rows(minimumCount: minimumCount)
    }

    private static let nordwind = "Die Nordwind Logistik AG stellt um. Petra Lorenz, Geschäftsführerin, sagt: Nordwinds Flotte wird elektrisch. Nordwind spart."
    private var nordwindDocument: AnnotatedDocument {
        document("a", Self.nordwind, [
            discovered("Nordwind Logistik AG", "COMPANY", "Nordwind Logistik AG"),
            discovered("Petra Lorenz", "PERSON", "Petra Lorenz"),
            discovered("Nordwinds", "COMPANY", "Nordwind Logistik AG"),
            discovered("Nordwind", "COMPANY", "Nordwind Logistik AG"),
        ])
    }

    @Test("the forms of one name are one row under its canonical, with every form written once among the variants")
    func variantsAreGroupedUnderTheCanonical() {
        let nordwind = rows([nordwindDocument]).first { $0.type == "COMPANY" }
        #expect(nordwind?.canonical == "Nordwind Logistik AG")
        #expect(nordwind?.variants == ["Nordwind Logistik AG", "Nordwinds", "Nordwind"])
        #expect(rows([nordwindDocument]).count == 2)
    }

    @Test("count is the mentions in the corpus, documents the documents that mention the name")
    func countsMentionsAndDocuments() {
        let second = document("b", "Petra Lorenz bestätigte das. Lorenz bleibt.", [
            discovered("Petra Lorenz", "PERSON", "Petra Lorenz"), discovered("Lorenz", "PERSON", "Petra Lorenz"),
        ])
        let all = rows([nordwindDocument, second])
        let lorenz = all.first { $0.canonical == "Petra Lorenz" }
        #expect(lorenz?.count == 3 && lorenz?.documents == 2)
        #expect(lorenz?.variants == ["Petra Lorenz", "Lorenz"])
        let nordwind = all.first { $0.canonical == "Nordwind Logistik AG" }
        #expect(nordwind?.count == 3 && nordwind?.documents == 1)
    }

    @Test("entities from a lexicon row are no discovered names")
    func lexiconEntitiesAreLeftOut() {
        let doc = document("c", "Ford liefert an die Nordwind Logistik AG.", [
            ("Ford", "COMPANY", "Ford Motor Company", .lexicon), discovered("Nordwind Logistik AG", "COMPANY", "Nordwind Logistik AG"),
        ])
        #expect(rows([doc]).map(\.canonical) == ["Nordwind Logistik AG"])
    }

    @Test("the same canonical with two types is two rows")
    func typeIsPartOfTheGroup() {
        let doc = document("d", "Die Kessler GmbH baut den Kessler 7.", [
            discovered("Kessler GmbH", "COMPANY", "Kessler"), discovered("Kessler", "MODEL", "Kessler"),
        ])
        #expect(rows([doc]).map(\.type).sorted() == ["COMPANY", "MODEL"])
    }

    @Test("--min-count: names mentioned fewer times are left out; the default is two")
    func minimumCountDropsRarerNames() {
        var collector = NameCollector()
        collector.add(nordwindDocument)
        #expect(collector.rows(minimumCount: 1).map(\.canonical) == ["Nordwind Logistik AG", "Petra Lorenz"])
        #expect(collector.rows().map(\.canonical) == ["Nordwind Logistik AG"])
        #expect(collector.rows(minimumCount: 4).isEmpty)
    }

    @Test("rows are sorted by count, then documents (both descending), then canonical")
    func sortOrder() {
        let a = document("a", "Hansen. Hansen. Adler. Zeller.", [
            discovered("Hansen", "COMPANY", "Hansen"), discovered("Hansen", "COMPANY", "Hansen"),
            discovered("Adler", "COMPANY", "Adler"), discovered("Zeller", "COMPANY", "Zeller"),
        ])
        let b = document("b", "Zeller. Brenner. Brenner.", [
            discovered("Zeller", "COMPANY", "Zeller"), discovered("Brenner", "COMPANY", "Brenner"),
            discovered("Brenner", "COMPANY", "Brenner"),
        ])
        // Zeller: 2 in 2 documents; Brenner and Hansen: 2 in 1 (by name); Adler: 1.
        #expect(rows([a, b]).map(\.canonical) == ["Zeller", "Brenner", "Hansen", "Adler"])
    }

    @Test("the example is about 30 characters on each side of the corpus's first mention, cut between words, on one line")
    func exampleIsTheContextOfTheFirstMention() {
        // 30 characters before the name begin inside "seit", 30 after it end before a space.
        let text = "Im Hafen von Bremerhaven steht seit Montag die\tneue Halle der\nNordwind Logistik AG, die dort ab Herbst Container für den Export umschlägt."
        let first = document("a", text, [discovered("Nordwind Logistik AG", "COMPANY", "Nordwind Logistik AG")])
        let later = document("b", "Nordwind Logistik AG.", [discovered("Nordwind Logistik AG", "COMPANY", "Nordwind Logistik AG")])
        let example = rows([first, later]).first?.example
        #expect(example == "…Montag die neue Halle der Nordwind Logistik AG, die dort ab Herbst Container…")
        // A short document is its own context, without "…".
        #expect(rows([later, first]).first?.example == "Nordwind Logistik AG.")
    }

    @Test("a name written across a line break is one line in its row")
    func namesAreMadeFitForATSVField() {
        let doc = document("a", "Die Nordwind\nLogistik AG stellt um.", [
            discovered("Nordwind\nLogistik AG", "COMPANY", "Nordwind\nLogistik AG"),
        ])
        let row = rows([doc]).first
        #expect(row?.canonical == "Nordwind Logistik AG" && row?.variants == ["Nordwind Logistik AG"])
        #expect(!NameCollector.tsv(rows([doc])).dropLast().contains("\n\n"))
        #expect(NameCollector.tsv(rows([doc])).split(separator: "\n").count == 2)
    }

    @Test("the TSV is the lexicon header with four trailing columns, surface = canonical, id, maker and flags empty")
    func tsvLayout() {
        let tsv = NameCollector.tsv(rows([nordwindDocument], minimumCount: 2))
        let lines = tsv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "surface\ttype\tcanonical\tid\tmaker\tflags\tcount\tdocuments\texample\tvariants")
        let fields = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(fields.prefix(8)) == ["Nordwind Logistik AG", "COMPANY", "Nordwind Logistik AG", "", "", "", "3", "1"])
        #expect(fields[9] == "Nordwind Logistik AG|Nordwinds|Nordwind")
        #expect(lines.count == 3 && lines[2].isEmpty)
    }

    @Test("the rows parse with LexiconFile and load into a compiled lexicon: the names come from the lexicon")
    func rowsLoadAsALexicon() throws {
        let tsv = NameCollector.tsv(rows([nordwindDocument]))
        let entries = try LexiconFile.parse(Array(tsv.utf8), path: "neu.tsv")
        #expect(entries.map(\.surface) == ["Nordwind Logistik AG", "Petra Lorenz"])
        #expect(entries.allSatisfy { $0.id.isEmpty && $0.maker.isEmpty && $0.flags.isEmpty })
        let lexicon = try LexiconCompiler().compile(entries)
        let text = "Die Nordwind Logistik AG stellt um, sagt Petra Lorenz. Lorenz’ Plan: Nordwind fährt elektrisch."
        let found = try Annotator(lexicon: lexicon, discovery: false).annotate(text: text).entities
        #expect(found.map(\.text) == ["Nordwind Logistik AG", "Petra Lorenz", "Lorenz", "Nordwind"])
        #expect(found.allSatisfy { $0.source == .lexicon })
    }

    @Test("lexicon check accepts the file as it is: the trailing columns cost no finding")
    func checkAcceptsTheRows() throws {
        let path = directory() + "/neu.tsv"
        write(Array(NameCollector.tsv(rows([nordwindDocument])).utf8), path)
        #expect(try LexiconChecker().check(LexiconSources(lexiconFiles: [path])).map(\.description) == [])
    }

    @Test("a batch run collecting names writes nothing and gives the same rows for one worker or two")
    func batchRunCollectsNamesInInputOrder() throws {
        let dir = directory()
        var lines = ""
        for i in 0..<40 {
            let firm = i % 2 == 0 ? "Vennholt Logistik AG" : "Kessler Antriebstechnik GmbH"
            lines += "{\"id\": \"\(i)\", \"text\": \"Bericht \(i): Die \(firm) liefert an Ford. Geschäftsführerin Petra Lorenz sagt das.\"}\n"
        }
        write(Array(lines.utf8), dir + "/korpus.jsonl")
        let written = WriteCounter()
        let lexicon = try LexiconCompiler().compile(try LexiconFile.parse(Array(Fixtures.lexiconTSV.utf8), path: "inline.tsv"),
                                                    firstNames: ["Petra"])
        func collect(jobs: Int) throws -> (BatchSummary, [NameCollector.Row], Int) {
            var options = BatchOptions()
            options.jobs = jobs
            options.collectsNames = true
            options.outputDirectory = nil
            // Standard output as the run would write it: nothing may arrive.
            options.vectorWriter = { _, _, _ in written.add(); return -1 }
            var collector = NameCollector()
            let summary = try BatchAnnotator(lexicon: lexicon, options: options).run(
                try InputCollector.collect([dir + "/korpus.jsonl"]), onError: { _ in }, onProgress: { _ in },
                onNames: { collector.add($0) })
            return (summary, collector.rows(minimumCount: 1), collector.documents)
        }
        let (summary, one, documents) = try collect(jobs: 1)
        let (_, two, _) = try collect(jobs: 2)
        #expect(summary.documents == 40 && documents == 40 && summary.succeeded)
        #expect(written.count == 0)
        #expect(one == two)
        #expect(one.map(\.canonical) == ["Petra Lorenz", "Kessler Antriebstechnik GmbH", "Vennholt Logistik AG"])
        #expect(one.map(\.count) == [40, 20, 20])
        #expect(one[1].example.hasPrefix("Bericht 1: Die Kessler"))
        #expect(one[2].example.hasPrefix("Bericht 0: Die Vennholt"))
    }
}

/// Counts the writes a run attempts.
private final class WriteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var writes = 0
    func add() { lock.withLock { writes += 1 } }
    var count: Int { lock.withLock { writes } }
}
