// HTML output: one self-contained page per document, and an index page.
//
//   in:  an AnnotatedDocument (page), or titles, links and counts (index)
//   out: UTF-8 HTML5 bytes
//
// A page holds the text with every entity highlighted by type, a legend, a
// table of the document's entities with their counts, and (given indexHref) a
// link back to the index:
//
//   <mark class="ent t-COMPANY" data-type="COMPANY" data-canonical="Ford Motor Company"
//         data-start="0" data-end="4" data-source="lexicon" title="COMPANY: Ford Motor Company">Ford</mark>
//
// data-start/data-end are code point offsets into the original text, end
// exclusive. The text keeps its line breaks (white-space: pre-wrap). Each type
// shows its name after the span (CSS generated content, not part of the text)
// and the hover title shows type and canonical name.
//
// Where an entity comes from (Entity.source) shows in the underline: solid for a
// lexicon row, dashed for a discovered entity (class "discovered", and
// "(discovered)" in its title); a legend line says so on pages that have a
// discovered entity, and the table has a Source column.
//
// Self-contained: inline CSS only, no JavaScript, no fonts, images or links to
// anything outside the page (index links aside); a Content-Security-Policy
// meta tag (default-src 'none') makes the browser refuse any fetch or script.
//
// Decisions:
// - Colors: each type gets a hue from a stable hash of its name (FNV-1a of the
//   UTF-8, modulo 360), so a type has the same color on every page, in every
//   run and in brat's visual.conf, whatever other types the data has; the type
//   name is also shown after every span, so two types with close hues are still
//   told apart.
// - CSS class of a type: "t-" + the type with characters other than ASCII
//   letters, digits, "-" and "_" written as "_"; when that changed anything, the
//   hash is appended in hex so that two types never share a class.
// - Escaping: &, <, > in text; &, <, >, " in attribute values (always
//   double-quoted). Characters HTML does not allow (C0 controls other than TAB,
//   LF, FF, CR; DEL; C1 controls; noncharacters) are written as U+FFFD, one for
//   one.
// - Overlapping entities (which the recognizer does not produce) cannot all be
//   highlighted: the earlier (then the longer) one is, the table lists all.

enum HTMLOutput {
    /// A self-contained page for `doc`. With `indexHref` (the index page's path
    /// relative to this page, not percent-encoded, e.g. "../index.html") the page
    /// links back to it.
    static func page(_ doc: AnnotatedDocument, indexHref: String? = nil) -> [UInt8] {
        let scalars = FormatText.scalars(doc.utf8)
        let validEntities = doc.entities.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= scalars.count }
        let highlighted = FormatText.nonOverlapping(validEntities, length: scalars.count)
        let types = Array(Set(doc.entities.map(\.type))).sorted()
        var countByType: [String: Int] = [:]
        for entity in doc.entities { countByType[entity.type, default: 0] += 1 }

        var h = HTMLBuilder()
        h.head(title: doc.id + " – Eigenname", style: HTMLStyle.common + HTMLStyle.document + HTMLStyle.typeRules(types))
        h.raw("<header>\n")
        if let indexHref {
            h.raw("<p class=\"back\"><a href=\"")
            h.attribute(percentEncodedPath(indexHref))
            h.raw("\">← All documents</a></p>\n")
        }
        h.raw("<h1>")
        h.text(doc.id)
        h.raw("</h1>\n<p class=\"meta\">")
        h.text("\(doc.entities.count) \(doc.entities.count == 1 ? "entity" : "entities") · \(types.count) \(types.count == 1 ? "type" : "types") · \(doc.sentences.count) \(doc.sentences.count == 1 ? "sentence" : "sentences") · \(doc.tokens.count) tokens · \(scalars.count) characters")
        if !doc.origin.path.isEmpty {
            h.text(" · source: ")
            h.text(doc.origin.description)
        }
        h.raw("</p>\n</header>\n")

        // Legend.
        let hasDiscovered = doc.entities.contains { $0.source == .discovered }
        h.raw("<section class=\"legend\" aria-label=\"Legend\">\n<h2>Legend</h2>\n<ul>\n")
        if types.isEmpty { h.raw("<li class=\"none\">no entities</li>\n") }
        for type in types {
            h.raw("<li><span class=\"swatch ")
            h.text(HTMLStyle.typeClass(type))
            h.raw("\" data-type=\"")
            h.attribute(type)
            h.raw("\"></span> <span class=\"type-name\">")
            h.text(type)
            h.raw("</span> <span class=\"count\">")
            h.text("\(countByType[type] ?? 0)")
            h.raw("</span></li>\n")
        }
        h.raw("</ul>\n")
        if hasDiscovered {
            h.raw("<p class=\"sources\"><span class=\"underline solid\">solid underline</span>: a lexicon row matched · ")
            h.raw("<span class=\"underline dashed\">dashed underline</span>: discovered, no lexicon row lists it</p>\n")
        }
        h.raw("</section>\n")

        // The text.
        h.raw("<main>\n<h2 class=\"visually-hidden\">Text</h2>\n<div class=\"text\" lang=\"de\">")
        var position = 0
        for entity in highlighted {
            h.text(scalars[position..<entity.start])
            let discovered = entity.source == .discovered
            h.mark(entity, classes: discovered ? "ent discovered" : "ent", text: scalars[entity.start..<entity.end],
                   extraAttributes: [("data-source", entity.source.rawValue)],
                   title: discovered ? HTMLBuilder.title(entity) + " (discovered)" : nil)
            position = entity.end
        }
        h.text(scalars[position...])
        h.raw("</div>\n</main>\n")

        // The table: one row per type, canonical name and source.
        struct Row {
            var type: String
            var canonical: String
            var source: EntitySource
            /// The lexicon row's QID (the first entity's: one canonical name, one row).
            var id: String?
            var count = 0
            var forms: [String] = []
        }
        struct RowKey: Hashable {
            var type: String
            var canonical: String
            var source: EntitySource
        }
        var rows: [Row] = []
        var rowIndex: [RowKey: Int] = [:]
        for entity in doc.entities {
            let key = RowKey(type: entity.type, canonical: entity.canonical, source: entity.source)
            let index: Int
            if let existing = rowIndex[key] {
                index = existing
            } else {
                index = rows.count
                rows.append(Row(type: entity.type, canonical: entity.canonical, source: entity.source, id: entity.id))
                rowIndex[key] = index
            }
            rows[index].count += 1
            let form = entity.start >= 0 && entity.start < entity.end && entity.end <= scalars.count
                ? FormatText.string(scalars[entity.start..<entity.end]) : entity.text
            if !rows[index].forms.contains(form) { rows[index].forms.append(form) }
        }
        rows.sort { ($0.type, -$0.count, $0.canonical, $0.source.rawValue) < ($1.type, -$1.count, $1.canonical, $1.source.rawValue) }

        h.raw("<section class=\"entities\">\n<h2>Entities</h2>\n")
        if rows.isEmpty {
            h.raw("<p class=\"none\">No entities in this document.</p>\n")
        } else {
            h.raw("<table>\n<thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Canonical name</th><th scope=\"col\">Source</th><th scope=\"col\" class=\"num\">Mentions</th><th scope=\"col\">In the text</th></tr></thead>\n<tbody>\n")
            for row in rows {
                h.raw("<tr><td>")
                h.typeTag(row.type)
                h.raw("</td><td>")
                h.text(row.canonical)
                if let id = row.id {
                    h.raw(" <span class=\"qid\">")
                    h.text(id)
                    h.raw("</span>")
                }
                h.raw("</td><td class=\"source\">")
                h.text(row.source.rawValue)
                h.raw("</td><td class=\"num\">")
                h.text("\(row.count)")
                h.raw("</td><td class=\"forms\">")
                for (index, form) in row.forms.enumerated() {
                    if index > 0 { h.raw(", ") }
                    h.raw("<q>")
                    h.text(form)
                    h.raw("</q>")
                }
                h.raw("</td></tr>\n")
            }
            h.raw("</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"3\">Total</th><td class=\"num\">")
            h.text("\(doc.entities.count)")
            h.raw("</td><td></td></tr></tfoot>\n</table>\n")
        }
        h.raw("</section>\n")
        h.foot()
        return h.out
    }

    /// One document page in the index.
    typealias IndexEntry = (title: String, href: String, entityCount: Int)

    /// The entity count a page written by `page(_:)` shows ("12 entities · …"),
    /// read back for the index of a resumed run; nil when the bytes are no such page.
    static func entityCount(ofPage bytes: [UInt8]) -> Int? {
        let marker = Array("</h1>\n<p class=\"meta\">".utf8)
        guard let at = bytes.firstRange(of: marker)?.upperBound else { return nil }
        let digits = bytes[at...].prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count < 18 else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// An index page linking document pages. `href` is the page's path relative
    /// to the index, "/"-separated and NOT percent-encoded (the index encodes
    /// it: "a b#1.html" becomes "a%20b%231.html").
    static func index(_ entries: [IndexEntry], title: String = "Eigenname") -> [UInt8] {
        var h = HTMLBuilder()
        h.head(title: title, style: HTMLStyle.common + HTMLStyle.index)
        h.raw("<header>\n<h1>")
        h.text(title)
        h.raw("</h1>\n<p class=\"meta\">")
        let total = entries.reduce(0) { $0 + $1.entityCount }
        h.text("\(entries.count) \(entries.count == 1 ? "document" : "documents") · \(total) \(total == 1 ? "entity" : "entities")")
        h.raw("</p>\n</header>\n<main>\n")
        if entries.isEmpty {
            h.raw("<p class=\"none\">No documents.</p>\n")
        } else {
            h.raw("<table>\n<thead><tr><th scope=\"col\">Document</th><th scope=\"col\" class=\"num\">Entities</th></tr></thead>\n<tbody>\n")
            for entry in entries {
                h.raw("<tr><td><a href=\"")
                h.attribute(percentEncodedPath(entry.href))
                h.raw("\">")
                h.text(entry.title)
                h.raw("</a></td><td class=\"num\">")
                h.text("\(entry.entityCount)")
                h.raw("</td></tr>\n")
            }
            h.raw("</tbody>\n</table>\n")
        }
        h.raw("</main>\n")
        h.foot()
        return h.out
    }

    /// `path` with every byte other than ASCII letters, digits, "-", ".", "_", "~"
    /// and "/" percent-encoded (UTF-8), for use as a relative URL.
    static func percentEncodedPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        // A first segment with ":" would read as a scheme; "%3A" above already prevents that.
        return out
    }
}

/// The colors of a type, from its name alone.
enum TypeColors {
    /// The hue in degrees: FNV-1a of the name, modulo 360.
    static func hue(_ type: String) -> Int { Int(FormatText.stableHash(type) % 360) }

    /// A light background, "#rrggbb".
    static func background(_ type: String) -> String { hex(hue: hue(type), saturation: 0.75, lightness: 0.84) }

    /// A dark accent for borders and labels, "#rrggbb".
    static func accent(_ type: String) -> String { hex(hue: hue(type), saturation: 0.6, lightness: 0.32) }

    static func hex(hue: Int, saturation s: Double, lightness l: Double) -> String {
        // HSL to RGB (CSS Color 4).
        func channel(_ n: Double) -> Int {
            let k = (n + Double(hue) / 30).truncatingRemainder(dividingBy: 12)
            let a = s * min(l, 1 - l)
            let value = l - a * max(-1, min(k - 3, 9 - k, 1))
            return Int((value * 255).rounded())
        }
        let digits = Array("0123456789abcdef")
        var out = "#"
        for value in [channel(0), channel(8), channel(4)] {
            out.append(digits[value >> 4])
            out.append(digits[value & 0xF])
        }
        return out
    }
}

/// The style sheets the pages share.
enum HTMLStyle {
    /// The CSS class of a type (see the decisions above).
    static func typeClass(_ type: String) -> String {
        var name = "t-"
        var changed = type.isEmpty
        for scalar in type.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", "_": name.unicodeScalars.append(scalar)
            default:
                name.unicodeScalars.append("_")
                changed = true
            }
        }
        if changed { name += "-" + String(FormatText.stableHash(type), radix: 16) }
        return name
    }

    /// One rule per type: its colors as custom properties.
    static func typeRules(_ types: [String]) -> String {
        var css = ""
        for type in types {
            css += ".\(typeClass(type)){--bg:\(TypeColors.background(type));--fg:\(TypeColors.accent(type))}\n"
        }
        return css
    }

    static let common = """
        :root{color-scheme:light;--ink:#1d1d1f;--muted:#5f6368;--line:#dadce0;--paper:#ffffff;--wash:#f6f7f9}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:60rem;padding:1.5rem 1.25rem 3rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:var(--paper)}
        h1{font-size:1.6rem;margin:0 0 .2rem;overflow-wrap:anywhere}
        h2{font-size:1.1rem;margin:1.8rem 0 .6rem}
        h3{font-size:1rem;margin:1.4rem 0 .5rem}
        .meta{color:var(--muted);margin:0;font-size:.9rem;overflow-wrap:anywhere}
        .none{color:var(--muted)}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
        thead th{border-bottom:2px solid var(--line);font-weight:600;white-space:nowrap}
        tfoot th,tfoot td{border-bottom:none;font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        a{color:#1a56c4}
        mark{background:var(--bg,#eee);color:inherit;border-radius:.25em;padding:.05em .2em;box-shadow:inset 0 -2px 0 var(--fg,#999);-webkit-box-decoration-break:clone;box-decoration-break:clone}
        mark::after{content:attr(data-type);font-size:.6em;font-weight:700;letter-spacing:.03em;color:var(--fg,#555);margin-left:.35em;vertical-align:.35em;white-space:nowrap}
        .tag{display:inline-block;background:var(--bg,#eee);color:var(--fg,#333);border-radius:.25em;padding:0 .4em;font-size:.8rem;font-weight:700;letter-spacing:.03em}
        .swatch{display:inline-block;width:1.1em;height:1.1em;border-radius:.25em;background:var(--bg,#eee);box-shadow:inset 0 -3px 0 var(--fg,#999);vertical-align:-.2em}

        """

    static let document = """
        .legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
        .legend .type-name{font-weight:600}
        .legend .count{color:var(--muted)}
        .text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.05rem;line-height:1.9;background:var(--wash);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.2rem;margin-top:1.2rem}
        .back{margin:0 0 .4rem;font-size:.9rem}
        .text mark{white-space:pre}
        .forms q{quotes:"„" "“"}
        mark.discovered{box-shadow:none;border-bottom:2px dashed var(--fg,#999);border-bottom-left-radius:0;border-bottom-right-radius:0}
        .sources{margin:.5rem 0 0;font-size:.9rem;color:var(--muted)}
        .sources .underline{color:var(--ink);padding:0 .1em}
        .sources .solid{box-shadow:inset 0 -2px 0 var(--muted)}
        .sources .dashed{border-bottom:2px dashed var(--muted)}

        """

    static let index = """
        main{margin-top:1.2rem}
        td a{overflow-wrap:anywhere}

        """
}

/// HTML written straight into bytes, escaped as described above.
struct HTMLBuilder {
    var out: [UInt8] = []

    mutating func raw(_ string: String) {
        out.append(contentsOf: string.utf8)
    }

    /// An entity type as a coloured tag: `<span class="tag t-…">TYPE</span>`.
    mutating func typeTag(_ type: String) {
        raw("<span class=\"tag ")
        text(HTMLStyle.typeClass(type))
        raw("\">")
        text(type)
        raw("</span>")
    }

    /// The doctype, <head> with the title, the CSP and the style sheet, and <body>.
    mutating func head(title: String, style: String) {
        raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        raw("<meta name=\"generator\" content=\"Eigenname\">\n<title>")
        text(title)
        raw("</title>\n<style>\n")
        raw(style)
        raw("</style>\n</head>\n<body>\n")
    }

    mutating func foot() {
        raw("</body>\n</html>\n")
    }

    /// A highlighted entity: <mark class="CLASSES t-TYPE" data-…>text</mark>.
    mutating func mark(_ entity: Entity, classes: String, text: ArraySlice<Unicode.Scalar>,
                       extraAttributes: [(String, String)] = [], title: String? = nil) {
        raw("<mark class=\"\(classes) ")
        self.text(HTMLStyle.typeClass(entity.type))
        raw("\" data-type=\"")
        attribute(entity.type)
        raw("\" data-canonical=\"")
        attribute(entity.canonical)
        raw("\" data-start=\"\(entity.start)\" data-end=\"\(entity.end)\"")
        for (name, value) in extraAttributes {
            raw(" \(name)=\"")
            attribute(value)
            raw("\"")
        }
        raw(" title=\"")
        attribute(title ?? Self.title(entity))
        raw("\">")
        self.text(text)
        raw("</mark>")
    }

    /// The hover title of an entity: its type, and its canonical name when it has one.
    static func title(_ entity: Entity) -> String {
        entity.canonical.isEmpty ? entity.type : entity.type + ": " + entity.canonical
    }

    mutating func text(_ string: String) {
        append(string.unicodeScalars, attribute: false)
    }

    mutating func text(_ scalars: ArraySlice<Unicode.Scalar>) {
        append(scalars, attribute: false)
    }

    mutating func attribute(_ string: String) {
        append(string.unicodeScalars, attribute: true)
    }

    private mutating func append<S: Sequence>(_ scalars: S, attribute: Bool) where S.Element == Unicode.Scalar {
        for scalar in scalars {
            let v = scalar.value
            switch v {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22 where attribute: out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0C, 0x0D, 0x20..<0x7F: out.append(UInt8(v))
            case 0..<0x20, 0x7F...0x9F, 0xFDD0...0xFDEF: out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default:
                if v & 0xFFFE == 0xFFFE {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFE, U+FFFF, U+1FFFE, …
                } else {
                    FormatText.appendUTF8(scalar, to: &out)
                }
            }
        }
    }
}

/// `--format html`: a page per document and an index of them.
public struct HTMLFormat: OutputFormat {
    /// The HTML (a page per document and an index) format.
    public init() {}
    public var name: String { "html" }
    public var fileExtension: String { "html" }
    public var writesFilePerDocument: Bool { true }
    public var summary: String { "a self-contained page per document and an index.html" }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer { HTMLSerializer() }

    /// The index, when there is a page to list (titles: the pages' paths without ".html").
    public func collectionFiles(_ entries: [CollectionEntry]) -> [OutputFile] {
        guard !entries.isEmpty else { return [] }
        let pages = entries.map { (title: String($0.href.dropLast(".html".count)), href: $0.href, entityCount: $0.entityCount) }
        return [OutputFile(name: "index.html", bytes: HTMLOutput.index(pages))]
    }

    public func collectionEntry(readingBack bytes: [UInt8], relativePath: String) -> CollectionEntry? {
        HTMLOutput.entityCount(ofPage: bytes).map { CollectionEntry(href: relativePath, entityCount: $0, entityTypes: []) }
    }
}

struct HTMLSerializer: DocumentSerializer {
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) -> SerializedDocument {
        let depth = place.directory.split(separator: "/").count
        let name = place.fileStem + ".html"
        let page = HTMLOutput.page(document, indexHref: String(repeating: "../", count: depth) + "index.html")
        return SerializedDocument(files: [OutputFile(name: name, bytes: page)],
                                  entry: CollectionEntry(href: place.path(name), entityCount: document.entities.count, entityTypes: []))
    }
}
