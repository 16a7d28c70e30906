// The evaluation subcommands: evaluate, evaluate-tokens, convert-gold.
// Parses arguments, calls the library's Evaluation stage, prints. No scoring logic here.

import ArgumentParser
import Eigenname
import Foundation

enum GoldFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, conll, brat
}

enum ConvertFormat: String, ExpressibleByArgument, CaseIterable {
    case conll, brat, conllu
}

/// Runs `body`, printing an EigennameError as "eigenname: error: …" and exiting with 2.
private func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EigennameError {
        printError("eigenname: error: \(error)")
        throw ExitCode(2)
    }
}

/// At most `limit` warnings, the rest summed up in one line.
private func capped(_ warnings: [String], limit: Int = 20) -> [String] {
    guard warnings.count > limit else { return warnings }
    return Array(warnings.prefix(limit)) + ["… and \(warnings.count - limit) more warning(s)"]
}

private func printWarnings(_ warnings: [String]) {
    for warning in warnings {
        printError("eigenname: warning: \(warning)")
    }
}

private func writeStandardOutput(_ text: String) {
    say(text, terminator: "")
}

/// The --label-map option, parsed (the standard map when not given).
private func parseLabelMap(_ option: String?) throws -> LabelMap {
    guard let option else { return .standard }
    return try reportingErrors { try LabelMap(parsing: option) }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score predicted entities against gold annotations.",
        discussion: """
            Documents are matched by id. Reports per type and micro-averaged: exact span and type \
            (precision, recall, F1, TP/FP/FN), partial overlap (same type, overlapping span, each \
            entity used once), span only (type ignored), canonical-name accuracy on exact \
            matches whose gold entity has a canonical name, and the exact precision of the \
            predictions by their "source" (lexicon or discovered; all other scores ignore it). \
            A document found on one side only \
            counts wholly as false negatives or false positives, with a warning.

            Examples:
              eigenname annotate Corpora/gold > pred.jsonl
              eigenname evaluate --gold Corpora/gold --pred pred.jsonl --errors 10

              eigenname convert-gold --from conll NER-de-test.tsv > gold.jsonl
              eigenname annotate gold.jsonl > pred.jsonl
              eigenname evaluate --gold gold.jsonl --pred pred.jsonl --json
              eigenname evaluate --gold NER-de-test.tsv --gold-format conll \\
                  --pred pred.jsonl --types COMPANY,PERSON
            """
    )

    @Option(help: ArgumentHelp(
        "Gold annotations: interchange JSONL, a .json file, or a directory of .json/.jsonl files; CoNLL/GermEval TSV or a brat directory with --gold-format. Example: --gold Corpora/gold/gold.jsonl",
        valueName: "PATH"))
    var gold: String

    @Option(help: ArgumentHelp(
        "Predictions in the interchange format (as `eigenname annotate` writes them): JSONL, .json, a directory, or - for standard input. Example: --pred pred.jsonl",
        valueName: "PATH"))
    var pred: String

    @Option(help: ArgumentHelp(
        "Score only these types (comma-separated); other entities on both sides are dropped. Example: --types COMPANY,PERSON",
        valueName: "TYPES"))
    var types: String?

    @Flag(help: "Print one JSON object instead of the table. Example: --json | jq .exact.micro.f1")
    var json = false

    @Option(help: ArgumentHelp(
        "Also list up to N false negatives and N false positives with 40 characters of context, the entity marked [[ ]]. Example: --errors 20",
        valueName: "N"))
    var errors: Int = 0

    @Option(help: ArgumentHelp(
        "Format of --gold: jsonl (interchange, default), conll (GermEval 2014 / CoNLL BIO TSV, one document per sentence, id <file stem>-<sentence number>) or brat (.ann beside .txt). Example: --gold-format conll",
        valueName: "FORMAT"))
    var goldFormat: GoldFormat = .jsonl

    @OptionGroup var labels: LabelMapOption
    private var labelMap: String? { labels.labelMap }

    @Option(help: ArgumentHelp(
        "Also write a self-contained HTML report: the score tables and every false positive and false negative highlighted in its context, grouped by type. Example: --html report.html",
        valueName: "FILE"))
    var html: String?

    func validate() throws {
        guard errors >= 0 else { throw ValidationError("--errors must be 0 or more") }
        if gold == "-" && pred == "-" { throw ValidationError("--gold and --pred cannot both be standard input") }
        if let types, types.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--types needs at least one type (example: --types COMPANY,PERSON)")
        }
        if labelMap != nil && goldFormat == .jsonl {
            throw ValidationError("--label-map applies to --gold-format conll or brat only")
        }
    }

    func run() throws {
        let map = try parseLabelMap(labelMap)
        let typeList = types.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let (goldCorpus, predicted) = try reportingErrors {
            let goldCorpus: LoadedCorpus<EvaluationDocument>
            switch goldFormat {
            case .jsonl: goldCorpus = try InterchangeReader.entityDocuments(at: gold)
            case .conll: goldCorpus = try CoNLLReader.read(path: gold, labelMap: map)
            case .brat: goldCorpus = try BratReader.read(path: gold, labelMap: map)
            }
            return (goldCorpus, try InterchangeReader.entityDocuments(at: pred))
        }
        var evaluation = EntityScorer(types: typeList, contextWidth: html == nil ? 40 : 60)
            .score(gold: goldCorpus.documents, predicted: predicted.documents)
        evaluation.warnings = capped(goldCorpus.warnings + predicted.warnings + evaluation.warnings)
        printWarnings(evaluation.warnings)
        writeStandardOutput(json ? EvaluationReport.json(evaluation, errors: errors)
                                 : EvaluationReport.table(evaluation, errors: errors))
        if let html {
            // A report that cannot be written is a failed output (exit 1), not a usage error.
            do {
                let sink = try OutputSink.file(at: html)
                sink.write(EvaluationHTMLReport.page(evaluation, goldSource: gold, predictedSource: pred))
                try sink.commit()
            } catch {
                printError("eigenname: error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

struct EvaluateTokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-tokens",
        abstract: "Score tokens and sentence boundaries against Universal Dependencies CoNLL-U gold.",
        discussion: """
            A token matches when its start and end (code points) both equal a gold token's; a \
            sentence matches when its span equals a gold sentence's (white space at its ends \
            trimmed); sentence ends are also scored on their own. The predictions must be \
            `annotate --tokens` output on the text that `convert-gold --from conllu` rebuilds \
            (tokens joined by a space unless SpaceAfter=No, sentences by one space, a multiword \
            token as its surface form), matched by document id.

            Example:
              eigenname convert-gold --from conllu de_gsd-ud-test.conllu > gsd.jsonl
              eigenname annotate gsd.jsonl --tokens > gsd-pred.jsonl
              eigenname evaluate-tokens --gold de_gsd-ud-test.conllu --pred gsd-pred.jsonl
            """
    )

    @Option(help: ArgumentHelp(
        "Gold: a CoNLL-U file, or the JSONL that convert-gold --from conllu writes (with tokens and sentences). Example: --gold de_gsd-ud-test.conllu",
        valueName: "FILE"))
    var gold: String

    @Option(help: ArgumentHelp(
        "Predictions written by `eigenname annotate --tokens` (JSONL, .json, a directory, or - for standard input). Example: --pred gsd-pred.jsonl",
        valueName: "PATH"))
    var pred: String

    @Flag(help: "Print one JSON object instead of the table. Example: --json | jq .tokens.f1")
    var json = false

    @Option(help: ArgumentHelp(
        "Also list up to N missed and N spurious tokens and sentence ends with their context. Example: --errors 20",
        valueName: "N"))
    var errors: Int = 0

    func validate() throws {
        guard errors >= 0 else { throw ValidationError("--errors must be 0 or more") }
        if gold == "-" && pred == "-" { throw ValidationError("--gold and --pred cannot both be standard input") }
    }

    func run() throws {
        let (goldCorpus, predicted) = try reportingErrors {
            let goldCorpus = gold.hasSuffix(".conllu") ? try CoNLLUReader.read(path: gold)
                                                       : try InterchangeReader.tokenizedDocuments(at: gold)
            return (goldCorpus, try InterchangeReader.tokenizedDocuments(at: pred))
        }
        var evaluation = TokenScorer().score(gold: goldCorpus.documents, predicted: predicted.documents)
        evaluation.warnings = capped(goldCorpus.warnings + predicted.warnings + evaluation.warnings)
        printWarnings(evaluation.warnings)
        writeStandardOutput(json ? EvaluationReport.json(evaluation, errors: errors)
                                 : EvaluationReport.table(evaluation, errors: errors))
    }
}

struct ConvertGold: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-gold",
        abstract: "Convert gold annotations to interchange JSONL on standard output.",
        discussion: """
            conll:  GermEval 2014 or CoNLL BIO TSV. Each sentence becomes one document with \
            id "<file stem>-<sentence number>" (1-based) and its tokens joined by single spaces \
            as text; entities from the outer BIO tags, labels through --label-map.
            brat:   a directory of .ann files with their .txt beside them (or one .ann file); \
            id = path below the directory without extension. brat offsets are code points, as ours.
            conllu: Universal Dependencies CoNLL-U. One document per "# newdoc" section, or the \
            whole file as one document (id = file stem); tokens joined by a space unless \
            SpaceAfter=No, sentences by one space, multiword tokens as their surface form. \
            Writes {"id", "text", "tokens", "sentences"}; annotate reads id and text.

            Examples:
              eigenname convert-gold --from conll NER-de-test.tsv > gold.jsonl
              eigenname convert-gold --from brat ann/ > gold.jsonl
              eigenname convert-gold --from conllu de_gsd-ud-test.conllu > gsd.jsonl
            """
    )

    @Option(help: ArgumentHelp("Gold format: conll, brat or conllu. Example: --from conll", valueName: "FORMAT"))
    var from: ConvertFormat

    @Argument(help: ArgumentHelp(
        "The gold file, or a directory (brat; conll: its .tsv/.conll/.bio/.iob files). Example: NER-de-test.tsv",
        valueName: "FILE_OR_DIR"))
    var input: String

    @OptionGroup var labels: LabelMapOption
    private var labelMap: String? { labels.labelMap }

    func validate() throws {
        if labelMap != nil && from == .conllu { throw ValidationError("--label-map applies to --from conll or brat only") }
    }

    func run() throws {
        let map = try parseLabelMap(labelMap)
        var out = ""
        let warnings: [String] = try reportingErrors {
            switch from {
            case .conll, .brat:
                let corpus = from == .conll ? try CoNLLReader.read(path: input, labelMap: map)
                                            : try BratReader.read(path: input, labelMap: map)
                for document in corpus.documents { out += EvaluationReport.interchangeLine(document) + "\n" }
                return corpus.warnings
            case .conllu:
                let corpus = try CoNLLUReader.read(path: input)
                for document in corpus.documents { out += EvaluationReport.interchangeLine(document) + "\n" }
                return corpus.warnings
            }
        }
        printWarnings(capped(warnings))
        writeStandardOutput(out)
    }
}

/// `--label-map`, for gold in CoNLL or brat (evaluate, convert-gold).
struct LabelMapOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "For conll and brat gold: map corpus labels to types; unmapped labels and GermEval part/deriv labels are ignored (default ORG=COMPANY,PER=PERSON). Example: --label-map ORG=COMPANY,PER=PERSON,PRODUCT=MODEL",
        valueName: "MAP"))
    var labelMap: String?
}
