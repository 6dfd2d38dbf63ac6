import FoundationEssentials
import Synchronization

/// UTC date formatting without `DateFormatter` (not in FoundationEssentials, and slow).
public enum TimeFormat {
    /// `2026-12-04 16:18:28`, as WHMCS prints `requesttime` and dates.
    public static func dateTime(_ date: Date) -> String {
        let (y, m, d, hh, mm, ss) = components(date)
        return "\(pad(y, 4))-\(pad(m))-\(pad(d)) \(pad(hh)):\(pad(mm)):\(pad(ss))"
    }

    /// ``dateTime(_:)`` for "now", formatted once per second and shared by every request in it.
    public static func currentDateTime(_ date: Date) -> String {
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        if let cached = lastSecond.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = dateTime(date)
        lastSecond.withLock { $0 = (second, text) }
        return text
    }

    private static let lastSecond = Mutex<(second: Int64, text: String)>((-1, ""))

    /// `2026-12-04T16:18:28Z`.
    public static func iso8601(_ date: Date) -> String {
        let (y, m, d, hh, mm, ss) = components(date)
        return "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(hh)):\(pad(mm)):\(pad(ss))Z"
    }

    /// "just now", "5 minutes ago", "3 days ago", relative to `now`.
    public static func relative(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 45 { return "just now" }
        func ago(_ value: Int, _ unit: String) -> String { "\(value) \(unit)\(value == 1 ? "" : "s") ago" }
        if seconds < 3_600 { return ago(max(1, (seconds + 30) / 60), "minute") }
        if seconds < 86_400 { return ago(seconds / 3_600, "hour") }
        if seconds < 86_400 * 30 { return ago(seconds / 86_400, "day") }
        if seconds < 86_400 * 365 { return ago(seconds / (86_400 * 30), "month") }
        return ago(seconds / (86_400 * 365), "year")
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Civil date from Unix time (Howard Hinnant's days-from-civil inverse).
    private static func components(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d, secs / 3_600, secs % 3_600 / 60, secs % 60)
    }
}
