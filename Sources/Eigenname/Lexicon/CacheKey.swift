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
// Both are computed only when a key is needed (a run with the cache). The resources'
// hash takes about 0.03 ms. The fingerprint takes about 2.5 ms in a fresh process
// (0.4 ms the probe's compile, the rest first-use set-up that a cached run would
// not do otherwise), so it is kept in the cache directory too, in a file named by
// the identity of the code that runs (`codeIdentity`: every executable file mapped
// into the process, the binary, ICU, Foundation, the Swift runtime, by path,
// device, inode, size and modification time): reading /proc/self/maps, a few stats
// and that file cost about 0.1 ms. New code, or a new ICU, is another identity.

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
         ("first_name_exceptions_txt", PackageResources.first_name_exceptions_txt),
         ("person_roles_txt", PackageResources.person_roles_txt),
         ("name_heads_txt", PackageResources.name_heads_txt),
         ("company_cues_txt", PackageResources.company_cues_txt),
         ("speech_verbs_txt", PackageResources.speech_verbs_txt),
         ("finite_verbs_txt", PackageResources.finite_verbs_txt),
         ("adjective_suffixes_txt", PackageResources.adjective_suffixes_txt),
         ("ordinary_word_endings_txt", PackageResources.ordinary_word_endings_txt),
         ("fictional_characters_txt", PackageResources.fictional_characters_txt),
         ("company_name_heads_txt", PackageResources.company_name_heads_txt),
         ("noun_endings_txt", PackageResources.noun_endings_txt),
         ("model_cues_txt", PackageResources.model_cues_txt),
         ("place_names_txt", PackageResources.place_names_txt),
         ("compound_prefixes_txt", PackageResources.compound_prefixes_txt),
         ("connectors_txt", PackageResources.connectors_txt),
         ("capital_articles_txt", PackageResources.capital_articles_txt),
         ("articles_txt", PackageResources.articles_txt),
         ("closing_quotes_txt", PackageResources.closing_quotes_txt),
         ("opening_quotes_txt", PackageResources.opening_quotes_txt),
         ("per_words_txt", PackageResources.per_words_txt),
         ("genitive_articles_txt", PackageResources.genitive_articles_txt),
         ("type_roles_txt", PackageResources.type_roles_txt),
         ("company_short_form_endings_txt", PackageResources.company_short_form_endings_txt),
         ("before_month_txt", PackageResources.before_month_txt),
         ("adjective_endings_txt", PackageResources.adjective_endings_txt),
         ("generation_suffixes_txt", PackageResources.generation_suffixes_txt),
         ("eigenname_xsd", PackageResources.eigenname_xsd)]
    }

    /// One hash over the names, lengths and bytes of `resources`.
    static func resourcesHash(_ resources: [(name: String, bytes: [UInt8])]) -> UInt64 {
        var h = StableHash.FNV1a64()
        for (name, bytes) in resources {
            h.combine(Array(name.utf8) + [0])
            h.combine(UInt64(bytes.count))
            h.combine(UInt64(UInt(bitPattern: bytes.withUnsafeBytes { hashBytes($0) })))
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
        // A few world first names (discovery's name-word table is compiled from them, NameWords.swift).
        k.worldFirstNames = ["Petra": 7, "Wolf": 6, "Golf": 1, "Im": 2, "Ola": 5, "Rosl": 1, "San": 3, "Standard": 9]
        return k
    }

    /// The probe's compiled image (source key 0).
    static func probeImage() throws(EigennameError) -> [UInt8] {
        let rows = try LexiconFile.parse(Array(probeTSV.utf8), path: "probe.tsv")
        return try LexiconCompiler(knowledge: probeKnowledge).compileImage(rows, firstNames: probeFirstNames)
    }

    /// The hash of an image's bytes.
    static func imageHash(_ image: [UInt8]) -> UInt64 {
        var h = StableHash.FNV1a64()
        h.combine(UInt64(image.count))
        h.combine(UInt64(UInt(bitPattern: image.withUnsafeBytes { hashBytes($0) })))
        return h.value
    }

    /// The compiler's fingerprint: the hash of the probe's image. Should the probe not
    /// compile (a compiler bug), a constant: the key then still covers everything else.
    static let compilerFingerprint: UInt64 = (try? probeImage()).map(imageHash) ?? 0xDEAD_BEEF

    /// The compiler's fingerprint, from the file the first run of this code wrote in
    /// `directory`, else computed (and that file written, if it can be).
    static func compilerFingerprint(cacheDirectory directory: String) -> UInt64 {
        guard let identity = codeIdentity() else { return compilerFingerprint }
        let path = directory + "/compiler-" + String(identity, radix: 16) + ".fingerprint"
        func check(_ fingerprint: UInt64) -> UInt64 {
            var h = StableHash.FNV1a64()
            h.combine(identity)
            h.combine(fingerprint)
            return h.value
        }
        if let bytes = readFile(path), bytes.count == 24 {
            let words = bytes.withUnsafeBytes { b in (0..<3).map { b.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self).littleEndian } }
            if words[0] == identity && words[2] == check(words[1]) { return words[1] }
        }
        let fingerprint = compilerFingerprint
        var out: [UInt8] = []
        for word in [identity, fingerprint, check(fingerprint)] { appendLittleEndian(word, to: &out) }
        if let sink = try? OutputSink.file(at: path) {
            sink.write(out)
            try? sink.commit()
        }
        return fingerprint
    }

    /// A hash of every file mapped executable into this process (the binary and its
    /// libraries: ICU, libxml2, Foundation, the Swift runtime), by path, device, inode,
    /// size and modification time; nil where /proc/self/maps cannot tell.
    static func codeIdentity() -> UInt64? {
        guard let maps = readFile("/proc/self/maps") else { return nil }
        var paths = Set<ArraySlice<UInt8>>()
        for line in maps.split(separator: UInt8(ascii: "\n")) {
            // address perms offset dev inode path: code only (perms "r-xp").
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[1].count >= 3, fields[1][fields[1].startIndex + 2] == UInt8(ascii: "x") else { continue }
            let path = fields[5].drop(while: { $0 == UInt8(ascii: " ") })
            if path.first == UInt8(ascii: "/") { paths.insert(path) }
        }
        // By path: the addresses, and so the order of the lines, change with every run.
        var h = StableHash.FNV1a64()
        for path in paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var info = stat()
            guard stat(String(decoding: path, as: UTF8.self), &info) == 0 else { return nil }  // replaced while running
            h.combine(Array(path) + [0])
            for n in [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size),
                      UInt64(bitPattern: Int64(info.st_mtim.tv_sec)), UInt64(info.st_mtim.tv_nsec)] { h.combine(n) }
        }
        return paths.isEmpty ? nil : h.value
    }

    /// The bytes of a file (also of /proc files, whose size says 0), or nil.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
        }
    }
}
