// Validation of XML output against the shipped schema (eigenname.xsd), with libxml2.
//
//   in:  XML bytes (a whole <corpus> document)
//   out: libxml2's messages, "line N: …", one per problem; empty means valid
//
// The XML is parsed without network access (XML_PARSE_NONET), without entity
// substitution and without loading external DTDs, so validating a hostile file
// cannot fetch or expand anything. libxml2 reports errors through callbacks; they
// are collected per call instead of going to stderr, and no global handler is
// touched (the parser's and the validator's own structured-error hooks are used).

import CLibXML2

struct XMLSchemaValidator {
    /// Owns the compiled schema, which libxml2 only reads while validating.
    private final class CompiledSchema {
        let pointer: xmlSchemaPtr
        init(_ pointer: xmlSchemaPtr) { self.pointer = pointer }
        deinit { xmlSchemaFree(pointer) }
    }

    private let schema: CompiledSchema

    /// Compiles the shipped schema.
    init() throws(EigennameError) {
        try self.init(xsd: AnnotationSchema.xsdBytes)
    }

    /// Compiles the schema in `xsd`.
    init(xsd: [UInt8]) throws(EigennameError) {
        _ = libxml2Initialization
        let collector = MessageCollector()
        let compiled: xmlSchemaPtr? = xsd.withUnsafeBufferPointer { buffer in
            guard let context = buffer.baseAddress.flatMap({ base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlSchemaNewMemParserCtxt($0, Int32(clamping: buffer.count))
                }
            }) else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            return withExtendedLifetime(collector) {
                xmlSchemaSetParserStructuredErrors(context, collectMessage, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(context)
            }
        }
        guard let compiled else {
            let details = collector.messages.isEmpty ? "" : ": " + collector.messages.joined(separator: "; ")
            throw .library(name: "libxml2", reason: "cannot compile the annotation schema\(details)")
        }
        schema = CompiledSchema(compiled)
    }

    /// The problems in `xml`: well-formedness errors, or else schema violations.
    func validate(_ xml: [UInt8]) -> [String] {
        guard !xml.isEmpty else { return ["the document is empty"] }
        guard xml.count <= Int(Int32.max) else { return ["document larger than 2 GiB, which libxml2 cannot parse from memory"] }
        let collector = MessageCollector()
        return withExtendedLifetime(collector) {
            guard let parser = xmlNewParserCtxt() else { return ["libxml2: cannot create a parser context"] }
            defer { xmlFreeParserCtxt(parser) }
            // Parser errors go to sax->serror with the context as data; _private
            // carries the collector to the callback.
            parser.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
            parser.pointee.sax.pointee.serror = collectParserMessage

            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
            let document = xml.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlCtxtReadMemory(parser, $0.baseAddress, Int32(buffer.count), "output.xml", nil, options)
                }
            }
            guard let document, collector.messages.isEmpty else {
                if let document { xmlFreeDoc(document) }
                return collector.messages.isEmpty ? ["the XML is not well-formed"] : collector.messages
            }
            defer { xmlFreeDoc(document) }

            guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
                return ["libxml2: cannot create a schema validation context"]
            }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, collectMessage, Unmanaged.passUnretained(collector).toOpaque())
            let result = xmlSchemaValidateDoc(validation, document)
            if result != 0, collector.messages.isEmpty {
                return result < 0 ? ["libxml2: internal error while validating"] : ["the document is not valid"]
            }
            return collector.messages
        }
    }
}

/// Receives libxml2's messages during one call.
private final class MessageCollector {
    var messages: [String] = []

    func add(_ error: UnsafeMutablePointer<xmlError>?) {
        guard let error = error?.pointee, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown error"
        while message.last?.isWhitespace == true { message.removeLast() }
        messages.append(error.line > 0 ? "line \(error.line): \(message)" : message)
    }
}

/// Structured-error callback whose data is a MessageCollector.
private func collectMessage(_ data: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let data else { return }
    Unmanaged<MessageCollector>.fromOpaque(data).takeUnretainedValue().add(error)
}

/// Structured-error callback whose data is a parser context carrying a MessageCollector in _private.
private func collectParserMessage(_ data: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let context = data?.assumingMemoryBound(to: xmlParserCtxt.self),
          let collector = context.pointee._private else { return }
    Unmanaged<MessageCollector>.fromOpaque(collector).takeUnretainedValue().add(error)
}
