// Token and sentence scoring: gold and predicted token/sentence spans in, scores out.
//
//   in:  [TokenizedDocument] gold (from CoNLL-U) and predicted (from
//        `annotate --tokens`), matched by id
//   out: TokenEvaluation:
//        - tokens: a predicted token is right when its start and its end both
//          equal those of a gold token (code points);
//        - sentences: a predicted sentence is right when its span equals a
//          gold sentence's span;
//        - sentence ends: the same on the set of sentence END offsets alone
//          (a boundary-level score: one misplaced boundary costs one end, not
//          the two sentences around it; the end of a document counts too);
//        plus the mistakes of each with their context.
//
// Sentence spans are compared after trimming white space at both ends (with
// the document text, when the file has one), so that a splitter that keeps
// the space after a sentence in its span is not penalised for it.
// A document on one side only is scored against an empty one, as for entities.

struct SpanMistake: Sendable, Equatable {
    var documentID: String
    var span: TextSpan
    /// About 40 code points either side, the span marked with [[ ]] (for sentence
    /// ends, the 40 code points before the end and after it); empty without text.
    var context: String
}

package struct TokenEvaluation: Sendable {
    var tokens = Score()
    var sentences = Score()
    var sentenceEnds = Score()
    var documents = DocumentAlignment()
    /// Gold tokens not predicted, predicted tokens not in gold, and so on, in document order.
    var missedTokens: [SpanMistake] = []
    var spuriousTokens: [SpanMistake] = []
    var missedSentenceEnds: [SpanMistake] = []
    var spuriousSentenceEnds: [SpanMistake] = []
    package var warnings: [String] = []

    package init() {}
}

package struct TokenScorer: Sendable {
    var contextWidth: Int

    package init(contextWidth: Int = 40) {
        self.contextWidth = contextWidth
    }

    package func score(gold: [TokenizedDocument], predicted: [TokenizedDocument]) -> TokenEvaluation {
        var predictedByID: [String: Int] = [:]
        for (index, document) in predicted.enumerated() { predictedByID[document.id] = index }
        let goldIDs = Set(gold.map(\.id))
        var evaluation = TokenEvaluation()
        evaluation.documents.gold = gold.count
        evaluation.documents.predicted = predicted.count
        for document in gold {
            if let index = predictedByID[document.id] {
                evaluation.documents.matched += 1
                let other = predicted[index]
                if let a = document.text, let b = other.text, a != b { evaluation.documents.textDiffers.append(document.id) }
                scoreDocument(gold: document, predicted: other, into: &evaluation)
            } else {
                evaluation.documents.goldOnly.append(document.id)
                scoreDocument(gold: document, predicted: nil, into: &evaluation)
            }
        }
        for document in predicted where !goldIDs.contains(document.id) {
            evaluation.documents.predictedOnly.append(document.id)
            scoreDocument(gold: nil, predicted: document, into: &evaluation)
        }
        evaluation.warnings = evaluation.documents.warnings(unit: "tokens and sentences")
        return evaluation
    }

    func scoreDocument(gold: TokenizedDocument?, predicted: TokenizedDocument?, into evaluation: inout TokenEvaluation) {
        let id = gold?.id ?? predicted!.id
        let goldScalars = (gold?.text ?? predicted?.text).map { Array($0.unicodeScalars) }
        let predictedScalars = (predicted?.text ?? gold?.text).map { Array($0.unicodeScalars) }

        func trimmed(_ spans: [TextSpan], _ scalars: [Unicode.Scalar]?) -> [TextSpan] {
            guard let scalars else { return spans }
            return spans.map { span in
                var start = span.start, end = min(span.end, scalars.count)
                while start < end, scalars[start].properties.isWhitespace { start += 1 }
                while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
                return start < end ? TextSpan(start: start, end: end) : span
            }
        }
        let goldSentences = trimmed(gold?.sentences ?? [], goldScalars)
        let predictedSentences = trimmed(predicted?.sentences ?? [], predictedScalars)

        let width = contextWidth
        func spanContext(_ scalars: [Unicode.Scalar]?, _ span: TextSpan) -> String {
            guard let scalars, span.end <= scalars.count else { return "" }
            return EvaluationText.context(scalars, span.start, span.end, width: width)
        }
        func endContext(_ scalars: [Unicode.Scalar]?, _ end: Int) -> String {
            guard let scalars, end <= scalars.count else { return "" }
            return EvaluationText.context(scalars, end, end, width: width)
        }

        // Tokens.
        let (tokenScore, missedTokens, spuriousTokens) = Self.compare(gold?.tokens ?? [], predicted?.tokens ?? [])
        evaluation.tokens += tokenScore
        evaluation.missedTokens += missedTokens.map { SpanMistake(documentID: id, span: $0, context: spanContext(goldScalars, $0)) }
        evaluation.spuriousTokens += spuriousTokens.map {
            SpanMistake(documentID: id, span: $0, context: spanContext(predictedScalars, $0))
        }

        // Sentences.
        let (sentenceScore, _, _) = Self.compare(goldSentences, predictedSentences)
        evaluation.sentences += sentenceScore

        // Sentence ends.
        let goldEnds = goldSentences.map { TextSpan(start: $0.end, end: $0.end) }
        let predictedEnds = predictedSentences.map { TextSpan(start: $0.end, end: $0.end) }
        let (endScore, missedEnds, spuriousEnds) = Self.compare(goldEnds, predictedEnds)
        evaluation.sentenceEnds += endScore
        evaluation.missedSentenceEnds += missedEnds.map {
            SpanMistake(documentID: id, span: $0, context: endContext(goldScalars, $0.end))
        }
        evaluation.spuriousSentenceEnds += spuriousEnds.map {
            SpanMistake(documentID: id, span: $0, context: endContext(predictedScalars, $0.end))
        }
    }

    /// Multiset comparison of spans: the score, and the unmatched gold and predicted spans in offset order.
    static func compare(_ gold: [TextSpan], _ predicted: [TextSpan]) -> (Score, [TextSpan], [TextSpan]) {
        var remaining: [TextSpan: Int] = [:]
        for span in gold { remaining[span, default: 0] += 1 }
        var spurious: [TextSpan] = []
        var matches = 0
        for span in predicted {
            if let count = remaining[span], count > 0 {
                remaining[span] = count - 1
                matches += 1
            } else {
                spurious.append(span)
            }
        }
        var missed: [TextSpan] = []
        for (span, count) in remaining where count > 0 {
            missed += repeatElement(span, count: count)
        }
        let order: (TextSpan, TextSpan) -> Bool = { ($0.start, $0.end) < ($1.start, $1.end) }
        return (Score(truePositives: matches, falsePositives: predicted.count - matches, falseNegatives: gold.count - matches),
                missed.sorted(by: order), spurious.sorted(by: order))
    }
}
