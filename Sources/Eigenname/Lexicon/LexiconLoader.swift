// Lexicon, part 6: where a run's lexicon comes from.
//
// In:  the default lexicon directory (found as below) and the files the user names.
// Out: one CompiledLexicon for the run, from the compiled cache when it is current.
//
// The default lexicons are the *.tsv files (and first-names.txt, the first
// names that `not-after=#first-name` refers to) of the first of:
//  1. $EIGENNAME_LEXICONS (a directory);
//  2. a `Lexicons` directory beside the executable or in any directory above
//     it (so `.build/release/eigenname` finds the repository's Lexicons/);
//  3. `Lexicons` in the current directory;
//  4. the copies in the library's resource bundle (BundledLexicons.swift).
//
// Compiling is cached: the compiled image is written to
// $EIGENNAME_CACHE (default: $XDG_CACHE_HOME/eigenname or ~/.cache/eigenname)
// under a key (`sourceKey`) made from every source file's path, size and
// modification time, the installed common nouns' and world first names' path,
// size and modification time, the image format version, a hash of every resource
// compiled into the binary and the compiler's fingerprint (CacheKey.swift). A
// source, a resource or a compiler that changes gives a new key, so the next run
// recompiles; a current cache file is memory-mapped, not parsed. The text files
// stay the source of truth.
//
// A cache file carries a checksum (LexiconImage): one that is truncated or
// damaged is compiled again and replaced. A cache directory that cannot be
// written means compiling in memory on every run: `loadReportingCache` says so,
// for the command to print once. Two processes that fill the same cache write
// their own temporary files and rename them (OutputSink): a reader sees a whole
// file or none, and both compile the same image.

import Foundation

/// The files a lexicon is compiled from: lexicon TSV files and first-name lists.
public struct LexiconSources: Sendable, Hashable {
    /// Lexicon TSV files, in load order.
    public var lexiconFiles: [String] = []
    /// Files of first names, one per line.
    public var firstNameFiles: [String] = []

    /// Sources from file paths, in load order.
    public init(lexiconFiles: [String] = [], firstNameFiles: [String] = []) {
        self.lexiconFiles = lexiconFiles
        self.firstNameFiles = firstNameFiles
    }
}

/// Finds, reads, compiles and caches lexicons: the defaults, extra files and rows held in memory.
public enum LexiconLoader {
    static let firstNamesFileName = "first-names.txt"

    /// The directory of the default lexicons: `$EIGENNAME_LEXICONS`, a `Lexicons/` directory beside or above the executable, `./Lexicons`, then the copies that come with the library; nil if none exists.
    public static func defaultDirectory() -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if let env = environmentValue("EIGENNAME_LEXICONS"), !env.isEmpty {
            return fm.fileExists(atPath: env, isDirectory: &isDir) && isDir.boolValue ? env : nil
        }
        var dir = executableDirectory
        while true {
            let candidate = dir.appendingPathComponent("Lexicons").path
            if fm.fileExists(atPath: candidate, isDirectory: &isDir) && isDir.boolValue { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        let local = fm.currentDirectoryPath + "/Lexicons"
        if fm.fileExists(atPath: local, isDirectory: &isDir) && isDir.boolValue { return local }
        return BundledLexicons.directory()  // 4. the copies that come with the library (BundledLexicons.swift)
    }

    /// The directory of the running executable, symbolic links resolved (once: a start asks
    /// for the default directory several times, and resolving the links costs a few hundred
    /// thousand instructions).
    private static let executableDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        .resolvingSymlinksInPath().deletingLastPathComponent()

    /// The value of an environment variable, read as the process has it now. (Not through
    /// ProcessInfo's `environment`, which builds a dictionary of every variable at each call:
    /// about a million instructions, several times a start.)
    static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The lexicon files of a directory (*.tsv, sorted) and its first-names file.
    public static func sources(inDirectory directory: String) throws(EigennameError) -> LexiconSources {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .io(path: directory, reason: "cannot list lexicon directory")
        }
        var sources = LexiconSources(lexiconFiles: names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory + "/" + $0 })
        if names.contains(firstNamesFileName) { sources.firstNameFiles = [directory + "/" + firstNamesFileName] }
        return sources
    }

    /// The default lexicons (unless excluded) followed by `extra` files. First names
    /// are language knowledge, not an entity lexicon: they stay loaded without the
    /// default lexicons, when the default directory is found.
    public static func sources(extra: [String], includeDefaults: Bool) throws(EigennameError) -> LexiconSources {
        var sources = LexiconSources()
        if includeDefaults {
            guard let dir = defaultDirectory() else {
                throw .io(path: "Lexicons", reason: "default lexicon directory not found (no $EIGENNAME_LEXICONS, no Lexicons/ beside or above the executable or in the current directory, no \(BundledLexicons.bundleName) beside the executable); set EIGENNAME_LEXICONS or pass --no-default-lexicons")
            }
            sources = try self.sources(inDirectory: dir)
        } else if let dir = defaultDirectory(), let defaults = try? self.sources(inDirectory: dir) {
            sources.firstNameFiles = defaults.firstNameFiles
        }
        sources.lexiconFiles += extra
        return sources
    }

    /// Reads every row of every source (throws at the first malformed row).
    public static func readRows(_ sources: LexiconSources) throws(EigennameError) -> (rows: [LexiconEntry], firstNames: [String]) {
        var rows: [LexiconEntry] = []
        for file in sources.lexiconFiles {
            // The first file's rows as they are: `+=` would copy each row into the empty array.
            if rows.isEmpty { rows = try LexiconFile.read(path: file) } else { rows += try LexiconFile.read(path: file) }
        }
        var firstNames: [String] = []
        for file in sources.firstNameFiles {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .io(path: file, reason: "cannot read first names (UTF-8, one per line)")
            }
            firstNames += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        return (rows, firstNames)
    }

    /// Compiles the sources without touching any cache.
    public static func compile(_ sources: LexiconSources) throws(EigennameError) -> CompiledLexicon {
        let (rows, firstNames) = try readRows(sources)
        return try LexiconCompiler(knowledge: .installed).compile(rows, firstNames: firstNames, sourceKey: try sourceKey(sources))
    }

    /// Compiles the sources into a file (atomically); returns the row and entry counts.
    @discardableResult
    package static func compile(_ sources: LexiconSources, to path: String) throws(EigennameError) -> (rows: Int, entries: Int) {
        let (rows, firstNames) = try readRows(sources)
        let key = try sourceKey(sources), rowCount = rows.count
        let sections = try LexiconCompiler(knowledge: .installed).compileSections(rows, firstNames: firstNames)
        CompileThreads.freeInBackground(consume rows)  // a million rows' strings, freed on the other core
        let sink = try OutputSink.file(at: path)
        LexiconImage.write(sections: sections, sourceKey: key, to: sink)
        let entryCount = (sections[.entries]?.byteCount ?? 0) / (EntryRecord.fieldCount * MemoryLayout<Int32>.size)
        CompileThreads.freeInBackground(consume sections)
        try sink.commit()
        return (rowCount, entryCount)
    }

    /// What a load did with the compile cache.
    package enum CacheUse: Sendable, Equatable {
        /// No cache: asked so, or a compiled lexicon (.enlx) named by the user.
        case notUsed
        /// A current cache file was mapped.
        case reused
        /// Compiled, and the cache file written.
        case written
        /// The cache file was truncated or damaged: compiled again, and the file replaced.
        case replacedDamaged(path: String, reason: String)
        /// Compiled, and the cache file could not be written (a directory that cannot
        /// be made or written, a full disk): every run compiles in memory.
        case unwritable(directory: String, reason: String)

        /// A line for standard error (without the program name), or nil when all is well.
        package var note: String? {
            switch self {
            case .notUsed, .reused, .written: nil
            case .replacedDamaged(let path, let reason):
                "cache file \(path): \(reason); compiled again and replaced"
            case .unwritable(let directory, let reason):
                "cache directory \(directory) not writable (\(reason)): compiling lexicons in memory on every run"
            }
        }
    }

    /// The compiled lexicon of `sources`: from the cache when current, else compiled and cached.
    package static func load(_ sources: LexiconSources, useCache: Bool = true) throws(EigennameError) -> CompiledLexicon {
        try loadReportingCache(sources, useCache: useCache).lexicon
    }

    /// `load`, and what it did with the cache (for the command to print a note; the library prints nothing).
    package static func loadReportingCache(_ sources: LexiconSources, useCache: Bool = true)
        throws(EigennameError) -> (lexicon: CompiledLexicon, cache: CacheUse)
    {
        try loadReportingCache(sources, useCache: useCache, cacheDirectory: cacheDirectory())
    }

    static func loadReportingCache(_ sources: LexiconSources, useCache: Bool = true, cacheDirectory directory: String)
        throws(EigennameError) -> (lexicon: CompiledLexicon, cache: CacheUse)
    {
        guard useCache else { return (try compile(sources), .notUsed) }
        let key = try sourceKey(sources, cacheDirectory: directory)
        let path = cachePath(for: key, in: directory)
        var damaged: String?
        if access(path, F_OK) == 0 {
            do {
                let cached = try CompiledLexicon.load(contentsOf: path)
                if cached.sourceKey == key {
                    markUsed(path)
                    return (cached, .reused)
                }
                damaged = "built for another key"
            } catch {
                if case .io(_, let reason) = error { damaged = reason } else { damaged = "\(error)" }
            }
        }
        let (rows, firstNames) = try readRows(sources)
        let sections = try LexiconCompiler(knowledge: .installed).compileSections(rows, firstNames: firstNames)
        CompileThreads.freeInBackground(consume rows)  // a million rows' strings, freed on the other core
        // Written from the sections where they are, then mapped: the image is never laid out in
        // this process's memory (270 MB for a million rows). A cache that cannot be written
        // costs every run a compile (in memory), and a note.
        do {
            let sink = try OutputSink.file(at: path)
            LexiconImage.write(sections: sections, sourceKey: key, to: sink)
            try sink.commit()
        } catch {
            var reason = "\(error)"
            if case .io(_, let r) = error { reason = r }
            return (CompiledLexicon(image: LexiconImage.build(sections: sections, sourceKey: key)),
                    .unwritable(directory: directory, reason: reason))
        }
        let image = (try? LexiconImage(mapping: path, verify: false)) ?? LexiconImage.build(sections: sections, sourceKey: key)
        CompileThreads.freeInBackground(consume sections)
        pruneCache(in: directory, keeping: path)  // (CachePruning.swift)
        return (CompiledLexicon(image: image), damaged.map { .replacedDamaged(path: path, reason: $0) } ?? .written)
    }

    /// Reads the defaults and extra files, through the cache. A compiled lexicon
    /// (`.enlx`, from `eigenname lexicon compile --output`) is used as it is, alone.
    public static func load(extra: [String] = [], includeDefaults: Bool = true) throws(EigennameError) -> CompiledLexicon {
        try loadReportingCache(extra: extra, includeDefaults: includeDefaults).lexicon
    }

    /// `load(extra:includeDefaults:)`, and what it did with the cache.
    package static func loadReportingCache(extra: [String] = [], includeDefaults: Bool = true)
        throws(EigennameError) -> (lexicon: CompiledLexicon, cache: CacheUse)
    {
        let compiled = extra.filter { $0.hasSuffix(".enlx") }
        if let file = compiled.first {
            guard compiled.count == 1, extra.count == 1, !includeDefaults else {
                throw .usage("a compiled lexicon (.enlx) is used alone: pass it as the only --lexicon, with --no-default-lexicons")
            }
            return (try CompiledLexicon.load(contentsOf: file), .notUsed)
        }
        return try loadReportingCache(try sources(extra: extra, includeDefaults: includeDefaults))
    }

    /// The compile cache's key: the image format version and hash function, the
    /// compiler's revision and fingerprint, a hash of every embedded resource
    /// (CacheKey), and every source's path, size and modification time, with the
    /// installed common nouns' and world first names' (their path, size and time only:
    /// a run that finds its lexicon in the cache never reads their 77,000 words and
    /// 53,000 names).
    package static func sourceKey(_ sources: LexiconSources) throws(EigennameError) -> UInt64 {
        try sourceKey(sources, cacheDirectory: cacheDirectory())
    }

    /// The key, with the compiler's fingerprint as kept in `directory` (CacheKey).
    static func sourceKey(_ sources: LexiconSources, cacheDirectory directory: String) throws(EigennameError) -> UInt64 {
        try sourceKey(sources, resourcesHash: CacheKey.embeddedResourcesHash,
                      compilerFingerprint: CacheKey.compilerFingerprint(cacheDirectory: directory))
    }

    static func sourceKey(_ sources: LexiconSources, resourcesHash: UInt64, compilerFingerprint: UInt64,
                          knowledgeFiles: [(kind: String, path: String)] = LanguageKnowledge.installedFiles())
        throws(EigennameError) -> UInt64
    {
        var h = StableHash.FNV1a64()
        h.combine(LexiconImage.magic)
        h.combine(UInt64(LexiconImage.hashCheck))
        h.combine(UInt64(LexiconCompiler.revision))
        h.combine(resourcesHash)
        h.combine(compilerFingerprint)
        for (kind, files) in [("lexicon", sources.lexiconFiles), ("first-names", sources.firstNameFiles)]
            + knowledgeFiles.map({ ($0.kind, [$0.path]) }) {
            for file in files {
                var info = stat()
                guard stat(file, &info) == 0 else { throw .io(path: file, reason: "cannot read lexicon file") }
                let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
                h.combine(Array("\(kind)\u{0}\(absolute)\u{0}\(info.st_size)\u{0}\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\u{0}".utf8))
            }
        }
        return h.value
    }

    static func cacheDirectory() -> String {
        if let dir = environmentValue("EIGENNAME_CACHE"), !dir.isEmpty { return dir }
        if let xdg = environmentValue("XDG_CACHE_HOME"), !xdg.isEmpty { return xdg + "/eigenname" }
        return NSHomeDirectory() + "/.cache/eigenname"
    }

    package static func cachePath(for key: UInt64, in directory: String = cacheDirectory()) -> String {
        directory + "/lexicon-" + String(key, radix: 16) + ".enlx"
    }
}
