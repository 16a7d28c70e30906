// The pipeline's workers: threads that take documents from the batches in order.
//
// In:  batches (BatchWork) handed over by the calling thread, in input order.
// Out: each batch's outcomes filled in, and its `finished` signalled when its
//      last document is done.
//
// A worker that finds no document left in a batch goes straight on to the next
// batch: no core idles at a batch's end, waiting for the slowest worker of that
// batch or for the calling thread to write it out. Workers are threads of their
// own (pthreads, joined when the pool closes; not blocks on a Dispatch queue):
// they wait for work without holding up Dispatch, whose queues run the signal
// handlers of an interrupted run.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// One batch's documents and their outcomes.
/// @unchecked: each worker writes only the outcomes of the units it took.
final class BatchWork<Outcome>: @unchecked Sendable {
    let items: [BatchItem]
    /// Indices into `items` of the documents (`.unit` items).
    let unitIndices: [Int]
    /// Raw memory, not an array: workers write different slots at the same time.
    let outcomes: UnsafeMutableBufferPointer<Outcome>
    /// Signalled once, when the outcome of every document is in.
    let finished = DispatchSemaphore(value: 0)
    private let nextUnit = Atomic<Int>(0)
    private let unitsLeft: Atomic<Int>

    init(_ items: [BatchItem], placeholder: Outcome) {
        self.items = items
        unitIndices = items.indices.filter { if case .unit = items[$0] { true } else { false } }
        outcomes = .allocate(capacity: items.count)
        outcomes.initialize(repeating: placeholder)
        unitsLeft = Atomic(unitIndices.count)
        if unitIndices.isEmpty { finished.signal() }
    }

    deinit {
        outcomes.deinitialize()
        outcomes.deallocate()
    }

    /// Whether every document has been taken by some worker (not necessarily done).
    var allTaken: Bool { nextUnit.load(ordering: .relaxed) >= unitIndices.count }

    /// The next few documents for one of `workers` workers, as positions in
    /// `unitIndices`; nil when all are taken. A few at a time while many are left:
    /// neighbouring outcome slots are then written by one worker (no cache line
    /// ping-pong) and the counter is touched less; one at a time near the end, so
    /// the workers finish together.
    func take(workers: Int) -> Range<Int>? {
        let count = unitIndices.count
        let chunk = count - nextUnit.load(ordering: .relaxed) >= 64 * workers ? 8 : 1
        let first = nextUnit.add(chunk, ordering: .relaxed).oldValue
        guard first < count else { return nil }
        return first..<min(first + chunk, count)
    }

    /// Records that `count` taken documents are done.
    func complete(_ count: Int) {
        if unitsLeft.subtract(count, ordering: .acquiringAndReleasing).newValue == 0 { finished.signal() }
    }
}

/// `workers` threads, each with its own index (so each uses its own Annotator),
/// processing the documents of the batches submitted, oldest batch first.
final class WorkerPool<Outcome>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`: batches with documents not yet taken, oldest first.
    private var queue: [BatchWork<Outcome>] = []
    private var closed = false
    private var threads: [pthread_t] = []

    init(workers: Int, process: @escaping @Sendable (WorkUnit, _ worker: Int) -> Outcome) {
        for worker in 0..<workers {
            let body = Unmanaged.passRetained(ThreadBody { [self] in
                while let batch = nextBatch() {
                    while let taken = batch.take(workers: workers) {
                        for k in taken {
                            let index = batch.unitIndices[k]
                            guard case .unit(let unit) = batch.items[index] else { continue }
                            batch.outcomes[index] = process(unit, worker)
                        }
                        batch.complete(taken.count)
                    }
                }
            })
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, 8 << 20)  // deeply nested JSON and XML inputs recurse
            var thread = pthread_t()
            let failed = pthread_create(&thread, &attributes, { argument in
                Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue().run()
                return nil
            }, body.toOpaque())
            pthread_attr_destroy(&attributes)
            if failed != 0 {
                body.release()
                // Fewer workers than asked for still do all the work; none cannot.
                precondition(!threads.isEmpty, "cannot start a worker thread: \(String(cString: strerror(failed)))")
                break
            }
            threads.append(thread)
        }
    }

    /// Hands a batch to the workers; wait for `batch.finished` before reading its outcomes.
    func submit(_ batch: BatchWork<Outcome>) {
        condition.lock()
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Lets the workers finish what was submitted and joins their threads. Joined,
    /// not just finished: a thread's exit runs the thread-local destructors of ICU
    /// and libxml2, which must not overlap the process's own exit.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    /// The oldest batch with a document left to take; nil once closed and all is taken.
    private func nextBatch() -> BatchWork<Outcome>? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            queue.removeAll { $0.allTaken }
            if let batch = queue.first { return batch }
            if closed { return nil }
            condition.wait()
        }
    }
}

/// A worker thread's body, passed to pthread_create as an opaque pointer.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
