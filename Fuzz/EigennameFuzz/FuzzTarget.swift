// A libFuzzer target: arbitrary bytes through the whole pipeline.
//
//   swift build --product eigenname-fuzz -c release \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz
//   .build-fuzz/release/eigenname-fuzz -max_total_time=60 Fuzz/corpus
//
// Each input is read as a document (invalid UTF-8 replaced), normalized,
// tokenized, recognized and written as JSON and XML; the target traps when an
// invariant breaks: offsets in range and increasing, entities not
// overlapping, each entity's text equal to its span of the original, JSON that
// parses, XML that is well-formed. Every crash found becomes a regression test
// (Tests/EigennameTests/EndToEnd/FuzzRegressionTests.swift).

import CLibXML2
import Eigenname
#if canImport(Glibc)
import Glibc
#endif

/// Checks every invariant for one input; returns a description of the first broken one.
func checkPipeline(_ data: [UInt8], annotator: Annotator) -> String? {
    guard let text = try? TextDecoding.decode(data, origin: DocumentOrigin(path: "fuzz"), replaceInvalid: true) else {
        return nil  // binary input (a NUL byte) is refused by design
    }
    let doc = annotator.annotate(SourceDocument(id: "fuzz", utf8: text, origin: DocumentOrigin(path: "fuzz")))
    let scalars = Array(doc.text.unicodeScalars)
    var previous = 0
    for t in doc.tokens {
        guard t.start >= previous, t.end > t.start, Int(t.end) <= scalars.count else {
            return "token [\(t.start), \(t.end)) out of order or range"
        }
        previous = Int(t.end)
    }
    previous = 0
    for e in doc.entities {
        guard e.start >= previous, e.end > e.start, e.end <= scalars.count else {
            return "entity [\(e.start), \(e.end)) overlaps or is out of range"
        }
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[e.start..<e.end])
        guard String(slice) == e.text else { return "entity text \(e.text.debugDescription) is not its span" }
        previous = e.end
    }
    // A batch run asks for entities only (offsets counted as entities come, not per token).
    let entitiesOnly = annotator.annotate(SourceDocument(id: "fuzz", utf8: text, origin: DocumentOrigin(path: "fuzz")),
                                          needs: AnnotationNeeds(tokens: false))
    guard entitiesOnly.entities == doc.entities else { return "entities differ without tokens" }
    var json: [UInt8] = []
    JSONOutput.append(doc, options: JSONOutputOptions(includeTokens: true, pretty: false), to: &json)
    guard (try? JSONValue.parse(json)) != nil else { return "JSON output does not parse" }
    guard let writer = try? XMLOutputWriter(includeTokens: true) else { return "no XML writer" }
    var xml = writer.begin()
    guard let body = try? writer.write(doc) else { return "XML writer failed" }
    xml += body + writer.end()
    let wellFormed = xml.withUnsafeBufferPointer { b in
        b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p -> Bool in
            guard let parsed = xmlReadMemory(p, Int32(b.count), "fuzz.xml", nil,
                                             Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            else { return false }
            xmlFreeDoc(parsed)
            return true
        }
    }
    return wellFormed ? nil : "XML output is not well-formed"
}

/// A small lexicon that exercises every matching feature.
let fuzzLexicon: CompiledLexicon = {
    let tsv = """
        surface\ttype\tcanonical\tid\tmaker\tflags
        Ford\tCOMPANY\tFord Motor Company\t\t\tnot-after=#first-name
        Ford Motor Company\tCOMPANY\t\t\t\t
        Xiaomi\tCOMPANY\t\t\t\t
        Mercedes-Benz\tCOMPANY\t\t\t\t
        Jim Farley\tPERSON\t\t\t\t
        Lei Jun\tPERSON\t\t\t\tshort=Lei
        Müller\tPERSON\t\t\t\t
        SU7\tMODEL\t\t\tXiaomi\t
        ID.3\tMODEL\t\t\tVolkswagen\t
        Golf\tMODEL\t\t\tVolkswagen\trequires-maker
        Partner\tMODEL\t\t\tPeugeot\trequires-maker
        VW\tCOMPANY\tVolkswagen\t\t\t
        Smart\tCOMPANY\t\t\t\texact-case,mid-sentence
        Zeit\tCOMPANY\tDie Zeit\t\t\trequires-context=berichtet
        """
    let rows = try! LexiconFile.parse(Array(tsv.utf8), path: "fuzz.tsv")
    return try! LexiconCompiler().compile(rows, firstNames: ["Harrison", "Tom"])
}()

nonisolated(unsafe) let fuzzAnnotator = try! Annotator(lexicon: fuzzLexicon)

/// The libFuzzer callback.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = checkPipeline(bytes, annotator: fuzzAnnotator) {
        fatalError("invariant broken: \(broken)")
    }
    return 0
}

#if FUZZING
// libFuzzer's driver, started from our own main (SwiftPM names the executable's main itself).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
        #else
        // Without libFuzzer: replay the files named on the command line (a corpus or a crash).
        var failures = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let handle = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&buffer, 1, buffer.count, handle)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            fclose(handle)
            if let broken = checkPipeline(bytes, annotator: fuzzAnnotator) {
                print("\(path): \(broken)")
                failures += 1
            }
        }
        print("\(CommandLine.arguments.count - 1) inputs, \(failures) failures")
        exit(failures > 0 ? 1 : 0)
        #endif
    }
}
