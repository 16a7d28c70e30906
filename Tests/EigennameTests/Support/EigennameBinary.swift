// The eigenname executable, for the tests in CommandLine/ that run it as a process.

import Foundation

/// The eigenname executable built beside the test bundle.
let eigennameBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("eigenname").path
let binaryAvailable = FileManager.default.isExecutableFile(atPath: eigennameBinary)
