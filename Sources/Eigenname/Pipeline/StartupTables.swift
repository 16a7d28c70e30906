// The pipeline's process-wide tables, built ahead on a thread of their own.
//
// In:  nothing (the tables come from the embedded word lists and ICU's properties).
// Out: the tables every process builds once before its first document (discovery's word
//      lists, the normalizer's tables, the sentence splitter's abbreviations, …), built.
//
// Why: each table is built when it is first read, by the first document, on the worker
// thread, after the calling thread has parsed its arguments and loaded the lexicon: about
// 13 M instructions (some 3 ms) of a start-up of 45 M, one after the other. Started first
// thing, they are built on the second core meanwhile. A table read before it is done waits
// for it (Swift's lazy globals are initialized once, under a lock): never wrong, at worst
// not ahead.

/// Builds the process-wide tables of the pipeline ahead, on a thread of their own.
public final class StartupTables {
    private let started: CompileThreads.Started<Void>
    private var joined = false

    private init(_ started: CompileThreads.Started<Void>) { self.started = started }

    /// Starts building the tables; `join` before the process exits (the thread reads ICU).
    public static func buildInBackground() -> StartupTables {
        StartupTables(CompileThreads.start { build() })
    }

    /// Waits until the tables are built (once; a second call returns at once).
    public func join() {
        guard !joined else { return }
        joined = true
        started.join()
    }

    /// Reads each table once, largest first.
    static func build() {
        _ = DiscoveryLists.standard
        _ = NormalizationTables.shared
        _ = DiscoveryLists.standardWordEnds
        _ = SentenceSplitter.standard
        _ = PackedWordSet.capitalizedFunctionWords
        _ = DiscoveryScan.familyNamesFirst
        _ = LegalForms.standard
        _ = EntityRecognizer.longestPlaceNoun
        _ = DiscoveryScan.fictionalFirstWords
        _ = DiscoveryScan.finiteVerbSet
        _ = DiscoveryScan.particleSet
        _ = DiscoveryScan.particleInitials
    }
}
