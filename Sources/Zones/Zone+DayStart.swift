extension Zone {
    /// The first instant of a local day, in seconds since 1970, given the day's midnight read as UTC
    /// (`days * 86_400`): as Foundation's gregorian `Calendar` places it, the earlier one when midnight
    /// happens twice (clocks set back at midnight), and the end of the gap when it does not happen at all
    /// (clocks set forward at midnight, as in Havana or Santiago).
    public func startOfDay(utcMidnight midnight: Int64) -> Int64 {
        let nearby = [-172_800, -86_400, 0, 86_400, 172_800].map {
            midnight - Int64(secondsFromGMT(atEpoch: midnight + $0))
        }
        let local = { (t: Int64) in t + Int64(self.secondsFromGMT(atEpoch: t)) }
        if let first = nearby.filter({ local($0) == midnight }).min() { return first }
        return nearby.filter { local($0) > midnight }.min() ?? nearby[2]
    }
}
