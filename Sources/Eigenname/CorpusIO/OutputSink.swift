// Corpus I/O, writing: bytes in, a complete output file out (never a partial one).

import Dispatch
import Foundation
import Synchronization

/// Where output bytes go: standard output, or a file that appears only when
/// complete (written to a temporary file beside it, then renamed).
///
/// Written arrays are kept, not copied, and go out together in one `writev`
/// call per megabyte or so: the thread that writes a batch run's output then
/// costs a system call per few hundred documents and no copy of its own.
public final class OutputSink {
    private let fileDescriptor: Int32
    private let finalPath: String?
    private let temporaryPath: String?
    /// Arrays written and not yet flushed, and their bytes.
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    /// The first write error (errno), reported by `commit()`.
    private var writeError: Int32 = 0
    private var committed = false
    private static let flushBytes = 1 << 20
    private static let flushArrays = 1024  // IOV_MAX on Linux

    private init(fileDescriptor: Int32, finalPath: String?, temporaryPath: String?) {
        self.fileDescriptor = fileDescriptor
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
    }

    /// A file sink dropped without `commit()` (an error path) leaves no file behind.
    deinit {
        guard !committed, let temporaryPath else { return }
        close(fileDescriptor)
        unlink(temporaryPath)
        temporaryFiles.withLock { _ = $0.remove(temporaryPath) }
    }

    nonisolated(unsafe) public static let standardOutput = OutputSink(fileDescriptor: STDOUT_FILENO, finalPath: nil, temporaryPath: nil)

    public static func file(at path: String) throws(EigennameError) -> OutputSink {
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true)
        } catch {
            throw .io(path: dir, reason: "cannot create output directory")
        }
        let temporary = dir + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        // Created and registered under the lock the interrupt handler takes: a signal
        // comes either before the file exists or after the handler can see it.
        let (descriptor, error) = temporaryFiles.withLock { files -> (Int32, Int32) in
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            if descriptor >= 0 { files.insert(temporary) }
            return (descriptor, errno)
        }
        guard descriptor >= 0 else {
            throw .io(path: temporary, reason: String(cString: strerror(error)))
        }
        return OutputSink(fileDescriptor: descriptor, finalPath: path, temporaryPath: temporary)
    }

    public func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        pending.append(bytes)
        pendingBytes += bytes.count
        if pendingBytes >= Self.flushBytes || pending.count >= Self.flushArrays { flush() }
    }

    /// Writes out what is pending (after a write error: drops it).
    public func flush() {
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        guard writeError == 0, !pending.isEmpty else { return }
        // iovecs point into the pending arrays, which stay alive until the defer.
        var vectors = pending.map { array in
            array.withUnsafeBytes { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        }
        var first = 0
        while first < vectors.count {
            let written = vectors[first...].withUnsafeBufferPointer {
                writev(fileDescriptor, $0.baseAddress, Int32($0.count))
            }
            if written < 0 {
                if errno == EINTR { continue }
                writeError = errno
                return
            }
            // A partial write: skip what went out, and go on from there.
            var left = written
            while first < vectors.count && left >= vectors[first].iov_len {
                left -= vectors[first].iov_len
                first += 1
            }
            if left > 0 {
                vectors[first].iov_base += left
                vectors[first].iov_len -= left
            }
        }
    }

    /// Flushes, and for a file closes it and moves it into place.
    public func commit() throws(EigennameError) {
        flush()
        guard let finalPath, let temporaryPath else {
            if writeError != 0 { throw .io(path: "standard output", reason: String(cString: strerror(writeError))) }
            return
        }
        committed = true
        let closeFailed = close(fileDescriptor) != 0
        defer { temporaryFiles.withLock { _ = $0.remove(temporaryPath) } }
        if writeError != 0 || closeFailed {
            unlink(temporaryPath)
            throw .io(path: finalPath, reason: "write failed: " + String(cString: strerror(writeError != 0 ? writeError : errno)))
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            unlink(temporaryPath)
            throw .io(path: finalPath, reason: String(cString: strerror(errno)))
        }
    }
}

/// Temporary output files not yet moved into place.
private let temporaryFiles = Mutex<Set<String>>([])

/// Signal sources must stay alive for as long as they are to be handled.
nonisolated(unsafe) private var interruptSources: [DispatchSourceSignal] = []

extension OutputSink {
    /// On SIGINT or SIGTERM, removes the temporary files of outputs still being
    /// written and exits (130 or 143): an interrupted run leaves no partial file,
    /// and complete files stay, so a rerun resumes. (SIGKILL cannot be caught:
    /// then a hidden `.NAME.tmp-PID` file may remain, never a partial NAME.)
    public static func removeTemporaryFilesOnInterrupt() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Exits holding the lock: no temporary file can be created after the unlinks.
                temporaryFiles.withLock { files in
                    for path in files { unlink(path) }
                    _exit(128 + sig)
                }
            }
            source.resume()
            interruptSources.append(source)
        }
    }
}
