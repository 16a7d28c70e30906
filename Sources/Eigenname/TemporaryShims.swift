// TEMPORARY until the first-names branch merges.
import Foundation
extension LanguageKnowledge {
    var worldFirstNames: [String: UInt8] { Self.shimNames }
    static let shimNames: [String: UInt8] = {
        guard let path = ProcessInfo.processInfo.environment["EIGENNAME_FIRST_NAMES"], let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var d: [String: UInt8] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") { let p = line.split(separator: "\t"); d[String(p[0])] = UInt8(p.count > 1 ? Int(p[1]) ?? 1 : 1) }
        return d
    }()
}
