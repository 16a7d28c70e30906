// Corpus I/O: a file descriptor in, its lines out, with bounded memory.

#if canImport(Glibc)
import Glibc
#endif

/// One line of input without its line end (and without a byte order mark on line 1).
struct RawLine: Sendable {
    /// A slice of the block the line was read into: lines are not copied one by one.
    var bytes: ArraySlice<UInt8>
    /// 1-based.
    var number: Int
}

/// Lines read from a file descriptor. Memory stays bounded by the read chunk
/// plus the longest line; a line longer than `maximumLineLength` is skipped
/// and reported as a failure instead of being held. A read error ends the
/// sequence after one `.failure(.io(…))`.
///
/// The file is read in blocks of `chunkSize` bytes, each into a new array, and a
/// line is handed out as a slice of its block: no copy and no allocation per
/// line (the calling thread of a batch run does this for every document). Only
/// the unfinished line at the end of a block moves into the next one. A block
/// lives as long as a slice of it does.
final class LineStream: Sequence, IteratorProtocol {
    let path: String
    let maximumLineLength: Int

    private let fileDescriptor: Int32
    private let ownsFileDescriptor: Bool
    private let chunk: UnsafeMutableRawBufferPointer
    /// The current block: bytes read; lines before `start` are handed out.
    private var pending: [UInt8] = []
    private var start = 0
    /// Where to continue looking for LF in `pending` (bytes before it hold none).
    private var scanned = 0
    private var lineNumber = 0
    private var atFileStart = true
    private var endOfFile = false
    private var finished = false
    /// True while dropping the rest of an overlong line.
    private var skippingLine = false

    /// Opens `path` ("-" reads standard input, which is not closed afterwards).
    convenience init(path: String, chunkSize: Int = 1 << 20, maximumLineLength: Int = 1 << 30) throws(EigennameError) {
        if path == "-" {
            self.init(fileDescriptor: 0, path: path, closeWhenDone: false,
                      chunkSize: chunkSize, maximumLineLength: maximumLineLength)
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        self.init(fileDescriptor: descriptor, path: path, closeWhenDone: true,
                  chunkSize: chunkSize, maximumLineLength: maximumLineLength)
    }

    /// Reads from an open descriptor; `path` names it in origins and errors.
    init(
        fileDescriptor: Int32, path: String, closeWhenDone: Bool,
        chunkSize: Int = 1 << 20, maximumLineLength: Int = 1 << 30
    ) {
        self.fileDescriptor = fileDescriptor
        self.ownsFileDescriptor = closeWhenDone
        self.path = path
        self.maximumLineLength = Swift.max(1, maximumLineLength)
        self.chunk = .allocate(byteCount: Swift.max(1, chunkSize), alignment: 1)
    }

    deinit {
        chunk.deallocate()
        if ownsFileDescriptor { close(fileDescriptor) }
    }

    /// Whether `next()` has something to return without waiting for a writer: a buffered
    /// line, or bytes (or the end) ready on the descriptor. (A line begun there is taken to be
    /// finished without waiting for answers, as every writer of whole lines does.)
    var hasInputReady: Bool {
        if hasBufferedLine || endOfFile { return true }
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Whether a complete line is buffered, so that `next()` returns without reading.
    var hasBufferedLine: Bool {
        finished || skippingLine || pending.withUnsafeBufferPointer { JSONLReader.indexOfLineFeed(in: $0, from: scanned) } != nil
    }

    func next() -> Result<RawLine, EigennameError>? {
        while !finished {
            // A complete line in the buffer?
            let lineFeed = pending.withUnsafeBufferPointer { JSONLReader.indexOfLineFeed(in: $0, from: scanned) }
            if let lineFeed {
                if let result = takeLine(upTo: lineFeed, next: lineFeed + 1) { return result }
                continue
            }
            scanned = pending.count
            if endOfFile {
                finished = true
                // The last line may lack its LF.
                if start < pending.count, let result = takeLine(upTo: pending.count, next: pending.count) {
                    return result
                }
                return nil
            }
            if pending.count - start > maximumLineLength, !skippingLine {
                // Report the overlong line now and drop its bytes as they arrive.
                lineNumber += 1
                skippingLine = true
                atFileStart = false
                dropAll()
                return .failure(.malformedJSON(
                    origin: DocumentOrigin(path: path, line: lineNumber), column: maximumLineLength + 1,
                    reason: "line longer than \(maximumLineLength) bytes"))
            }
            if skippingLine { dropAll() }
            if let failure = readChunk() { return failure }
        }
        return nil
    }

    /// Hands out the line in `pending[start..<end]` and moves past it to `next`;
    /// nil for the tail of a skipped overlong line.
    private func takeLine(upTo end: Int, next: Int) -> Result<RawLine, EigennameError>? {
        let lineStart = start
        start = next
        scanned = next
        if skippingLine {
            skippingLine = false
            return nil
        }
        lineNumber += 1
        var bodyStart = lineStart
        if atFileStart {
            atFileStart = false
            bodyStart += pending.withUnsafeBufferPointer {
                JSONLReader.byteOrderMarkLength(UnsafeBufferPointer(rebasing: $0[lineStart..<end]))
            }
        }
        return .success(RawLine(bytes: pending[bodyStart..<end], number: lineNumber))
    }

    /// Forgets the buffered bytes of a line being skipped, so `pending` does not grow.
    private func dropAll() {
        pending.removeAll(keepingCapacity: true)
        scanned = 0
        start = 0
    }

    /// A very long line (a whole large document) is being read: room for the rest
    /// of a regular file at once, instead of growing (and copying) step by step.
    private func reserveForLongLine() {
        var info = stat()
        let position = lseek(fileDescriptor, 0, SEEK_CUR)
        guard fstat(fileDescriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, position >= 0 else { return }
        let rest = Int(info.st_size) - Int(position)
        pending.reserveCapacity(Swift.min(pending.count + Swift.max(rest, 0) + chunk.count, maximumLineLength + 2 * chunk.count))
    }

    /// Reads the next chunk of the file; returns a failure if reading fails. When
    /// lines of the block were handed out, the chunk goes into a new block that
    /// begins with the unfinished line; otherwise (the block is one unfinished
    /// line, and no slice shares it) it is appended in place, so a long line
    /// grows in amortized linear time.
    private func readChunk() -> Result<RawLine, EigennameError>? {
        var got = 0
        var error: Int32 = 0
        if start > 0 {
            let carry = pending.count - start
            pending = [UInt8](unsafeUninitializedCapacity: carry + chunk.count) { block, initialized in
                _ = pending[start...].withUnsafeBufferPointer { block.initialize(fromContentsOf: $0) }
                (got, error) = readRetrying(into: block.baseAddress! + carry, count: chunk.count)
                initialized = carry + Swift.max(got, 0)
            }
            scanned -= start
            start = 0
        } else {
            (got, error) = readRetrying(into: chunk.baseAddress!, count: chunk.count)
            if got > 0 {
                if pending.count + got > pending.capacity && pending.count >= 4 << 20 { reserveForLongLine() }
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
            }
        }
        if got > 0 { return nil }
        if got == 0 {
            endOfFile = true
            return nil
        }
        finished = true
        return .failure(.io(path: path, reason: String(cString: strerror(error))))
    }

    /// read(2), again after a signal: the count (0 at the end, -1 on error) and errno.
    private func readRetrying(into buffer: UnsafeMutableRawPointer, count: Int) -> (Int, Int32) {
        while true {
            let got = read(fileDescriptor, buffer, count)
            if got >= 0 { return (got, 0) }
            if errno != EINTR { return (-1, errno) }
        }
    }
}
