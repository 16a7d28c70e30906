// The XML Schema of XMLOutputWriter's output, shipped inside the library.
//
//   in:  Output/eigenname.xsd, embedded at build time (SwiftPM .embedInCode)
//   out: the schema text and its namespace, for users and for XMLSchemaValidator

package enum AnnotationSchema {
    /// The target namespace of the schema and the default namespace of the output.
    static let namespace = "https://eigenname.dev/ns/annotation/1"

    /// The schema (eigenname.xsd) as text.
    package static var xsd: String { String(decoding: PackageResources.eigenname_xsd, as: UTF8.self) }

    /// The schema as UTF-8 bytes, as libxml2 wants it.
    static var xsdBytes: [UInt8] { PackageResources.eigenname_xsd }
}
