// The eigenname executable, for the tests in CommandLine/ that run it as a process.

import Foundation

/// The eigenname executable built beside the test bundle.
let eigennameBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("eigenname").path
let binaryAvailable = FileManager.default.isExecutableFile(atPath: eigennameBinary)

/// The eigenname executable as a process, with `arguments` and a compile cache of the tests' own.
func eigennameProcess(_ arguments: [String]) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: eigennameBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["EIGENNAME_CACHE"] = NSTemporaryDirectory() + "eigenname-test-cache"
    process.environment = env
    return process
}
