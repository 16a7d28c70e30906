// Lexicon, the compile cache's upkeep: old cache files go.
//
// In:  the cache directory, after a load reused a file or wrote a new one.
// Out: the reused file marked as used (its modification time, at most once a day); after a
//      write, the cache files and compiler fingerprints no run has used for `maximumAge` removed.
//
// Why: every edit of a lexicon, every upgrade of the binary and every other set of lexicon
// files gets a cache file of its own (the key covers them all), and nothing else ever
// deletes one: a working directory's cache grew to hundreds of files and 300 MB in a day.
// A file still mapped by a running process stays readable after its removal (Linux keeps
// the inode), and a process that finds its file gone compiles it again: pruning is safe.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension LexiconLoader {
    /// How long a cache file no run used stays: a month.
    static let cacheMaximumAge: Double = 30 * 24 * 3600

    /// Marks `path` as used now, if its mark is older than a day (a write a day at most, not one a run).
    static func markUsed(_ path: String, now: Double = Date().timeIntervalSince1970) {
        guard let modified = modificationTime(path), now - modified > 24 * 3600 else { return }
        _ = utimes(path, nil)
    }

    /// Removes the cache files (`lexicon-*.enlx`, `compiler-*.fingerprint`) of `directory` not
    /// used for `maximumAge` seconds, but `keeping`. Errors are ignored: upkeep, not work.
    static func pruneCache(in directory: String, keeping: String, maximumAge: Double = cacheMaximumAge,
                           now: Double = Date().timeIntervalSince1970) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where (name.hasPrefix("lexicon-") && name.hasSuffix(".enlx"))
            || (name.hasPrefix("compiler-") && name.hasSuffix(".fingerprint")) {
            let path = directory + "/" + name
            guard path != keeping, let modified = modificationTime(path), now - modified > maximumAge else { continue }
            _ = unlink(path)
        }
    }

    private static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}
