// Lexicon, part 9: what the compile cache's key is made of (LexiconLoader.sourceKey).
//
// A compiled image depends on more than the lexicon files: on the data compiled
// into the binary (tokenization lists, place words, legal forms, units, cues …)
// and on the code that normalizes, tokenizes, folds and derives forms. So the
// key covers, besides the sources' paths, sizes and modification times:
//  - a hash of every embedded resource (`embeddedResources`: one list of every
//    `.embedInCode` of Package.swift; a test compares the two);
//  - the compiler's fingerprint: the hash of the image compiled from a small fixed
//    probe lexicon (`probeTSV`), which exercises what the compiler derives. A change
//    to the compiler, to ICU or to the folding that changes the probe's image
//    changes the key by construction, with nothing bumped by hand.
// Both are computed once per process, and only when a key is needed (a run with
// the cache): about 0.3 ms in a release build, see LexiconLoader.

import Foundation

enum CacheKey {
    /// Every resource compiled into the library: one entry per `.embedInCode` in
    /// Package.swift (the test `everyEmbeddedResourceIsInTheKey` counts them). Also
    /// those that do not reach the image today (the schema): a list that names all is
    /// one that nobody has to judge when a resource is added.
    static var embeddedResources: [(name: String, bytes: [UInt8])] {
        [("abbreviations_txt", PackageResources.abbreviations_txt),
         ("months_txt", PackageResources.months_txt),
         ("ordinal_cues_txt", PackageResources.ordinal_cues_txt),
         ("emoticons_txt", PackageResources.emoticons_txt),
         ("function_words_txt", PackageResources.function_words_txt),
         ("name_particles_txt", PackageResources.name_particles_txt),
         ("family_name_first_txt", PackageResources.family_name_first_txt),
         ("place_words_txt", PackageResources.place_words_txt),
         ("place_nouns_txt", PackageResources.place_nouns_txt),
         ("family_nouns_txt", PackageResources.family_nouns_txt),
         ("legal_forms_txt", PackageResources.legal_forms_txt),
         ("determiners_txt", PackageResources.determiners_txt),
         ("units_txt", PackageResources.units_txt),
         ("number_words_txt", PackageResources.number_words_txt),
         ("type_cues_txt", PackageResources.type_cues_txt),
         ("eigenname_xsd", PackageResources.eigenname_xsd)]
    }

    /// One hash over the names, lengths and bytes of `resources`.
    static func resourcesHash(_ resources: [(name: String, bytes: [UInt8])]) -> UInt64 {
        var h = FNV1a()
        for (name, bytes) in resources {
            h.mix(Array(name.utf8) + [0])
            h.mix(UInt64(bytes.count))
            h.mix(UInt64(UInt(bitPattern: bytes.withUnsafeBytes { hashBytes($0) })))
        }
        return h.value
    }

    static let embeddedResourcesHash = resourcesHash(embeddedResources)

    /// The probe lexicon: a few rows that go through every derivation of the compiler
    /// (hyphenated and inflected forms, short forms of people and companies, particles,
    /// family names first, generations, ordinals, legal forms, capital articles, makers
    /// from canonicals, every flag and rule kind, cautious rows, units, capitals,
    /// non-ASCII letters to fold, an apostrophe, a decomposed umlaut to normalize).
    static let probeTSV = """
        surface\ttype\tcanonical\tid\tmaker\tflags
        Ford Motor Company\tCOMPANY\tFord\tQ44294\t\t
        Ford\tCOMPANY\tFord\tQ44294\t\tunambiguous,not-after=#first-name|Harrison
        Volkswagen AG\tCOMPANY\tVolkswagen\t\t\t
        Hansen Fahrzeugtechnik GmbH\tCOMPANY\t\t\t\t
        Deutsche Bank\tCOMPANY\t\t\t\t
        1. FC Köln\tCOMPANY\t\t\t\t
        Der Standard\tCOMPANY\t\t\t\texact-case
        Mini\tCOMPANY\t\t\t\texact-case,mid-sentence,requires-context=Auto|Marke
        BMW\tCOMPANY\tBayerische Motoren Werke\t\t\t
        Tesla\tCOMPANY\t\t\t\t
        Xiaomi\tCOMPANY\t\t\t\t
        SU7\tMODEL\tXiaomi SU7\t\t\t
        ID.3\tMODEL\t\t\tVolkswagen\trequires-maker,not-before=#number
        Golf\tMODEL\tVW Golf\t\t\t
        Smart\tCOMPANY\t\t\t\tafter-full,short=Smartie
        Citroe\u{0308}n\tCOMPANY\tCitroën\t\t\t
        McDonald's\tCOMPANY\t\t\t\t
        Elon Musk\tPERSON\t\tQ317521\t\t
        Ursula von der Leyen\tPERSON\t\t\t\t
        Lei Jun\tPERSON\t\t\t\t
        Henry Ford II\tPERSON\t\t\t\t
        Stephan Weil\tPERSON\t\t\t\t
        Richter\tPERSON\t\t\t\t
        Jürgen Groß\tPERSON\t\t\t\tshort=Groß|Großi

        """

    static let probeFirstNames = ["Elon", "Henry", "Jürgen", "Harrison"]

    /// The built-in knowledge and a handful of common nouns (not the installed file:
    /// the probe must not depend on what is installed; the file's own key part does).
    static var probeKnowledge: LanguageKnowledge {
        var k = LanguageKnowledge.builtIn
        k.commonNouns = ["Golf", "Smart", "Richter", "Standard"]
        k.alsoPersonNames = ["Richter"]
        return k
    }

    /// The probe's compiled image (source key 0).
    static func probeImage() throws(EigennameError) -> [UInt8] {
        let rows = try LexiconFile.parse(Array(probeTSV.utf8), path: "probe.tsv")
        return try LexiconCompiler(knowledge: probeKnowledge).compileImage(rows, firstNames: probeFirstNames)
    }

    /// The hash of an image's bytes.
    static func imageHash(_ image: [UInt8]) -> UInt64 {
        var h = FNV1a()
        h.mix(UInt64(image.count))
        h.mix(UInt64(UInt(bitPattern: image.withUnsafeBytes { hashBytes($0) })))
        return h.value
    }

    /// The compiler's fingerprint: the hash of the probe's image. Should the probe not
    /// compile (a compiler bug), a constant: the key then still covers everything else.
    static let compilerFingerprint: UInt64 = (try? probeImage()).map(imageHash) ?? 0xDEAD_BEEF
}

/// FNV-1a, 64 bits.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    mutating func mix(_ bytes: [UInt8]) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100000001b3 }
    }

    mutating func mix(_ n: UInt64) {
        withUnsafeBytes(of: n.littleEndian) { for b in $0 { value = (value ^ UInt64(b)) &* 0x100000001b3 } }
    }
}
