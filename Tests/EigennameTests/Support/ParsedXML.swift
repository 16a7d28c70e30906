// Test helper: an XML document read back with libxml2 as a consumer would
// (no network, no entity substitution), as a small tree for assertions.

import CLibXML2

struct ParsedXMLElement {
    var name: String
    var namespace: String?
    var attributes: [String: String] = [:]
    /// The element's own text (and CDATA) children, concatenated.
    var text = ""
    var children: [ParsedXMLElement] = []

    func child(_ name: String) -> ParsedXMLElement? { children.first { $0.name == name } }

    /// The root element of `bytes`; nil when they are not well-formed.
    static func parse(_ bytes: [UInt8]) -> ParsedXMLElement? {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32(buffer.count), "test.xml", nil, Int32(XML_PARSE_NONET.rawValue))
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        return xmlDocGetRootElement(document).map(element)
    }

    private static func textOf(_ first: UnsafeMutablePointer<xmlNode>?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content {
                text += String(cString: content)
            }
            node = current.pointee.next
        }
        return text
    }

    private static func element(_ node: UnsafeMutablePointer<xmlNode>) -> ParsedXMLElement {
        var result = ParsedXMLElement(name: String(cString: node.pointee.name),
                                      namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) })
        var attribute = node.pointee.properties
        while let current = attribute {
            result.attributes[String(cString: current.pointee.name)] = textOf(current.pointee.children)
            attribute = current.pointee.next
        }
        result.text = textOf(node.pointee.children)
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.children.append(element(current)) }
            child = current.pointee.next
        }
        return result
    }
}
