// The evaluation report as one self-contained HTML page (`evaluate --html FILE`).
//
//   in:  an EntityEvaluation (EntityScorer's result), and optionally the names
//        of the gold and prediction files for the header
//   out: UTF-8 HTML5 bytes: the score tables (exact per type and micro, partial,
//        span only, canonical), the warnings, and every false negative and false
//        positive highlighted in its context, grouped by type
//
// Each mistake is a mark in its context (the ~40 code points either side that
// the scorer's EntityMistake.context holds; EntityScorer(contextWidth:) sets
// the width):
//
//   <mark class="mistake fn t-COMPANY" data-kind="fn" data-type="COMPANY" data-canonical="…"
//         data-start="12" data-end="16" data-doc="doc-7" title="…">Ford</mark>
//
// data-kind is "fn" (a gold entity not predicted) or "fp" (a prediction not in
// gold); data-start/data-end are the entity's code point offsets in its document.
// Self-contained like the document pages (HTMLOutput.swift): inline CSS, no
// JavaScript, a Content-Security-Policy that forbids every fetch.
//
// Nothing is recomputed: every number is the EntityEvaluation's. The context
// string marks the entity with [[ ]]; the marker is found by the entity's length
// in code points (the context holds the document's characters, with line breaks
// and tabs as spaces), so "[[" in the text itself does not confuse it.

package enum EvaluationHTMLReport {
    /// The report page. `goldSource` and `predictedSource` (file names) are shown in the header when given.
    package static func page(_ e: EntityEvaluation, title: String = "Eigenname evaluation",
                            goldSource: String? = nil, predictedSource: String? = nil) -> [UInt8] {
        let mistakeTypes = (e.falseNegatives + e.falsePositives).map(\.entity.type)
        var types = e.types
        for type in mistakeTypes where !types.contains(type) { types.append(type) }

        var h = HTMLBuilder()
        h.head(title: title, style: HTMLStyle.common + style + HTMLStyle.typeRules(types))
        h.raw("<header>\n<h1>")
        h.text(title)
        h.raw("</h1>\n")
        if goldSource != nil || predictedSource != nil {
            h.raw("<p class=\"meta\">")
            if let goldSource {
                h.raw("Gold: <code>")
                h.text(goldSource)
                h.raw("</code>")
            }
            if goldSource != nil && predictedSource != nil { h.raw(" · ") }
            if let predictedSource {
                h.raw("Predictions: <code>")
                h.text(predictedSource)
                h.raw("</code>")
            }
            h.raw("</p>\n")
        }
        let d = e.documents
        var documents = "Documents: \(d.gold) gold, \(d.predicted) predicted, \(d.matched) matched"
        if !d.goldOnly.isEmpty { documents += ", \(d.goldOnly.count) without prediction" }
        if !d.predictedOnly.isEmpty { documents += ", \(d.predictedOnly.count) without gold" }
        h.raw("<p class=\"meta\">")
        h.text(documents + " · Entities: \(e.goldEntities) gold, \(e.predictedEntities) predicted")
        h.raw("</p>\n</header>\n")

        // Headline numbers.
        h.raw("<section class=\"summary\" aria-label=\"Exact match, micro-averaged\">\n")
        for (name, value) in [("Precision", e.exactMicro.precision), ("Recall", e.exactMicro.recall),
                              ("F1", e.exactMicro.f1)] {
            h.raw("<div class=\"figure\"><span class=\"value\">")
            h.text(EvaluationReport.ratio(value))
            h.raw("</span><span class=\"label\">")
            h.text(name + " (exact, micro)")
            h.raw("</span></div>\n")
        }
        h.raw("</section>\n")

        if !e.warnings.isEmpty {
            h.raw("<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n")
            for warning in e.warnings {
                h.raw("<li>")
                h.text(warning)
                h.raw("</li>\n")
            }
            h.raw("</ul>\n</section>\n")
        }

        // Score tables.
        h.raw("<section class=\"scores\">\n<h2>Scores</h2>\n")
        scoreTable(&h, "Exact (span and type)", types: e.types, e.exact, micro: e.exactMicro, id: "exact")
        scoreTable(&h, "Partial overlap (same type, overlapping span, each entity used once)", types: e.types,
                   e.partial, micro: e.partialMicro, id: "partial")
        scoreTable(&h, "Span only (type ignored)", types: [], nil, micro: e.span, id: "span")
        canonicalTable(&h, e)
        h.raw("</section>\n")

        // Mistakes by type.
        var fnByType: [String: [EntityMistake]] = [:]
        var fpByType: [String: [EntityMistake]] = [:]
        for m in e.falseNegatives { fnByType[m.entity.type, default: []].append(m) }
        for m in e.falsePositives { fpByType[m.entity.type, default: []].append(m) }
        h.raw("<section class=\"mistakes\">\n<h2>False negatives and false positives</h2>\n")
        h.raw("<p class=\"meta\"><mark class=\"key fn\">missed</mark> false negative: in gold, not predicted (exactly) · <mark class=\"key fp\">spurious</mark> false positive: predicted, not in gold (exactly)</p>\n")
        if e.falseNegatives.isEmpty && e.falsePositives.isEmpty {
            h.raw("<p class=\"none\">No mistakes: every gold entity was predicted exactly, and nothing else.</p>\n")
        } else {
            h.raw("<nav aria-label=\"Types\"><ul>\n")
            for type in types {
                let fn = fnByType[type]?.count ?? 0, fp = fpByType[type]?.count ?? 0
                guard fn + fp > 0 else { continue }
                h.raw("<li><a href=\"#")
                h.attribute(anchor(type))
                h.raw("\">")
                h.typeTag(type)
                h.raw("</a> ")
                h.text("\(fn) FN, \(fp) FP")
                h.raw("</li>\n")
            }
            h.raw("</ul></nav>\n")
            for type in types {
                let fns = fnByType[type] ?? [], fps = fpByType[type] ?? []
                guard !fns.isEmpty || !fps.isEmpty else { continue }
                h.raw("<section class=\"type\" id=\"")
                h.attribute(anchor(type))
                h.raw("\" data-type=\"")
                h.attribute(type)
                h.raw("\">\n<h3>")
                h.typeTag(type)
                h.raw("</h3>\n")
                mistakeList(&h, "False negatives", fns, kind: "fn")
                mistakeList(&h, "False positives", fps, kind: "fp")
                h.raw("</section>\n")
            }
        }
        h.raw("</section>\n")
        h.foot()
        return h.out
    }

    // MARK: Pieces

    private static func scoreTable(_ h: inout HTMLBuilder, _ title: String, types: [String], _ perType: [String: Score]?,
                                   micro: Score, id: String) {
        h.raw("<h3 id=\"\(id)\">")
        h.text(title)
        h.raw("</h3>\n<table class=\"score\">\n<thead><tr><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Precision</th><th scope=\"col\" class=\"num\">Recall</th><th scope=\"col\" class=\"num\">F1</th><th scope=\"col\" class=\"bar-col\"><span class=\"visually-hidden\">F1 bar</span></th><th scope=\"col\" class=\"num\">TP</th><th scope=\"col\" class=\"num\">FP</th><th scope=\"col\" class=\"num\">FN</th></tr></thead>\n<tbody>\n")
        func row(_ name: String, _ s: Score, isMicro: Bool) {
            h.raw(isMicro ? "<tr class=\"micro\"><th scope=\"row\">micro</th>" : "<tr><th scope=\"row\">")
            if !isMicro {
                h.typeTag(name)
                h.raw("</th>")
            }
            for value in [s.precision, s.recall, s.f1] {
                h.raw("<td class=\"num\">")
                h.text(EvaluationReport.ratio(value))
                h.raw("</td>")
            }
            let percent = String(format: "%.1f", s.f1 * 100)
            h.raw("<td class=\"bar-col\"><span class=\"bar\"><span style=\"width:\(percent)%\"></span></span></td>")
            for count in [s.truePositives, s.falsePositives, s.falseNegatives] {
                h.raw("<td class=\"num\">\(count)</td>")
            }
            h.raw("</tr>\n")
        }
        if let perType {
            for type in types { row(type, perType[type] ?? Score(), isMicro: false) }
        }
        row("micro", micro, isMicro: true)
        h.raw("</tbody>\n</table>\n")
    }

    private static func canonicalTable(_ h: inout HTMLBuilder, _ e: EntityEvaluation) {
        h.raw("<h3 id=\"canonical\">Canonical name (exact matches whose gold entity has a canonical name)</h3>\n")
        guard e.canonicalMicro.evaluated > 0 else {
            h.raw("<p class=\"none\">No exact match has a gold canonical name.</p>\n")
            return
        }
        h.raw("<table class=\"score canonical\">\n<thead><tr><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Accuracy</th><th scope=\"col\" class=\"num\">Correct</th><th scope=\"col\" class=\"num\">Of</th></tr></thead>\n<tbody>\n")
        for type in e.types + ["micro"] {
            let isMicro = type == "micro"
            let c = isMicro ? e.canonicalMicro : e.canonical[type] ?? CanonicalScore()
            if isMicro {
                h.raw("<tr class=\"micro\"><th scope=\"row\">micro</th>")
            } else {
                h.raw("<tr><th scope=\"row\">")
                h.typeTag(type)
                h.raw("</th>")
            }
            h.raw("<td class=\"num\">")
            h.text(c.evaluated == 0 ? "–" : EvaluationReport.ratio(c.accuracy))
            h.raw("</td><td class=\"num\">\(c.correct)</td><td class=\"num\">\(c.evaluated)</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n")
    }

    private static func mistakeList(_ h: inout HTMLBuilder, _ title: String, _ mistakes: [EntityMistake], kind: String) {
        guard !mistakes.isEmpty else { return }
        h.raw("<h4>")
        h.text("\(title) (\(mistakes.count))")
        h.raw("</h4>\n<ol class=\"\(kind)-list\">\n")
        let label = kind == "fn" ? "false negative" : "false positive"
        for m in mistakes {
            h.raw("<li>\n<div class=\"context\">")
            let parts = splitContext(m)
            h.text(parts.left)
            let scalars = Array(parts.middle.unicodeScalars)
            h.mark(m.entity, classes: "mistake \(kind)", text: scalars[...],
                   extraAttributes: [("data-kind", kind), ("data-doc", m.documentID)],
                   title: "\(m.entity.type) \(label): \(m.note)")
            h.text(parts.right)
            h.raw("</div>\n<div class=\"where\"><span class=\"doc\">")
            h.text(m.documentID)
            h.raw("</span> <span class=\"span\">")
            h.text("[\(m.entity.start), \(m.entity.end))")
            h.raw("</span> <span class=\"note\">")
            h.text(m.note)
            h.raw("</span></div>\n</li>\n")
        }
        h.raw("</ol>\n")
    }

    /// The context before the entity, the entity as the context shows it, and the context after it.
    static func splitContext(_ m: EntityMistake) -> (left: String, middle: String, right: String) {
        let context = Array(m.context.unicodeScalars)
        let length = m.entity.end - m.entity.start
        var candidates: [Int] = []  // indices of "[[" with "]]" exactly `length` code points later
        if length > 0, context.count >= length + 4 {
            for i in 0...(context.count - length - 4)
            where context[i] == "[" && context[i + 1] == "[" && context[i + 2 + length] == "]"
                && context[i + 3 + length] == "]" {
                candidates.append(i)
            }
        }
        guard !candidates.isEmpty else {
            // No text to take context from (or an unexpected layout): the entity alone.
            return ("", m.entity.text, "")
        }
        // With several candidates, prefer the one whose left part has the length the
        // scorer gives it: the whole prefix when the context does not start with "…",
        // else as long as the right part (unless the document ends soon after).
        let startsWithEllipsis = context.first == "…"
        let endsWithEllipsis = context.last == "…"
        func fits(_ i: Int) -> Bool {
            let left = i - (startsWithEllipsis ? 1 : 0)
            let right = context.count - (i + 4 + length) - (endsWithEllipsis ? 1 : 0)
            if !startsWithEllipsis { return left == m.entity.start }
            return endsWithEllipsis ? left == right : left >= right
        }
        let i = candidates.first(where: fits) ?? candidates[0]
        return (FormatText.string(context[0..<i]), FormatText.string(context[(i + 2)..<(i + 2 + length)]),
                FormatText.string(context[(i + 4 + length)...]))
    }

    /// The fragment id of a type's section.
    private static func anchor(_ type: String) -> String { "type-" + HTMLStyle.typeClass(type).dropFirst(2) }

    private static let style = """
        code{font-size:.9em;background:var(--wash);padding:.05em .3em;border-radius:.25em}
        .summary{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.2rem}
        .figure{flex:1 1 10rem;background:var(--wash);border:1px solid var(--line);border-radius:.5rem;padding:.7rem 1rem}
        .figure .value{display:block;font-size:1.7rem;font-weight:700;font-variant-numeric:tabular-nums}
        .figure .label{color:var(--muted);font-size:.85rem}
        .warnings li{color:#8a4b00}
        table.score{margin-bottom:.8rem}
        tr.micro th,tr.micro td{font-weight:700;border-top:2px solid var(--line)}
        .bar-col{width:22%}
        .bar{display:block;height:.6rem;margin-top:.45rem;background:var(--wash);border-radius:.3rem;overflow:hidden}
        .bar span{display:block;height:100%;background:#3b7d4f}
        .mistakes nav ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem}
        .mistakes nav a{text-decoration:none}
        h4{font-size:.95rem;margin:1rem 0 .4rem;color:var(--muted)}
        .mistakes ol{padding-left:2.2rem;margin:0}
        .mistakes li{margin:0 0 .7rem}
        .context{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--wash);border:1px solid var(--line);border-radius:.4rem;padding:.35rem .6rem;line-height:1.8}
        .where{font-size:.82rem;color:var(--muted);margin-top:.15rem;overflow-wrap:anywhere}
        .where .doc{font-weight:600;color:var(--ink)}
        .context mark{white-space:pre;margin:0 .2em}
        mark.fn{outline:2px dashed #c5221f;outline-offset:1px}
        mark.fp{outline:2px solid #7b3fb8;outline-offset:1px}
        mark.key{--bg:#fff;--fg:#555;box-shadow:none;margin:0 .35em 0 .15em}
        mark.key::after{content:none}

        """
}
