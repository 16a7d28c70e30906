// Lexicon, compile helper: two pieces of work at once, on two threads.
//
// The compiler splits its row-wise steps (parsing TSV lines, deriving forms,
// tokenizing and folding surfaces) into a first and a second half and runs the
// halves at the same time; the results are joined in row order, and every step
// that gives ids (interning, trie nodes) stays serial, so the image is the same
// bytes whatever the threads' timing (a test compiles both ways and compares).

#if canImport(Glibc)
import Glibc
#endif

enum CompileThreads {
    /// Whether the compiler may use a second thread (tests turn it off to compare the images).
    nonisolated(unsafe) static var enabled = true

    /// Runs `first` on the calling thread and `second` on a thread of its own
    /// (joined before returning); both in turn on the calling thread when a thread
    /// cannot be started, or `parallel` is false.
    static func both<A, B>(parallel: Bool = enabled, _ first: () -> A, _ second: @escaping () -> B) -> (A, B) {
        guard parallel else { return (first(), second()) }
        let started = start(second)
        let a = first()
        return (a, started.join())
    }

    /// Starts `work` on a thread of its own (when enabled and a thread can be started;
    /// else runs it now); `join` waits for its result.
    static func start<T>(_ work: @escaping () -> T) -> Started<T> {
        let box = ResultBox(work)
        guard enabled else {
            box.run()
            return Started(box: box, thread: nil)
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let unmanaged = Unmanaged.passRetained(box as AnyResultBox)
        let failed = pthread_create(&thread, &attributes, { argument in
            Unmanaged<AnyResultBox>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, unmanaged.toOpaque())
        pthread_attr_destroy(&attributes)
        if failed != 0 {
            unmanaged.release()
            box.run()
            return Started(box: box, thread: nil)
        }
        return Started(box: box, thread: thread)
    }

    /// Frees `value` on a thread of its own, not waited for: the strings of a million rows
    /// take a quarter of a second to free, which this thread (or the process's exit) need
    /// not wait for. The caller must hold no other reference to what it frees.
    static func freeInBackground<T>(_ value: consuming T) {
        let box = DisposalBox(value)
        guard enabled else { return }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let unmanaged = Unmanaged.passRetained(box as AnyObject)
        let failed = pthread_create(&thread, &attributes, { argument in
            Unmanaged<AnyObject>.fromOpaque(argument!).release()
            return nil
        }, unmanaged.toOpaque())
        pthread_attr_destroy(&attributes)
        if failed != 0 { unmanaged.release() }
    }

    /// Work started on a thread of its own.
    struct Started<T> {
        fileprivate let box: ResultBox<T>
        fileprivate let thread: pthread_t?

        /// Waits for the work to finish; its result.
        func join() -> T {
            if let thread { pthread_join(thread, nil) }
            return box.result!
        }
    }

    /// The same row-wise work on two halves of `0..<count` (split at `split`, or in the
    /// middle), the second half on a thread of its own; the two results in order.
    static func halves<T>(_ count: Int, split: Int? = nil, minimum: Int = 20_000,
                          _ work: @escaping (Range<Int>) -> T) -> [T] {
        guard enabled, count >= minimum else { return [work(0..<count)] }
        let middle = split ?? count / 2
        let (a, b) = both({ work(0..<middle) }, { work(middle..<count) })
        return [a, b]
    }
}

/// A closure and, once it ran, its result. @unchecked: written by one thread before
/// pthread_join, read by the other after it.
fileprivate class AnyResultBox: @unchecked Sendable {
    func run() {}
}

fileprivate final class ResultBox<T>: AnyResultBox, @unchecked Sendable {
    let work: () -> T
    var result: T?
    init(_ work: @escaping () -> T) { self.work = work }
    override func run() { result = work() }
}

/// What freeInBackground frees: the last reference to its value.
fileprivate final class DisposalBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: consuming T) { self.value = value }
}
