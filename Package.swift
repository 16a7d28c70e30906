// swift-tools-version:6.0
import Foundation
import PackageDescription

// The default lexicons reach every user of the library as resources of the Eigenname
// target: Sources/Eigenname/DefaultLexicons is a symbolic link to Lexicons/ (the place
// people edit), and each file named here is copied (as a file, not a link) into the
// target's resource bundle, which SwiftPM puts beside every executable that links the
// library (BundledLexicons.swift finds it). The common nouns and the world first names
// and the ordinary words of `make knowledge` (CC BY-SA, GNU FDL and GPL-2+, derived on the user's machine, not committed)
// are included when they exist at build time: run `make knowledge` before the first build
// (a manifest is re-read only when it changes).
let defaultLexiconsDirectory = "Sources/Eigenname/DefaultLexicons"
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
let defaultLexiconFiles: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: packageDirectory + "/Lexicons")) ?? []
    var files = names.filter { $0.hasSuffix(".tsv") || $0 == "first-names.txt" }.sorted()
    for knowledge in ["knowledge/common-nouns.txt", "knowledge/first-names-world.txt", "knowledge/ordinary-words.txt"]
    where FileManager.default.fileExists(atPath: packageDirectory + "/Lexicons/" + knowledge) {
        files.append(knowledge)
    }
    return files
}()

let package = Package(
    name: "Eigenname",
    products: [
        .library(name: "Eigenname", targets: ["Eigenname"]),
        .executable(name: "eigenname", targets: ["eigenname"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs` (DocC): the plugin only, nothing of it is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System ICU. Only the C target below includes its headers: Swift cannot
        // import ICU's renaming macros, and Foundation bundles a clashing ICU module.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        // A thin C layer over ICU exposing plain C types (break iteration over
        // UTF-8 via UText, NFC, case folding helpers).
        .target(name: "CICUShim", dependencies: ["CICU"]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "Eigenname",
            dependencies: ["CICUShim", "CLibXML2"],
            // Everything under DefaultLexicons that is not a default lexicon (READMEs, the knowledge script).
            exclude: ["DefaultLexicons"],
            resources: defaultLexiconFiles.map { .copy("DefaultLexicons/" + $0) } + [
                .embedInCode("Tokenization/abbreviations.txt"),
                .embedInCode("Tokenization/months.txt"),
                .embedInCode("Tokenization/ordinal-cues.txt"),
                .embedInCode("Tokenization/emoticons.txt"),
                .embedInCode("Tokenization/function-words.txt"),
                .embedInCode("Lexicon/name-particles.txt"),
                .embedInCode("Lexicon/family-name-first.txt"),
                .embedInCode("Recognition/place-words.txt"),
                .embedInCode("Recognition/place-nouns.txt"),
                .embedInCode("Recognition/family-nouns.txt"),
                .embedInCode("Recognition/legal-forms.txt"),
                .embedInCode("Recognition/determiners.txt"),
                .embedInCode("Recognition/type-roles.txt"),
                .embedInCode("Recognition/compound-prefixes.txt"),
                .embedInCode("Recognition/articles.txt"),
                .embedInCode("Recognition/genitive-articles.txt"),
                .embedInCode("Recognition/before-month.txt"),
                .embedInCode("Recognition/connectors.txt"),
                .embedInCode("Recognition/per-words.txt"),
                .embedInCode("Recognition/opening-quotes.txt"),
                .embedInCode("Recognition/closing-quotes.txt"),
                .embedInCode("Lexicon/adjective-endings.txt"),
                .embedInCode("Lexicon/company-short-form-endings.txt"),
                .embedInCode("Lexicon/generation-suffixes.txt"),
                .embedInCode("Lexicon/capital-articles.txt"),
                .embedInCode("Lexicon/units.txt"),
                .embedInCode("Lexicon/number-words.txt"),
                .embedInCode("Lexicon/type-cues.txt"),
                .embedInCode("Output/eigenname.xsd"),
                // Discovery's word lists (Lexicons/knowledge/, NameWords.swift).
                .embedInCode("DefaultLexicons/knowledge/first-name-exceptions.txt"),
                .embedInCode("DefaultLexicons/knowledge/person-roles.txt"),
                .embedInCode("DefaultLexicons/knowledge/name-heads.txt"),
                .embedInCode("DefaultLexicons/knowledge/company-cues.txt"),
                .embedInCode("DefaultLexicons/knowledge/speech-verbs.txt"),
                .embedInCode("DefaultLexicons/knowledge/finite-verbs.txt"),
                .embedInCode("DefaultLexicons/knowledge/adjective-suffixes.txt"),
                .embedInCode("DefaultLexicons/knowledge/ordinary-word-endings.txt"),
                .embedInCode("DefaultLexicons/knowledge/fictional-characters.txt"),
                .embedInCode("DefaultLexicons/knowledge/company-name-heads.txt"),
                .embedInCode("DefaultLexicons/knowledge/noun-endings.txt"),
                .embedInCode("DefaultLexicons/knowledge/model-cues.txt"),
                .embedInCode("DefaultLexicons/knowledge/place-names.txt"),
            ]
        ),
        .executableTarget(
            name: "eigenname",
            dependencies: [
                "Eigenname",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer target (see its header); without -DFUZZING it replays files.
        .executableTarget(
            name: "eigenname-fuzz",
            dependencies: ["Eigenname", "CLibXML2"],
            path: "Fuzz/EigennameFuzz"
        ),
        .testTarget(
            name: "EigennameTests",
            dependencies: ["Eigenname", "CLibXML2"],
            exclude: ["README.md"]
        ),
    ]
)
