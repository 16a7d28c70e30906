// Language knowledge installed by `make knowledge` (Sources/Eigenname/Lexicon/LanguageKnowledge.swift):
// the world first names (issue #16): their file format, the script that derives them,
// the compile cache's key, and what `eigenname lexicon check` says about them.

import Foundation
import Testing
@testable import Eigenname

@Suite("Language knowledge: world first names")
struct LanguageKnowledgeTests: UsesTemporaryFiles {
    /// The format derive_first_names.py writes, with CRLF, a duplicate and lines to skip.
    private static let fixture = """
        # First names of the world … Do not edit.
        # One name a line: name<TAB>frequency.
        Aad\t4
        Jörg\t8\r
        Jun-Wei\t3
        Junwei\t3
        Michael\t9
        Michael\t12
        Ådne\t1  
        D'Arcy\t2

        Ohne Frequenz
        \t5
        Null\t0
        Zuviel\t14
        Buchstabe\tD
        Zwei\t1\t2
        Übergroß\t130

        """

    @Test func theDerivedFormatIsParsedByBytes() {
        let names = LanguageKnowledge.parseWorldFirstNames(Array(Self.fixture.utf8))
        #expect(names == ["Aad": 4, "Jörg": 8, "Jun-Wei": 3, "Junwei": 3, "Michael": 12, "Ådne": 1, "D'Arcy": 2])
        // A name in another normalization is the same key (Swift compares Strings canonically).
        #expect(names["Jo\u{0308}rg"] == 8)
        #expect(LanguageKnowledge.parseWorldFirstNames([]) == [:])
        #expect(LanguageKnowledge.parseWorldFirstNames(Array("Kein Zeilenende\t7".utf8)) == ["Kein Zeilenende": 7])
    }

    /// The built-in knowledge has none; the installed has them exactly when a file was found.
    @Test func onlyTheInstalledKnowledgeHasThem() {
        #expect(LanguageKnowledge.builtIn.worldFirstNames.isEmpty)
        #expect(LanguageKnowledge.builtIn.worldFirstNamesSource == nil)
        let installed = LanguageKnowledge.installed
        #expect((installed.worldFirstNamesSource == nil) == installed.worldFirstNames.isEmpty)
        #expect(installed.worldFirstNamesSource == LanguageKnowledge.worldFirstNamesPath())
        if installed.worldFirstNamesSource != nil {
            #expect(installed.worldFirstNames.values.allSatisfy { (1...13).contains($0) })
        }
    }

    /// The repository's file, when `make knowledge` made it: about 53,000 names, read in a few milliseconds.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.repositoryFile),
                   "no Lexicons/knowledge/first-names-world.txt (`make knowledge`)"))
    func theInstalledFileHoldsTheWorldsFirstNames() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.repositoryFile)).map { $0 }
        let start = DispatchTime.now()
        let names = LanguageKnowledge.parseWorldFirstNames(bytes)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        print("world first names: \(names.count) parsed in \(String(format: "%.1f", ms)) ms")
        #expect(names.count > 50_000)
        #expect(names["Michael"] ?? 0 >= 8)
        #expect(names["Jörg"] != nil && names["Jun-Wei"] != nil && names["Junwei"] != nil)
        #expect(names["Jun Wei"] == nil)
    }

    private static let repositoryFile = Fixtures.repository.appendingPathComponent("Lexicons/"
        + LanguageKnowledge.worldFirstNamesFileName).path

    // MARK: The compile cache's key

    /// The file's path, size and modification time are part of the key, as the common nouns'.
    @Test func theCacheKeyChangesWithTheFile() throws {
        let dir = directory()
        let lexicon = dir + "/lexicon.tsv", names = dir + "/first-names-world.txt"
        write(Array("surface\ttype\tcanonical\nFord\tCOMPANY\t\n".utf8), lexicon)
        write(Array(Self.fixture.utf8), names)
        let sources = LexiconSources(lexiconFiles: [lexicon])
        func key(_ files: [(kind: String, path: String)]) throws -> UInt64 {
            try LexiconLoader.sourceKey(sources, resourcesHash: CacheKey.embeddedResourcesHash,
                                        compilerFingerprint: CacheKey.compilerFingerprint, knowledgeFiles: files)
        }
        let without = try key([])
        let with = try key([("first-names-world", names)])
        #expect(with != without)
        #expect(try key([("first-names-world", names)]) == with)
        // Another content (another size) …
        write(Array((Self.fixture + "Zoe\t5\n").utf8), names)
        let grown = try key([("first-names-world", names)])
        #expect(grown != with)
        // … and the same size with another modification time.
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, names, &times, 0) == 0)
        #expect(try key([("first-names-world", names)]) != grown)
        // The installed file, when there is one, is among the files the default key covers.
        let installed = LanguageKnowledge.installedFiles()
        #expect(installed.contains { $0.kind == "first-names-world" } == (LanguageKnowledge.worldFirstNamesPath() != nil))
        #expect(try LexiconLoader.sourceKey(sources) == (try key(installed)))
    }

    // MARK: `eigenname lexicon check`

    @Test func theCheckSaysWhereTheyCameFromOrThatTheyAreMissing() {
        var k = LanguageKnowledge.builtIn
        k.commonNounsSource = "/x/common-nouns.txt"
        k.ordinaryWordsSource = "/x/ordinary-words.txt"
        let missing = LexiconChecker.knowledgeNotes(k)
        #expect(missing == ["note: no world first names installed (knowledge/first-names-world.txt beside the default "
                            + "lexicons, or $EIGENNAME_FIRST_NAMES; `make knowledge` makes it): discovery knows only "
                            + "the first names of first-names.txt"])
        k.worldFirstNames = ["Aad": 4, "Jörg": 8]
        k.worldFirstNamesSource = "/x/first-names-world.txt"
        #expect(LexiconChecker.knowledgeNotes(k) == ["note: world first names: 2 from /x/first-names-world.txt"])
        k.commonNounsSource = nil
        #expect(LexiconChecker.knowledgeNotes(k).count == 2)
        #expect(LexiconChecker.knowledgeNotes(k)[0].hasPrefix("note: no German common nouns installed"))
        k.ordinaryWordsSource = nil
        #expect(LexiconChecker.knowledgeNotes(k).last?.hasPrefix("note: no ordinary words installed") == true)
    }

    // MARK: The derive script

    private static let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A line of nam_dict.txt: gender code, name in columns 4–29, a mark in column 30,
    /// then one hexadecimal frequency per country (here in three countries' columns).
    private static func namDictLine(_ code: String, _ name: String, mark: Character = " ", _ frequencies: [Int: Character]) -> String {
        var line = Array(code.padding(toLength: 3, withPad: " ", startingAt: 0) + name.padding(toLength: 26, withPad: " ", startingAt: 0))
        line.append(mark)
        line += Array(repeating: " ", count: 56)
        for (column, digit) in frequencies { line[30 + column] = digit }
        return String(line) + "$"
    }

    @Test(.enabled(if: python3 != nil, "needs python3"))
    func theScriptDerivesTheFileFromAWheel() throws {
        let dir = directory()
        let lines = [
            "# nam_dict.txt: a comment",
            "# GNU Free Documentation License",
            Self.namDictLine("M ", "Aad", [10: "4"]),
            Self.namDictLine("M ", "Jörg", mark: "-", [11: "8", 12: "6"]),
            Self.namDictLine("M ", "Jörg", mark: "+", [11: "8", 12: "6"]),     // repeated for sorting: skipped
            Self.namDictLine("M ", "Jun+Wei", [50: "3"]),
            Self.namDictLine("M ", "Michael", [0: "9", 11: "B"]),
            Self.namDictLine("? ", "Michael", [2: "2"]),
            Self.namDictLine("F ", "Ådne", [20: "1"]),
            "=  Abe Abraham                  1                                                     $",
        ]
        // CRLF, as in the package; one line ends in LF alone, as a few there do.
        let namDict = lines.joined(separator: "\r\n").replacingOccurrences(of: "\r\nF  Ådne", with: "\nF  Ådne") + "\r\n"
        write(Array(namDict.utf8), dir + "/wheel/gender_guesser/data/nam_dict.txt")
        write(Array("VERSION = 0\n".utf8), dir + "/wheel/gender_guesser/__init__.py")
        let wheel = dir + "/gender_guesser-0.4.0-py2.py3-none-any.whl"
        func run(_ arguments: [String], in directory: String? = nil) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.python3!)
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try run(["-m", "zipfile", "-c", wheel, "gender_guesser"], in: dir + "/wheel") == 0)
        let script = Fixtures.repository.appendingPathComponent("Lexicons/knowledge/derive_first_names.py").path
        #expect(try run([script, wheel, dir + "/out.txt"]) == 0)
        let output = try String(contentsOfFile: dir + "/out.txt", encoding: .utf8)
        let header = output.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(header.contains { $0.contains("GNU Free Documentation License") })
        #expect(header.contains { $0.contains("Do not edit") })
        let body = output.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(body == ["Aad\t4", "Jun-Wei\t3", "Junwei\t3", "Jörg\t8", "Michael\t11", "Ådne\t1"])
        #expect(LanguageKnowledge.parseWorldFirstNames(Array(output.utf8))
                == ["Aad": 4, "Jun-Wei": 3, "Junwei": 3, "Jörg": 8, "Michael": 11, "Ådne": 1])
    }
}
