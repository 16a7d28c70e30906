// The HTML view: one self-contained page per document with every entity
// highlighted, and the index of a run.

import Foundation
import Testing
@testable import Eigenname

@Suite("HTML output")
struct HTMLOutputTests {
    @Test("every entity is one <mark> with its type, canonical name, offsets and title, around exactly its text")
    func highlightsEveryEntity() {
        for doc in FormatFixtures.documents {
            let marks = HTMLMarks.parse(string(HTMLOutput.page(doc)))
            #expect(marks.count == doc.entities.count)
            for (mark, entity) in zip(marks, doc.entities) {
                #expect(mark.text == entity.text)
                #expect(mark.attributes["data-type"] == entity.type)
                #expect(mark.attributes["data-canonical"] == entity.canonical)
                #expect(mark.attributes["data-start"] == String(entity.start) && mark.attributes["data-end"] == String(entity.end))
                #expect(mark.attributes["title"] == "\(entity.type): \(entity.canonical)")
                #expect(mark.classes.contains("ent") && mark.classes.contains(HTMLStyle.typeClass(entity.type)))
                #expect(mark.attributes["data-source"] == "lexicon" && !mark.classes.contains("discovered"))
            }
        }
    }

    @Test("the text between the marks is the document's text: nothing lost, line breaks kept (pre-wrap)")
    func textIsComplete() throws {
        let doc = FormatFixtures.documents[3]
        let html = string(HTMLOutput.page(doc))
        let start = try #require(html.range(of: "<div class=\"text\" lang=\"de\">"))
        let end = try #require(html.range(of: "</div>", range: start.upperBound..<html.endIndex))
        var inner = String(html[start.upperBound..<end.lowerBound])
        while let open = inner.range(of: "<mark"), let close = inner.range(of: ">", range: open.upperBound..<inner.endIndex) {
            inner.removeSubrange(open.lowerBound..<close.upperBound)
        }
        inner = inner.replacingOccurrences(of: "</mark>", with: "")
        #expect(HTMLMarks.unescape(inner) == doc.text)
        #expect(html.contains(".text{white-space:pre-wrap"))
    }

    @Test("escapes < & > \" in the text, the id, types and canonical names")
    func escapes() {
        var doc = Fixtures.annotate("<b>Ford</b> & \"BMW\" > Tesla")
        doc.id = "<script>alert(\"x\")</script>&"
        doc.entities[0].canonical = "Ford \"<Motor>\" & Co"
        doc.entities[1].type = "A<B>&\"C"
        let html = string(HTMLOutput.page(doc))
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("</b>"))
        #expect(html.contains("&lt;b&gt;<mark"))
        #expect(html.contains("&amp; &quot;") == false)  // quotes in text stay plain
        #expect(html.contains("&amp; \"<mark"))
        #expect(html.contains("<title>&lt;script&gt;alert(\"x\")&lt;/script&gt;&amp; – Eigenname</title>"))
        #expect(html.contains("data-canonical=\"Ford &quot;&lt;Motor&gt;&quot; &amp; Co\""))
        #expect(html.contains("data-type=\"A&lt;B&gt;&amp;&quot;C\""))
        let marks = HTMLMarks.parse(html)
        #expect(marks.map(\.text) == ["Ford", "BMW", "Tesla"])
        #expect(marks[1].attributes["data-type"] == "A<B>&\"C")
        #expect(marks[1].classes.last?.hasPrefix("t-A_B___C-") == true)
    }

    @Test("characters HTML does not allow become U+FFFD one for one")
    func controlCharacters() {
        let doc = Fixtures.annotate("A\u{0}B\u{7}C\u{85}D\u{FFFF} Ford")
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("A\u{FFFD}B\u{FFFD}C\u{FFFD}D\u{FFFD} <mark"))
    }

    @Test("self-contained: no script, no external reference, a CSP that forbids fetching; one CSS rule per type")
    func selfContained() {
        let html = string(HTMLOutput.page(FormatFixtures.documents[1]))
        for forbidden in ["<script", "src=", "<link", "url(", "@import", "http://", "https://", "javascript:"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        for type in ["COMPANY", "PERSON"] {
            #expect(html.contains(".t-\(type){--bg:\(TypeColors.background(type));--fg:\(TypeColors.accent(type))}"))
        }
    }

    @Test("a type's color depends on its name only: same on every page, different types differ")
    func colors() {
        #expect(TypeColors.background("COMPANY") == TypeColors.background("COMPANY"))
        let all = ["COMPANY", "PERSON", "MODEL"].map(TypeColors.background)
        #expect(Set(all).count == 3)
        #expect(all.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })
        #expect(TypeColors.hex(hue: 0, saturation: 1, lightness: 0.5) == "#ff0000")
        #expect(TypeColors.hex(hue: 120, saturation: 1, lightness: 0.5) == "#00ff00")
        #expect(TypeColors.hex(hue: 240, saturation: 1, lightness: 0.5) == "#0000ff")
    }

    @Test("legend and table: each type with its count, each canonical name with its mentions and forms")
    func legendAndTable() {
        let doc = Fixtures.annotate("Ford und Fords Chef. BMW lobt Ford.")
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("<span class=\"type-name\">COMPANY</span> <span class=\"count\">4</span>"))
        #expect(html.contains("<td>Ford Motor Company</td><td class=\"source\">lexicon</td><td class=\"num\">3</td><td class=\"forms\"><q>Ford</q>, <q>Fords</q></td>"))
        #expect(html.contains("<td>BMW</td><td class=\"source\">lexicon</td><td class=\"num\">1</td>"))
        let empty = string(HTMLOutput.page(Fixtures.annotate("Nichts.")))
        #expect(empty.contains("No entities in this document."))
    }

    @Test("the entity table shows a lexicon row's QID beside the canonical name")
    func qidBesideCanonical() {
        var doc = FormatFixtures.discovered
        for k in doc.entities.indices where doc.entities[k].canonical == "Ford Motor Company" { doc.entities[k].id = "Q44294" }
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("<td>Ford Motor Company <span class=\"qid\">Q44294</span></td><td class=\"source\">lexicon</td>"))
        #expect(html.contains("<td>Petra Lorenz</td><td class=\"source\">discovered</td>"))
    }

    @Test("the entity table has a Source column: lexicon or discovered for each row")
    func sourceColumn() {
        let html = string(HTMLOutput.page(FormatFixtures.discovered))
        #expect(html.contains("<th scope=\"col\">Canonical name</th><th scope=\"col\">Source</th><th scope=\"col\" class=\"num\">Mentions</th>"))
        #expect(html.contains("<td>Hansen Fahrzeugtechnik GmbH</td><td class=\"source\">discovered</td><td class=\"num\">1</td>"))
        #expect(html.contains("<td>Ford Motor Company</td><td class=\"source\">lexicon</td><td class=\"num\">1</td>"))
        #expect(html.contains("<td>Petra Lorenz</td><td class=\"source\">discovered</td><td class=\"num\">1</td>"))
        #expect(html.contains("<th scope=\"row\" colspan=\"3\">Total</th><td class=\"num\">3</td>"))
    }

    @Test("one name found both ways gets a row per source")
    func rowPerSource() {
        var doc = Fixtures.annotate("Ford baut. Ford liefert.")
        doc.entities[1].source = .discovered
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("<td>Ford Motor Company</td><td class=\"source\">discovered</td><td class=\"num\">1</td>"))
        #expect(html.contains("<td>Ford Motor Company</td><td class=\"source\">lexicon</td><td class=\"num\">1</td>"))
    }

    @Test("discovered entities are underlined dashed (class discovered, data-source, title), lexicon ones solid")
    func discoveredUnderline() {
        let html = string(HTMLOutput.page(FormatFixtures.discovered))
        let marks = HTMLMarks.parse(html)
        #expect(marks.map(\.text) == ["Hansen Fahrzeugtechnik GmbH", "Ford", "Petra Lorenz"])
        #expect(marks.map { $0.classes.contains("discovered") } == [true, false, true])
        #expect(marks.map { $0.attributes["data-source"] } == ["discovered", "lexicon", "discovered"])
        #expect(marks[0].attributes["title"] == "COMPANY: Hansen Fahrzeugtechnik GmbH (discovered)")
        #expect(marks[1].attributes["title"] == "COMPANY: Ford Motor Company")
        #expect(html.contains("mark.discovered{box-shadow:none;border-bottom:2px dashed var(--fg,#999)"))
    }

    @Test("a legend line explains the underlines on pages with a discovered entity, and only there")
    func sourceLegend() {
        let html = string(HTMLOutput.page(FormatFixtures.discovered))
        #expect(html.contains("<p class=\"sources\"><span class=\"underline solid\">solid underline</span>: a lexicon row matched · <span class=\"underline dashed\">dashed underline</span>: discovered, no lexicon row lists it</p>\n</section>"))
        let lexiconOnly = string(HTMLOutput.page(Fixtures.annotate("Ford baut.")))
        #expect(!lexiconOnly.contains("<p class=\"sources\">"))
    }

    @Test("the index links every page (percent-encoded), escapes titles and sums the entities; a page can link back")
    func index() {
        let html = string(HTMLOutput.index([(title: "a <b>", href: "sub dir/a#1.html", entityCount: 3),
                                            (title: "Über", href: "über.html", entityCount: 2)]))
        #expect(html.contains("<a href=\"sub%20dir/a%231.html\">a &lt;b&gt;</a></td><td class=\"num\">3</td>"))
        #expect(html.contains("<a href=\"%C3%BCber.html\">Über</a>"))
        #expect(html.contains("2 documents · 5 entities"))
        #expect(!html.contains("<script"))
        let page = string(HTMLOutput.page(Fixtures.annotate("Ford."), indexHref: "../index.html"))
        #expect(page.contains("<a href=\"../index.html\">← All documents</a>"))
        #expect(!string(HTMLOutput.page(Fixtures.annotate("Ford."))).contains("All documents"))
    }
}
