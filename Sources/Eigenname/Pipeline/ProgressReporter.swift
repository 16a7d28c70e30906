// Progress and summary for people watching a run.
//
// In:  BatchProgress after every batch; the BatchSummary at the end.
// Out: on a terminal, one progress line redrawn in place (documents, MB,
//      MB/s, time left); otherwise a plain line every few seconds; nothing
//      when quiet. Then a summary. All on standard error, so that standard
//      output carries only annotations.

import Foundation

package final class ProgressReporter {
    enum Style: Sendable { case bar, lines, quiet }

    private let style: Style
    private var lastDraw = -1.0

    /// A bar on a terminal, plain lines elsewhere, or nothing.
    package init(quiet: Bool) {
        style = quiet ? .quiet : (isatty(STDERR_FILENO) != 0 ? .bar : .lines)
    }

    package func update(_ p: BatchProgress) {
        let interval = style == .bar ? 0.1 : 5.0
        guard style != .quiet, p.seconds - lastDraw >= interval else { return }
        lastDraw = p.seconds
        let mb = Double(p.bytes) / 1e6
        let rate = p.seconds > 0 ? mb / p.seconds : 0
        var line = "\(p.documents) documents, \(String(format: "%.1f", mb)) MB, \(String(format: "%.1f", rate)) MB/s"
        if p.failedDocuments > 0 { line += ", \(p.failedDocuments) failed" }
        if p.totalBytes > 0 && rate > 0 {
            let fraction = min(1, Double(p.bytes) / Double(p.totalBytes))
            let left = Double(p.totalBytes - min(p.bytes, p.totalBytes)) / 1e6 / rate
            if style == .bar {
                let width = 24
                let filled = Int(fraction * Double(width))
                line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                    + String(format: "%3.0f%% ", fraction * 100) + line
            }
            line += ", " + Self.duration(left) + " left"
        }
        write(style == .bar ? "\r\u{1B}[K" + line : line + "\n")
    }

    package func finish(_ summary: BatchSummary) {
        guard style != .quiet else { return }
        if style == .bar { write("\r\u{1B}[K") }
        write(Self.summaryText(summary))
    }

    /// The summary as people read it.
    static func summaryText(_ s: BatchSummary) -> String {
        var text = "\(s.documents) documents, \(s.entities) entities"
        if !s.entitiesByType.isEmpty {
            text += " (" + s.entitiesByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        text += ", \(s.failedDocuments) errors"
        if !s.failedOutputs.isEmpty {
            text += ", \(s.failedOutputs.count) \(s.failedOutputs.count == 1 ? "output" : "outputs") not written"
            if s.documentsNotWritten > 0 { text += " (\(s.documentsNotWritten) documents)" }
        }
        if s.stoppedEarly { text += ", stopped early" }
        if s.skippedFiles > 0 { text += ", \(s.skippedFiles) files up to date (skipped)" }
        text += String(format: "; %.1f MB in %.1f s, %.1f MB/s\n", Double(s.bytes) / 1e6, s.seconds, s.megabytesPerSecond)
        return text
    }

    /// The summary as one JSON object, for --report (keys in snake_case, as in every
    /// JSON report of Eigenname).
    package static func reportJSON(_ s: BatchSummary) -> [UInt8] {
        let report = ReportJSON.object([
            ("documents", .int(s.documents)),
            ("failed_documents", .int(s.failedDocuments)),
            ("skipped_files", .int(s.skippedFiles)),
            ("entities", .int(s.entities)),
            ("entities_by_type", .object(s.entitiesByType.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("bytes", .int(s.bytes)),
            ("seconds", .ratio((s.seconds * 1000).rounded() / 1000)),
            ("megabytes_per_second", .ratio((s.megabytesPerSecond * 1000).rounded() / 1000)),
            ("errors", .array(s.errors.map(ReportJSON.string))),
            ("failed_outputs", .array(s.failedOutputs.map {
                .object([("path", .string($0.path)), ("reason", .string($0.reason)), ("documents", .int($0.documents))])
            })),
            ("stopped_early", .bool(s.stoppedEarly)),
        ])
        return Array((report.rendered() + "\n").utf8)
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

    private func write(_ text: String) {
        StandardError.write(text)
    }
}

/// Standard error, for messages to people. A standard error that cannot be
/// written is not an error of the run (there is no one left to tell), so this
/// never fails, never traps and never raises SIGPIPE's default action on its own.
package enum StandardError {
    package static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
