// The HTML view and the evaluation report, rendered in a real browser: headless
// Chromium (Debian's `chromium` package) loads each page in an iframe of a small
// harness page, which reads the rendered DOM (every <mark>, its data attributes,
// its text, its computed background color) into JSON that `--dump-dom` prints.
// Any console message (a script error, a blocked fetch, a CSP violation) fails
// the test: the pages themselves hold no script at all.
//
// Skipped, with a message, when no Chromium binary is found ($CHROMIUM, else
// chromium, chromium-browser, google-chrome or google-chrome-stable on PATH).
// With EIGENNAME_SCREENSHOTS=DIR the README's screenshots are (re)made in DIR:
//   EIGENNAME_SCREENSHOTS=docs swift test --filter BrowserTests

import Foundation
import Testing
@testable import Eigenname

enum Chromium {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    static let missing = "no Chromium binary found (install Debian's package: apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)"

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
        /// The lines Chromium logs for console messages (errors, warnings, CSP violations, console.log).
        var consoleMessages: [String] { stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init) }
    }

    /// Starts headless Chromium with `arguments` in its own profile directory under `dir`;
    /// `wait()` on the result gives its output. Several can run at once.
    static func start(_ arguments: [String], in dir: String, name: String) throws -> () throws -> Run {
        let path = try #require(path, "\(Chromium.missing)")
        let out = "\(dir)/\(name).stdout", err = "\(dir)/\(name).stderr"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(dir)/profile-\(name)"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        return {
            process.waitUntilExit()
            watchdog.cancel()
            return Run(stdout: String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self),
                       stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self),
                       status: process.terminationStatus)
        }
    }
}

/// What the harness page reports for one framed page.
private struct RenderedPage: Decodable {
    struct Mark: Decodable {
        var type: String?
        var canonical: String?
        var start: String?
        var end: String?
        var kind: String?
        var doc: String?
        var text: String
        var classes: String
        var background: String
        var label: String
        /// The computed border-bottom-style: "dashed" for discovered entities, "none" else.
        var underline: String?
    }
    var page: String
    var title: String
    var scripts: Int
    var marks: [Mark]
}

/// A page that frames `pages` and writes, after they have loaded, what each one
/// rendered into <pre id="result"> as JSON.
private func harness(_ pages: [String]) -> String {
    let frames = pages.map { "<iframe src=\"\($0)\" width=\"1000\" height=\"600\"></iframe>" }.joined(separator: "\n")
    return """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>harness</title></head>
        <body>
        \(frames)
        <pre id="result">pending</pre>
        <script>
        window.addEventListener("load", () => {
          const pages = [...document.querySelectorAll("iframe")].map(frame => {
            const doc = frame.contentDocument;
            if (!doc) return { page: frame.src, title: "", scripts: -1, marks: [] };
            return {
              page: frame.src,
              title: doc.title,
              scripts: doc.querySelectorAll("script").length,
              marks: [...doc.querySelectorAll("mark")].map(m => ({
                type: m.dataset.type ?? null, canonical: m.dataset.canonical ?? null,
                start: m.dataset.start ?? null, end: m.dataset.end ?? null,
                kind: m.dataset.kind ?? null, doc: m.dataset.doc ?? null,
                text: m.textContent, classes: m.className,
                background: getComputedStyle(m).backgroundColor,
                label: getComputedStyle(m, "::after").content,
                underline: getComputedStyle(m).borderBottomStyle
              }))
            };
          });
          document.getElementById("result").textContent = JSON.stringify(pages);
        });
        </script>
        </body></html>
        """
}

/// "rgb(r, g, b)" for "#rrggbb", as getComputedStyle writes colors.
private func rgb(_ hex: String) -> String {
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    return "rgb(\(value >> 16), \((value >> 8) & 0xFF), \(value & 0xFF))"
}

/// Renders `pages` (file name → bytes) in one Chromium run and returns what each rendered.
private func render(_ pages: [(name: String, bytes: [UInt8])]) throws -> ([RenderedPage], Chromium.Run) {
    let dir = NSTemporaryDirectory() + "eigenname-browser-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for page in pages { try Data(page.bytes).write(to: URL(fileURLWithPath: "\(dir)/\(page.name)")) }
    try Data(harness(pages.map(\.name)).utf8).write(to: URL(fileURLWithPath: "\(dir)/harness.html"))
    let run = try Chromium.start(["--allow-file-access-from-files", "--virtual-time-budget=5000",
                                  "--dump-dom", "file://\(dir)/harness.html"], in: dir, name: "dom")()
    #expect(run.status == 0, "chromium exited with \(run.status): \(run.stderr.suffix(2000))")
    let open = try #require(run.stdout.range(of: "<pre id=\"result\">"), "no result in the DOM: \(run.stdout.prefix(500))")
    let close = try #require(run.stdout.range(of: "</pre>", range: open.upperBound..<run.stdout.endIndex))
    let json = HTMLMarks.unescape(String(run.stdout[open.upperBound..<close.lowerBound]))
    let rendered = try JSONDecoder().decode([RenderedPage].self, from: Data(json.utf8))
    return (rendered, run)
}

@Suite("Browser: pages rendered in headless Chromium", .enabled(if: Chromium.path != nil, "\(Chromium.missing)"))
struct BrowserTests {
    @Test("document pages: every entity highlighted with its type (color and label), no script, no console message")
    func documentPages() throws {
        let documents = FormatFixtures.documents
        let (rendered, run) = try render(documents.enumerated().map { ("doc\($0.offset).html", HTMLOutput.page($0.element)) })
        #expect(run.consoleMessages == [])
        #expect(rendered.count == documents.count)
        for (page, doc) in zip(rendered, documents) {
            #expect(page.title == "\(doc.id) – Eigenname")
            #expect(page.scripts == 0)
            let marks = page.marks.filter { $0.classes.split(separator: " ").contains("ent") }
            #expect(marks.count == doc.entities.count, "\(doc.id)")
            for entity in doc.entities {
                let mark = marks.first { $0.start == String(entity.start) && $0.end == String(entity.end) }
                let found = try #require(mark, "\(doc.id): \(entity.text) [\(entity.start), \(entity.end)) not highlighted")
                #expect(found.type == entity.type && found.text == entity.text && found.canonical == entity.canonical)
                #expect(found.background == rgb(TypeColors.background(entity.type)), "\(entity.text): \(found.background)")
                #expect(found.label.contains(entity.type), "\(entity.text): label \(found.label)")
            }
        }
    }

    @Test("document pages: discovered entities are drawn with a dashed underline, lexicon ones without")
    func discoveredUnderline() throws {
        let doc = FormatFixtures.discovered
        let (rendered, run) = try render([("hansen.html", HTMLOutput.page(doc))])
        #expect(run.consoleMessages == [])
        let marks = try #require(rendered.first).marks.filter { $0.classes.split(separator: " ").contains("ent") }
        #expect(marks.map(\.text) == doc.entities.map(\.text))
        #expect(marks.map(\.underline) == ["dashed", "none", "dashed"])
        #expect(marks.map(\.background) == doc.entities.map { rgb(TypeColors.background($0.type)) })
    }

    @Test("evaluation report: every false negative and false positive highlighted with its type, no console message")
    func evaluationReport() throws {
        let evaluation = ReportFixture.evaluation
        let (rendered, run) = try render([("report.html", EvaluationHTMLReport.page(evaluation))])
        #expect(run.consoleMessages == [])
        let page = try #require(rendered.first)
        #expect(page.scripts == 0)
        let marks = page.marks.filter { $0.classes.split(separator: " ").contains("mistake") }
        let expected = evaluation.falseNegatives.map { ("fn", $0) } + evaluation.falsePositives.map { ("fp", $0) }
        #expect(marks.count == expected.count)
        for (kind, mistake) in expected {
            let mark = marks.first {
                $0.kind == kind && $0.doc == mistake.documentID && $0.start == String(mistake.entity.start)
                    && $0.end == String(mistake.entity.end) && $0.type == mistake.entity.type
            }
            let found = try #require(mark, "\(kind) \(mistake.entity.text) not highlighted")
            #expect(found.text == mistake.entity.text)
            #expect(found.background == rgb(TypeColors.background(mistake.entity.type)))
            #expect(found.label.contains(mistake.entity.type))
        }
    }

    @Test("screenshots for the README (only with EIGENNAME_SCREENSHOTS=DIR)",
          .enabled(if: ProcessInfo.processInfo.environment["EIGENNAME_SCREENSHOTS"] != nil))
    func screenshots() throws {
        let target = ProcessInfo.processInfo.environment["EIGENNAME_SCREENSHOTS"]!
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let dir = NSTemporaryDirectory() + "eigenname-screenshots-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let article = ScreenshotFixture.annotated
        try Data(HTMLOutput.page(article)).write(to: URL(fileURLWithPath: "\(dir)/page.html"))
        try Data(EvaluationHTMLReport.page(ReportFixture.evaluation, goldSource: "gold.jsonl",
                                           predictedSource: "pred.jsonl")).write(to: URL(fileURLWithPath: "\(dir)/report.html"))
        let shots = [("page.html", "html-view.png", "1000,1050"), ("report.html", "evaluation-report.png", "1000,1700")]
        let waits = try shots.map { page, png, size in
            try Chromium.start(["--window-size=\(size)", "--screenshot=\(target)/\(png)", "file://\(dir)/\(page)"],
                               in: dir, name: png)
        }
        for wait in waits {
            let run = try wait()
            #expect(run.status == 0 && run.consoleMessages == [])
        }
    }
}

enum ScreenshotFixture {
    static let article = """
        Xiaomi und Ford im Vergleich
        Ford-Chef Jim Farley hat erklärt, er sei monatelang Xiaomis SU7-Modell gefahren; über Gespräche beider Konzerne berichtete zuerst die Financial Times. Der Xiaomi SU7 und das Tesla Model 3 zielen auf ähnliche Käufer. Xiaomi-Gründer Lei Jun stellte das Auto 2024 vor.

        Auch in Europa ist der Markt umkämpft: Volkswagen baut den ID.3, Mercedes-Benz und BMW bauen eigene Elektroautos. Farleys Konzern setzt auf den Mustang Mach-E und den F-150 Lightning. Elon Musk leitet Tesla. Batterien liefert die Hansen Fahrzeugtechnik GmbH.
        """

    /// A name no lexicon row lists, shown as discovered (set by hand until the discovery rules find it).
    static let discoveredName = "Hansen Fahrzeugtechnik GmbH"

    /// The article annotated with the inline lexicon, the discovered company added.
    static var annotated: AnnotatedDocument {
        var doc = try! Annotator(lexicon: Fixtures.lexicon).annotate(text: article, id: "ford-xiaomi")
        let scalars = Array(article.unicodeScalars), needle = Array(discoveredName.unicodeScalars)
        let start = scalars.indices.first { Array(scalars[$0...].prefix(needle.count)) == needle }!
        let end = start + needle.count
        doc.entities.removeAll { $0.start < end && start < $0.end }
        doc.entities.append(Entity(start: start, end: end, type: "COMPANY", text: discoveredName, canonical: discoveredName,
                                   source: .discovered))
        doc.entities.sort { $0.start < $1.start }
        return doc
    }
}
