// Parses every line of a JSONL file into a tree, RUNS times, with each parser in
// turn (alternating, so a slow minute hits both), and prints MB/s: the minimum
// time of the runs for each.

import Dispatch
import Eigenname
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    print("usage: JSONParserBenchmark FILE.jsonl [RUNS]")
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let lines = Array(data).split(separator: 0x0A).map { Array($0) }
let datas = lines.map { Data($0) }
let megabytes = Double(lines.reduce(0) { $0 + $1.count }) / 1e6

func seconds(_ body: () -> Int) -> (Double, Int) {
    let start = DispatchTime.now()
    let n = body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, n)
}

var ours = Double.infinity, foundation = Double.infinity
for _ in 0..<runs {
    let (a, n1) = seconds { lines.reduce(0) { count, line in (try? JSONValue.parse(line)) != nil ? count + 1 : count } }
    let (b, n2) = seconds { datas.reduce(0) { count, line in (try? JSONSerialization.jsonObject(with: line)) != nil ? count + 1 : count } }
    precondition(n1 == lines.count && n2 == lines.count, "both parse every line")
    ours = min(ours, a)
    foundation = min(foundation, b)
}
print(String(format: "%d lines, %.1f MB: JSONValue.parse %.1f MB/s, JSONSerialization %.1f MB/s (%.2fx), min of %d",
             lines.count, megabytes, megabytes / ours, megabytes / foundation, foundation / ours, runs))
