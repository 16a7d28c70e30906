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
///
/// Every failure is kept: the first failed write, the close and the rename.
/// `failure` says so at once (a run that writes to standard output stops
/// there), and `commit()` throws it, after removing the temporary file: a
/// failed output never appears, so a rerun writes it again.
package final class OutputSink {
    /// Writes iovecs to a descriptor, as `writev` does (bytes written, or -1 and errno).
    /// Tests put one in that fails after some bytes, as a full disk does.
    typealias VectorWriter = @Sendable (Int32, UnsafePointer<iovec>, Int32) -> Int

    static let systemWriter: VectorWriter = { descriptor, vectors, count in writev(descriptor, vectors, count) }

    /// What the sink writes to, as people read it: a path, or "standard output".
    package let name: String
    private let fileDescriptor: Int32
    private let finalPath: String?
    private let temporaryPath: String?
    private let writer: VectorWriter
    /// Arrays written and not yet flushed, and their bytes.
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    /// The first write error (errno); later writes are dropped.
    private var writeError: Int32 = 0
    private var committed = false
    private static let flushBytes = 1 << 20
    private static let flushArrays = 1024  // IOV_MAX on Linux

    private init(fileDescriptor: Int32, name: String, finalPath: String?, temporaryPath: String?, writer: @escaping VectorWriter) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
        self.writer = writer
    }

    /// A file sink dropped without `commit()` (an error path) leaves no file behind.
    deinit {
        guard !committed, finalPath != nil else { return }
        close(fileDescriptor)
        if let temporaryPath {
            unlink(temporaryPath)
            temporaryFiles.withLock { _ = $0.remove(temporaryPath) }
        }
    }

    /// Standard output (a new sink each time: its error state belongs to one run).
    package static func standardOutput() -> OutputSink {
        standardOutput(writer: systemWriter)
    }

    static func standardOutput(writer: @escaping VectorWriter) -> OutputSink {
        OutputSink(fileDescriptor: STDOUT_FILENO, name: "standard output", finalPath: nil, temporaryPath: nil, writer: writer)
    }

    /// A file that appears only when complete. A path that exists and is no regular
    /// file (a device, a named pipe) or is a symbolic link (/dev/stdout) is written
    /// directly, through the link: a rename would replace the device or the link.
    package static func file(at path: String) throws(EigennameError) -> OutputSink {
        try file(at: path, writer: systemWriter)
    }

    static func file(at path: String, writer: @escaping VectorWriter) throws(EigennameError) -> OutputSink {
        var info = stat(), link = stat()
        let isLink = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        if stat(path, &info) == 0 && ((info.st_mode & S_IFMT) != S_IFREG || isLink) {
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .io(path: path, reason: "is a directory") }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | ((info.st_mode & S_IFMT) == S_IFREG ? O_TRUNC : 0))
            guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
            return OutputSink(fileDescriptor: descriptor, name: path, finalPath: path, temporaryPath: nil, writer: writer)
        }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, reason: "cannot create the output directory " + (dir.isEmpty ? "." : dir)
                + Self.directoryProblem(dir.isEmpty ? "." : dir))
        }
        let temporary = (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        // Created and registered under the lock the interrupt handler takes: a signal
        // comes either before the file exists or after the handler can see it.
        let (descriptor, error) = temporaryFiles.withLock { files -> (Int32, Int32) in
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            if descriptor >= 0 { files.insert(temporary) }
            return (descriptor, errno)
        }
        guard descriptor >= 0 else {
            throw .io(path: path, reason: "cannot create " + temporary + ": " + String(cString: strerror(error)))
        }
        return OutputSink(fileDescriptor: descriptor, name: path, finalPath: path, temporaryPath: temporary, writer: writer)
    }

    /// Why a directory could not be made: the first part of the path that is no directory.
    private static func directoryProblem(_ dir: String) -> String {
        var prefix = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            prefix += "/" + part
            var info = stat()
            if stat(prefix, &info) != 0 { return "" }
            if (info.st_mode & S_IFMT) != S_IFDIR { return ": " + prefix + " is not a directory" }
        }
        return ""
    }

    /// The first failure so far (a write that failed), or nil. After one, writes are dropped.
    var failure: EigennameError? {
        writeError == 0 ? nil : .io(path: name, reason: "write failed: " + String(cString: strerror(writeError)))
    }

    /// True when the reader of a pipe went away (EPIPE): Unix tools then end quietly.
    package var isBrokenPipe: Bool { writeError == EPIPE }

    package func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, writeError == 0 else { return }
        pending.append(bytes)
        pendingBytes += bytes.count
        if pendingBytes >= Self.flushBytes || pending.count >= Self.flushArrays { flush() }
    }

    /// Writes `bytes` now, after what is pending: a large block that is no array (a compiled
    /// lexicon's image), written from where it is instead of copied into an array first.
    package func write(_ bytes: UnsafeRawBufferPointer) {
        flush()
        guard !bytes.isEmpty, writeError == 0 else { return }
        writeAll([iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)])
    }

    /// Writes out what is pending (after a write error: drops it).
    func flush() {
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        guard writeError == 0, !pending.isEmpty else { return }
        // iovecs point into the pending arrays, which stay alive until the defer.
        writeAll(pending.map { array in
            array.withUnsafeBytes { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        })
    }

    /// Writes every byte the iovecs point to, going on after partial writes; a failure is kept in `writeError`.
    private func writeAll(_ vectors: [iovec]) {
        var vectors = vectors
        var first = 0
        while first < vectors.count {
            let written = vectors[first...].withUnsafeBufferPointer {
                writer(fileDescriptor, $0.baseAddress!, Int32($0.count))
            }
            if written < 0 {
                if errno == EINTR { continue }
                writeError = errno
                return
            }
            if written == 0 {  // no progress and no error: never spin
                writeError = EIO
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

    /// Flushes, and for a file closes it and moves it into place. Throws the
    /// first failure of a write, the close or the rename; the temporary file is
    /// then removed and nothing appears at the path.
    package func commit() throws(EigennameError) {
        flush()
        guard let finalPath else {
            if let failure { throw failure }
            return
        }
        committed = true
        let closeError = close(fileDescriptor) != 0 ? errno : 0
        guard let temporaryPath else {
            // A device or pipe, written directly.
            if let failure { throw failure }
            if closeError != 0 { throw .io(path: finalPath, reason: "close failed: " + String(cString: strerror(closeError))) }
            return
        }
        defer { temporaryFiles.withLock { _ = $0.remove(temporaryPath) } }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        if closeError != 0 {
            unlink(temporaryPath)
            throw .io(path: finalPath, reason: "close failed: " + String(cString: strerror(closeError)))
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .io(path: finalPath, reason: "cannot move the finished output into place: " + reason)
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
    package static func removeTemporaryFilesOnInterrupt() {
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
