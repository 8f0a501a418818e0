import Foundation
import Terminal
import Testing

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: TimeInterval = 1000
    var now: TimeInterval {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
    func advance(_ seconds: TimeInterval) {
        lock.lock()
        time += seconds
        lock.unlock()
    }
}

@Suite struct ProgressBarTests {
    @Test func lineShowsCountsSizeRateAndETA() {
        let line = ProgressBar.line(
            label: "Syncing support", messages: 1234, totalMessages: 10_000, bytes: 56_200_000, elapsed: 18, width: 120)
        #expect(line == "Syncing support  1,234/10,000 messages  56.2 MB  3.1 MB/s  ETA 2 min 8 s")
    }

    @Test func lineBeforeASecondHasNoRateAndFitsTheWidth() {
        let early = ProgressBar.line(label: "Sync", messages: 1, totalMessages: nil, bytes: 10, elapsed: 0.2, width: 80)
        #expect(early == "Sync  1 messages  10 B")
        let narrow = ProgressBar.line(
            label: "Syncing a long account name", messages: 5, totalMessages: 9, bytes: 5000, elapsed: 3, width: 30)
        #expect(narrow.displayWidth == 29)
        #expect(narrow.hasSuffix("…"))
    }

    @Test func drawsNothingWhenStandardErrorIsNotATerminal() {
        let output = MemoryOutput(capabilities: .pipe)
        let bar = ProgressBar(label: "Sync", totalMessages: 10, output: output)
        bar.update(messages: 5, bytes: 100)
        bar.finish()
        #expect(!bar.isEnabled)
        #expect(output.standardError.isEmpty)
        #expect(output.standardOutput.isEmpty)
    }

    @Test func redrawsAtMostTenTimesASecond() {
        let output = MemoryOutput(capabilities: .terminal())
        let clock = ManualClock()
        let bar = ProgressBar(label: "Sync", totalMessages: 1000, output: output, clock: { clock.now })
        for done in 1...100 {  // 100 updates over one second
            bar.update(messages: done, bytes: Int64(done) * 1000)
            clock.advance(0.01)
        }
        #expect(bar.drawCount >= 9 && bar.drawCount <= 11)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.hasPrefix("\rSync  1/1,000 messages"))
        // Completion is always drawn, even inside the throttle window.
        let before = bar.drawCount
        bar.update(messages: 1000, bytes: 1)
        #expect(bar.drawCount == before + 1)
        bar.finish()
        #expect(output.standardError.hasSuffix("\r\u{1B}[K"))
    }
}

@Suite struct ProgressBarPauseTests {
    @Test func finishClearsAndALaterUpdateDrawsAgain() {
        let output = MemoryOutput(capabilities: .terminal(width: 60))
        let clock = ManualClock()
        let bar = ProgressBar(label: "Sync", totalMessages: 10, output: output, clock: { clock.now })
        bar.update(messages: 1, bytes: 10)
        bar.finish()
        bar.finish()  // a second finish writes nothing more
        #expect(output.standardError == "\rSync  1/10 messages  10 B\u{1B}[K\r\u{1B}[K")
        clock.advance(1)
        bar.update(messages: 2, bytes: 20)
        #expect(bar.drawCount == 2)
        #expect(output.standardError.hasSuffix("\rSync  2/10 messages  20 B  20 B/s  ETA 4 s\u{1B}[K"))
    }
}
