// swift-tools-version:6.0
// Times Eigenname's general JSON parser (JSONValue.parse) against Foundation's
// JSONSerialization on the same JSONL lines. Usage (from the repository root):
//   swift run -c release --package-path Benchmarks/JSONParser JSONParserBenchmark FILE.jsonl [RUNS]
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the clone was called.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "JSONParserBenchmark",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "JSONParserBenchmark", dependencies: [.product(name: "Eigenname", package: repository)]),
    ]
)
