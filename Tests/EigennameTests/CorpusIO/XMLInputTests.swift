// XML input: the text of the chosen elements of a TEI or any XML file; entity
// declarations and malformed XML are refused.

import Foundation
import Testing
@testable import Eigenname

@Suite("XML input")
struct XMLInputTests {
    @Test func teiBodyTextIsAnnotated() throws {
        let xml = """
            <?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><title>Ford</title></teiHeader>
            <text><body><p>Die Ford Motor Company &amp; Xiaomi.</p><p>Jim Farley kam.</p></body></text></TEI>
            """
        let text = try XMLInput.text(of: Array(xml.utf8), path: "a.xml")
        #expect(String(decoding: text, as: UTF8.self) == "Die Ford Motor Company & Xiaomi.\nJim Farley kam.\n")
    }

    @Test func xpathChoosesTheElements() throws {
        let xml = "<doc><title>Titel</title><abstract>Ford</abstract><main>BMW</main></doc>"
        let text = try XMLInput.text(of: Array(xml.utf8), path: "a.xml", xpath: "//abstract")
        #expect(String(decoding: text, as: UTF8.self) == "Ford")
    }

    @Test func externalEntityIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r><body>&xxe;</body></r>"
        #expect(throws: EigennameError.io(path: "xxe.xml",
                                          reason: "XML declares entities (xxe); entities are not expanded, for safety (external entities, expansion bombs)")) {
            try XMLInput.text(of: Array(xml.utf8), path: "xxe.xml")
        }
    }

    @Test func billionLaughsIsRefused() {
        var dtd = "<!ENTITY lol \"lol\">"
        for k in 1...9 {
            dtd += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k == 1 ? "" : String(k - 1));", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(dtd)]><lolz><body>&lol9;</body></lolz>"
        #expect(throws: (any Error).self) { try XMLInput.text(of: Array(xml.utf8), path: "lol.xml") }
    }

    @Test func malformedXMLNamesTheLine() {
        #expect(throws: (any Error).self) { try XMLInput.text(of: Array("<a>\n<b></a>".utf8), path: "bad.xml") }
    }
}
