import Zones

/// A date read from a Date header: wall-clock fields as written and the writer's UTC offset.
public struct MIMEDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// East of UTC is positive.
    public var utcOffsetSeconds: Int32

    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64 {
        let days = Civil.days(year: Int64(year), month: month, day: day)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(utcOffsetSeconds)
    }
}
