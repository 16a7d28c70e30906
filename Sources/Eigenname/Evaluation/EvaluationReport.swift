// Evaluation output: scores in, text out.
//
//   in:  an EntityEvaluation or TokenEvaluation (and how many mistakes to list),
//        or gold documents to convert
//   out: a readable, aligned table; or one JSON object (pretty, two-space
//        indentation); or interchange JSON Lines for `convert-gold`
//
// JSON layout (entities):
//   {"documents": {"gold", "predicted", "matched", "gold_only", "predicted_only", "text_differs"},
//    "entities": {"gold", "predicted"}, "types": [...],
//    "exact":   {"per_type": {"COMPANY": SCORE, ...}, "micro": SCORE},
//    "partial": {"per_type": {...}, "micro": SCORE},
//    "span":    {"micro": SCORE},
//    "by_source": {"lexicon": PRECISION, "discovered": PRECISION},
//    "canonical": {"per_type": {"COMPANY": {"evaluated", "correct", "accuracy"}}, "micro": {...}},
//    "warnings": [...],
//    "errors": {"false_negatives": [MISTAKE], "false_positives": [MISTAKE]}}   (with --errors only)
//   SCORE = {"precision", "recall", "f1", "tp", "fp", "fn"}; ratios rounded to 6 digits.
//   PRECISION = {"precision", "tp", "fp"}: the exact precision of the predictions
//   with that "source" (gold has no source, so there is no recall).
//   MISTAKE = {"id", "start", "end", "type", "text", "context", "note"}.
// JSON layout (tokens):
//   {"documents": {...}, "tokens": SCORE, "sentences": SCORE, "sentence_ends": SCORE, "warnings": [...],
//    "errors": {"missed_tokens", "spurious_tokens", "missed_sentence_ends", "spurious_sentence_ends"}}
//   with [{"id", "start", "end", "text", "context"}] lists (sentence ends: {"id", "offset", "context"}).

import Foundation

package enum EvaluationReport {
    // MARK: Entities

    package static func table(_ e: EntityEvaluation, errors: Int = 0) -> String {
        var out = ""
        out += documentLine(e.documents)
        out += "Entities:  \(e.goldEntities) gold, \(e.predictedEntities) predicted"
        out += e.types.isEmpty ? "\n" : " (types: \(e.types.joined(separator: ", ")))\n"

        let rowNames = e.types + ["micro"]
        let width = max(5, rowNames.map(\.count).max() ?? 0)
        func scoreTable(_ title: String, _ perType: [String: Score]?, _ micro: Score) {
            out += "\n\(title)\n"
            out += "  " + pad("type", width) + scoreHeader + "\n"
            if let perType {
                for type in e.types { out += "  " + pad(type, width) + scoreRow(perType[type] ?? Score()) + "\n" }
            }
            out += "  " + pad("micro", width) + scoreRow(micro) + "\n"
        }
        scoreTable("Exact (span and type)", e.exact, e.exactMicro)
        scoreTable("Partial overlap (same type, overlapping span, each entity used once)", e.partial, e.partialMicro)
        scoreTable("Span only (type ignored)", nil, e.span)
        out += "\nExact precision by source of the prediction: "
        out += EntitySource.allCases.map { source in
            let s = e.bySource[source] ?? Score()
            let precision = s.truePositives + s.falsePositives == 0 ? "–" : ratio(s.precision)
            return "\(source.rawValue) \(precision) (\(s.truePositives) of \(s.truePositives + s.falsePositives))"
        }.joined(separator: ", ") + "\n"

        out += "\nCanonical name (exact matches whose gold entity has a canonical)\n"
        if e.canonicalMicro.evaluated == 0 {
            out += "  no exact match has a gold canonical name\n"
        } else {
            out += "  " + pad("type", width) + leftPad("accuracy", 10) + leftPad("correct", 9) + leftPad("of", 9) + "\n"
            for type in e.types + ["micro"] {
                let c = type == "micro" ? e.canonicalMicro : e.canonical[type] ?? CanonicalScore()
                let accuracy = c.evaluated == 0 ? "–" : ratio(c.accuracy)
                out += "  " + pad(type, width) + leftPad(accuracy, 10) + leftPad("\(c.correct)", 9)
                    + leftPad("\(c.evaluated)", 9) + "\n"
            }
        }

        if errors > 0 {
            func list(_ title: String, _ mistakes: [EntityMistake]) {
                out += "\n\(title) (\(min(errors, mistakes.count)) of \(mistakes.count))\n"
                for m in mistakes.prefix(errors) {
                    out += "  \(m.documentID) \(m.entity.span) \(m.entity.type) \"\(m.entity.text)\": \(m.note)\n"
                    if !m.context.isEmpty { out += "      \(m.context)\n" }
                }
            }
            list("False negatives", e.falseNegatives)
            list("False positives", e.falsePositives)
        }
        return out
    }

    package static func json(_ e: EntityEvaluation, errors: Int = 0) -> String {
        func perType(_ scores: [String: Score]) -> ReportJSON {
            .object(e.types.map { ($0, scoreJSON(scores[$0] ?? Score())) })
        }
        func canonical(_ c: CanonicalScore) -> ReportJSON {
            .object([("evaluated", .int(c.evaluated)), ("correct", .int(c.correct)), ("accuracy", .ratio(c.accuracy))])
        }
        var members: [(String, ReportJSON)] = [
            ("documents", documentsJSON(e.documents)),
            ("entities", .object([("gold", .int(e.goldEntities)), ("predicted", .int(e.predictedEntities))])),
            ("types", .array(e.types.map(ReportJSON.string))),
            ("exact", .object([("per_type", perType(e.exact)), ("micro", scoreJSON(e.exactMicro))])),
            ("partial", .object([("per_type", perType(e.partial)), ("micro", scoreJSON(e.partialMicro))])),
            ("span", .object([("micro", scoreJSON(e.span))])),
            ("by_source", .object(EntitySource.allCases.map { source in
                let s = e.bySource[source] ?? Score()
                return (source.rawValue, .object([("precision", .ratio(s.precision)), ("tp", .int(s.truePositives)),
                                                  ("fp", .int(s.falsePositives))]))
            })),
            ("canonical", .object([
                ("per_type", .object(e.types.map { ($0, canonical(e.canonical[$0] ?? CanonicalScore())) })),
                ("micro", canonical(e.canonicalMicro)),
            ])),
            ("warnings", .array(e.warnings.map(ReportJSON.string))),
        ]
        if errors > 0 {
            func list(_ mistakes: [EntityMistake]) -> ReportJSON {
                .array(mistakes.prefix(errors).map { m in
                    .object([("id", .string(m.documentID)), ("start", .int(m.entity.start)), ("end", .int(m.entity.end)),
                             ("type", .string(m.entity.type)), ("text", .string(m.entity.text)),
                             ("context", .string(m.context)), ("note", .string(m.note))])
                })
            }
            members.append(("errors", .object([("false_negatives", list(e.falseNegatives)),
                                               ("false_positives", list(e.falsePositives))])))
        }
        return ReportJSON.object(members).rendered() + "\n"
    }

    // MARK: Tokens

    package static func table(_ e: TokenEvaluation, errors: Int = 0) -> String {
        var out = documentLine(e.documents)
        let width = 13
        out += "\n  " + pad("", width) + scoreHeader + "\n"
        out += "  " + pad("tokens", width) + scoreRow(e.tokens) + "\n"
        out += "  " + pad("sentences", width) + scoreRow(e.sentences) + "\n"
        out += "  " + pad("sentence ends", width) + scoreRow(e.sentenceEnds) + "\n"
        if errors > 0 {
            func list(_ title: String, _ mistakes: [SpanMistake], ends: Bool) {
                out += "\n\(title) (\(min(errors, mistakes.count)) of \(mistakes.count))\n"
                for m in mistakes.prefix(errors) {
                    let position = ends ? "at \(m.span.end)" : "\(m.span)"
                    out += "  \(m.documentID) \(position): \(m.context)\n"
                }
            }
            list("Gold tokens not predicted", e.missedTokens, ends: false)
            list("Predicted tokens not in gold", e.spuriousTokens, ends: false)
            list("Gold sentence ends not predicted", e.missedSentenceEnds, ends: true)
            list("Predicted sentence ends not in gold", e.spuriousSentenceEnds, ends: true)
        }
        return out
    }

    package static func json(_ e: TokenEvaluation, errors: Int = 0) -> String {
        var members: [(String, ReportJSON)] = [
            ("documents", documentsJSON(e.documents)),
            ("tokens", scoreJSON(e.tokens)),
            ("sentences", scoreJSON(e.sentences)),
            ("sentence_ends", scoreJSON(e.sentenceEnds)),
            ("warnings", .array(e.warnings.map(ReportJSON.string))),
        ]
        if errors > 0 {
            func spans(_ mistakes: [SpanMistake]) -> ReportJSON {
                .array(mistakes.prefix(errors).map { m in
                    .object([("id", .string(m.documentID)), ("start", .int(m.span.start)), ("end", .int(m.span.end)),
                             ("context", .string(m.context))])
                })
            }
            func ends(_ mistakes: [SpanMistake]) -> ReportJSON {
                .array(mistakes.prefix(errors).map { m in
                    .object([("id", .string(m.documentID)), ("offset", .int(m.span.end)), ("context", .string(m.context))])
                })
            }
            members.append(("errors", .object([
                ("missed_tokens", spans(e.missedTokens)), ("spurious_tokens", spans(e.spuriousTokens)),
                ("missed_sentence_ends", ends(e.missedSentenceEnds)),
                ("spurious_sentence_ends", ends(e.spuriousSentenceEnds)),
            ])))
        }
        return ReportJSON.object(members).rendered() + "\n"
    }

    // MARK: Interchange output for convert-gold

    /// One line of interchange JSON: {"id", "text", "entities": [{"start", "end", "type", "text"}]}
    /// ("canonical" only where the gold has one).
    package static func interchangeLine(_ document: EvaluationDocument) -> String {
        var members: [(String, ReportJSON)] = [("id", .string(document.id)), ("text", .string(document.text ?? ""))]
        members.append(("entities", .array(document.entities.map { entity in
            var fields: [(String, ReportJSON)] = [("start", .int(entity.start)), ("end", .int(entity.end)),
                                                  ("type", .string(entity.type)), ("text", .string(entity.text))]
            if !entity.canonical.isEmpty { fields.append(("canonical", .string(entity.canonical))) }
            return .object(fields)
        })))
        if !document.ignored.isEmpty {
            members.append(("ignore", .array(document.ignored.map { .array([.int($0.start), .int($0.end)]) })))
        }
        return ReportJSON.object(members).rendered(pretty: false)
    }

    /// One line of JSON: {"id", "text", "tokens": [[s, e], …], "sentences": [[s, e], …]}, the gold
    /// spans in the layout of `annotate --tokens` ("entities" left out: CoNLL-U has none).
    package static func interchangeLine(_ document: TokenizedDocument) -> String {
        func pairs(_ spans: [TextSpan]) -> ReportJSON { .array(spans.map { .array([.int($0.start), .int($0.end)]) }) }
        return ReportJSON.object([("id", .string(document.id)), ("text", .string(document.text ?? "")),
                                  ("tokens", pairs(document.tokens)), ("sentences", pairs(document.sentences))])
            .rendered(pretty: false)
    }

    // MARK: Pieces

    private static let scoreHeader = leftPad("precision", 11) + leftPad("recall", 8) + leftPad("F1", 8)
        + leftPad("TP", 8) + leftPad("FP", 8) + leftPad("FN", 8)

    private static func scoreRow(_ s: Score) -> String {
        leftPad(ratio(s.precision), 11) + leftPad(ratio(s.recall), 8) + leftPad(ratio(s.f1), 8)
            + leftPad("\(s.truePositives)", 8) + leftPad("\(s.falsePositives)", 8) + leftPad("\(s.falseNegatives)", 8)
    }

    private static func documentLine(_ d: DocumentAlignment) -> String {
        var line = "Documents: \(d.gold) gold, \(d.predicted) predicted, \(d.matched) matched"
        if !d.goldOnly.isEmpty { line += ", \(d.goldOnly.count) without prediction" }
        if !d.predictedOnly.isEmpty { line += ", \(d.predictedOnly.count) without gold" }
        return line + "\n"
    }

    private static func documentsJSON(_ d: DocumentAlignment) -> ReportJSON {
        .object([("gold", .int(d.gold)), ("predicted", .int(d.predicted)), ("matched", .int(d.matched)),
                 ("gold_only", .array(d.goldOnly.map(ReportJSON.string))),
                 ("predicted_only", .array(d.predictedOnly.map(ReportJSON.string))),
                 ("text_differs", .array(d.textDiffers.map(ReportJSON.string)))])
    }

    private static func scoreJSON(_ s: Score) -> ReportJSON {
        .object([("precision", .ratio(s.precision)), ("recall", .ratio(s.recall)), ("f1", .ratio(s.f1)),
                 ("tp", .int(s.truePositives)), ("fp", .int(s.falsePositives)), ("fn", .int(s.falseNegatives))])
    }

    static func ratio(_ value: Double) -> String { String(format: "%.4f", value) }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) + " "
    }

    private static func leftPad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}

