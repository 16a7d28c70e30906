// Output: where serialized bytes are appended.
//
// In:  bytes, one at a time or as a buffer.
// Out: a growing byte buffer: an [UInt8] (callers that build one), or a GrowingBuffer<UInt8>
//      (the JSON writer's own, Text/GrowingBuffer.swift).

/// Something bytes are appended to (JSONOutput's escaping and numbers write into either kind).
protocol ByteAppending {
    mutating func append(byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteAppending where Element == UInt8 {
    mutating func append(byte: UInt8) { append(byte) }
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

extension GrowingBuffer: ByteAppending where Element == UInt8 {
    @inline(__always)
    mutating func append(byte: UInt8) { append(byte) }
    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
