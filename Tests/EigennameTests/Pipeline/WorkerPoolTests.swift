// The pipeline's workers: they take documents from the batches the calling
// thread submits, and a batch is finished when its last document is done.

import Foundation
import Testing
@testable import Eigenname

@Suite("Worker pool")
struct WorkerPoolTests {
    private func units(_ count: Int, path: String) -> [BatchItem] {
        (1...count).map { .unit(WorkUnit(kind: .jsonlLine, bytes: ArraySlice("{}".utf8), path: path, line: $0, documentDirectory: "")) }
    }

    @Test("a worker goes on to the next batch while a document of the earlier one is still being done")
    func noWaitingAtTheEndOfABatch() {
        let slowDocumentStarted = DispatchSemaphore(value: 0)
        let releaseSlowDocument = DispatchSemaphore(value: 0)
        let pool = WorkerPool<String>(workers: 2) { unit, _ in
            if unit.path == "a" && unit.line == 1 {
                slowDocumentStarted.signal()
                releaseSlowDocument.wait()
            }
            return "\(unit.path)\(unit.line)"
        }
        let first = BatchWork<String>(units(1, path: "a"), placeholder: "")
        let second = BatchWork<String>(units(50, path: "b"), placeholder: "")
        pool.submit(first)
        slowDocumentStarted.wait()
        pool.submit(second)
        // The other worker does all of the second batch although the first is not finished.
        #expect(second.finished.wait(timeout: .now() + 30) == .success)
        #expect(first.finished.wait(timeout: .now()) == .timedOut)
        releaseSlowDocument.signal()
        #expect(first.finished.wait(timeout: .now() + 30) == .success)
        pool.close()
        #expect(Array(first.outcomes) == ["a1"])
        #expect(Array(second.outcomes) == (1...50).map { "b\($0)" })
    }

    @Test("a batch without documents is finished at once; closing waits for the submitted work")
    func emptyBatchAndClose() {
        let pool = WorkerPool<Int>(workers: 3) { unit, _ in unit.line * 2 }
        let empty = BatchWork<Int>([.begin(0), .end(0)], placeholder: -1)
        #expect(empty.finished.wait(timeout: .now()) == .success)
        let work = BatchWork<Int>(units(1000, path: "x"), placeholder: -1)
        pool.submit(work)
        pool.close()
        #expect(work.finished.wait(timeout: .now()) == .success)
        #expect(Array(work.outcomes) == (1...1000).map { $0 * 2 })
    }
}
