import Testing

@testable import Analytics

@Suite struct QuantileTests {
    @Test func medianAndP90() {
        #expect(Quantile.of([], 0.5) == nil)
        #expect(Quantile.of([5], 0.5) == 5)
        #expect(Quantile.of([5], 0.9) == 5)
        #expect(Quantile.of([4, 1, 3, 2], 0.5) == 2.5)
        #expect(Quantile.of(Array(1...10).map(Double.init), 0.9)! == 9.1)
        #expect(Quantile.of([30, 120, 1440], 0.9)! == 1176)
        #expect(Quantile.of([30, 120, 1440], 0.5) == 120)
    }

    @Test func numberFormattingIgnoresLocaleAndRoundsHalfAway() {
        #expect(NumberFormat.fixed(2.25, 1) == "2.3")
        #expect(NumberFormat.fixed(-2.25, 1) == "-2.3")
        #expect(NumberFormat.fixed(-0.001, 2) == "0.00")
        #expect(NumberFormat.fixed(1440, 1) == "1440.0")
        #expect(NumberFormat.compact(12.50, 2, separator: ",") == "12,5")
        #expect(NumberFormat.compact(3.0, 2) == "3")
    }
}
