// Lexicon, part 6b: the default lexicons that come with the library.
//
// Package.swift copies Lexicons/*.tsv, first-names.txt and (when `make knowledge`
// made them before the build) knowledge/common-nouns.txt,
// knowledge/first-names-world.txt and knowledge/ordinary-words.txt into the resource bundle of the Eigenname target.
// SwiftPM flattens the copies: the bundle holds companies.tsv, …, first-names.txt,
// common-nouns.txt, first-names-world.txt side by side. It places the
// bundle beside every executable that links the library (`.build/debug/`,
// `.build/release/`, a dependent package's `.build/…`), so a library user finds
// the defaults without setup. LexiconLoader.defaultDirectory() asks here last,
// after $EIGENNAME_LEXICONS, a Lexicons/ beside or above the executable, and ./Lexicons.
//
// The bundle is looked up by hand rather than through the generated `Bundle.module`,
// which stops the program (fatalError) when the bundle is missing, as it is beside
// an executable copied elsewhere; here a missing bundle is only "not found".

import Foundation

enum BundledLexicons {
    /// The name SwiftPM gives the resource bundle of the Eigenname target on Linux.
    static let bundleName = "Eigenname_Eigenname.resources"
    /// The common nouns' name inside the bundle (flattened from knowledge/common-nouns.txt).
    static let commonNounsFileName = "common-nouns.txt"
    /// The world first names' name inside the bundle (flattened from knowledge/first-names-world.txt).
    static let worldFirstNamesFileName = "first-names-world.txt"
    /// The ordinary words' name inside the bundle (flattened from knowledge/ordinary-words.txt).
    static let ordinaryWordsFileName = "ordinary-words.txt"

    /// The resource bundle directory when it holds lexicons: beside the executable,
    /// else (an executable moved away from its build directory) the source checkout's
    /// Lexicons/ that this file was compiled from, if it is still there.
    static func directory() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName).path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).path)
        // Sources/Eigenname/Lexicon/BundledLexicons.swift -> Lexicons/
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lexicons").path)
        for candidate in candidates {
            guard let names = try? fm.contentsOfDirectory(atPath: candidate),
                  names.contains(where: { $0.hasSuffix(".tsv") }) else { continue }
            return candidate
        }
        return nil
    }

    /// The common nouns in a default directory: knowledge/common-nouns.txt as in
    /// Lexicons/, or common-nouns.txt when the directory is the resource bundle.
    static func commonNounsPath(inDefaultDirectory directory: String) -> String? {
        knowledgePath(LanguageKnowledge.commonNounsFileName, bundled: commonNounsFileName, inDefaultDirectory: directory)
    }

    /// The world first names in a default directory: knowledge/first-names-world.txt as in
    /// Lexicons/, or first-names-world.txt when the directory is the resource bundle.
    static func worldFirstNamesPath(inDefaultDirectory directory: String) -> String? {
        knowledgePath(LanguageKnowledge.worldFirstNamesFileName, bundled: worldFirstNamesFileName, inDefaultDirectory: directory)
    }

    /// The ordinary words in a default directory: knowledge/ordinary-words.txt as in
    /// Lexicons/, or ordinary-words.txt when the directory is the resource bundle.
    static func ordinaryWordsPath(inDefaultDirectory directory: String) -> String? {
        knowledgePath(LanguageKnowledge.ordinaryWordsFileName, bundled: ordinaryWordsFileName, inDefaultDirectory: directory)
    }

    /// A file of `make knowledge` in a default directory: `installed` (knowledge/…) as in
    /// Lexicons/, or `bundled` (flattened) when the directory is the resource bundle.
    static func knowledgePath(_ installed: String, bundled: String, inDefaultDirectory directory: String) -> String? {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/" + installed) { return directory + "/" + installed }
        guard directory.hasSuffix("/" + bundleName) else { return nil }
        return fm.fileExists(atPath: directory + "/" + bundled) ? directory + "/" + bundled : nil
    }
}
