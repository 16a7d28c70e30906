// The pipeline's process-wide tables built ahead (Pipeline/StartupTables.swift).

import Testing
@testable import Eigenname

@Suite("Start-up tables built ahead")
struct StartupTablesTests {
    @Test func aSecondJoinReturnsAtOnce() {
        let tables = StartupTables.buildInBackground()
        tables.join()
        tables.join()
        #expect(!DiscoveryLists.standard.speechVerbs.isEmpty)
    }

    @Test func aDocumentAnnotatedWhileTheTablesAreBuiltFindsTheSame() throws {
        let annotator = try Annotator(lexicon: DiscoveryTests.lexicon)
        let text = "Die Geschäftsführerin Petra Lorenz sagte, Xiaomi baue den YU9."
        let before = try annotator.annotate(text).entities
        let tables = StartupTables.buildInBackground()
        let during = try annotator.annotate(text).entities
        tables.join()
        #expect(during == before)
        #expect(!during.isEmpty)
    }
}
