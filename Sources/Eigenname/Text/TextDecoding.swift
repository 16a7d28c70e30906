// Text, decoding: the bytes of a text file in, valid UTF-8 out (or an error
// with the byte offset): byte order marks, UTF-16, binary files, invalid UTF-8.

package enum TextDecoding {
    /// Checks and prepares the bytes of a text document: drops a UTF-8 byte
    /// order mark, decodes UTF-16 with a byte order mark, rejects binary files,
    /// and rejects invalid UTF-8 with its byte offset, or replaces it with U+FFFD
    /// when asked.
    ///
    /// A file is binary (an image, a PDF, …) when it is not valid UTF-8 and holds
    /// a NUL byte in its first 8 KiB, or when most of those bytes are control
    /// characters. Valid UTF-8 with a few control characters (a stray NUL, a form
    /// feed) is text, annotated like JSON input with the same characters.
    package static func decode(_ bytes: [UInt8], origin: DocumentOrigin, replaceInvalid: Bool) throws(EigennameError) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try validated(Array(bytes[3...]), origin: origin, replaceInvalid: replaceInvalid, offsetBase: 3)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(bytes, bigEndian: bytes[0] == 0xFE)
        }
        let sample = bytes.prefix(8192)
        let invalid = firstInvalidUTF8Offset(bytes)
        if invalid != nil, let nul = sample.firstIndex(of: 0) {
            throw .binaryFile(origin: origin, byteOffset: nul)
        }
        // Control characters other than tab, line feed, form feed and carriage return.
        let isControl = { (b: UInt8) in b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D || b == 0x7F }
        if sample.count >= 16, sample.lazy.filter(isControl).count * 2 > sample.count, let first = sample.firstIndex(where: isControl) {
            throw .binaryFile(origin: origin, byteOffset: first)
        }
        guard let invalid else { return bytes }
        if replaceInvalid { return Array(String(decoding: bytes, as: UTF8.self).utf8) }
        throw .invalidUTF8(origin: origin, byteOffset: invalid)
    }

    private static func validated(_ bytes: [UInt8], origin: DocumentOrigin, replaceInvalid: Bool,
                                  offsetBase: Int) throws(EigennameError) -> [UInt8] {
        guard let bad = firstInvalidUTF8Offset(bytes) else { return bytes }
        if replaceInvalid { return Array(String(decoding: bytes, as: UTF8.self).utf8) }
        throw .invalidUTF8(origin: origin, byteOffset: bad + offsetBase)
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        // Lone surrogates become U+FFFD: Swift strings hold only scalars.
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
