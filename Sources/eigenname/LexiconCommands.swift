// `eigenname lexicon …`: tools for the people who edit lexicons.

import ArgumentParser
import Eigenname
import Foundation

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Check or compile lexicons.",
        subcommands: [Check.self, Compile.self, Info.self]
    )

    /// Files named on the command line, or the default lexicons.
    static func sources(_ files: [String]) throws -> LexiconSources {
        files.isEmpty ? try LexiconLoader.sources(extra: [], includeDefaults: true) : LexiconSources(lexiconFiles: files)
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Report malformed rows, duplicates, conflicts, entries that can never match, and rows the language knowledge makes cautious.",
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
            let knowledge = LanguageKnowledge.installed
            let findings = try LexiconChecker(knowledge: knowledge).check(sources)
            for finding in findings { say("\(finding)") }
            for note in LexiconChecker.knowledgeNotes(knowledge) { say(note) }
            let errors = findings.filter { $0.severity == .error }.count
            say("\(sources.lexiconFiles.count) files: \(errors) errors, \(findings.count - errors) warnings")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compile",
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
            let path = try output ?? LexiconLoader.cachePath(for: LexiconLoader.sourceKey(sources))
            let (rows, entries) = try LexiconLoader.compile(sources, to: path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            say("\(path): \(rows) rows, \(entries) entries, compiled in \(String(format: "%.2f", seconds)) s")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Load a compiled lexicon and print its sizes and how long loading took.",
            discussion: """
                Example:
                  eigenname lexicon compile big.tsv --output big.enlx && eigenname lexicon info big.enlx
                """
        )

        @Argument(help: ArgumentHelp("A compiled lexicon (.enlx).", valueName: "FILE"))
        var file: String

        func run() throws {
            let start = DispatchTime.now()
            let lexicon = try CompiledLexicon.load(contentsOf: file)
            let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            say("\(file): \(lexicon.rowCount) rows, loaded in \(String(format: "%.1f", loadSeconds * 1000)) ms")
            for (name, count, bytes) in lexicon.statistics {
                say("  " + name.padding(toLength: 26, withPad: " ", startingAt: 0)
                      + (count.map(String.init) ?? "").leftPadded(10) + String(format: "%10.1f MB", Double(bytes) / 1e6))
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
