// The table of recognition rules (RecognitionRules.swift) and the type roles
// (type-roles.txt): every rule is named once and documented, `--rules` parses, and
// a rule switched off no longer decides its own must-not-find sentence.

import Foundation
import Testing
@testable import Eigenname

@Suite("Rule table and type roles")
struct RuleTableTests {
    static func entities(_ text: String, _ lexicon: CompiledLexicon, rules: RuleSet = .all) throws -> [String] {
        try Annotator(lexicon: lexicon, rules: rules).annotate(text: text).entities.map { "\($0.text)/\($0.type)" }
    }

    static func plain(_ rows: [(String, String)]) throws -> CompiledLexicon {
        try LexiconCompiler().compile(rows.map { LexiconEntry(surface: $0.0, type: $0.1) })
    }

    static func without(_ names: String) throws -> RuleSet {
        try RuleSet.all.applying(names.split(separator: ",").map { "-" + $0 }.joined(separator: ","))
    }

    // MARK: The table

    @Test func everyRuleHasOneBitAUniqueKebabCaseNameAndADescription() {
        let names = RuleSet.table.map(\.name)
        #expect(Set(names).count == names.count)
        for entry in RuleSet.table {
            #expect(entry.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(entry.name)")
            #expect(!entry.name.hasPrefix("-") && !entry.name.hasSuffix("-") && !entry.name.contains("--"))
            #expect(entry.name != "all" && entry.name != "none")
            #expect(entry.summary.count > 20, "\(entry.name) needs a description")
            #expect(entry.rule.rawValue.nonzeroBitCount == 1, "\(entry.name) must be one bit")
        }
        let bits = RuleSet.table.map(\.rule.rawValue)
        #expect(Set(bits).count == bits.count)
        #expect(RuleSet.all.rawValue.nonzeroBitCount == RuleSet.table.count)
        #expect(RuleSet.all.names == names)
    }

    @Test func theRulesOfTheIssueAreInTheTable() {
        for name in ["dates", "linking-s", "person-genitive-after-article", "compound-head", "single-letter-hyphen",
                     "number-hyphen", "maker-number", "lowercase-article", "place-name", "place-noun", "family-noun",
                     "lowercase-after-hyphen", "maker-model-merge", "model-after-maker", "person-genitive-short-form",
                     "legal-forms", "company-short-form-before-capital", "cautious-evidence", "bare-noun-model",
                     "maker-model-corroboration", "unit-after-number"] {
            #expect(RuleSet.entry(named: name) != nil, "\(name)")
        }
    }

    @Test func everyRuleIsNamedInTheSourceWhereItRuns() throws {
        // Each rule is tested where it runs (RecognitionRules.swift itself is not searched).
        let folder = Fixtures.repository.appendingPathComponent("Sources/Eigenname/Recognition")
        var headers = ""
        for file in ["GrammarRules.swift", "EntityRecognizer.swift", "Caution.swift", "LegalForms.swift", "NameDiscovery.swift"] {
            headers += try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        for entry in RuleSet.table {
            let property = entry.name.split(separator: "-").enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
            #expect(headers.contains("rules.contains(.\(property))"), "no test of rule \(entry.name) (.\(property)) in Recognition/")
        }
    }

    // MARK: --rules and $EIGENNAME_RULES

    @Test func changesParseLeftToRight() throws {
        #expect(try RuleSet.all.applying("") == .all)
        #expect(try RuleSet.all.applying("-compound-head,-dates") == RuleSet.all.subtracting([.compoundHead, .dates]))
        #expect(try RuleSet.all.applying(" -compound-head , +compound-head ") == .all)
        #expect(try RuleSet.all.applying("none,+dates,legal-forms") == [.dates, .legalForms])
        #expect(try RuleSet.all.applying("none,all,-legal-forms") == RuleSet.all.subtracting(.legalForms))
        // The environment first, then the option.
        #expect(try RuleSet.resolve(environment: nil, option: nil) == .all)
        #expect(try RuleSet.resolve(environment: "-dates", option: "-linking-s") == RuleSet.all.subtracting([.dates, .linkingS]))
        #expect(try RuleSet.resolve(environment: "-dates", option: "+dates") == .all)
    }

    @Test func anUnknownRuleIsAUsageErrorThatListsTheKnownOnes() {
        #expect(throws: EigennameError.self) { try RuleSet.all.applying("-compund-head") }
        do {
            _ = try RuleSet.all.applying("-compund-head")
        } catch {
            let message = "\(error)"
            #expect(message.contains("compund-head"))
            for entry in RuleSet.table { #expect(message.contains(entry.name)) }
        }
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func theCommandSwitchesRulesOffAndRefusesUnknownNames() throws {
        let dir = NSTemporaryDirectory() + "eigenname-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "surface\ttype\tcanonical\nArena\tCOMPANY\t\n".write(toFile: dir + "/l.tsv", atomically: true, encoding: .utf8)
        try "{\"id\":\"1\",\"text\":\"Die Osnatel-Arena ist voll.\"}\n".write(toFile: dir + "/d.jsonl", atomically: true, encoding: .utf8)
        func run(_ arguments: [String], rules: String? = nil) throws -> (status: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: eigennameBinary)
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["EIGENNAME_CACHE"] = dir + "/cache"
            env["EIGENNAME_COMMON_NOUNS"] = dir + "/none.txt"  // "Arena" is a common noun: not cautious here
            env["EIGENNAME_RULES"] = rules
            process.environment = env
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let annotate = ["annotate", "--quiet", "--no-default-lexicons", "--lexicon", dir + "/l.tsv", dir + "/d.jsonl"]
        #expect(try !run(annotate).out.contains("\"Arena\""))
        #expect(try run(annotate + ["--rules", "-compound-head"]).out.contains("\"Arena\""))
        #expect(try run(annotate, rules: "-compound-head").out.contains("\"Arena\""))
        #expect(try !run(annotate + ["--rules", "+compound-head"], rules: "-compound-head").out.contains("\"Arena\""))
        // An unknown name (with an "h", which swift-argument-parser would take for -h) is exit status 2.
        let unknown = try run(annotate + ["--rules", "-compund-head"])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("compound-head"))
        #expect(try run(annotate, rules: "-nonsense").status == 2)
        let listed = try run(["rules", "--rules", "-dates"])
        #expect(listed.status == 0)
        #expect(listed.out.split(separator: "\n").count == RuleSet.table.count)
        #expect(listed.out.split(separator: "\n").first?.contains("off") == true)
    }

    @Test func theDefaultIsEveryRule() throws {
        let lexicon = Fixtures.lexicon
        #expect(EntityRecognizer(lexicon: lexicon).rules == .all)
        #expect(try Annotator(lexicon: lexicon).recognizer.rules == .all)
        #expect(BatchOptions().rules == .all)
    }

    // MARK: A rule switched off changes its own sentence

    @Test func compoundHeadOff() throws {
        let lexicon = try Self.plain([("Arena", "COMPANY")])
        let text = "Die Osnatel-Arena ist voll."
        #expect(try Self.entities(text, lexicon) == [])
        #expect(try Self.entities(text, lexicon, rules: Self.without("compound-head")) == ["Arena/COMPANY"])
    }

    @Test func datesOff() throws {
        let lexicon = try Self.plain([("März", "COMPANY")])
        let text = "Am 30. März wurde gebaut."
        #expect(try Self.entities(text, lexicon) == [])
        #expect(try Self.entities(text, lexicon, rules: Self.without("dates")) == ["März/COMPANY"])
    }

    @Test func personGenitiveAfterArticleOff() throws {
        let lexicon = try Self.plain([("Müller", "PERSON")])
        let text = "Die Mühle des Müllers steht still."
        #expect(try Self.entities(text, lexicon) == [])
        #expect(try Self.entities(text, lexicon, rules: Self.without("person-genitive-after-article")) == ["Müllers/PERSON"])
    }

    @Test func singleLetterHyphenAndLinkingSOff() throws {
        let lexicon = try Self.plain([("Bahn", "COMPANY"), ("Union", "COMPANY")])
        #expect(try Self.entities("Die S-Bahn fährt.", lexicon) == [])
        // "Bahn" is the head of a compound too: the single letter alone still decides.
        #expect(try Self.entities("Die S-Bahn fährt.", lexicon, rules: Self.without("compound-head")) == [])
        #expect(try Self.entities("Die S-Bahn fährt.", lexicon, rules: Self.without("compound-head,single-letter-hyphen"))
            == ["Bahn/COMPANY"])
        #expect(try Self.entities("Das Unions-Personal.", lexicon) == [])
        #expect(try Self.entities("Das Unions-Personal.", lexicon, rules: Self.without("linking-s")) == ["Unions/COMPANY"])
    }

    @Test func placeNameOff() throws {
        let lexicon = try Self.plain([("Carl Benz", "PERSON")])
        let text = "Im Carl-Benz-Stadion spielt man."
        #expect(try Self.entities(text, lexicon) == [])
        #expect(try Self.entities(text, lexicon, rules: Self.without("place-name")) == ["Carl-Benz/PERSON"])
    }

    @Test func makerModelMergeAndLegalFormsOff() throws {
        let lexicon = Fixtures.lexicon
        #expect(try Self.entities("Der Xiaomi SU7 fährt.", lexicon) == ["Xiaomi SU7/MODEL"])
        #expect(try Self.entities("Der Xiaomi SU7 fährt.", lexicon, rules: Self.without("maker-model-merge"))
            == ["Xiaomi/COMPANY", "SU7/MODEL"])
        #expect(try Self.entities("Die Volkswagen AG meldet Zahlen.", lexicon) == ["Volkswagen AG/COMPANY"])
        #expect(try Self.entities("Die Volkswagen AG meldet Zahlen.", lexicon, rules: Self.without("legal-forms"))
            == ["Volkswagen/COMPANY"])
    }

    @Test func cautionRulesOff() throws {
        let lexicon = try CautionTests.lexicon()
        #expect(try Self.entities("Der Golf ist ein Sport.", lexicon) == [])
        #expect(try Self.entities("Der Golf ist ein Sport.", lexicon, rules: Self.without("cautious-evidence")) == ["Golf/MODEL"])
        #expect(try Self.entities("Er kaufte 3 Tesla Aktien.", lexicon) == [])
        #expect(try Self.entities("Er kaufte 3 Tesla Aktien.", lexicon, rules: Self.without("unit-after-number"))
            == ["Tesla/COMPANY"])
        // "Volkswagen baut den Golf": the maker named elsewhere is the model's evidence.
        let text = "Volkswagen hat Pläne. Den Golf gibt es lange."
        #expect(try Self.entities(text, lexicon) == ["Volkswagen/COMPANY", "Golf/MODEL"])
        #expect(try Self.entities(text, lexicon, rules: Self.without("maker-model-corroboration")) == ["Volkswagen/COMPANY"])
    }

    @Test func everyRuleOffAloneStillAnnotatesTheGoldCorpus() throws {
        // No rule depends on another being on; with all on, the output is the default's.
        let gold = Fixtures.repository.appendingPathComponent("Corpora/gold/gold.jsonl")
        let lines = try String(contentsOf: gold, encoding: .utf8).split(separator: "\n").prefix(40)
        let texts = try lines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["text"] as! String
        }
        let lexicon = DefaultLexicon.compiled
        let byDefault = try texts.map { try Annotator(lexicon: lexicon).annotate(text: $0).entities }
        #expect(try texts.map { try Annotator(lexicon: lexicon, rules: .all).annotate(text: $0).entities } == byDefault)
        var changed = 0
        for entry in RuleSet.table {
            let annotator = try Annotator(lexicon: lexicon, rules: RuleSet.all.subtracting(entry.rule))
            let found = texts.map { annotator.annotate(text: $0).entities }
            for (a, b) in zip(found, byDefault) where a != b { changed += 1 }
        }
        #expect(changed > 0)
    }

    // MARK: Type roles

    @Test func theShippedTypesHaveTheirRoles() {
        let roles = TypeRoleMap.standard
        #expect(roles.roles(of: "COMPANY") == .maker)
        #expect(roles.roles(of: "PERSON") == .person)
        #expect(roles.roles(of: "MODEL") == .product)
        #expect(roles.roles(of: "PLACE") == [])
    }

    @Test func rolesParse() throws {
        let map = try TypeRoleMap.parse(Array("# comment\nORG maker\nPER\tperson\nMISC maker,product\n".utf8))
        #expect(map.roles(of: "ORG") == .maker)
        #expect(map.roles(of: "PER") == .person)
        #expect(map.roles(of: "MISC") == [.maker, .product])
        #expect(throws: EigennameError.self) { try TypeRoleMap.parse(Array("ORG company\n".utf8)) }
        #expect(throws: EigennameError.self) { try TypeRoleMap.parse(Array("ORG\n".utf8)) }
    }

    @Test func otherTypeNamesGetTheBehaviourOfTheirRoles() throws {
        // GermEval's ORG and PER, mapped to maker and person: legal forms, short forms, maker + model.
        var compiler = LexiconCompiler()
        compiler.typeRoles = try TypeRoleMap.parse(Array("ORG maker\nPER person\nPROD product\n".utf8))
        let rows = [LexiconEntry(surface: "Volkswagen", type: "ORG"), LexiconEntry(surface: "Jim Farley", type: "PER"),
                    LexiconEntry(surface: "Golf", type: "PROD", canonical: "Volkswagen Golf")]
        let mapped = try compiler.compile(rows)
        let text = "Die Volkswagen AG und Jim Farley. Farley fährt einen Volkswagen Golf."
        #expect(try Self.entities(text, mapped)
            == ["Volkswagen AG/ORG", "Jim Farley/PER", "Farley/PER", "Volkswagen Golf/PROD"])
        // Without roles the same rows are plain names.
        let unmapped = try LexiconCompiler().compile(rows)
        #expect(try Self.entities(text, unmapped) == ["Volkswagen/ORG", "Jim Farley/PER", "Volkswagen/ORG", "Golf/PROD"])
    }
}
