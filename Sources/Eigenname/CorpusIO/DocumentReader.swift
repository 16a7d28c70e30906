// Corpus I/O, reading: an InputFile in, its documents out.
// Corpus I/O, writing: bytes in, a complete output file out (never a partial one).

import Foundation

public enum DocumentReader {
    /// All documents of one input file. Throws when the file cannot be read at
    /// all; a bad document inside a readable file is a `.failure` in the list.
    public static func documents(of input: InputFile, replaceInvalid: Bool) throws(EigennameError)
        -> [Result<SourceDocument, EigennameError>]
    {
        let bytes: [UInt8]
        if input.isStandardInput {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: input.path) else {
                throw .io(path: input.path, reason: "cannot read file")
            }
            bytes = Array(data)
        }
        switch input.format {
        case .text:
            let id = ((input.path as NSString).lastPathComponent as NSString).deletingPathExtension
            let origin = DocumentOrigin(path: input.path)
            do {
                let text = try TextDecoding.decode(bytes, origin: origin, replaceInvalid: replaceInvalid)
                return [.success(SourceDocument(id: id, utf8: text, origin: origin))]
            } catch {
                return [.failure(error)]
            }
        case .jsonl:
            return JSONLReader(replacingInvalidUTF8: replaceInvalid).documents(in: bytes, path: input.path)
        }
    }
}

/// Where output bytes go: standard output, or a file that appears only when
/// complete (written to a temporary file beside it, then renamed).
public final class OutputSink {
    private let handle: UnsafeMutablePointer<FILE>
    private let finalPath: String?
    private let temporaryPath: String?

    private init(handle: UnsafeMutablePointer<FILE>, finalPath: String?, temporaryPath: String?) {
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
        return OutputSink(handle: handle, finalPath: path, temporaryPath: temporary)
    }

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
