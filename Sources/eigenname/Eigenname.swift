// The command-line tool: parses arguments and calls the library. No pipeline logic here.

import ArgumentParser
import Eigenname
import Foundation

@main
struct EigennameCommand: ParsableCommand {
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
        subcommands: [Annotate.self, LexiconCommand.self, Schema.self, Evaluate.self, EvaluateTokens.self, ConvertGold.self],
        defaultSubcommand: nil
    )
}

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Argument(help: ArgumentHelp("Input files or directories; - or nothing reads JSONL from standard input.",
                                 valueName: "INPUT"))
    var inputs: [String] = []

    @Option(name: .customLong("lexicon"),
            help: ArgumentHelp("Add a lexicon TSV file (repeatable). Example: --lexicon extra.tsv", valueName: "FILE"))
    var lexicons: [String] = []

    @Flag(help: "Do not load the default lexicons (Lexicons/*.tsv, or $EIGENNAME_LEXICONS).")
    var noDefaultLexicons = false

    @Option(help: ArgumentHelp("Output format: jsonl (one object per document), json (pretty), or xml. Example: --format xml",
                               valueName: "FORMAT"))
    var format: OutputFormat = .jsonl

    @Flag(help: "Add token and sentence spans to JSON output (XML always has them).")
    var tokens = false

    @Option(help: ArgumentHelp("Write one output file per input file under DIR instead of standard output. Example: --out annotated/",
                               valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Number of parallel workers (default: number of cores). Output order is input order for any N.",
                               valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Read invalid UTF-8 as U+FFFD instead of reporting the document as an error.")
    var replaceInvalid = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if noDefaultLexicons && lexicons.isEmpty {
            throw ValidationError("--no-default-lexicons needs at least one --lexicon FILE")
        }
    }

    func run() throws {
        let lexicon: CompiledLexicon
        let files: [InputFile]
        do {
            lexicon = try LexiconLoader.load(extra: lexicons, includeDefaults: !noDefaultLexicons)
            files = try InputCollector.collect(inputs)
        } catch {
            FileHandle.standardError.write(Data("eigenname: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var options = BatchOptions()
        options.format = format
        options.includeTokens = tokens
        options.outputDirectory = out
        options.jobs = jobs
        options.replaceInvalid = replaceInvalid
        let summary = try BatchAnnotator(lexicon: lexicon, options: options).run(files) { error in
            FileHandle.standardError.write(Data("eigenname: error: \(error)\n".utf8))
        }
        if summary.failedDocuments > 0 { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the XML Schema (XSD) that --format xml output is valid against.",
        discussion: """
            Example:
              eigenname schema > eigenname.xsd
              eigenname annotate Corpora/default --format xml > out.xml && xmllint --noout --schema eigenname.xsd out.xml
            """
    )

    func run() throws {
        print(AnnotationSchema.xsd, terminator: "")
    }
}
