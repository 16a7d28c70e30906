// Corpus I/O, writing: bytes in, a complete output file out (never a partial one).

import Dispatch
import Foundation
import Synchronization

/// Where output bytes go: standard output, or a file that appears only when
/// complete (written to a temporary file beside it, then renamed).
public final class OutputSink {
    private let handle: UnsafeMutablePointer<FILE>
    private let finalPath: String?
    private let temporaryPath: String?
    /// stdio's buffer: 1 MB, so a corpus's output takes few write calls (glibc's
    /// default is 4 KB, and it ignores the size of setvbuf without a buffer).
    private let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: OutputSink.bufferSize)
    private static let bufferSize = 1 << 20

    private init(handle: UnsafeMutablePointer<FILE>, finalPath: String?, temporaryPath: String?) {
        setvbuf(handle, buffer, _IOFBF, Self.bufferSize)
        self.handle = handle
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
    }

    nonisolated(unsafe) public static let standardOutput = OutputSink(handle: fdopen(STDOUT_FILENO, "wb"), finalPath: nil, temporaryPath: nil)

    public static func file(at path: String) throws(EigennameError) -> OutputSink {
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true)
        } catch {
            throw .io(path: dir, reason: "cannot create output directory")
        }
        let temporary = dir + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        guard let handle = fopen(temporary, "wb") else {
            throw .io(path: temporary, reason: String(cString: strerror(errno)))
        }
        temporaryFiles.withLock { _ = $0.insert(temporary) }
        return OutputSink(handle: handle, finalPath: path, temporaryPath: temporary)
    }

    public func flush() { fflush(handle) }

    public func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, handle) }
    }

    /// Flushes, and for a file closes it and moves it into place.
    public func commit() throws(EigennameError) {
        guard let finalPath, let temporaryPath else {
            fflush(handle)
            return
        }
        let failed = fflush(handle) != 0 || ferror(handle) != 0
        fclose(handle)
        buffer.deallocate()  // stdio is done with it (standard output keeps its own)
        defer { temporaryFiles.withLock { _ = $0.remove(temporaryPath) } }
        if failed {
            unlink(temporaryPath)
            throw .io(path: finalPath, reason: "write failed")
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
                for path in temporaryFiles.withLock({ $0 }) { unlink(path) }
                _exit(128 + sig)
            }
            source.resume()
            interruptSources.append(source)
        }
    }
}
