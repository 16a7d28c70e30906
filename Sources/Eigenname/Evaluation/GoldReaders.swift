// Gold readers: annotated corpora in formats users already have.
//
//   in:  a GermEval 2014 / CoNLL BIO file, a brat standoff directory (.ann
//        beside .txt), or a Universal Dependencies CoNLL-U file
//   out: [EvaluationDocument] (id, rebuilt text, entities in project types)
//        for the entity scorer, or [TokenizedDocument] (id, rebuilt text, gold
//        token and sentence spans) for the token scorer, plus warnings
//
// CoNLL / GermEval (`CoNLLReader`)
//   - Layout, decided once per file from its first token line: GermEval 2014
//     when that line has at least 3 columns, the first being "1" and the third a
//     tag (index, token, outer tag, inner tag); otherwise token in the first
//     column and tag in the last (plain "token TAB tag", also CoNLL-2003 style).
//     Columns are split at tabs, or at runs of spaces in a line without a tab.
//   - Lines starting with "#" that are not token lines are comments; a line
//     "-DOCSTART-" is skipped; a blank line ends a sentence.
//   - Tags: O, B-X, I-X, and also E-X and S-X (BIOES). An I-X or E-X that does
//     not continue an X starts a new entity (as conlleval does). GermEval: only
//     the outer tag (third column) is read; nested inner entities are not
//     scored, as ANNOTATION.md allows no nesting.
//   - Each sentence becomes one document, id "<file stem>-<sentence number>"
//     (1-based, in file order), text = its tokens joined by single spaces.
//   - Labels go through a LabelMap (default ORG=COMPANY, PER=PERSON).
//
// brat standoff (`BratReader`)
//   - Every .ann file below the directory (or the .ann file given) with the
//     .txt of the same name beside it; id = path below the directory without
//     extension ("sub/doc1"; the file stem for a single file).
//   - Only T (text-bound) lines are read: "T1<TAB>TYPE start end<TAB>text".
//     Offsets are code points, like ours: brat's server is Python and counts
//     the characters of a Python str. A discontinuous span
//     "start end;start end" becomes min start ..< max end, with a warning.
//   - Labels go through the same LabelMap.
//
// CoNLL-U (`CoNLLUReader`)
//   - One document per "# newdoc" section (id from "# newdoc id = …", else
//     "<file stem>-<n>"); a file without "# newdoc" is one document with the
//     file stem as id.
//   - Text: tokens joined by one space unless the token has SpaceAfter=No in
//     MISC; sentences joined by exactly one space whatever the last token says,
//     so that a sentence splitter really has to find the boundaries (no line
//     breaks to lean on).
//   - A multiword token (ID "3-4") is ONE token with its surface form, and its
//     SpaceAfter is read from its own line; the word lines it covers are
//     skipped. Empty nodes (ID "5.1") are skipped.
//   - A sentence whose rebuilt form differs from its "# text =" line is a warning.

import Foundation

/// Maps a gold corpus's labels to the project's types.
///
/// A label is looked up in `mapping` first; otherwise GermEval's "part" and
/// "deriv" variants (ORGpart, PERderiv, …) are dropped; otherwise a label that
/// is already a project type (COMPANY, PERSON, MODEL) or a target of the map is
/// kept as it is; everything else (LOC, OTH, …) is dropped.
package struct LabelMap: Sendable, Equatable {
    var mapping: [String: String]

    static let projectTypes: Set<String> = ["COMPANY", "PERSON", "MODEL"]
    /// ORG=COMPANY, PER=PERSON, as for GermEval 2014.
    package static let standard = LabelMap(mapping: ["ORG": "COMPANY", "PER": "PERSON"])

    package init(mapping: [String: String]) {
        self.mapping = mapping
    }

    /// Parses "ORG=COMPANY,PER=PERSON" (an empty string is an empty map).
    package init(parsing text: String) throws(EigennameError) {
        var mapping: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            let from = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let to = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard parts.count == 2, !from.isEmpty, !to.isEmpty else {
                throw .usage("--label-map: \"\(pair)\" is not LABEL=TYPE (example: --label-map ORG=COMPANY,PER=PERSON)")
            }
            mapping[from] = to
        }
        self.mapping = mapping
    }

    /// Whether `label` is a part or deriv variant of a scored label (ORGpart when
    /// ORG is scored): the gold leaves such a span unjudged.
    func isUnjudged(_ label: String) -> Bool {
        for suffix in ["part", "deriv"] where label.hasSuffix(suffix) {
            if type(for: String(label.dropLast(suffix.count))) != nil { return true }
        }
        return false
    }

    /// The project type for `label`, or nil when the label is not scored.
    func type(for label: String) -> String? {
        if let mapped = mapping[label] { return mapped }
        if label.hasSuffix("part") || label.hasSuffix("deriv") { return nil }
        if Self.projectTypes.contains(label) || mapping.values.contains(label) { return label }
        return nil
    }
}

/// An error in a line of a gold file (EigennameError has no case of its own
/// for these; `.io` prints as "path:line: reason").
func goldError(_ path: String, line: Int, _ reason: String) -> EigennameError {
    .io(path: "\(path):\(line)", reason: reason)
}

/// The lines of a decoded file, without line ends (LF or CRLF).
private func lines(of bytes: [UInt8]) -> [Substring] {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.last == "\r" ? line.dropLast() : line
    }
}

/// A note on labels a reader dropped, with their counts.
private func ignoredLabelsNote(_ path: String, _ counts: [String: Int]) -> String? {
    guard !counts.isEmpty else { return nil }
    let list = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    return "\(path): labels not in the label map, ignored: \(list)"
}

// MARK: - CoNLL / GermEval 2014

package enum CoNLLReader {
    /// Reads every file of `path` (a file, or the .tsv, .conll, .bio and .iob files below a directory).
    package static func read(path: String, labelMap: LabelMap = .standard) throws(EigennameError)
        -> LoadedCorpus<EvaluationDocument>
    {
        var corpus = LoadedCorpus<EvaluationDocument>()
        for file in try EvaluationFiles.expand(path, extensions: ["tsv", "conll", "bio", "iob"]) {
            let part = try read(try EvaluationFiles.read(file), path: file, labelMap: labelMap)
            corpus.documents += part.documents
            corpus.warnings += part.warnings
        }
        try InterchangeReader.checkUniqueIDs(corpus.documents.map { ($0.id, $0.origin) })
        return corpus
    }

    private enum Layout { case germEval, tokenFirstTagLast }

    private struct Tag {
        var prefix: Character  // "O", "B", "I", "E", "S"
        var label: String
    }

    private static func tag(_ field: Substring) -> Tag? {
        if field == "O" { return Tag(prefix: "O", label: "") }
        guard field.count > 2, let prefix = field.first, "BIES".contains(prefix),
              field[field.index(after: field.startIndex)] == "-" else { return nil }
        return Tag(prefix: prefix, label: String(field.dropFirst(2)))
    }

    private static func fields(_ line: Substring) -> [Substring] {
        if line.contains("\t") { return line.split(separator: "\t", omittingEmptySubsequences: false) }
        return line.split(separator: " ", omittingEmptySubsequences: true)
    }

    /// The documents of one file's bytes.
    package static func read(_ bytes: [UInt8], path: String, labelMap: LabelMap = .standard) throws(EigennameError)
        -> LoadedCorpus<EvaluationDocument>
    {
        let decoded = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: path), replaceInvalid: false)
        let stem = EvaluationFiles.stem(path)
        var corpus = LoadedCorpus<EvaluationDocument>()
        var layout: Layout?
        var ignored: [String: Int] = [:]

        // The sentence being read.
        var tokens: [(text: Substring, tag: Tag)] = []
        var sentenceLine = 0
        var sentenceNumber = 0
        // Documents marked "# id = …" (as `eigenname annotate --format conll` writes them).
        var documentID: String?
        var documentLine = 0
        var documentText = ""
        var documentLength = 0
        var documentEntities: [Entity] = []

        func finishSentence() {
            guard !tokens.isEmpty else { return }
            sentenceNumber += 1
            var text = ""
            var starts: [Int] = []
            var ends: [Int] = []
            var offset = 0
            for (index, token) in tokens.enumerated() {
                if index > 0 {
                    text += " "
                    offset += 1
                }
                starts.append(offset)
                text += token.text
                offset += token.text.unicodeScalars.count
                ends.append(offset)
            }
            // Spans of raw labels, then mapped.
            var spans: [(first: Int, last: Int, label: String)] = []
            var open: (first: Int, label: String)?
            for (index, token) in tokens.enumerated() {
                let tag = token.tag
                switch tag.prefix {
                case "O":
                    if let o = open { spans.append((o.first, index - 1, o.label)) }
                    open = nil
                case "I", "E":
                    if let o = open, o.label == tag.label { break }
                    fallthrough
                default:  // B, S, or an I/E that does not continue the open entity
                    if let o = open { spans.append((o.first, index - 1, o.label)) }
                    open = (index, tag.label)
                }
                if tag.prefix == "E" || tag.prefix == "S", let o = open {
                    spans.append((o.first, index, o.label))
                    open = nil
                }
            }
            if let o = open { spans.append((o.first, tokens.count - 1, o.label)) }

            let scalars = Array(text.unicodeScalars)
            var entities: [Entity] = []
            var unjudged: [TextSpan] = []
            for span in spans {
                guard let type = labelMap.type(for: span.label) else {
                    ignored[span.label, default: 0] += 1
                    if labelMap.isUnjudged(span.label) { unjudged.append(TextSpan(start: starts[span.first], end: ends[span.last])) }
                    continue
                }
                let start = starts[span.first], end = ends[span.last]
                entities.append(Entity(start: start, end: end, type: type,
                                       text: EvaluationText.slice(scalars, start, end), canonical: ""))
            }
            tokens.removeAll(keepingCapacity: true)
            guard documentID != nil else {
                corpus.documents.append(EvaluationDocument(id: "\(stem)-\(sentenceNumber)", text: text, entities: entities,
                                                           origin: DocumentOrigin(path: path, line: sentenceLine),
                                                           ignored: unjudged))
                return
            }
            // Under a "# id = …" line: the sentence joins its document, on a line of its own.
            if !documentText.isEmpty {
                documentText += "\n"
                documentLength += 1
            }
            for entity in entities {
                documentEntities.append(Entity(start: entity.start + documentLength, end: entity.end + documentLength,
                                               type: entity.type, text: entity.text, canonical: entity.canonical,
                                               source: entity.source))
            }
            documentText += text
            documentLength += scalars.count
        }

        func finishDocument() {
            finishSentence()
            guard let id = documentID else { return }
            corpus.documents.append(EvaluationDocument(id: id, text: documentText, entities: documentEntities,
                                                       origin: DocumentOrigin(path: path, line: documentLine)))
            documentText = ""
            documentLength = 0
            documentEntities = []
        }

        for (index, line) in lines(of: decoded).enumerated() {
            let lineNumber = index + 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finishSentence()
                continue
            }
            if line.hasPrefix("# id = ") {
                finishDocument()
                documentID = String(line.dropFirst("# id = ".count)).trimmingCharacters(in: .whitespaces)
                documentLine = lineNumber
                continue
            }
            let columns = fields(line)
            if columns.first == "-DOCSTART-" {
                finishSentence()
                continue
            }
            if layout == nil, !line.hasPrefix("#") || (columns.count >= 2 && tag(columns[columns.count - 1]) != nil) {
                layout = columns.count >= 3 && columns[0] == "1" && tag(columns[2]) != nil ? .germEval : .tokenFirstTagLast
            }
            let token: Substring
            let tagField: Substring
            switch layout {
            case .germEval?:
                guard columns.count >= 3, columns[0].allSatisfy(\.isNumber), let _ = tag(columns[2]) else {
                    if line.hasPrefix("#") { continue }
                    throw goldError(path, line: lineNumber,
                                    "expected GermEval columns: index TAB token TAB outer tag TAB inner tag")
                }
                token = columns[1]
                tagField = columns[2]
            case .tokenFirstTagLast?:
                let last = columns.lastIndex(where: { !$0.isEmpty }) ?? 0
                guard columns.count >= 2, last >= 1, tag(columns[last]) != nil else {
                    if line.hasPrefix("#") { continue }
                    throw goldError(path, line: lineNumber,
                                    "expected a token and a BIO tag (O, B-X, I-X), found \"\(line)\"")
                }
                token = columns[0]
                tagField = columns[last]
            case nil:
                continue  // a comment before the first token line
            }
            guard !token.isEmpty else { throw goldError(path, line: lineNumber, "empty token") }
            if tokens.isEmpty { sentenceLine = lineNumber }
            tokens.append((token, tag(tagField)!))
        }
        finishDocument()
        if let note = ignoredLabelsNote(path, ignored) { corpus.warnings.append(note) }
        return corpus
    }
}

// MARK: - brat standoff

package enum BratReader {
    /// Reads a directory of .ann files (each with its .txt beside it) or one .ann file.
    package static func read(path: String, labelMap: LabelMap = .standard) throws(EigennameError)
        -> LoadedCorpus<EvaluationDocument>
    {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        var annPath = path
        if exists, !isDirectory.boolValue, path.hasSuffix(".txt") {
            annPath = String(path.dropLast(4)) + ".ann"
        }
        let annFiles = try EvaluationFiles.expand(annPath, extensions: ["ann"])
        let base = isDirectory.boolValue ? (path.hasSuffix("/") ? path : path + "/") : nil
        var corpus = LoadedCorpus<EvaluationDocument>()
        for ann in annFiles {
            let txt = String(ann.dropLast(4)) + ".txt"
            let id: String
            if let base, ann.hasPrefix(base) {
                id = String(ann.dropFirst(base.count).dropLast(4))
            } else {
                id = EvaluationFiles.stem(ann)
            }
            guard FileManager.default.fileExists(atPath: txt) else {
                throw .io(path: ann, reason: "no text file \(txt) beside it")
            }
            let text = try TextDecoding.decode(try EvaluationFiles.read(txt), origin: DocumentOrigin(path: txt),
                                               replaceInvalid: false)
            let part = try read(annotations: try EvaluationFiles.read(ann), annPath: ann,
                                text: String(decoding: text, as: UTF8.self), id: id, labelMap: labelMap)
            corpus.documents += part.documents
            corpus.warnings += part.warnings
        }
        return corpus
    }

    /// One document from the bytes of its .ann file and its text.
    package static func read(annotations bytes: [UInt8], annPath: String, text: String, id: String,
                            labelMap: LabelMap = .standard) throws(EigennameError) -> LoadedCorpus<EvaluationDocument> {
        let decoded = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: annPath), replaceInvalid: false)
        let scalars = Array(text.unicodeScalars)
        var corpus = LoadedCorpus<EvaluationDocument>()
        var ignored: [String: Int] = [:]
        var entities: [Entity] = []
        for (index, line) in lines(of: decoded).enumerated() {
            let lineNumber = index + 1
            guard line.hasPrefix("T") else { continue }  // relations, events, attributes, notes, comments
            let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard columns.count >= 2 else {
                throw goldError(annPath, line: lineNumber, "expected \"T1<TAB>TYPE start end<TAB>text\"")
            }
            let typeAndOffsets = columns[1]
            guard let space = typeAndOffsets.firstIndex(of: " ") else {
                throw goldError(annPath, line: lineNumber, "expected \"TYPE start end\", found \"\(typeAndOffsets)\"")
            }
            let label = String(typeAndOffsets[..<space])
            var fragments: [(Int, Int)] = []
            for fragment in typeAndOffsets[typeAndOffsets.index(after: space)...].split(separator: ";") {
                let numbers = fragment.split(separator: " ")
                guard numbers.count == 2, let start = Int(numbers[0]), let end = Int(numbers[1]),
                      start >= 0, start < end, end <= scalars.count else {
                    throw goldError(annPath, line: lineNumber,
                                    "bad offsets \"\(fragment)\" (need 0 ≤ start < end ≤ \(scalars.count), the text length in code points)")
                }
                fragments.append((start, end))
            }
            guard !fragments.isEmpty else { throw goldError(annPath, line: lineNumber, "no offsets") }
            let start = fragments.map(\.0).min()!, end = fragments.map(\.1).max()!
            let covered = EvaluationText.slice(scalars, start, end)
            if fragments.count > 1 {
                corpus.warnings.append("\(annPath):\(lineNumber): discontinuous span \(typeAndOffsets[typeAndOffsets.index(after: space)...]) taken as [\(start), \(end)) \"\(covered)\"")
            } else if columns.count == 3, columns[2] != covered {
                corpus.warnings.append("\(annPath):\(lineNumber): text \"\(columns[2])\" differs from the text at [\(start), \(end)): \"\(covered)\"")
            }
            guard let type = labelMap.type(for: label) else {
                ignored[label, default: 0] += 1
                continue
            }
            entities.append(Entity(start: start, end: end, type: type, text: covered, canonical: ""))
        }
        entities.sort { ($0.start, $0.end, $0.type) < ($1.start, $1.end, $1.type) }
        corpus.documents.append(EvaluationDocument(id: id, text: text, entities: entities, origin: DocumentOrigin(path: annPath)))
        if let note = ignoredLabelsNote(annPath, ignored) { corpus.warnings.append(note) }
        return corpus
    }
}

// MARK: - CoNLL-U

package enum CoNLLUReader {
    /// Reads a CoNLL-U file.
    package static func read(path: String) throws(EigennameError) -> LoadedCorpus<TokenizedDocument> {
        try read(try EvaluationFiles.read(path), path: path)
    }

    /// The documents of a CoNLL-U file's bytes.
    package static func read(_ bytes: [UInt8], path: String) throws(EigennameError) -> LoadedCorpus<TokenizedDocument> {
        let decoded = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: path), replaceInvalid: false)
        let stem = EvaluationFiles.stem(path)
        var corpus = LoadedCorpus<TokenizedDocument>()

        // The document being built.
        var documentID: String?
        var documentLine = 1
        var documentCount = 0
        var text = ""
        var offset = 0  // code points in `text`
        var tokens: [TextSpan] = []
        var sentences: [TextSpan] = []
        // The sentence being read.
        var sentenceTokens = 0
        var sentenceStart = 0
        var spaceAfterPrevious = true
        var coveredUntil = 0  // the last word ID covered by a multiword token
        var declaredText: Substring?
        var sentenceLine = 0
        var mismatches: [String] = []

        func finishSentence() {
            defer {
                sentenceTokens = 0
                coveredUntil = 0
                declaredText = nil
            }
            guard sentenceTokens > 0 else { return }
            let span = TextSpan(start: sentenceStart, end: offset)
            sentences.append(span)
            if let declaredText {
                let rebuilt = String(text.unicodeScalars.suffix(span.length))
                if rebuilt != declaredText.trimmingCharacters(in: .whitespaces) {
                    mismatches.append("\(path):\(sentenceLine)")
                }
            }
        }

        func finishDocument() {
            finishSentence()
            guard !sentences.isEmpty else { return }
            let id = documentID ?? "\(stem)-\(documentCount)"
            corpus.documents.append(TokenizedDocument(id: id, text: text, tokens: tokens, sentences: sentences,
                                                      origin: DocumentOrigin(path: path, line: documentLine)))
            text = ""
            offset = 0
            tokens = []
            sentences = []
        }

        var sawNewdoc = false
        for (index, line) in lines(of: decoded).enumerated() {
            let lineNumber = index + 1
            if line.hasPrefix("#") {
                let comment = line.dropFirst().drop(while: { $0 == " " })
                if comment.hasPrefix("newdoc") {
                    finishDocument()
                    sawNewdoc = true
                    documentCount += 1
                    documentLine = lineNumber
                    let rest = comment.dropFirst("newdoc".count).drop(while: { $0 == " " })
                    if rest.hasPrefix("id"), let equals = rest.firstIndex(of: "=") {
                        let value = rest[rest.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                        documentID = value.isEmpty ? nil : value
                    } else {
                        documentID = nil
                    }
                } else if comment.hasPrefix("text"),
                          let equals = comment.firstIndex(of: "="),
                          comment[comment.startIndex..<equals].trimmingCharacters(in: .whitespaces) == "text" {
                    declaredText = comment[comment.index(after: equals)...]
                }
                continue
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finishSentence()
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 else {
                throw goldError(path, line: lineNumber, "expected 10 tab-separated columns, found \(columns.count)")
            }
            let idField = columns[0]
            if let dash = idField.firstIndex(of: "-") {
                guard let first = Int(idField[..<dash]), let last = Int(idField[idField.index(after: dash)...]),
                      first <= last else {
                    throw goldError(path, line: lineNumber, "bad multiword token ID \"\(idField)\"")
                }
                coveredUntil = last
            } else if idField.contains(".") {
                continue  // an empty node: no surface
            } else {
                guard let word = Int(idField), word >= 1 else {
                    throw goldError(path, line: lineNumber, "bad token ID \"\(idField)\"")
                }
                if word <= coveredUntil { continue }  // part of a multiword token
            }
            let form = columns[1]
            guard !form.isEmpty else { throw goldError(path, line: lineNumber, "empty FORM") }
            if sentenceTokens == 0 {
                if !sentences.isEmpty {
                    text += " "
                    offset += 1
                }
                sentenceStart = offset
                sentenceLine = lineNumber
                if !sawNewdoc && documentCount == 0 && sentences.isEmpty {
                    documentCount = 1
                    documentID = documentID ?? stem
                    documentLine = lineNumber
                }
            } else if spaceAfterPrevious {
                text += " "
                offset += 1
            }
            let start = offset
            text += form
            offset += form.unicodeScalars.count
            tokens.append(TextSpan(start: start, end: offset))
            sentenceTokens += 1
            spaceAfterPrevious = !columns[9].split(separator: "|").contains("SpaceAfter=No")
        }
        finishDocument()
        if !mismatches.isEmpty {
            corpus.warnings.append("\(mismatches.count) sentence(s) rebuilt differently from their \"# text =\" line (first at \(mismatches[0]))")
        }
        return corpus
    }
}
