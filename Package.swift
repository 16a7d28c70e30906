// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Eigenname",
    products: [
        .library(name: "Eigenname", targets: ["Eigenname"]),
        .executable(name: "eigenname", targets: ["eigenname"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
            resources: [
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
