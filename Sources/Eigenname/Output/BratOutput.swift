// brat standoff output: the .ann file that goes beside a document's .txt.
//
//   in:  an AnnotatedDocument (the caller writes doc.utf8 as the .txt beside it)
//   out: UTF-8 .ann lines:
//
//   T1	COMPANY 0 4	Ford
//   #1	AnnotatorNotes T1	Ford Motor Company
//   N1	Reference T1 Wikidata:Q44294	Ford Motor Company
//   T2	PERSON 10 20	Jim Farley
//   #2	AnnotatorNotes T2	Jim Farley
//   T3	COMPANY 30 57	Hansen Fahrzeugtechnik GmbH
//   #3	AnnotatorNotes T3	Hansen Fahrzeugtechnik GmbH
//   A1	Discovered T3
//
// One text-bound annotation ("T") per entity, in the document's entity order,
// numbered from 1; its canonical name as an AnnotatorNotes line ("#"), which
// brat shows when the mouse is over the span; a discovered entity (no lexicon
// row lists it) also gets the binary attribute Discovered ("A" lines, numbered
// from 1), which annotation.conf declares and visual.conf draws as a dashed box,
// as the HTML view underlines it dashed. Entities from a lexicon get no "A" line.
// An entity whose lexicon row has an id gets a normalization ("N") line, brat's
// link of a span to an entry of a knowledge base: "Wikidata:Q44294" for a QID
// (Q and digits), "Lexicon:<id>" for another id (numbered from 1; brat links it
// when the collection's tools.conf names the base, and shows it either way).
// (Readers that want only entities skip "#" and "A" lines; the project's
// BratReader reads only "T" lines.) Offsets are code points, end exclusive:
// brat's server is Python and counts the characters of a Python str, as the
// project's BratReader expects.
//
// Decisions:
// - An entity whose text holds a line break (LF, CR, VT, FF, NEL, U+2028, …:
//   anything Python's splitlines splits at) is written as a discontinuous span,
//   one fragment per line, the break and the white space next to it left out:
//   "T1	COMPANY 0 4;5 10	Ford Motor". The text field joins the fragments
//   with one space, as brat does. brat cannot show a span across lines and an
//   .ann line cannot hold a line break; the first fragment's start and the last
//   one's end are the entity's, so BratReader (which takes min start ..< max
//   end, with a warning) reads the same span back.
// - Types: brat type names have no spaces; white space and control characters
//   in a type are written as "_". Tabs and line breaks in a note become spaces.
// - An entity with an empty or out-of-range span is left out (the numbering
//   stays dense).
// - The source is an attribute, not a second AnnotatorNotes line: brat keeps one
//   note per annotation for its edit dialog (the last one read), so a second note
//   would hide the canonical name there; an attribute is brat's own way to mark
//   a kind of annotation, can be searched and drawn. annotation.conf always
//   declares it, whether or not a document uses it, so the configuration of a
//   collection does not depend on which documents a (resumed) run wrote.
// - `annotationConfiguration` and `visualConfiguration` give the annotation.conf
//   and visual.conf a brat collection needs for these types (visual.conf with
//   the colors of the HTML view), for the caller to write once per output
//   directory.

enum BratOutput {
    /// The .ann content for `doc`.
    static func annotations(_ doc: AnnotatedDocument) -> [UInt8] {
        let scalars = FormatText.scalars(doc.utf8)
        var out: [UInt8] = []
        var number = 0
        var attributeNumber = 0
        var normalizationNumber = 0
        for entity in doc.entities {
            guard entity.start >= 0, entity.start < entity.end, entity.end <= scalars.count else { continue }
            number += 1
            let fragments = self.fragments(scalars, entity.start, entity.end)
            out.append(contentsOf: "T\(number)\t".utf8)
            out.append(contentsOf: typeName(entity.type).utf8)
            for (index, fragment) in fragments.enumerated() {
                out.append(index == 0 ? UInt8(ascii: " ") : UInt8(ascii: ";"))
                out.append(contentsOf: "\(fragment.lowerBound) \(fragment.upperBound)".utf8)
            }
            out.append(0x09)
            for (index, fragment) in fragments.enumerated() {
                if index > 0 { out.append(UInt8(ascii: " ")) }
                for scalar in scalars[fragment] {
                    // Only possible when the whole entity is line breaks (one fragment kept as is).
                    FormatText.appendUTF8(FormatText.isLineBreak(scalar) ? " " : scalar, to: &out)
                }
            }
            out.append(0x0A)
            if !entity.canonical.isEmpty {
                out.append(contentsOf: "#\(number)\tAnnotatorNotes T\(number)\t".utf8)
                appendOneLine(entity.canonical, to: &out)
                out.append(0x0A)
            }
            if let id = entity.id, !id.isEmpty {
                normalizationNumber += 1
                out.append(contentsOf: "N\(normalizationNumber)\tReference T\(number) \(knowledgeBase(of: id)):".utf8)
                appendOneLine(id.replacingOccurrences(of: " ", with: "_"), to: &out)
                out.append(0x09)
                appendOneLine(entity.canonical, to: &out)
                out.append(0x0A)
            }
            if entity.source == .discovered {
                attributeNumber += 1
                out.append(contentsOf: "A\(attributeNumber)\t\(discoveredAttribute) T\(number)\n".utf8)
            }
        }
        return out
    }

    /// The knowledge base an id names an entry of: Wikidata for a QID ("Q44294"), else the lexicon's own ids.
    static func knowledgeBase(of id: String) -> String {
        let u = Array(id.utf8)
        return u.count > 1 && u[0] == UInt8(ascii: "Q") && u.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? "Wikidata" : "Lexicon"
    }

    /// The binary attribute of discovered entities, as annotation.conf declares it.
    static let discoveredAttribute = "Discovered"

    /// annotation.conf for a collection whose documents use `types` (sorted, duplicates removed).
    static func annotationConfiguration(types: [String]) -> [UInt8] {
        var out = "# Written by Eigenname: the entity types of this collection.\n[entities]\n"
        for type in Set(types.map(typeName)).sorted() { out += type + "\n" }
        out += "\n[relations]\n\n[events]\n\n[attributes]\n"
        out += "# An entity that no lexicon row lists, found by the discovery rules.\n"
        out += discoveredAttribute + "\tArg:<ENTITY>\n"
        return Array(out.utf8)
    }

    /// The entity types of an .ann file written by `annotations(_:)` (its "T" lines),
    /// read back for the configuration of a resumed run.
    static func entityTypes(ofAnnotations bytes: [UInt8]) -> Set<String> {
        var types = Set<String>()
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("T") {
            let fields = line.split(separator: "\t", maxSplits: 2)
            if fields.count >= 2, let type = fields[1].split(separator: " ").first { types.insert(String(type)) }
        }
        return types
    }

    /// visual.conf giving each type the background color of the HTML view.
    static func visualConfiguration(types: [String]) -> [UInt8] {
        var out = "# Written by Eigenname: the colors of the HTML view.\n[labels]\n\n[drawing]\n"
        for type in Set(types).sorted() {
            out += typeName(type) + "\tbgColor:" + TypeColors.background(type) + "\n"
        }
        // Discovered entities in a dashed box (the HTML view underlines them dashed).
        out += discoveredAttribute + "\tdashArray:3-3, glyph:<NONE>\n"
        return Array(out.utf8)
    }

    // MARK: Pieces

    /// The code point ranges of the entity's lines: split at line breaks, the
    /// white space next to a break left out, empty pieces dropped.
    static func fragments(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> [Range<Int>] {
        guard scalars[start..<end].contains(where: FormatText.isLineBreak) else { return [start..<end] }
        var result: [Range<Int>] = []
        var pieceStart = start
        var i = start
        while i <= end {
            if i == end || FormatText.isLineBreak(scalars[i]) {
                var lower = pieceStart, upper = i
                if lower > start { while lower < upper, FormatText.isSpaceOrControl(scalars[lower]) { lower += 1 } }
                if upper < end { while upper > lower, FormatText.isSpaceOrControl(scalars[upper - 1]) { upper -= 1 } }
                if lower < upper { result.append(lower..<upper) }
                pieceStart = i + 1
            }
            i += 1
        }
        return result.isEmpty ? [start..<end] : result
    }

    /// A type as brat can carry it: white space and control characters as "_".
    static func typeName(_ type: String) -> String {
        guard type.unicodeScalars.contains(where: FormatText.isSpaceOrControl) else { return type }
        return String(String.UnicodeScalarView(type.unicodeScalars.map { FormatText.isSpaceOrControl($0) ? "_" : $0 }))
    }

    private static func appendOneLine(_ string: String, to out: inout [UInt8]) {
        for scalar in string.unicodeScalars {
            FormatText.appendUTF8(FormatText.isLineBreak(scalar) || scalar == "\t" ? " " : scalar, to: &out)
        }
    }
}

/// `--format brat`: a .txt and an .ann per document, annotation.conf and visual.conf for the collection.
public struct BratFormat: OutputFormat {
    /// The brat (standoff annotation) format.
    public init() {}
    public var name: String { "brat" }
    public var fileExtension: String { "ann" }
    public var writesFilePerDocument: Bool { true }
    public var summary: String { ".txt and .ann (standoff) per document, with annotation.conf" }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer { BratSerializer() }

    /// The configuration always, with the types of every document.
    public func collectionFiles(_ entries: [CollectionEntry]) -> [OutputFile] {
        let types = Set(entries.flatMap(\.entityTypes)).sorted()
        return [OutputFile(name: "annotation.conf", bytes: BratOutput.annotationConfiguration(types: types)),
                OutputFile(name: "visual.conf", bytes: BratOutput.visualConfiguration(types: types))]
    }

    public func collectionEntry(readingBack bytes: [UInt8], relativePath: String) -> CollectionEntry? {
        CollectionEntry(href: relativePath, entityCount: 0, entityTypes: Array(BratOutput.entityTypes(ofAnnotations: bytes)))
    }
}

struct BratSerializer: DocumentSerializer {
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) -> SerializedDocument {
        // The .ann last: it marks the document done for a resumed run.
        SerializedDocument(files: [OutputFile(name: place.fileStem + ".txt", bytes: document.utf8),
                                   OutputFile(name: place.fileStem + ".ann", bytes: BratOutput.annotations(document))],
                           entry: CollectionEntry(href: place.path(place.fileStem + ".ann"), entityCount: document.entities.count,
                                                  entityTypes: Array(Set(document.entities.map(\.type)))))
    }
}
