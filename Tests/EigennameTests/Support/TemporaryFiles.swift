// Temporary folders and files for tests that run on real files.

import Foundation

/// Tests that write inputs and outputs to real files adopt this.
protocol UsesTemporaryFiles {}

extension UsesTemporaryFiles {
    /// A new, empty folder under the system's temporary directory.
    func directory() -> String {
        let dir = NSTemporaryDirectory() + "eigenname-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `bytes` to `path`, making its folder.
    func write(_ bytes: [UInt8], _ path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
}

/// A new, empty folder for the output format tests.
func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "eigenname-format-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `bytes` to `path` (its folder must exist).
func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Bytes as text (invalid UTF-8 as U+FFFD).
func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
