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
