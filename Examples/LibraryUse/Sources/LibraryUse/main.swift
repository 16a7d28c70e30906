// Annotates a German text with the default lexicons and one more company held in
// memory, and prints the interchange format as JSON Lines (one line per document).
// Only the public API of Eigenname.

import Eigenname
import Foundation

/// The extra lexicon row, in the lexicon file format (`make example-test` gives
/// `eigenname annotate` the same text as a file with `--lexicon`).
let extraLexicon = """
    surface\ttype\tcanonical
    Voltavia Motorwerke\tCOMPANY\tVoltavia Motorwerke AG
    """

let text = """
    Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell. Der Zulieferer Voltavia \
    Motorwerke will die Batterien liefern; Volkswagen und BMW schauen genau hin.
    """

// `LibraryUse --inputs DIR` writes the text (DIR/beispiel.txt) and the extra lexicon
// (DIR/extra.tsv) for the comparison with `eigenname annotate DIR/beispiel.txt --lexicon DIR/extra.tsv`.
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--inputs", let directory = arguments.dropFirst().first {
    _ = FileManager.default.createFile(atPath: directory + "/beispiel.txt", contents: Data(text.utf8))
    _ = FileManager.default.createFile(atPath: directory + "/extra.tsv", contents: Data((extraLexicon + "\n").utf8))
    exit(0)
}

do {
    let rows = try LexiconLoader.rows(tsv: extraLexicon, name: "extra.tsv")
    let annotator = try Annotator(lexicon: try LexiconLoader.load(rows: rows))
    let document = annotator.annotate(text, id: "beispiel")
    try JSONLinesFormat().write([document], to: FileHandle.standardOutput)
} catch {
    FileHandle.standardError.write(Data("LibraryUse: \(error)\n".utf8))
    exit(1)
}
