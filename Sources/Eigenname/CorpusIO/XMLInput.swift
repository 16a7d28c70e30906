// Corpus I/O, XML input: an XML file (TEI or any XML) in, one document's text out.
//
// The text is the content of the elements an XPath expression selects
// (default: every element named `body`, in any namespace, else the root
// element), joined by blank lines, with a line break after each block
// element (p, head, div, …); offsets then count in that text.
//
// Parsing is locked down: libxml2 never touches the network, loads no DTD,
// substitutes no entities. A document that uses an entity beyond the five
// predefined ones (`&amp;` …) is refused with a clear error: that rules out
// external entities (XXE) and entity expansion bombs ("billion laughs")
// instead of trying to bound them.

import CLibXML2

enum XMLInput {
    static let defaultTextXPath = "//*[local-name()='body']"

    /// The text of `bytes` (an XML document) selected by `xpath` (nil: the default).
    static func text(of bytes: [UInt8], path: String, xpath: String? = nil) throws(EigennameError) -> [UInt8] {
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        guard let doc = bytes.withUnsafeBufferPointer({ b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
                xmlReadMemory($0, Int32(b.count), path, nil, options)
            }
        }) else {
            let message = xmlGetLastError().map { error in
                "line \(error.pointee.line): " + String(cString: error.pointee.message).trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? "not well-formed"
            throw .io(path: path, reason: "malformed XML: \(message)")
        }
        defer { xmlFreeDoc(doc) }
        if let declared = declaredEntities(doc) {
            throw .io(path: path, reason: "XML declares entities (\(declared)); entities are not expanded, for safety (external entities, expansion bombs)")
        }
        guard let root = xmlDocGetRootElement(doc) else { throw .io(path: path, reason: "XML has no root element") }
        var nodes = try select(xpath ?? defaultTextXPath, in: doc, path: path)
        if nodes.isEmpty {
            if xpath != nil { throw .io(path: path, reason: "--xml-text-xpath '\(xpath!)' selects no element") }
            nodes = [root]
        }
        var text: [UInt8] = []
        for (k, node) in nodes.enumerated() {
            if k > 0 { text += [0x0A, 0x0A] }
            try appendText(of: node, to: &text, path: path)
        }
        return text
    }

    /// Elements (TEI, HTML, DocBook) whose end ends a line of text; any other
    /// element is inline and adds nothing.
    static let blockElements: Set<String> = ["p", "div", "head", "l", "lg", "ab", "item", "list", "note", "table", "row",
                                             "cell", "sp", "title", "lb", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                                             "para", "section", "blockquote", "tr", "td", "th", "dt", "dd"]

    /// The names of entities the document declares, or nil.
    private static func declaredEntities(_ doc: xmlDocPtr) -> String? {
        var names: [String] = []
        for subset in [doc.pointee.intSubset, doc.pointee.extSubset] {
            guard let dtd = subset else { continue }
            var child = dtd.pointee.children
            while let node = child {
                if node.pointee.type == XML_ENTITY_DECL, let name = node.pointee.name {
                    names.append(String(cString: name))
                }
                child = node.pointee.next
            }
        }
        return names.isEmpty ? nil : names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }

    private static func select(_ expression: String, in doc: xmlDocPtr, path: String) throws(EigennameError) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(doc) else { throw .library(name: "libxml2", reason: "cannot create XPath context") }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(expression, context) else {
            throw .usage("--xml-text-xpath '\(expression)' is not a valid XPath expression")
        }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    /// Appends the character data below `node` in document order.
    private static func appendText(of node: xmlNodePtr, to text: inout [UInt8], path: String) throws(EigennameError) {
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    text += UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
                }
            case XML_ELEMENT_NODE:
                try appendText(of: c, to: &text, path: path)
                // Block elements end a line, so that paragraphs do not run into each other.
                if let name = c.pointee.name, blockElements.contains(String(cString: name).lowercased()),
                   let last = text.last, last != 0x0A {
                    text.append(0x0A)
                }
            case XML_ENTITY_REF_NODE:
                throw .io(path: path, reason: "line \(xmlGetLineNo(c)): entity reference not expanded, for safety")
            default:
                break
            }
            child = c.pointee.next
        }
    }
}

import Foundation
