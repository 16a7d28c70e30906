// Lexicon, part 4: the compiled lexicon as bytes, in memory or in a file.
//
// In:  the arrays the LexiconCompiler built (writing), or a file (reading).
// Out: one byte block ("image"): a header, a section table, then each
//      section 8-byte aligned. The matcher reads the sections in place, so
//      loading a compiled lexicon is an mmap and a header check: no parsing.
//
// Layout (little-endian):
//   0   magic "ENLEX" 0 0 11  (8 bytes; the last byte is the format version)
//   8   source key (UInt64): the cache key of what it was built from (LexiconLoader.sourceKey)
//   16  section count (UInt32), hash check (UInt32: the low bits of hashBytes and
//       hashInteger of fixed probes, so an image built with other hash functions is refused)
//   24  checksum (UInt64): LexiconImage.checksum of every other byte of the image
//       (header, section table, sections, and the length), so a truncated or
//       damaged file is refused, not read
//   32  per section: offset (UInt64), length in bytes (UInt64)
//
// The version byte is the only thing bumped by hand: when this layout changes.

import Foundation

enum LexiconSection: Int, CaseIterable {
    case vocabularyArena, vocabularyOffsets, vocabularySlots, vocabularyFlags
    case edgeKeys, edgeValues
    case entryStart, entryIndex, entries
    case surfaces, stringArena, stringOffsets
    case rules, rulePool
    case meta
    /// Per vocabulary id: the trie node after it at the root, or -1 (a plain array:
    /// the root step is taken for most tokens, and a hash probe there would miss the cache).
    case rootChildren
    /// Short forms: per node, where in its entry list they begin; per canonical
    /// name, its short-form entries (CSR); per entry, its node.
    case shortFormStart, canonicalShortStart, canonicalShortEntries, entryNodes
    /// Per node: 1 when some entry goes on after it (else the walk stops there
    /// without a hash probe: most names are one token).
    case nodeHasChildren
    /// The words discovery asks about (NameWords.swift): a byte-string table and a class byte per word.
    case nameWordsArena, nameWordsOffsets, nameWordsSlots, nameWordClasses
}

/// Owns the bytes of an image: a private copy, or a read-only memory map.
final class LexiconImage: @unchecked Sendable {
    /// 11: hashInteger mixes every bit of an edge's node into the slot (10 took ten bits of it).
    static let magic: [UInt8] = [0x45, 0x4E, 0x4C, 0x45, 0x58, 0, 0, 11]  // "ENLEX" + version 11
    private static let headerSize = 32
    private static let checksumOffset = 24
    /// Images up to this size are checked against their checksum when loaded from the cache.
    static let fullCheckLimit = 32 << 20

    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool
    let sourceKey: UInt64
    private var sectionRanges: [Range<Int>] = []

    /// Lays out sections into a new image, in memory of its own (written once: each
    /// section is copied in place, no array grows).
    static func build(sections: [LexiconSection: any SectionContent], sourceKey: UInt64) -> LexiconImage {
        var ranges: [Range<Int>] = []
        var offset = align(headerSize + LexiconSection.allCases.count * 16)
        for s in LexiconSection.allCases {
            let length = sections[s]?.byteCount ?? 0
            ranges.append(offset..<(offset + length))
            offset = align(offset + length)
        }
        let size = ranges.last?.upperBound ?? offset
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        // Zeros where no section goes: the header's room, and the padding after each section.
        let gaps = zip([0] + ranges.map(\.upperBound), ranges.map(\.lowerBound) + [size])
        for (start, end) in gaps where start < end {
            UnsafeMutableRawBufferPointer(rebasing: memory[start..<end]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            memory.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        }
        memory.copyBytes(from: magic)
        store(sourceKey, at: 8)
        store(UInt32(LexiconSection.allCases.count), at: 16)
        store(hashCheck, at: 20)
        for (k, range) in ranges.enumerated() {
            store(UInt64(range.lowerBound), at: headerSize + k * 16)
            store(UInt64(range.count), at: headerSize + k * 16 + 8)
        }
        for (k, s) in LexiconSection.allCases.enumerated() {
            sections[s]?.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: memory[ranges[k]]))
        }
        store(checksum(UnsafeRawBufferPointer(memory)), at: checksumOffset)
        return LexiconImage(built: UnsafeRawBufferPointer(memory), sectionRanges: ranges, sourceKey: sourceKey)
    }

    /// A 64-bit hash of every byte of an image but its checksum field, and of its
    /// length. Four independent lanes of 8 bytes, so that it runs at memory speed
    /// (about 0.1 ms per MB): each step is a bijection of its lane, so any one
    /// changed word always changes the sum, and a shorter file has another length.
    static func checksum(_ image: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = image.baseAddress, image.count >= headerSize else { return 0 }
        let k: UInt64 = 0xBF58476D1CE4E5B9
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
        @inline(__always) func step(_ h: inout UInt64, _ word: UInt64) {
            h = (h ^ word) &* k
            h ^= h >> 31
        }
        @inline(__always) func word(_ i: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        // The header before the checksum field (24 bytes), then everything after it.
        step(&lanes.0, word(0)); step(&lanes.1, word(8)); step(&lanes.2, word(16))
        var i = checksumOffset + 8
        while i + 32 <= image.count {
            step(&lanes.0, word(i)); step(&lanes.1, word(i + 8)); step(&lanes.2, word(i + 16)); step(&lanes.3, word(i + 24))
            i += 32
        }
        var tail: UInt64 = 0
        while i + 8 <= image.count { step(&tail, word(i)); i += 8 }
        var last: UInt64 = 0, shift: UInt64 = 0
        while i < image.count { last |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
        step(&tail, last)
        var h = UInt64(image.count)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3, tail] {
            h = (h ^ lane) &* 0xFF51AFD7ED558CCD
            h ^= h >> 33
        }
        return h
    }

    /// The length of a section, read from the header of an image built here.
    static func sectionLength(_ image: UnsafeRawBufferPointer, _ s: LexiconSection) -> Int {
        Int(image.loadUnaligned(fromByteOffset: headerSize + s.rawValue * 16 + 8, as: UInt64.self).littleEndian)
    }

    /// An image over a read-only memory map of the file at `path`; with `verify`, the
    /// checksum is checked (reads the whole file once; see LexiconLoader for the cost).
    convenience init(mapping path: String, verify: Bool = true) throws(EigennameError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { throw .io(path: path, reason: "empty or unreadable compiled lexicon") }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw .io(path: path, reason: "cannot map: " + String(cString: strerror(errno)))
        }
        try self.init(bytes: UnsafeRawBufferPointer(start: base, count: size), mapped: true, origin: path, verify: verify)
    }

    /// An image just laid out by `build`, which owns `bytes` from now on.
    private init(built bytes: UnsafeRawBufferPointer, sectionRanges: [Range<Int>], sourceKey: UInt64) {
        self.bytes = bytes
        self.mapped = false
        self.sourceKey = sourceKey
        self.sectionRanges = sectionRanges
    }

    private init(bytes: UnsafeRawBufferPointer, mapped: Bool, origin: String, verify: Bool = false) throws(EigennameError) {
        self.bytes = bytes
        self.mapped = mapped
        let count = LexiconSection.allCases.count
        guard bytes.count >= Self.headerSize + count * 16, bytes.prefix(8).elementsEqual(Self.magic) else {
            Self.release(bytes, mapped: mapped)
            throw .io(path: origin, reason: "not a compiled lexicon of this version (recompile it with `eigenname lexicon compile`)")
        }
        sourceKey = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        guard bytes.loadUnaligned(fromByteOffset: 20, as: UInt32.self).littleEndian == Self.hashCheck else {
            Self.release(bytes, mapped: mapped)
            throw .io(path: origin, reason: "compiled lexicon was built by another version of eigenname (recompile it)")
        }
        for k in 0..<count {
            let offset = Int(bytes.loadUnaligned(fromByteOffset: Self.headerSize + k * 16, as: UInt64.self).littleEndian)
            let length = Int(bytes.loadUnaligned(fromByteOffset: Self.headerSize + k * 16 + 8, as: UInt64.self).littleEndian)
            guard offset % 8 == 0, offset <= bytes.count, length <= bytes.count - offset else {
                Self.release(bytes, mapped: mapped)
                throw .io(path: origin, reason: "compiled lexicon is truncated or damaged (section \(k))")
            }
            sectionRanges.append(offset..<(offset + length))
        }
        // The checksum reads every page of the file: for a default-sized image (1 MB) about
        // 0.1 ms, for the 270 MB image of a million rows 40–120 ms against a load of 1.4 ms.
        // Above `fullCheckLimit` the length and section table (checked above) must do: a
        // truncated file is still caught, a byte changed inside a section is not.
        if verify && bytes.count <= Self.fullCheckLimit
            && bytes.loadUnaligned(fromByteOffset: Self.checksumOffset, as: UInt64.self).littleEndian != Self.checksum(bytes) {
            Self.release(bytes, mapped: mapped)
            throw .io(path: origin, reason: "compiled lexicon is truncated or damaged (checksum)")
        }
    }

    deinit { Self.release(bytes, mapped: mapped) }

    private static func release(_ bytes: UnsafeRawBufferPointer, mapped: Bool) {
        guard let base = bytes.baseAddress else { return }
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) } else { base.deallocate() }
    }

    func raw(_ s: LexiconSection) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[sectionRanges[s.rawValue]])
    }

    /// A section as an array of `T`. Each section is only ever read as one type.
    func array<T>(_ s: LexiconSection, of type: T.Type) -> UnsafeBufferPointer<T> {
        let r = raw(s)
        guard let base = r.baseAddress, r.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: T.self), count: r.count / MemoryLayout<T>.stride)
    }

    private static func align(_ n: Int) -> Int { (n + 7) & ~7 }

    /// Fingerprint of the hash functions the tables were laid out with.
    static var hashCheck: UInt32 {
        let bytes = Array("Eigenname hash probe: Ford Motor Company".utf8).withUnsafeBytes { hashBytes($0) }
        return UInt32(truncatingIfNeeded: bytes ^ hashInteger(0x0123_4567_89AB_CDEF))
    }
}

func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}

/// The bytes of an array of fixed-width integers, for an image section.
/// What a section of an image holds: an array of integers, whose bytes (in memory order)
/// go into the image without a copy of their own first.
protocol SectionContent {
    var byteCount: Int { get }
    /// Copies the bytes to `destination` (`byteCount` bytes long).
    func copyBytes(to destination: UnsafeMutableRawBufferPointer)
}

extension Array: SectionContent where Element: FixedWidthInteger {
    var byteCount: Int { count * MemoryLayout<Element>.stride }
    func copyBytes(to destination: UnsafeMutableRawBufferPointer) { withUnsafeBytes { destination.copyMemory(from: $0) } }
}
