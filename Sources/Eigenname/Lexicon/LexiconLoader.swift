// Lexicon, part 4: where lexicons come from.
//
// In:  the default lexicon directory (found as described below) and any
//      files the user names.
// Out: one CompiledLexicon for the run.
//
// The default lexicons are the *.tsv files of the first of:
//  1. $EIGENNAME_LEXICONS (a directory);
//  2. a `Lexicons` directory beside the executable or in any directory above
//     it (so `.build/release/eigenname` finds the repository's Lexicons/);
//  3. `Lexicons` in the current directory.

import Foundation

public enum LexiconLoader {
    public static func defaultDirectory() -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if let env = ProcessInfo.processInfo.environment["EIGENNAME_LEXICONS"], !env.isEmpty {
            return fm.fileExists(atPath: env, isDirectory: &isDir) && isDir.boolValue ? env : nil
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while true {
            let candidate = dir.appendingPathComponent("Lexicons").path
            if fm.fileExists(atPath: candidate, isDirectory: &isDir) && isDir.boolValue { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        let local = fm.currentDirectoryPath + "/Lexicons"
        return fm.fileExists(atPath: local, isDirectory: &isDir) && isDir.boolValue ? local : nil
    }

    /// The *.tsv files of a directory, sorted by name.
    public static func lexiconFiles(in directory: String) throws(EigennameError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .io(path: directory, reason: "cannot list lexicon directory")
        }
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory + "/" + $0 }
    }

    /// Reads and compiles the default lexicons (unless excluded) and `extra` files.
    public static func load(extra: [String] = [], includeDefaults: Bool = true) throws(EigennameError) -> CompiledLexicon {
        var files: [String] = []
        if includeDefaults {
            guard let dir = defaultDirectory() else {
                throw .io(path: "Lexicons", reason: "default lexicon directory not found; set EIGENNAME_LEXICONS or pass --no-default-lexicons")
            }
            files += try lexiconFiles(in: dir)
        }
        files += extra
        var rows: [LexiconEntry] = []
        for file in files { rows += try LexiconFile.read(path: file) }
        return try LexiconCompiler().compile(rows)
    }
}
