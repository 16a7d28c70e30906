// Tokenization, part 2: tokens in, sentences out.
//
// In:  the tokens of a document and its match form.
// Out: [Sentence]: spans in original code points, and the tokens each holds.
//
// A sentence ends
//  - after ".", "!", "?" or "…" (with any closing quotes and brackets that
//    follow them) when whitespace and a token that does not start with a
//    lowercase letter come next; a period does not end one after an
//    abbreviation from abbreviations.txt ("z. B.", "Dr.", "Nr."), after an
//    initial ("Jim F. Farley"; but "Model Y. Danach": a function word from
//    function-words.txt after it starts a sentence), after a one- or two-digit ordinal (before a
//    month or a lowercase word, or after a cue word from ordinal-cues.txt:
//    "am 24. November", "im 3. Quartal"; "Model 3." ends a sentence), after
//    a list label, a one- or two-digit number that starts a sentence
//    ("2. Soziale Bewegungen …");
//  - at a blank line (headlines and paragraphs end sentences without a period).
// Working from the tokens costs no second ICU pass over the text.
//
// Before splitting, `joinAttachedMarks` (AttachedMarks.swift) makes the tokens
// what German corpora count as tokens; it decides with the same rules (where a
// period belongs) as the splitter.

struct SentenceSplitter: Sendable {
    /// Abbreviations written without spaces, e.g. "z.B.", "Dr.".
    let abbreviations: Set<[UInt8]>
    /// Month names after which "24." is an ordinal.
    let months: Set<[UInt8]>
    /// Words before "3." that make it an ordinal ("im 3. Quartal").
    let ordinalCues: Set<[UInt8]>
    /// Emoticons that are one token (";-)", "^^").
    let emoticons: Set<[UInt8]>
    /// Function words, lower case: after "Y." one of them starts a sentence ("Model Y. Danach").
    let functionWords: Set<[UInt8]>
    /// By byte: some emoticon starts with it (most punctuation is rejected with one load).
    let emoticonInitials: [Bool]
    /// The longest emoticon, in bytes.
    private let longestEmoticon: Int
    /// By first byte: bit n (at most 63) set when an abbreviation of n bytes may start
    /// with it (also the capital of a lowercase first letter, as `isAbbreviation` tries).
    /// Most words before a period are no abbreviation: no array, no hashing.
    private let abbreviationLengths: [UInt64]

    init(abbreviations: Set<[UInt8]>, months: Set<[UInt8]>, ordinalCues: Set<[UInt8]>, emoticons: Set<[UInt8]>,
         functionWords: Set<[UInt8]> = []) {
        self.functionWords = functionWords
        self.abbreviations = abbreviations
        self.months = months
        self.ordinalCues = ordinalCues
        self.emoticons = emoticons
        var initials = [Bool](repeating: false, count: 256)
        for emoticon in emoticons { if let first = emoticon.first { initials[Int(first)] = true } }
        emoticonInitials = initials
        longestEmoticon = emoticons.map(\.count).max() ?? 0
        var lengths = [UInt64](repeating: 0, count: 256)
        for abbreviation in abbreviations {
            guard let first = abbreviation.first else { continue }
            let bit: UInt64 = 1 << UInt64(min(abbreviation.count, 63))
            lengths[Int(first)] |= bit
            if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { lengths[Int(first - 32)] |= bit }
        }
        abbreviationLengths = lengths
    }

    static let standard = SentenceSplitter(abbreviations: dataLines(PackageResources.abbreviations_txt),
                                           months: dataLines(PackageResources.months_txt),
                                           ordinalCues: dataLines(PackageResources.ordinal_cues_txt),
                                           emoticons: dataLines(PackageResources.emoticons_txt),
                                           functionWords: dataLines(PackageResources.function_words_txt))

    /// The non-empty, non-comment lines of an embedded data file.
    static func dataLines(_ bytes: [UInt8]) -> Set<[UInt8]> {
        var lines = Set<[UInt8]>()
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let trimmed = line.filter { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: " ") }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            lines.insert(trimmed)
        }
        return lines
    }

    /// Sentences merged where an entity spans their boundary: a sentence never
    /// ends inside a name ("Der ID. Buzz kommt", "J.P. Morgan").
    func joiningSentences(_ sentences: [Sentence], across entities: [Entity]) -> [Sentence] {
        guard sentences.count > 1, !entities.isEmpty else { return sentences }
        var out: [Sentence] = []
        out.reserveCapacity(sentences.count)
        var e = 0
        for sentence in sentences {
            // Entities that end before this sentence starts no longer matter.
            while e < entities.count && entities[e].end <= sentence.span.start { e += 1 }
            if let last = out.last, e < entities.count, entities[e].start < last.span.end, entities[e].end > sentence.span.start {
                out[out.count - 1] = Sentence(span: TextSpan(start: last.span.start, end: sentence.span.end),
                                              tokens: last.tokens.lowerBound..<sentence.tokens.upperBound)
            } else {
                out.append(sentence)
            }
        }
        return out
    }

    /// How many tokens after token `i` belong to an emoticon starting at `i`
    /// (";" "-" ")" is one), written apart from the words around it; 0 if none.
    func emoticonLength(at i: Int, _ tokens: [Token], _ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard i + 1 < tokens.count, tokens[i].kind == .punctuation || tokens[i].kind == .symbol else { return 0 }
        // An emoticon of n bytes has at most n tokens; the longest that fits wins.
        for extra in stride(from: min(longestEmoticon - 1, tokens.count - 1 - i), through: 1, by: -1) {
            let last = i + extra
            guard (i + 1...last).allSatisfy({ !tokens[$0].spaceBefore }) else { continue }
            let after = last + 1
            guard after == tokens.count || tokens[after].spaceBefore || tokens[after].kind == .punctuation else { continue }
            let length = Int(tokens[last].normalizedEnd - tokens[i].normalizedStart)
            guard length <= longestEmoticon else { continue }
            if emoticons.contains(Array(b[Int(tokens[i].normalizedStart)..<Int(tokens[last].normalizedEnd)])) { return extra }
        }
        return 0
    }

    /// ".", "-", "`" and "'" form one token when repeated ("...", "--", "``").
    func isRepeatable(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.normalizedEnd - t.normalizedStart == 1 else { return false }
        let c = b[Int(t.normalizedStart)]
        return c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "`") || c == UInt8(ascii: "'")
    }


    func split(_ tokens: [Token], text: NormalizedText) -> [Sentence] {
        guard !tokens.isEmpty else { return [] }
        return text.bytes.withUnsafeBufferPointer { bytes in
            var sentences: [Sentence] = []
            var first = 0
            var i = 0
            while i < tokens.count {
                var last = i
                var ends = false
                if i + 1 == tokens.count {
                    ends = true
                } else if isTerminal(tokens[i], bytes) {
                    // Take in "?!", "..." and closing quotes or brackets written right after.
                    while last + 1 < tokens.count && !tokens[last + 1].spaceBefore
                        && (isTerminal(tokens[last + 1], bytes) || isClosing(tokens[last + 1], bytes)) {
                        last += 1
                    }
                    if last + 1 == tokens.count {
                        ends = true
                    } else {
                        let next = tokens[last + 1]
                        ends = next.spaceBefore && !startsLowercase(next, bytes)
                            && !(isPeriod(tokens[i], bytes) && periodContinues(at: i, tokens, bytes))
                    }
                }
                if !ends && last + 1 < tokens.count && blankLineBetween(tokens[last], tokens[last + 1], bytes) {
                    ends = true
                }
                if ends {
                    sentences.append(Sentence(span: TextSpan(start: Int(tokens[first].start), end: Int(tokens[last].end)),
                                              tokens: first..<(last + 1)))
                    first = last + 1
                }
                i = last + 1
            }
            return sentences
        }
    }

    // MARK: - Token tests on the match form

    private func bytes(of t: Token, _ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[Int(t.normalizedStart)..<Int(t.normalizedEnd)])
    }

    func isPeriod(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        t.normalizedEnd - t.normalizedStart == 1 && b[Int(t.normalizedStart)] == UInt8(ascii: ".")
    }

    private func isTerminal(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .punctuation else { return false }
        let s = bytes(of: t, b)
        if s.count == 1 { return s[0] == UInt8(ascii: ".") || s[0] == UInt8(ascii: "!") || s[0] == UInt8(ascii: "?") }
        return s.elementsEqual("…".utf8) || s.allSatisfy { $0 == UInt8(ascii: ".") }  // "..."
    }

    private func isClosing(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .punctuation else { return false }
        let s = bytes(of: t, b)
        if s.count == 1 && (s[0] == UInt8(ascii: ")") || s[0] == UInt8(ascii: "]")) { return true }
        return s.allSatisfy { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }  // also "''" as a closing quote
    }

    private func startsLowercase(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let (c, _) = UTF8Scalar.decode(b, at: Int(t.normalizedStart))
        return CharacterClass.of(c).contains(.lower)
    }

    private func blankLineBetween(_ a: Token, _ next: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard next.spaceBefore else { return false }
        var newlines = 0
        for k in Int(a.normalizedEnd)..<Int(next.normalizedStart) where b[k] == UInt8(ascii: "\n") {
            newlines += 1
            if newlines == 2 { return true }
        }
        return false
    }

    /// Whether the period at `i` belongs to the word before it rather than ending the sentence.
    /// `labels: false` leaves out the list-label test (it asks this about the period before).
    func periodContinues(at i: Int, _ tokens: [Token], _ b: UnsafeBufferPointer<UInt8>, labels: Bool = true) -> Bool {
        guard i > 0, !tokens[i].spaceBefore else { return false }
        let prev = tokens[i - 1]
        let word = bytes(of: prev, b)
        switch prev.kind {
        case .number:
            guard i + 1 < tokens.count else { return false }
            let next = tokens[i + 1]
            if months.contains(Array(bytes(of: next, b))) { return true }
            guard word.count <= 2 && word.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
            // A small ordinal: before a lowercase word or a number, or after a cue word ("im 3. Quartal").
            if startsLowercase(next, b) || next.kind == .number { return true }
            // A list label: a small number that starts a sentence ("2. Soziale Bewegungen leiten …").
            if labels && startsSentence(at: i - 1, tokens, b) { return true }
            return i >= 2 && ordinalCues.contains(Array(bytes(of: tokens[i - 2], b)))
        case .word:
            // An initial ("Jim F. Farley", "Claudia B. hat"), unless a capitalized function
            // word follows, which no surname is, or the text ends: "das Model Y. Danach kam
            // der ID.3", "… das Model Y." at the end. Then the sentence ends after the letter.
            let (c, l) = UTF8Scalar.decode(word, at: 0)
            if l == word.count && CharacterClass.of(c).contains(.upper) {
                guard i + 1 < tokens.count else { return false }
                return !(tokens[i + 1].spaceBefore && isFunctionWord(tokens[i + 1], b))
            }
            // Abbreviations, also those of several parts written with or without spaces ("z. B.", "u.a.").
            // Without a period two tokens back there is one candidate: most are ruled out by a bit.
            let severalParts = i >= 3 && isPeriod(tokens[i - 2], b) && !tokens[i - 2].spaceBefore && tokens[i - 3].kind == .word
            guard severalParts || abbreviationLengths[Int(word[0])] & (1 &<< UInt64(min(word.count + 1, 63))) != 0 else { return false }
            var candidate = Array(word) + [UInt8(ascii: ".")]
            if isAbbreviation(candidate) { return true }
            var k = i - 1
            while k >= 2 && isPeriod(tokens[k - 1], b) && !tokens[k - 1].spaceBefore && tokens[k - 2].kind == .word {
                candidate = Array(bytes(of: tokens[k - 2], b)) + [UInt8(ascii: ".")] + candidate
                if isAbbreviation(candidate) { return true }
                k -= 2
            }
            return false
        default:
            return false
        }
    }

    /// Whether token `k` starts a sentence: the first token, the first after a
    /// blank line, or the first after a sentence-ending mark (and closing quotes
    /// or brackets) and a space.
    private func startsSentence(at k: Int, _ tokens: [Token], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if k == 0 { return true }
        guard tokens[k].spaceBefore else { return false }
        if blankLineBetween(tokens[k - 1], tokens[k], b) { return true }
        var end = k - 1
        while end > 0 && isClosing(tokens[end], b) { end -= 1 }
        guard isTerminal(tokens[end], b) else { return false }
        return !isPeriod(tokens[end], b) || !periodContinues(at: end, tokens, b, labels: false)
    }

    /// A capitalized function word ("Danach", "Der"), compared in lower case.
    private func isFunctionWord(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = bytes(of: t, b)
        guard t.kind == .word, word.count <= 16, let f = word.first, f >= UInt8(ascii: "A") && f <= UInt8(ascii: "Z") else {
            return word.first.map { $0 >= 0xC3 } == true && functionWords.contains(Array(String(decoding: word, as: UTF8.self).lowercased().utf8))
        }
        var lowered = Array(word)
        lowered[0] = f + 32
        return functionWords.contains(lowered)
    }

    private func isAbbreviation(_ candidate: [UInt8]) -> Bool {
        if abbreviations.contains(candidate) { return true }
        // Sentence-initial capital of a lowercase abbreviation ("Vgl.", "Bzw.").
        if let f = candidate.first, f >= UInt8(ascii: "A") && f <= UInt8(ascii: "Z") {
            var lowered = candidate
            lowered[0] = f + 32
            return abbreviations.contains(lowered)
        }
        return false
    }
}
