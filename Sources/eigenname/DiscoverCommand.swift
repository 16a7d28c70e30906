// `eigenname discover`: the names no lexicon lists, over a corpus, as lexicon rows to review.
// Runs the batch (runBatch) with name collection on; the library's NameCollector adds them up.

import ArgumentParser
import Eigenname
import Foundation

struct Discover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "List the people, companies and models that discovery finds and no lexicon lists, as lexicon rows to review.",
        discussion: """
            Annotates the corpus as annotate does (same inputs: .txt, .jsonl and .xml \
            files, directories, - for JSONL on standard input; same lexicons and \
            $EIGENNAME_RULES) and collects every discovered \
            entity. Mentions of one name across documents are grouped by type and \
            canonical name (the longest form of that person, company or model in its \
            document). Each group is one lexicon row (surface = canonical; id, maker and \
            flags empty) followed by four columns for review: count (mentions in the \
            corpus), documents, example (about 60 characters around the first mention) \
            and variants (the forms written, joined by |). Most mentions first.

            The output is a lexicon as it is: `lexicon check` and `--lexicon` read it \
            and ignore the four extra columns. Review it (delete wrong rows, fill in \
            id, maker and flags; the variants need no rows of their own: the lexicon \
            derives genitives, short forms and hyphenated forms), then use it with \
            --lexicon or append its rows to Lexicons/*.tsv.

            Progress and a summary go to standard error; exit status 1 when a document \
            or the output failed (the rows of the other documents are still written).

            Examples:
              eigenname discover Corpora/default
              eigenname discover articles.jsonl --min-count 3 --out new.tsv
              eigenname lexicon check new.tsv
              eigenname annotate --lexicon new.tsv articles.jsonl
            """
    )

    @Argument(help: ArgumentHelp("Input files or directories; - or nothing reads JSONL from standard input.",
                                 valueName: "INPUT"))
    var inputs: [String] = []

    @OptionGroup var lexicon: LexiconOptions

    @Option(help: ArgumentHelp("Leave out names mentioned fewer than N times in the corpus. Example: --min-count 1 (every name)",
                               valueName: "N"))
    var minCount = 2

    @Option(name: [.customShort("o"), .long],
            help: ArgumentHelp("Write the rows to FILE (complete or not at all) instead of standard output. Example: --out new.tsv",
                               valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp("Number of parallel workers (default: number of cores). The rows are the same for any N.",
                               valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: OptionHelp.replaceInvalid)
    var replaceInvalid = false

    @Option(help: OptionHelp.xmlTextXpath)
    var xmlTextXpath: String?

    @Flag(help: "No progress and no summary on standard error.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    func run() throws {
        var options = BatchOptions()
        options.jobs = jobs
        options.replaceInvalid = replaceInvalid
        options.xmlTextXPath = xmlTextXpath
        options.collectsNames = true
        // $EIGENNAME_RULES applies as for annotate: discover finds what annotate would.
        options.rules = try RuleOption.resolve(nil)
        var collector = NameCollector()
        try runBatch(inputs, options: options, quiet: quiet, lexicon: lexicon.load,
                     onNames: { collector.add($0) }, afterRun: { write(collector) })
    }

    /// Writes the rows; false when they could not be written (said on standard error).
    private func write(_ collector: NameCollector) -> Bool {
        let rows = collector.rows(minimumCount: minCount)
        let text = NameCollector.tsv(rows)
        if let out {
            do {
                let sink = try OutputSink.file(at: out)
                sink.write(Array(text.utf8))
                try sink.commit()
            } catch {
                printError("eigenname: error: \(error)")
                return false
            }
        } else {
            // Checked at the end of `main`: a standard output that fails exits 1.
            say(text, terminator: "")
        }
        if !quiet {
            let all = collector.rows(minimumCount: 1).count
            printError("\(all) names discovered, \(rows.count) of them mentioned at least \(minCount) "
                       + (minCount == 1 ? "time" : "times") + (out.map { ", written to \($0)" } ?? ""))
        }
        return true
    }
}
