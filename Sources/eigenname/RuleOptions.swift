// The recognition rules a run uses (`--rules`, $EIGENNAME_RULES), and `eigenname rules`.

import ArgumentParser
import Eigenname
import Foundation

/// `--rules` of annotate, stream and rules. A plain option of each command, not an option
/// group: a group of its own would cost every run a few more dynamic casts at start-up.
enum RuleOption {
    static let help = ArgumentHelp("""
        Switch recognition rules off or on: comma-separated -NAME (off), +NAME (on), all, none, \
        applied after $EIGENNAME_RULES (same syntax). Names: `eigenname rules`; `discovery` stands for every discover-… rule. Example: --rules -compound-head,-dates
        """, valueName: "CHANGES")

    static let noDiscoveryHelp = ArgumentHelp(
        "Find only names the lexicons list: no discovery of unlisted people, companies and models (same as --rules -discovery).")

    /// All rules, changed by $EIGENNAME_RULES, then by `--rules` (`option`); an unknown name
    /// is a usage error (exit status 2). Called by `run`, not by `validate`: a parse error
    /// there with a value like "-compund-head" (an "h" after a dash) would make
    /// swift-argument-parser show the help and exit 0.
    static func resolve(_ option: String?, discovery: Bool = true) throws -> RuleSet {
        do {
            // getenv, not ProcessInfo's environment: that builds a dictionary of every variable.
            let environment = getenv("EIGENNAME_RULES").map { String(cString: $0) }
            let rules = try RuleSet.resolve(environment: environment, option: option)
            return discovery ? rules : rules.subtracting(.discovery)
        } catch {
            printError("eigenname: error: \(error)")
            throw ExitCode(2)
        }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the recognition rules: name, on or off, what each does.",
        discussion: """
            Every rule is on unless $EIGENNAME_RULES or --rules switches it off. The same \
            --rules works for annotate and stream.

            Examples:
              eigenname rules
              eigenname rules --rules -compound-head
              eigenname annotate --rules -compound-head,-dates Corpora/gold/gold.jsonl
              EIGENNAME_RULES=none,+dates eigenname annotate docs.jsonl
            """
    )

    @Option(name: .customLong("rules"), parsing: .unconditional, help: RuleOption.help)
    var rules: String?

    func run() throws {
        let on = try RuleOption.resolve(rules)
        let width = RuleSet.table.map(\.name.count).max() ?? 0
        for entry in RuleSet.table {
            let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            say("\(name)  \(on.contains(entry.rule) ? "on " : "off")  \(entry.summary)")
        }
    }
}
