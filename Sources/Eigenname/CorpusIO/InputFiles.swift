// Corpus I/O: paths in, documents out.
//
// In:  the INPUT arguments of a run: .txt files (one document each, id = file
//      name without extension), .jsonl files ({"id", "text"} per line), .xml
//      files (the text of chosen elements, see XMLInput),
//      directories (walked recursively, sorted, so runs are deterministic),
//      or "-" for JSONL on standard input.
// Out: InputFile values in order, and for each its documents, one Result per
//      document so that a bad one does not stop the others.

import Foundation

/// One input file of a batch run, from ``InputCollector/collect(_:)``.
public struct InputFile: Sendable, Hashable {
    /// How an input file holds its documents.
    public enum Format: Sendable, Hashable {
        /// A text file (`.txt`): one document, its id the file name without extension.
        case text
        /// JSON Lines (`.jsonl`, standard input): a document `{"id", "text"}` per line.
        case jsonl
        /// XML (`.xml`): a document per element chosen by ``BatchOptions``' XPath.
        case xml
    }

    /// The path as found ("-" for standard input).
    public var path: String
    /// Path below the directory argument it was found in (the file name for a
    /// file argument); output files mirror it.
    public var relativePath: String
    /// How the file holds its documents (from its extension).
    public var format: Format

    /// Whether this is standard input ("-"), read as JSON Lines.
    public var isStandardInput: Bool { path == "-" }
}

/// Finds the input files of a batch run: files, directories (walked recursively, in sorted order) and "-".
public enum InputCollector {
    /// Expands arguments into input files. No arguments means standard input.
    /// A file that does not exist is kept: reading it fails with a clear error
    /// later, and the rest of the run goes on.
    public static func collect(_ arguments: [String]) throws(EigennameError) -> [InputFile] {
        if arguments.isEmpty { return [InputFile(path: "-", relativePath: "stdin.jsonl", format: .jsonl)] }
        var files: [InputFile] = []
        let fm = FileManager.default
        for arg in arguments {
            if arg == "-" {
                files.append(InputFile(path: "-", relativePath: "stdin.jsonl", format: .jsonl))
                continue
            }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                guard let walker = fm.enumerator(atPath: arg) else { throw .io(path: arg, reason: "cannot list directory") }
                var found: [String] = []
                while let rel = walker.nextObject() as? String {
                    if format(of: rel) != nil { found.append(rel) }
                }
                for rel in found.sorted() {
                    let path = arg.hasSuffix("/") ? arg + rel : arg + "/" + rel
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue {
                        files.append(InputFile(path: path, relativePath: rel, format: format(of: rel)!))
                    }
                }
            } else {
                // A named file is read whatever its extension: JSONL only when it says so.
                let name = (arg as NSString).lastPathComponent
                files.append(InputFile(path: arg, relativePath: name, format: format(of: name) ?? .text))
            }
        }
        return files
    }

    static func format(of name: String) -> InputFile.Format? {
        if name.hasSuffix(".txt") { return .text }
        if name.hasSuffix(".jsonl") { return .jsonl }
        if name.hasSuffix(".xml") { return .xml }
        return nil
    }
}

