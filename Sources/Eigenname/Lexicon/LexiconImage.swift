// Lexicon, part 4: the compiled lexicon as bytes, in memory or in a file.
//
// In:  the arrays the LexiconCompiler built (writing), or a file (reading).
// Out: one byte block ("image"): a header, a section table, then each
//      section 8-byte aligned (packedNameWords 64-byte: LexiconSection.alignment).
//      The matcher reads the sections in place, so loading a compiled lexicon is
//      an mmap and a header check: no parsing.
//
// Layout (little-endian):
//   0   magic "ENLEX" 0 0 12  (8 bytes; the last byte is the format version)
//   8   source key (UInt64): the cache key of what it was built from (LexiconLoader.sourceKey)
//   16  section count (UInt32), hash check (UInt32: the low bits of hashBytes,
//       hashInteger and PackedNameWords.firstSlot of fixed probes, so an image built
//       with other hash functions is refused)
//   24  checksum (UInt64): LexiconImage.checksum of every other byte of the image
//       (header, section table, sections, and the length), so a truncated or
//       damaged file is refused, not read; hashed piece by piece (the header, then
//       each section with the padding after it), so that a file can be written
//       from the sections where they are, without laying the image out in memory
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
    /// The words discovery asks about (NameWords.swift) of more than 14 bytes: a byte-string
    /// table and a 16-bit class per word.
    case nameWordsArena, nameWordsOffsets, nameWordsSlots, nameWordClasses
    /// The others (nearly nine words of ten), packed with their class into 16-byte slots
    /// (PackedNameWords): one cache line per lookup. Aligned to 64 bytes, so that a group of
    /// four slots is one cache line.
    case packedNameWords
    /// The Bloom filter of the first names that may stand alone (NameWordFilter.swift): its
    /// bits, then the longest name's length (UInt64).
    case firstNameFilter
    /// The Bloom filter of the words a name rule may start at (NameWordFilter.swift), as firstNameFilter.
    case nameStartFilter

    /// Where the section starts in the image: a multiple of this.
    var alignment: Int { self == .packedNameWords ? 64 : 8 }
}

/// Owns the bytes of an image: a private copy, or a read-only memory map.
final class LexiconImage: @unchecked Sendable {
    /// 12: the name words of up to 14 bytes in section packedNameWords (64-byte aligned), the
    /// others in the byte-string table; sections firstNameFilter and nameStartFilter. 11: hashInteger mixes every
    /// bit of an edge's node into the slot (10 took ten bits of it); the checksum hashes the
    /// header and each section apart.
    static let magic: [UInt8] = [0x45, 0x4E, 0x4C, 0x45, 0x58, 0, 0, 12]  // "ENLEX" + version 12
    private static let headerSize = 32
    private static let checksumOffset = 24
    /// Images up to this size are checked against their checksum when loaded from the cache.
    static let fullCheckLimit = 32 << 20

    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool
    let sourceKey: UInt64
    private var sectionRanges: [Range<Int>] = []

    /// Where each section of an image goes (8-byte aligned, in the order of LexiconSection),
    /// and the image's size (the end of the last section).
    private static func layout(_ sections: [LexiconSection: any SectionContent]) -> (ranges: [Range<Int>], size: Int) {
        var ranges: [Range<Int>] = []
        var offset = align(headerSize + LexiconSection.allCases.count * 16)
        for s in LexiconSection.allCases {
            offset = (offset + s.alignment - 1) / s.alignment * s.alignment
            let length = sections[s]?.byteCount ?? 0
            ranges.append(offset..<(offset + length))
            offset = align(offset + length)
        }
        return (ranges, ranges.last?.upperBound ?? offset)
    }

    /// The header and section table of an image with these sections (the checksum field 0),
    /// zeros up to the first section.
    private static func header(ranges: [Range<Int>], sourceKey: UInt64) -> [UInt8] {
        var out = magic
        appendLittleEndian(sourceKey, to: &out)
        appendLittleEndian(UInt32(LexiconSection.allCases.count), to: &out)
        appendLittleEndian(hashCheck, to: &out)
        appendLittleEndian(UInt64(0), to: &out)  // the checksum
        for range in ranges {
            appendLittleEndian(UInt64(range.lowerBound), to: &out)
            appendLittleEndian(UInt64(range.count), to: &out)
        }
        out += [UInt8](repeating: 0, count: (ranges.first?.lowerBound ?? out.count) - out.count)
        return out
    }

    /// Lays out sections into a new image, in memory of its own (each section copied in
    /// place once, no array grows).
    static func build(sections: [LexiconSection: any SectionContent], sourceKey: UInt64) -> LexiconImage {
        let (ranges, size) = layout(sections)
        let header = header(ranges: ranges, sourceKey: sourceKey)
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        header.withUnsafeBytes { memory.copyMemory(from: $0) }
        for (k, s) in LexiconSection.allCases.enumerated() {
            sections[s]?.withBytes { UnsafeMutableRawBufferPointer(rebasing: memory[ranges[k]]).copyMemory(from: $0) }
            // Zeros in the padding after it.
            let end = k + 1 < ranges.count ? ranges[k + 1].lowerBound : size
            UnsafeMutableRawBufferPointer(rebasing: memory[ranges[k].upperBound..<end]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        let image = UnsafeRawBufferPointer(memory)
        memory.storeBytes(of: checksum(image, ranges: ranges).littleEndian, toByteOffset: checksumOffset, as: UInt64.self)
        return LexiconImage(built: image, sectionRanges: ranges, sourceKey: sourceKey)
    }

    /// Writes the image of `sections` to `sink` from where the sections are: the header, then
    /// each section and its padding (no image laid out in memory: 270 MB not copied, for a
    /// million rows). The same bytes as `build`'s.
    static func write(sections: [LexiconSection: any SectionContent], sourceKey: UInt64, to sink: OutputSink) {
        let (ranges, size) = layout(sections)
        var header = header(ranges: ranges, sourceKey: sourceKey)
        var sum = Checksum(size: size)
        header.withUnsafeBytes { sum.add($0, length: $0.count) }
        for (k, s) in LexiconSection.allCases.enumerated() {
            let end = k + 1 < ranges.count ? ranges[k + 1].lowerBound : size
            if let content = sections[s] {
                content.withBytes { sum.add($0, length: end - ranges[k].lowerBound) }
            } else {
                sum.add(UnsafeRawBufferPointer(start: nil, count: 0), length: end - ranges[k].lowerBound)
            }
        }
        withUnsafeBytes(of: sum.value.littleEndian) { header.replaceSubrange(checksumOffset..<(checksumOffset + 8), with: $0) }
        sink.write(header)
        for (k, s) in LexiconSection.allCases.enumerated() {
            sections[s]?.withBytes { sink.write($0) }
            let end = k + 1 < ranges.count ? ranges[k + 1].lowerBound : size
            if end > ranges[k].upperBound { sink.write([UInt8](repeating: 0, count: end - ranges[k].upperBound)) }
        }
    }

    /// The checksum of an image whose sections lie at `ranges`: the header (its checksum
    /// field as 0) and each section with the padding after it, hashed apart and combined
    /// with the image's length. Any one changed byte changes it (each piece's hash is a
    /// bijection of each of its words, see Checksum), and a shorter file has another length.
    static func checksum(_ image: UnsafeRawBufferPointer, ranges: [Range<Int>]) -> UInt64 {
        var sum = Checksum(size: image.count)
        var header = Array(image[0..<(ranges.first?.lowerBound ?? image.count)])
        header.replaceSubrange(checksumOffset..<(checksumOffset + 8), with: repeatElement(0, count: 8))
        header.withUnsafeBytes { sum.add($0, length: $0.count) }
        for (k, range) in ranges.enumerated() {
            let end = k + 1 < ranges.count ? ranges[k + 1].lowerBound : image.count
            sum.add(UnsafeRawBufferPointer(rebasing: image[range.lowerBound..<end]), length: end - range.lowerBound)
        }
        return sum.value
    }

    /// LexiconImage's checksum, piece by piece.
    private struct Checksum {
        private(set) var value: UInt64

        init(size: Int) { value = UInt64(size) }

        /// Adds a piece of `length` bytes: `bytes`, then zeros up to `length`.
        mutating func add(_ bytes: UnsafeRawBufferPointer, length: Int) {
            value = (value ^ Self.hash(bytes, length: length)) &* 0xFF51AFD7ED558CCD
            value ^= value >> 33
        }

        /// A 64-bit hash of `bytes` and zeros after them up to `length`. Four independent lanes
        /// of 8 bytes, so that it runs at memory speed (about 0.1 ms per MB): each step is a
        /// bijection of its lane, so any one changed word always changes the hash.
        static func hash(_ bytes: UnsafeRawBufferPointer, length: Int) -> UInt64 {
            let k: UInt64 = 0xBF58476D1CE4E5B9
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
            @inline(__always) func step(_ h: inout UInt64, _ word: UInt64) {
                h = (h ^ word) &* k
                h ^= h >> 31
            }
            // The word at i: from `bytes`, zeros after them.
            @inline(__always) func word(_ i: Int) -> UInt64 {
                if i + 8 <= bytes.count { return bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian }
                var w: UInt64 = 0
                for b in stride(from: min(bytes.count, i + 8) - 1, through: i, by: -1) { w = w << 8 | UInt64(bytes[b]) }
                return w
            }
            var i = 0
            // Whole blocks within `bytes` straight from memory; the rest (the last bytes and the zeros) word by word.
            if let base = bytes.baseAddress {
                while i + 32 <= bytes.count {
                    step(&lanes.0, base.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                    step(&lanes.1, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian)
                    step(&lanes.2, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian)
                    step(&lanes.3, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian)
                    i += 32
                }
            }
            while i + 32 <= length {
                step(&lanes.0, word(i)); step(&lanes.1, word(i + 8)); step(&lanes.2, word(i + 16)); step(&lanes.3, word(i + 24))
                i += 32
            }
            var tail: UInt64 = 0
            while i + 8 <= length { step(&tail, word(i)); i += 8 }
            if i < length { step(&tail, word(i)) }
            var h = UInt64(length)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3, tail] {
                h = (h ^ lane) &* 0xFF51AFD7ED558CCD
                h ^= h >> 33
            }
            return h
        }
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
        // The checksum hashes each section with the padding up to the next: the sections must come in order.
        let ordered = zip(sectionRanges, sectionRanges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }
            && (sectionRanges.first?.lowerBound ?? 0) >= Self.headerSize + count * 16
        if verify && bytes.count <= Self.fullCheckLimit
            && (!ordered || bytes.loadUnaligned(fromByteOffset: Self.checksumOffset, as: UInt64.self).littleEndian
                != Self.checksum(bytes, ranges: sectionRanges)) {
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
        let packed = PackedNameWords.firstSlot(PackedKey(low: 0x0123_4567_89AB_CDEF, high: 0xFEDC_BA98), shift: 32)
        return UInt32(truncatingIfNeeded: bytes ^ hashInteger(0x0123_4567_89AB_CDEF) ^ packed)
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
    /// Calls `body` with the bytes (`byteCount` of them).
    func withBytes(_ body: (UnsafeRawBufferPointer) -> Void)
}

extension Array: SectionContent where Element: FixedWidthInteger {
    var byteCount: Int { count * MemoryLayout<Element>.stride }
    func withBytes(_ body: (UnsafeRawBufferPointer) -> Void) { withUnsafeBytes(body) }
}
