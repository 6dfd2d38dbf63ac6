/// "Did you mean …?" for mistyped option names, commands and choices.
enum Suggestion {
    /// The candidate closest to `input`, if it is close enough to be a likely typo: at most one
    /// edit for short words, two for words of five characters or more. Ties go to the earlier
    /// candidate. Failing that, the only candidate that starts with `input` (`--password` for
    /// `--password-stdin`). Comparison ignores case.
    static func closest(to input: String, in candidates: [String]) -> String? {
        if let typo = closestByEdits(to: input, in: candidates) { return typo }
        let lowered = input.lowercased()
        guard lowered.count >= 3 else { return nil }
        let extensions = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        return extensions.count == 1 ? extensions[0] : nil
    }

    private static func closestByEdits(to input: String, in candidates: [String]) -> String? {
        let wanted = Array(input.lowercased())
        let limit = wanted.count >= 5 ? 2 : 1
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(wanted, Array(candidate.lowercased()))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and
    /// transpositions of two neighbours each cost one.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
