// The compile cache (#15, "a cache key that cannot go stale"): what the key covers,
// damaged cache files, a cache directory that cannot be written, two processes
// filling one cache.

import Foundation
import Testing
@testable import Eigenname

@Suite("Lexicon cache")
struct CacheTests: UsesTemporaryFiles {
    /// A small lexicon file of its own (its path is part of the key).
    private func sources() -> LexiconSources {
        let path = directory() + "/lexicon.tsv"
        let tsv = "surface\ttype\tcanonical\nFord Motor Company\tCOMPANY\tFord\nFord\tCOMPANY\t\nElon Musk\tPERSON\t\nTesla\tCOMPANY\t\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(tsv.utf8))
        return LexiconSources(lexiconFiles: [path])
    }

    private func entities(_ lexicon: CompiledLexicon) -> [String] {
        Fixtures.entities("Elon Musk verlässt Ford Motor Company. Musk sagt, Ford und Tesla …", lexicon: lexicon)
    }

    // MARK: The key

    /// One entry per `.embedInCode` in Package.swift, by the name SwiftPM gives its array.
    @Test func everyEmbeddedResourceIsInTheKey() throws {
        let manifest = try String(contentsOf: Fixtures.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let embedded = manifest.components(separatedBy: ".embedInCode(\"").dropFirst().map { part in
            let path = String(part.prefix(while: { $0 != "\"" }))
            return String((path as NSString).lastPathComponent.map { $0 == "." || $0 == "-" ? "_" : $0 })
        }
        let listed = CacheKey.embeddedResources.map(\.name)
        #expect(listed.count == embedded.count)
        #expect(Set(listed) == Set(embedded))
        #expect(Set(listed).count == listed.count)
        #expect(CacheKey.embeddedResources.allSatisfy { !$0.bytes.isEmpty })
    }

    /// The fingerprint in the key is the hash of the probe's image, so a compiler whose
    /// probe output changes gives another key by construction.
    @Test func keyHoldsTheHashOfTheProbesImage() throws {
        let probeHash = CacheKey.imageHash(try CacheKey.probeImage())
        #expect(CacheKey.compilerFingerprint == probeHash)
        let sources = sources()
        let key = try LexiconLoader.sourceKey(sources)
        #expect(key == (try LexiconLoader.sourceKey(sources, resourcesHash: CacheKey.embeddedResourcesHash, compilerFingerprint: probeHash)))
        // Another probe image (one byte more) is another key.
        let other = CacheKey.imageHash(try CacheKey.probeImage() + [0])
        #expect(other != probeHash)
        #expect(key != (try LexiconLoader.sourceKey(sources, resourcesHash: CacheKey.embeddedResourcesHash, compilerFingerprint: other)))
    }

    /// The fingerprint kept in the cache directory is the probe's hash; a damaged file is not believed.
    @Test func storedFingerprintIsTheProbesHash() throws {
        let probeHash = CacheKey.imageHash(try CacheKey.probeImage())
        let dir = directory()
        #expect(CacheKey.compilerFingerprint(cacheDirectory: dir) == probeHash)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files.count == 1 && files[0].hasPrefix("compiler-"), "\(files)")
        let file = dir + "/" + files[0]
        let stored = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(stored.count == 24)
        #expect(CacheKey.compilerFingerprint(cacheDirectory: dir) == probeHash)
        for offset in [0, 8, 12, 23] {
            var damaged = stored
            damaged[offset] ^= 0x01
            try damaged.write(to: URL(fileURLWithPath: file))
            #expect(CacheKey.compilerFingerprint(cacheDirectory: dir) == probeHash, "byte \(offset)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == stored)
        }
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(CacheKey.compilerFingerprint(cacheDirectory: dir) == probeHash)
        // The code's identity is the same on every call of one process.
        #expect(CacheKey.codeIdentity() != nil)
        #expect(CacheKey.codeIdentity() == CacheKey.codeIdentity())
        // A directory that cannot be written: computed, nothing written.
        #expect(CacheKey.compilerFingerprint(cacheDirectory: file + "/sub") == probeHash)
    }

    @Test func changingAnyEmbeddedResourceChangesTheKey() throws {
        let sources = sources()
        let resources = CacheKey.embeddedResources
        let key = try LexiconLoader.sourceKey(sources)
        var keys: Set<UInt64> = [key]
        for i in resources.indices {
            var changed = resources
            changed[i].bytes[changed[i].bytes.count / 2] ^= 0x20  // one letter's case
            let k = try LexiconLoader.sourceKey(sources, resourcesHash: CacheKey.resourcesHash(changed),
                                                compilerFingerprint: CacheKey.compilerFingerprint)
            keys.insert(k)
        }
        #expect(keys.count == resources.count + 1)
    }

    /// The probe must show what the compiler derives: every section of the image
    /// filled, every flag the compiler sets on some entry.
    @Test func probeExercisesTheCompiler() throws {
        let image = try CacheKey.probeImage()
        for section in LexiconSection.allCases {
            #expect(image.withUnsafeBytes { LexiconImage.sectionLength($0, section) } > 0, "\(section)")
        }
        let rows = try LexiconFile.parse(Array(CacheKey.probeTSV.utf8), path: "probe.tsv")
        let lexicon = try LexiconCompiler(knowledge: CacheKey.probeKnowledge).compile(rows, firstNames: CacheKey.probeFirstNames)
        let entries = (0..<lexicon.entryCount).map { lexicon.entry(Int32($0)) }
        for flag: EntryFlags in [.exactCase, .requiresMaker, .afterFull, .midSentence, .cautious, .unit] {
            #expect(entries.contains { $0.flags.contains(flag) }, "flag \(flag.rawValue)")
        }
        #expect(entries.contains { $0.isShortForm })
        #expect(entries.contains { $0.allowsGenitive })
        #expect(entries.contains { !$0.allowsGenitive })
        #expect(entries.contains { $0.maker >= 0 })
        #expect(entries.contains { $0.identifier >= 0 })
        #expect(entries.contains { $0.rule >= 0 })
    }

    // MARK: Upkeep

    private func setModified(_ path: String, daysAgo: Double) {
        let date = Date().addingTimeInterval(-daysAgo * 24 * 3600)
        try? FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    private func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    @Test func cacheFilesNoRunUsedForAMonthGoWhenAnotherIsWritten() throws {
        let dir = directory() + "/cache"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let old = dir + "/lexicon-0123.enlx", recent = dir + "/lexicon-4567.enlx"
        let oldFingerprint = dir + "/compiler-89ab.fingerprint", notOurs = dir + "/notes.txt"
        for path in [old, recent, oldFingerprint, notOurs] { _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) }
        for path in [old, oldFingerprint, notOurs] { setModified(path, daysAgo: 40) }
        setModified(recent, daysAgo: 20)
        let sources = sources()
        #expect(try load(sources, dir) == .written)
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(!FileManager.default.fileExists(atPath: oldFingerprint))
        #expect(FileManager.default.fileExists(atPath: recent))
        #expect(FileManager.default.fileExists(atPath: notOurs))
        #expect(FileManager.default.fileExists(atPath: try cacheFile(sources, dir)))
    }

    @Test func aReusedCacheFileIsMarkedUsedSoItStays() throws {
        let sources = sources(), dir = directory()
        #expect(try load(sources, dir) == .written)
        let path = try cacheFile(sources, dir)
        setModified(path, daysAgo: 3)
        #expect(try load(sources, dir) == .reused)
        #expect(try #require(modified(path)).timeIntervalSinceNow > -60)
    }

    // MARK: Damaged cache files

    /// Loads through a cache in `dir`; the entities must be those of an uncached compile.
    private func load(_ sources: LexiconSources, _ dir: String) throws -> LexiconLoader.CacheUse {
        let (lexicon, use) = try LexiconLoader.loadReportingCache(sources, cacheDirectory: dir)
        #expect(entities(lexicon) == entities(try LexiconLoader.compile(sources)))
        return use
    }

    private func cacheFile(_ sources: LexiconSources, _ dir: String) throws -> String {
        LexiconLoader.cachePath(for: try LexiconLoader.sourceKey(sources), in: dir)
    }

    @Test func truncatedCacheFileIsCompiledAgainAndReplaced() throws {
        let sources = sources(), dir = directory()
        #expect(try load(sources, dir) == .written)
        #expect(try load(sources, dir) == .reused)
        let file = try cacheFile(sources, dir)
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        for size in [whole.count - 1, whole.count / 2, 40, 7, 0] {
            try whole.prefix(size).write(to: URL(fileURLWithPath: file))
            guard case .replacedDamaged = try load(sources, dir) else {
                Issue.record("size \(size) not detected")
                continue
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == whole)
            #expect(try load(sources, dir) == .reused)
        }
    }

    @Test func cacheFileWithAFlippedByteIsCompiledAgainAndReplaced() throws {
        let sources = sources(), dir = directory()
        #expect(try load(sources, dir) == .written)
        let file = try cacheFile(sources, dir)
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        // In the magic, the key, the hash check, the checksum, the section table, a section, the last byte.
        for offset in [3, 9, 21, 27, 40, whole.count / 2, whole.count - 1] {
            var damaged = whole
            damaged[offset] ^= 0x01
            try damaged.write(to: URL(fileURLWithPath: file))
            guard case .replacedDamaged(let path, _) = try load(sources, dir) else {
                Issue.record("byte \(offset) not detected")
                continue
            }
            #expect(path == file)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == whole)
        }
    }

    @Test func damagedCompiledFileNamedByTheUserIsAnError() throws {
        let sources = sources(), dir = directory()
        let file = dir + "/mine.enlx"
        try LexiconLoader.compile(sources, to: file)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(throws: EigennameError.io(path: file, reason: "compiled lexicon is truncated or damaged (checksum)")) {
            try CompiledLexicon.load(contentsOf: file)
        }
    }

    // MARK: A cache that cannot be written

    /// A path under a regular file fails for root too (mode bits do not stop root).
    @Test func unwritableCacheDirectoryMeansCompilingInMemory() throws {
        let sources = sources(), dir = directory()
        let file = dir + "/a-file"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        for cache in [file + "/sub", file] {
            for _ in 0..<2 {
                guard case .unwritable(let directory, _) = try load(sources, cache) else {
                    Issue.record("\(cache) not reported")
                    continue
                }
                #expect(directory == cache)
            }
            let use = try LexiconLoader.loadReportingCache(sources, cacheDirectory: cache).cache
            #expect(use.note?.hasPrefix("cache directory \(cache) not writable (") == true)
            #expect(use.note?.hasSuffix("): compiling lexicons in memory on every run") == true)
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    // MARK: Processes

    private func run(_ arguments: [String], cache: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eigennameBinary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["EIGENNAME_CACHE"] = cache
        process.environment = env
        return process
    }

    /// Runs the processes at once; their standard output and standard error (through files: no pipe to fill).
    private func runTogether(_ processes: [Process]) throws -> [(stdout: String, stderr: String)] {
        let dir = directory()
        for (i, p) in processes.enumerated() {
            for stream in ["out", "err"] { _ = FileManager.default.createFile(atPath: "\(dir)/\(i).\(stream)", contents: nil) }
            p.standardOutput = FileHandle(forWritingAtPath: "\(dir)/\(i).out")
            p.standardError = FileHandle(forWritingAtPath: "\(dir)/\(i).err")
            p.standardInput = FileHandle.nullDevice
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        return try processes.indices.map { i in
            (try String(contentsOfFile: "\(dir)/\(i).out", encoding: .utf8), try String(contentsOfFile: "\(dir)/\(i).err", encoding: .utf8))
        }
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func twoProcessesFillingOneCacheBothGetTheRightOutput() throws {
        let input = directory() + "/docs.jsonl"
        let docs = (1...20).map { "{\"id\":\"\($0)\",\"text\":\"Jim Farley, CEO von Ford, fuhr Xiaomis SU7. Elon Musk und Tesla, Ursula von der Leyen in Brüssel.\"}" }
        try (docs.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let arguments = ["annotate", input, "--quiet", "--jobs", "1"]
        let reference = try runTogether([try run(arguments, cache: directory())])[0]
        #expect(reference.stderr == "")
        #expect(reference.stdout.contains("\"Jim Farley\""))

        let cache = directory()
        let both = try runTogether([try run(arguments, cache: cache), try run(arguments, cache: cache)])
        for result in both {
            #expect(result.stderr == "")
            #expect(result.stdout == reference.stdout)
        }
        // One key in every process (the probe compiles alike), one compiler fingerprint, no temporary file left.
        let files = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        #expect(files.count == 2, "\(files)")
        #expect(files.first.map { $0.hasPrefix("compiler-") && $0.hasSuffix(".fingerprint") } == true, "\(files)")
        #expect(files.last.map { $0.hasPrefix("lexicon-") && $0.hasSuffix(".enlx") } == true, "\(files)")
        // And a run that reuses it.
        #expect(try runTogether([try run(arguments, cache: cache)])[0].stdout == reference.stdout)
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func unwritableCacheIsOneNoteOnStandardError() throws {
        let file = directory() + "/a-file"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let input = directory() + "/doc.txt"
        try "Jim Farley, CEO von Ford.".write(toFile: input, atomically: true, encoding: .utf8)
        let result = try runTogether([try run(["annotate", input, "--quiet"], cache: file + "/sub")])[0]
        #expect(result.stdout.contains("\"Jim Farley\""))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("eigenname: note: cache directory \(file)/sub not writable (") == true)
    }
}
