// `eigenname lexicon …`: tools for the people who edit lexicons.

import ArgumentParser
import Eigenname
import Foundation

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Check or compile lexicons.",
        subcommands: [Check.self, Compile.self]
    )

    /// Files named on the command line, or the default lexicons.
    static func sources(_ files: [String]) throws -> LexiconSources {
        files.isEmpty ? try LexiconLoader.sources(extra: [], includeDefaults: true) : LexiconSources(lexiconFiles: files)
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report malformed rows, duplicates, conflicts and entries that can never match.",
            discussion: """
                Each finding names file and line. Exit status 1 when there is an error \
                (warnings alone exit 0).

                Examples:
                  eigenname lexicon check                      # the default lexicons
                  eigenname lexicon check my-companies.tsv
                """
        )

        @Argument(help: ArgumentHelp("Lexicon TSV files (default: the default lexicons).", valueName: "FILE"))
        var files: [String] = []

        func run() throws {
            let sources = try LexiconCommand.sources(files)
            let findings = try LexiconChecker().check(sources)
            for finding in findings { print(finding) }
            let errors = findings.filter { $0.severity == .error }.count
            print("\(sources.lexiconFiles.count) files: \(errors) errors, \(findings.count - errors) warnings")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile lexicons into the binary form that runs load by memory mapping.",
            discussion: """
                Without --output the compiled form goes to the cache that `annotate` reads \
                ($EIGENNAME_CACHE, else $XDG_CACHE_HOME/eigenname, else ~/.cache/eigenname); \
                `annotate` also compiles by itself whenever a source file changed, so this \
                command only moves that cost ahead of time. The TSV files stay the source of truth.

                Examples:
                  eigenname lexicon compile
                  eigenname lexicon compile big.tsv --output big.enlx
                """
        )

        @Argument(help: ArgumentHelp("Lexicon TSV files (default: the default lexicons).", valueName: "FILE"))
        var files: [String] = []

        @Option(help: ArgumentHelp("Write the compiled lexicon here. Example: --output lexicon.enlx", valueName: "PATH"))
        var output: String?

        func run() throws {
            let sources = try LexiconCommand.sources(files)
            let start = DispatchTime.now()
            let lexicon = try LexiconLoader.compile(sources)
            let path = output ?? LexiconLoader.cachePath(for: lexicon.sourceKey)
            try lexicon.write(to: path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            print("\(path): \(lexicon.rowCount) rows, \(lexicon.entryCount) entries, compiled in \(String(format: "%.2f", seconds)) s")
        }
    }
}
