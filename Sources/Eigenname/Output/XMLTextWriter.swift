// Output, shared by the XML formats (eigenname XML, TCF): libxml2's
// xmlTextWriter over a memory buffer, with errors as EigennameError and every
// value made writable first (see XMLOutputWriter.sanitize).

import CLibXML2

final class XMLTextWriter {
    let buffer: xmlBufferPtr
    let writer: xmlTextWriterPtr
    /// A sanitized, NUL-terminated value for the next libxml2 call (reused).
    var value: [UInt8] = []

    init() throws(EigennameError) {
        _ = libxml2Initialization
        guard let buffer = xmlBufferCreate() else {
            throw .library(name: "libxml2", reason: "cannot allocate an XML buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .library(name: "libxml2", reason: "cannot create an XML text writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func check(_ result: Int32, _ function: String) throws(EigennameError) {
        if result < 0 { throw .library(name: "libxml2", reason: "\(function) failed") }
    }

    func startElement(_ name: String) throws(EigennameError) {
        try check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
    }

    func startElement(_ name: String, namespace: String) throws(EigennameError) {
        try check(xmlTextWriterStartElementNS(writer, nil, name, namespace), "xmlTextWriterStartElementNS")
    }

    func endElement() throws(EigennameError) {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    func attribute(_ name: String, _ string: String) throws(EigennameError) {
        setValue(string)
        try check(xmlTextWriterWriteAttribute(writer, name, value), "xmlTextWriterWriteAttribute")
    }

    func attribute(_ name: String, _ number: Int) throws(EigennameError) {
        value.removeAll(keepingCapacity: true)
        JSONOutput.appendInteger(number, to: &value)
        value.append(0)
        try check(xmlTextWriterWriteAttribute(writer, name, value), "xmlTextWriterWriteAttribute")
    }

    /// Text content (escaped by libxml2).
    func string(_ string: String) throws(EigennameError) {
        setValue(string)
        try check(xmlTextWriterWriteString(writer, value), "xmlTextWriterWriteString")
    }

    func setValue(_ string: String) {
        var string = string
        string.withUTF8 { _ = XMLOutputWriter.sanitize($0, into: &value) }
    }

    /// Everything written since the last call, removed from libxml2's buffer.
    func take() throws(EigennameError) -> [UInt8] {
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        let count = Int(xmlBufferLength(buffer))
        let bytes = count == 0 ? [] : Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: count))
        xmlBufferEmpty(buffer)
        return bytes
    }
}
