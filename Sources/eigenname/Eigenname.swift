// The command-line tool: parses arguments and calls the library. No pipeline logic here.

import ArgumentParser
import Eigenname
import Foundation

@main
struct EigennameCommand: ParsableCommand {
    /// Exit status: 0 all done, 1 some documents or outputs failed, 2 usage error.
    static func main() {
        // The pipeline's tables are built on the second core while the arguments are parsed
        // and the lexicon loads; joined before every exit.
        let tables = StartupTables.buildInBackground()
        do {
            var command = try parseAsRoot()
            try command.run()
            // What `say` wrote may still be buffered: a full disk may show only now.
            tables.join()
            if !standardOutputFlushed() { Foundation.exit(1) }
        } catch {
            tables.join()
            let code = exitCode(for: error)
            if code == .validationFailure {
                // swift-argument-parser says 64 (EX_USAGE); Eigenname promises 2.
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            if !standardOutputFlushed() && code == .success { Foundation.exit(1) }
            exit(withError: error)
        }
    }

    /// Flushes what the commands said; on failure says so on standard error (a broken pipe: quietly).
    static func standardOutputFlushed() -> Bool {
        do {
            try commandOutput.commit()
            return true
        } catch {
            if !commandOutput.isBrokenPipe { printError("eigenname: error: \(error)") }
            return false
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "eigenname",
        abstract: "Find companies, people and product models in German text.",
        discussion: """
            Eigenname normalizes and tokenizes German text with ICU, matches it against \
            human-editable lexicons (Lexicons/*.tsv) and writes the entities with offsets \
            into the original text (Unicode code points, end exclusive) as JSON or XML.

            Example:
              echo '{"id":"1","text":"Jim Farley, CEO von Ford, ist Xiaomis SU7-Modell gefahren."}' | eigenname annotate
            """,
        subcommands: [Annotate.self, Tokenize.self, Stream.self, Discover.self, LexiconCommand.self, Schema.self,
                      Evaluate.self, EvaluateTokens.self, ConvertGold.self, Rules.self]
    )
}

/// Which lexicons a run uses.
struct LexiconOptions: ParsableArguments {
    @Option(name: .customLong("lexicon"),
            help: ArgumentHelp("Add a lexicon TSV file (repeatable), or use one compiled lexicon (.enlx). Example: --lexicon extra.tsv",
                               valueName: "FILE"))
    var files: [String] = []

    @Flag(help: "Do not load the default lexicons (Lexicons/*.tsv, or $EIGENNAME_LEXICONS).")
    var noDefaultLexicons = false

    func validate() throws {
        if noDefaultLexicons && files.isEmpty {
            throw ValidationError("--no-default-lexicons needs at least one --lexicon FILE")
        }
    }

    /// The run's lexicon; a cache that could not be used is one note on standard error.
    func load() throws -> CompiledLexicon {
        let (lexicon, cache) = try LexiconLoader.loadReportingCache(extra: files, includeDefaults: !noDefaultLexicons)
        if let note = cache.note { printError("eigenname: note: " + note) }
        return lexicon
    }
}

/// What a run reads and where it writes.
struct RunOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files or directories; - or nothing reads JSONL from standard input.",
                                 valueName: "INPUT"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp(
        "Output format: " + OutputFormats.all.map { "\($0.name) (\($0.summary)\($0.writesFilePerDocument ? "; needs --out" : ""))" }
            .joined(separator: ", ") + ". Example: --format html --out view/",
        valueName: "FORMAT"))
    var format = FormatArgument(.jsonl)

    @Option(help: ArgumentHelp("Write one output file per input file under DIR, mirroring the input tree, instead of standard output. Example: --out annotated/",
                               valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Number of parallel workers (default: number of cores). Output order is input order for any N.",
                               valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: OptionHelp.replaceInvalid)
    var replaceInvalid = false

    @Flag(help: "With --out: redo every input. Without it, inputs whose output is newer are skipped, so an interrupted run resumes.")
    var force = false

    @Flag(help: "No progress and no summary on standard error.")
    var quiet = false

    @Option(help: ArgumentHelp("Write the run's summary (documents, entities per type, errors, throughput) as JSON to FILE. Example: --report run.json",
                               valueName: "FILE"))
    var report: String?

    @Option(help: OptionHelp.xmlTextXpath)
    var xmlTextXpath: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if format.format.writesFilePerDocument && out == nil {
            throw ValidationError("--format \(format.format.name) writes one file per document: give --out DIR")
        }
    }

    var batchOptions: BatchOptions {
        var options = BatchOptions()
        options.format = format.format
        options.outputDirectory = out
        options.jobs = jobs
        options.replaceInvalid = replaceInvalid
        options.force = force
        options.xmlTextXPath = xmlTextXpath
        return options
    }
}

/// Runs a batch and turns its outcome into the exit status: 0 all done, 1 some documents failed, 2 usage.
/// `onNames` gets each document's discovered names (with `options.collectsNames`); `afterRun`
/// writes what the command made of them once the batch is done (false: it could not, exit status 1).
func runBatch(_ inputs: [String], options: BatchOptions, quiet: Bool = false, report: String? = nil,
              lexicon: () throws -> CompiledLexicon, onNames: (DocumentNames) -> Void = { _ in },
              afterRun: () -> Bool = { true }) throws {
    let compiled: CompiledLexicon
    let files: [InputFile]
    do {
        compiled = try lexicon()
        files = try InputCollector.collect(inputs)
    } catch {
        printError("eigenname: error: \(error)")
        throw ExitCode(2)
    }
    OutputSink.removeTemporaryFilesOnInterrupt()
    // `stream` sees a reader that went away as a failed write (EPIPE), to say so in one line.
    if options.streaming { signal(SIGPIPE, SIG_IGN) }
    let progress = ProgressReporter(quiet: quiet)
    let summary = try BatchAnnotator(lexicon: compiled, options: options).run(files, onError: { error in
        printError("eigenname: error: \(error)")
    }, onProgress: progress.update, onNames: onNames)
    if summary.brokenPipe {
        // The reader is gone (`| head`): end as Unix tools do, killed by SIGPIPE; `stream`
        // first says why, so that the engine that ran it knows the partition is short.
        if options.streaming { printError("eigenname: error: standard output: write failed: Broken pipe") }
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        throw ExitCode(141)
    }
    progress.finish(summary)
    let collectedWritten = afterRun()
    var reportWritten = true
    if let report {
        do {
            let sink = try OutputSink.file(at: report)
            sink.write(ProgressReporter.reportJSON(summary))
            try sink.commit()
        } catch {
            printError("eigenname: error: \(error)")
            reportWritten = false
        }
    }
    if !summary.succeeded || !reportWritten || !collectedWritten { throw ExitCode(1) }
}

/// Help texts of options that several commands take with the same meaning (annotate,
/// tokenize, discover): said once.
enum OptionHelp {
    static let replaceInvalid = ArgumentHelp("Read invalid UTF-8 as U+FFFD instead of reporting the document as an error.")
    static let xmlTextXpath = ArgumentHelp(
        "For .xml inputs: the XPath of the elements whose text is annotated (default: every body element, else the root). Example: --xml-text-xpath '//p'",
        valueName: "XPATH")
}

/// One line on standard error.
func printError(_ line: String) {
    StandardError.write(line + "\n")
}

/// Standard output of the commands that print (schema, lexicon, evaluate): checked
/// at the end of `main`, so that a full disk fails the command. The batch commands
/// write through their own sink.
nonisolated(unsafe) let commandOutput = OutputSink.standardOutput()

/// Writes a line (or, with `terminator: ""`, text) to standard output.
func say(_ text: String, terminator: String = "\n") {
    commandOutput.write(Array((text + terminator).utf8))
}

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Annotate documents with entities.",
        discussion: """
            INPUT may be .txt files (one document each, id = file name without extension), \
            .jsonl files with one {"id": …, "text": …} object per line, directories (walked \
            recursively for .txt and .jsonl files), or - for JSONL on standard input (the \
            default when no INPUT is given).

            Examples:
              eigenname annotate Corpora/default
              eigenname annotate articles.jsonl --format xml --out annotated/
              eigenname annotate --lexicon my-companies.tsv --jobs 1 < docs.jsonl
            """
    )

    @OptionGroup var io: RunOptions
    @OptionGroup var lexicon: LexiconOptions
    @Option(name: .customLong("rules"), parsing: .unconditional, help: RuleOption.help)
    var rules: String?
    @Flag(name: .customLong("no-discovery"), help: RuleOption.noDiscoveryHelp)
    var noDiscovery = false

    @Flag(help: "Add token and sentence spans to JSON output (XML always has them).")
    var tokens = false

    func run() throws {
        var options = io.batchOptions
        options.includeTokens = tokens
        options.rules = try RuleOption.resolve(rules, discovery: !noDiscovery)
        try runBatch(io.inputs, options: options, quiet: io.quiet, report: io.report, lexicon: lexicon.load)
    }
}

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Normalize, tokenize and split sentences only: token and sentence spans, no entities.",
        discussion: """
            Same inputs and outputs as annotate, always with tokens and sentences and an \
            empty entity list; no lexicon is loaded.

            Example:
              eigenname tokenize articles.jsonl > tokens.jsonl
            """
    )

    @OptionGroup var io: RunOptions

    func run() throws {
        var options = io.batchOptions
        options.includeTokens = true
        options.recognizeEntities = false
        // No lexicon is needed: an empty one keeps the pipeline's shape.
        try runBatch(io.inputs, options: options, quiet: io.quiet, report: io.report) { try LexiconCompiler().compile([]) }
    }
}

struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Annotate JSONL from standard input to standard output, one line out per line in.",
        discussion: """
            The contract of Hadoop Streaming and Spark's RDD.pipe: one output line per \
            input line, in input order, each as soon as its input line is done (no \
            buffering beyond the lines in flight), with memory bounded whatever the input \
            size. A line that cannot be read gives {"error": "…"} in its place (and the \
            message on standard error); a blank line gives a blank line.

            --compact answers with the id and the entities only, as arrays, without \
            echoing the text: ["id",[[start,end,"type","text","canonical","source"],…]], \
            an entity's QID after its source when its lexicon row has one. For programs \
            that keep the texts they send (the Python package): far less to write, pipe \
            and parse.

            Examples:
              cat docs.jsonl | eigenname stream --jobs 1 > annotated.jsonl
              echo '{"id":"1","text":"Ford"}' | eigenname stream --compact
            """
    )

    @OptionGroup var lexicon: LexiconOptions
    @Option(name: .customLong("rules"), parsing: .unconditional, help: RuleOption.help)
    var rules: String?
    @Flag(name: .customLong("no-discovery"), help: RuleOption.noDiscoveryHelp)
    var noDiscovery = false

    @Flag(help: "Add token and sentence spans to each output line.")
    var tokens = false

    @Flag(help: "Answer each line with [id, entities] (each entity [start, end, type, text, canonical, source] and its QID if any) instead of the document with its text. Not with --tokens.")
    var compact = false

    @Option(help: ArgumentHelp("Number of parallel workers (default: number of cores).", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Read invalid UTF-8 as U+FFFD instead of reporting the line as an error.")
    var replaceInvalid = false

    func validate() throws {
        if compact && tokens { throw ValidationError("--compact answers without tokens: not together with --tokens") }
    }

    func run() throws {
        var options = BatchOptions()
        options.includeTokens = tokens
        options.compactAnswers = compact
        options.jobs = max(1, jobs)
        options.replaceInvalid = replaceInvalid
        options.streaming = true
        options.rules = try RuleOption.resolve(rules, discovery: !noDiscovery)
        try runBatch(["-"], options: options, quiet: true, lexicon: lexicon.load)
    }
}

/// `--format NAME`: one of `OutputFormats.all`.
struct FormatArgument: ExpressibleByArgument {
    let format: any OutputFormat

    init(_ format: any OutputFormat) { self.format = format }

    init?(argument: String) {
        guard let format = OutputFormats.named(argument) else { return nil }
        self.format = format
    }

    var defaultValueDescription: String { format.name }
    static var allValueStrings: [String] { OutputFormats.all.map(\.name) }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the XML Schema (XSD) that --format xml output is valid against.",
        discussion: """
            Example:
              eigenname schema > eigenname.xsd
              eigenname annotate Corpora/default --format xml > out.xml && xmllint --noout --schema eigenname.xsd out.xml
            """
    )

    func run() throws {
        say(AnnotationSchema.xsd, terminator: "")
    }
}
