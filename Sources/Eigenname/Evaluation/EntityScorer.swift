// Entity scoring: gold and predicted documents in, counts and scores out.
//
//   in:  [EvaluationDocument] gold and predicted (matched by id), optionally a
//        list of the types to score
//   out: EntityEvaluation: per type and micro-averaged
//        - exact: span and type equal (each gold and prediction used once);
//        - partial: same type and overlapping spans, each gold and prediction
//          used at most once (a maximum matching, so the counts do not depend
//          on the order of the entities);
//        - span: start and end equal, type ignored (micro only);
//        - canonical: on exact matches whose gold entity has a canonical name,
//          the share whose predicted canonical is the same;
//        - by source: the exact true and false positives of the predictions
//          per source ("lexicon", "discovered"), for their precision. Only
//          this count looks at the source: every other score ignores it
//          (ANNOTATION.md, rule 14), and gold has none;
//        plus every false negative and false positive of the exact scores with
//        its context, and the documents found on one side only.
//
// A document on one side only is scored against an empty document: its
// entities are all false negatives (gold) or false positives (prediction).
// Precision, recall and F1 are 0 when their denominator is 0.

/// True positive, false positive and false negative counts, and the scores from them.
public struct Score: Sendable, Equatable {
    /// Matches: predictions that count as gold entities.
    public var truePositives: Int
    /// Predictions without a gold entity.
    public var falsePositives: Int
    /// Gold entities without a prediction.
    public var falseNegatives: Int

    /// Creates a score from counts (all 0: nothing scored yet).
    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// True positives over predictions (0 without predictions).
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    /// True positives over gold entities (0 without gold entities).
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    /// The sum of two scores' counts.
    public static func + (a: Score, b: Score) -> Score {
        Score(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
              falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    /// Adds `b`'s counts to `a`.
    public static func += (a: inout Score, b: Score) { a = a + b }
}

/// Canonical names checked and found right.
public struct CanonicalScore: Sendable, Equatable {
    /// Exact matches whose gold entity has a canonical name.
    public var evaluated: Int
    /// Of those, the ones whose prediction has the same canonical name.
    public var correct: Int

    /// Creates a canonical score from counts.
    public init(evaluated: Int = 0, correct: Int = 0) {
        self.evaluated = evaluated
        self.correct = correct
    }

    /// The share of canonical names found right (0 when none was evaluated).
    public var accuracy: Double { Score.ratio(correct, evaluated) }

    /// The sum of two canonical scores' counts.
    public static func + (a: CanonicalScore, b: CanonicalScore) -> CanonicalScore {
        CanonicalScore(evaluated: a.evaluated + b.evaluated, correct: a.correct + b.correct)
    }
}

/// How the documents of the two sides matched up.
struct DocumentAlignment: Sendable, Equatable {
    var gold = 0
    var predicted = 0
    /// Ids found on both sides.
    var matched = 0
    /// Ids of gold documents without a prediction, in gold order.
    var goldOnly: [String] = []
    /// Ids of predicted documents without gold, in prediction order.
    var predictedOnly: [String] = []
    /// Ids of matched documents whose texts differ (both sides giving one).
    var textDiffers: [String] = []

    init() {}

    /// One line each for documents on one side only and for differing texts.
    package func warnings(goldNoun: String = "gold", unit: String = "entities") -> [String] {
        func list(_ ids: [String]) -> String {
            let shown = ids.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            return ids.count > 5 ? shown + ", …" : shown
        }
        var lines: [String] = []
        if !goldOnly.isEmpty {
            lines.append("\(goldOnly.count) \(goldNoun) document(s) have no prediction; their \(unit) count as false negatives: \(list(goldOnly))")
        }
        if !predictedOnly.isEmpty {
            lines.append("\(predictedOnly.count) predicted document(s) have no gold; their \(unit) count as false positives: \(list(predictedOnly))")
        }
        if !textDiffers.isEmpty {
            lines.append("\(textDiffers.count) document(s) have a different text in gold and prediction, so offsets may not line up: \(list(textDiffers))")
        }
        return lines
    }
}

/// A false negative or false positive, with where it is.
public struct EntityMistake: Sendable, Equatable {
    /// The id of the document the mistake is in.
    public var documentID: String
    /// The gold entity (false negative) or predicted entity (false positive).
    public var entity: Entity
    /// About 40 code points either side, the entity marked with [[ ]]; empty without text.
    public var context: String
    /// What the other side has there: "missed", "spurious", "wrong type: …", "boundary: …", "overlaps …".
    public var note: String
}

/// The result of ``EntityScorer/score(gold:predicted:)``: scores per type and micro-averaged, and the mistakes.
public struct EntityEvaluation: Sendable {
    /// The types reported, in report order.
    public var types: [String]
    /// Exact scores per type: span and type equal.
    public var exact: [String: Score] = [:]
    /// Exact scores over all types (micro-average).
    public var exactMicro = Score()
    /// Partial scores per type: same type and overlapping spans, each entity used at most once.
    public var partial: [String: Score] = [:]
    /// Partial scores over all types (micro-average).
    public var partialMicro = Score()
    /// Type ignored; micro only.
    public var span = Score()
    /// Canonical names per type, on exact matches whose gold entity has one.
    public var canonical: [String: CanonicalScore] = [:]
    /// Canonical names over all types.
    public var canonicalMicro = CanonicalScore()
    /// Exact true and false positives of the predictions, by their ``Entity/source``, for
    /// the precision of each source (false negatives are 0: gold entities have no source).
    /// Every source is present, with zero counts when no prediction has it.
    public var bySource: [EntitySource: Score] = Dictionary(uniqueKeysWithValues: EntitySource.allCases.map { ($0, Score()) })
    var documents = DocumentAlignment()
    /// Counts of gold and predicted entities that were scored (after the type filter).
    public var goldEntities = 0
    /// The count of predicted entities scored (after the type filter).
    public var predictedEntities = 0
    /// Exact-score mistakes in document order, then by offset.
    public var falseNegatives: [EntityMistake] = []
    /// Exact-score false positives, in document order, then by offset.
    public var falsePositives: [EntityMistake] = []
    /// Problems found while reading the input, then while aligning documents.
    public var warnings: [String] = []
}

/// Scores predicted entities against gold entities: exact, partial, span-only and canonical-name scores.
/// 
/// Documents are matched by id; a document on one side only is scored against an empty one.
public struct EntityScorer: Sendable {
    /// Score only these types (all other entities on both sides are dropped); nil scores all.
    public var types: [String]?
    /// Code points of context either side in mistakes.
    public var contextWidth: Int

    /// Creates a scorer for `types` (nil: every type), with `contextWidth` code points of context either side of each mistake.
    public init(types: [String]? = nil, contextWidth: Int = 40) {
        var seen = Set<String>()
        self.types = types?.filter { seen.insert($0).inserted }
        self.contextWidth = contextWidth
    }

    /// Scores `predicted` against `gold`, documents matched by id. Offsets are code point offsets, end exclusive.
    public func score(gold: [EvaluationDocument], predicted: [EvaluationDocument]) -> EntityEvaluation {
        let typeFilter = types.map(Set.init)
        func keep(_ entities: [Entity]) -> [Entity] {
            guard let typeFilter else { return entities }
            return entities.filter { typeFilter.contains($0.type) }
        }
        var predictedByID: [String: Int] = [:]
        for (index, document) in predicted.enumerated() { predictedByID[document.id] = index }
        let goldIDs = Set(gold.map(\.id))

        var evaluation = EntityEvaluation(types: [])
        evaluation.documents.gold = gold.count
        evaluation.documents.predicted = predicted.count
        var seenTypes = Set<String>()
        var unjudgedPredictions = 0

        func add(_ goldDocument: EvaluationDocument?, _ predictedDocument: EvaluationDocument?) {
            let goldEntities = keep(goldDocument?.entities ?? [])
            var predictedEntities = keep(predictedDocument?.entities ?? [])
            // Texts that differ only in white space (pre-tokenized gold such as CoNLL: tokens joined
            // by spaces) are aligned character by character, so offsets refer to the gold text.
            if let g = goldDocument?.text, let p = predictedDocument?.text, g != p,
               let aligned = EvaluationText.alignedIgnoringWhiteSpace(predictedEntities, from: p, to: g) {
                predictedEntities = aligned
            }
            // Predictions inside spans the gold leaves unjudged are not scored.
            if let unjudged = goldDocument?.ignored, !unjudged.isEmpty {
                let before = predictedEntities.count
                predictedEntities.removeAll { e in unjudged.contains { $0.start < e.end && e.start < $0.end } }
                unjudgedPredictions += before - predictedEntities.count
            }
            let id = goldDocument?.id ?? predictedDocument!.id
            for entity in goldEntities { seenTypes.insert(entity.type) }
            for entity in predictedEntities { seenTypes.insert(entity.type) }
            evaluation.goldEntities += goldEntities.count
            evaluation.predictedEntities += predictedEntities.count
            scoreDocument(id: id, gold: goldEntities, predicted: predictedEntities,
                          goldText: goldDocument?.text, predictedText: predictedDocument?.text, into: &evaluation)
        }

        for document in gold {
            if let index = predictedByID[document.id] {
                evaluation.documents.matched += 1
                let other = predicted[index]
                if let a = document.text, let b = other.text, a != b { evaluation.documents.textDiffers.append(document.id) }
                add(document, other)
            } else {
                evaluation.documents.goldOnly.append(document.id)
                add(document, nil)
            }
        }
        for document in predicted where !goldIDs.contains(document.id) {
            evaluation.documents.predictedOnly.append(document.id)
            add(nil, document)
        }

        evaluation.types = types ?? seenTypes.sorted()
        for type in evaluation.types {
            evaluation.exact[type, default: Score()] += Score()
            evaluation.partial[type, default: Score()] += Score()
            if evaluation.canonical[type] == nil { evaluation.canonical[type] = CanonicalScore() }
        }
        evaluation.exactMicro = evaluation.exact.values.reduce(Score(), +)
        evaluation.partialMicro = evaluation.partial.values.reduce(Score(), +)
        evaluation.canonicalMicro = evaluation.canonical.values.reduce(CanonicalScore(), +)
        evaluation.warnings = evaluation.documents.warnings()
        if unjudgedPredictions > 0 {
            evaluation.warnings.append("\(unjudgedPredictions) prediction(s) inside spans the gold leaves unjudged (part/deriv labels) were not scored")
        }
        return evaluation
    }

    /// Adds one document's counts and mistakes to `evaluation`.
    func scoreDocument(id: String, gold: [Entity], predicted: [Entity], goldText: String?, predictedText: String?,
                       into evaluation: inout EntityEvaluation) {
        struct Key: Hashable {
            var start: Int, end: Int, type: String
        }
        // Exact: pair each prediction with an unused gold entity of the same span and type.
        var unmatchedGold: [Key: [Int]] = [:]
        for (index, entity) in gold.enumerated().reversed() {
            unmatchedGold[Key(start: entity.start, end: entity.end, type: entity.type), default: []].append(index)
        }
        var goldMatched = [Bool](repeating: false, count: gold.count)
        var predictedMatched = [Bool](repeating: false, count: predicted.count)
        for (p, entity) in predicted.enumerated() {
            let key = Key(start: entity.start, end: entity.end, type: entity.type)
            guard let g = unmatchedGold[key]?.popLast() else { continue }
            goldMatched[g] = true
            predictedMatched[p] = true
            evaluation.exact[entity.type, default: Score()].truePositives += 1
            if !gold[g].canonical.isEmpty {
                evaluation.canonical[entity.type, default: CanonicalScore()].evaluated += 1
                if gold[g].canonical == entity.canonical {
                    evaluation.canonical[entity.type, default: CanonicalScore()].correct += 1
                }
            }
        }
        for (g, entity) in gold.enumerated() where !goldMatched[g] {
            evaluation.exact[entity.type, default: Score()].falseNegatives += 1
        }
        for (p, entity) in predicted.enumerated() where !predictedMatched[p] {
            evaluation.exact[entity.type, default: Score()].falsePositives += 1
        }
        for (p, entity) in predicted.enumerated() {
            if predictedMatched[p] {
                evaluation.bySource[entity.source, default: Score()].truePositives += 1
            } else {
                evaluation.bySource[entity.source, default: Score()].falsePositives += 1
            }
        }

        // Span only: the same with the type left out.
        var goldSpans: [TextSpan: Int] = [:]
        for entity in gold { goldSpans[entity.span, default: 0] += 1 }
        var spanMatches = 0
        for entity in predicted {
            if let count = goldSpans[entity.span], count > 0 {
                goldSpans[entity.span] = count - 1
                spanMatches += 1
            }
        }
        evaluation.span += Score(truePositives: spanMatches, falsePositives: predicted.count - spanMatches,
                                 falseNegatives: gold.count - spanMatches)

        // Partial: per type, a maximum matching of overlapping spans.
        let types = Set(gold.map(\.type)).union(predicted.map(\.type))
        for type in types {
            let g = gold.filter { $0.type == type }.map(\.span)
            let p = predicted.filter { $0.type == type }.map(\.span)
            let matches = Self.maximumOverlapMatching(gold: g, predicted: p)
            evaluation.partial[type, default: Score()] += Score(truePositives: matches, falsePositives: p.count - matches,
                                                                falseNegatives: g.count - matches)
        }

        // Mistakes, with what the other side has at that place.
        let width = contextWidth
        guard goldMatched.contains(false) || predictedMatched.contains(false) else { return }
        let goldScalars = (goldText ?? predictedText).map { Array($0.unicodeScalars) }
        let predictedScalars = (predictedText ?? goldText).map { Array($0.unicodeScalars) }
        func context(_ scalars: [Unicode.Scalar]?, _ entity: Entity) -> String {
            guard let scalars, entity.end <= scalars.count else { return "" }
            return EvaluationText.context(scalars, entity.start, entity.end, width: width)
        }
        func note(for entity: Entity, among others: [Entity], otherSide: String, nothing: String) -> String {
            if let same = others.first(where: { $0.span == entity.span }) {
                return "wrong type: \(otherSide) \(same.type)"
            }
            let overlapping = others.filter { $0.start < entity.end && entity.start < $0.end }
            if let same = overlapping.first(where: { $0.type == entity.type }) {
                return "boundary: \(otherSide) \"\(same.text)\" \(same.span)"
            }
            if let other = overlapping.first {
                return "overlaps \(otherSide) \(other.type) \"\(other.text)\" \(other.span)"
            }
            return nothing
        }
        var falseNegatives: [EntityMistake] = []
        for (g, entity) in gold.enumerated() where !goldMatched[g] {
            falseNegatives.append(EntityMistake(
                documentID: id, entity: entity, context: context(goldScalars, entity),
                note: note(for: entity, among: predicted, otherSide: "predicted", nothing: "missed")))
        }
        var falsePositives: [EntityMistake] = []
        for (p, entity) in predicted.enumerated() where !predictedMatched[p] {
            falsePositives.append(EntityMistake(
                documentID: id, entity: entity, context: context(predictedScalars, entity),
                note: note(for: entity, among: gold, otherSide: "gold", nothing: "spurious")))
        }
        let byOffset: (EntityMistake, EntityMistake) -> Bool = {
            ($0.entity.start, $0.entity.end, $0.entity.type) < ($1.entity.start, $1.entity.end, $1.entity.type)
        }
        evaluation.falseNegatives += falseNegatives.sorted(by: byOffset)
        evaluation.falsePositives += falsePositives.sorted(by: byOffset)
    }

    /// The size of a maximum matching between gold and predicted spans where
    /// a pair may match when the spans overlap (augmenting paths, Kuhn).
    static func maximumOverlapMatching(gold: [TextSpan], predicted: [TextSpan]) -> Int {
        guard !gold.isEmpty, !predicted.isEmpty else { return 0 }
        // Candidates per gold span: equal spans first, then by overlap, largest first.
        var candidates: [[Int]] = []
        candidates.reserveCapacity(gold.count)
        for g in gold {
            var list: [(index: Int, overlap: Int)] = []
            for (index, p) in predicted.enumerated() where p.start < g.end && g.start < p.end {
                let overlap = p == g ? Int.max : min(p.end, g.end) - max(p.start, g.start)
                list.append((index, overlap))
            }
            candidates.append(list.sorted { $0.overlap != $1.overlap ? $0.overlap > $1.overlap : $0.index < $1.index }
                .map(\.index))
        }
        var goldOf = [Int](repeating: -1, count: predicted.count)
        var visited = [Int](repeating: -1, count: predicted.count)  // the round that last visited
        func augment(_ g: Int, round: Int) -> Bool {
            for p in candidates[g] where visited[p] != round {
                visited[p] = round
                if goldOf[p] < 0 || augment(goldOf[p], round: round) {
                    goldOf[p] = g
                    return true
                }
            }
            return false
        }
        var matches = 0
        for g in gold.indices where !candidates[g].isEmpty {
            if augment(g, round: g) { matches += 1 }
        }
        return matches
    }
}
