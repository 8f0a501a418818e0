/// Cuts the server's byte stream into complete responses, literals included (RFC 9051 §4.3).
///
/// Feed bytes as they arrive; `nextFrame()` returns each response once every line and every
/// `{n}` / `{n+}` literal it announces has fully arrived. Memory is bounded: a line longer than
/// `limits.maxLineLength` or a literal announcing more than `limits.maxLiteralSize` is a typed
/// error before anything that large is buffered.
///
///     S: * 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n   → one frame
public struct ResponseFramer: Sendable {
    public var limits: FramingLimits
    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer` (compacted lazily to avoid O(n²) shifting).
    private var readIndex = 0
    /// Bytes of the response being assembled.
    private var current: [UInt8] = []
    /// Whether `current` went out in the last frame: it is emptied before the next response is assembled,
    /// keeping its capacity up to `retainedCapacity`. A fresh buffer for each large message was mapped
    /// and faulted in page by page (the framer's copy of the literals was 2% of a first pull's samples,
    /// on the thread that reads the network); the frame handed out is released by then, so the buffer
    /// is reused in place.
    private var handedOut = false
    /// The most capacity kept between responses (a large attachment's buffer is given back).
    static let retainedCapacity = 2 << 20
    /// Length of the current line scanned so far (without literal bytes).
    private var currentLineLength = 0
    /// Literal bytes still expected before line scanning resumes.
    private var literalRemaining = 0
    private var failed: IMAPProtocolError?

    public init(limits: FramingLimits = FramingLimits()) {
        self.limits = limits
    }

    /// Bytes received but not yet returned in a frame (a cut in the middle of a response shows here).
    public var pendingByteCount: Int { buffer.count - readIndex + (handedOut ? 0 : current.count) }

    /// True while a literal is being received.
    public var isInsideLiteral: Bool { literalRemaining > 0 }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0 && readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete response, or nil when more bytes are needed.
    public mutating func nextFrame() throws(IMAPProtocolError) -> ResponseFrame? {
        if let failed { throw failed }
        do {
            return try scan()
        } catch {
            failed = error
            throw error
        }
    }

    private mutating func scan() throws(IMAPProtocolError) -> ResponseFrame? {
        if handedOut {
            if current.capacity <= Self.retainedCapacity {
                current.removeAll(keepingCapacity: true)
            } else {
                current = []
            }
            handedOut = false
        }
        while readIndex < buffer.count {
            if literalRemaining > 0 {
                let take = min(literalRemaining, buffer.count - readIndex)
                current.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                readIndex += take
                literalRemaining -= take
                continue
            }
            // Scan for the end of the line.
            let start = readIndex
            var end = start
            let limitLeft = limits.maxLineLength - currentLineLength
            var found = false
            while end < buffer.count {
                if buffer[end] == 0x0A {
                    found = true
                    break
                }
                end += 1
                if end - start > limitLeft {
                    throw .lineTooLong(limit: limits.maxLineLength)
                }
            }
            if !found {
                current.append(contentsOf: buffer[start..<end])
                currentLineLength += end - start
                readIndex = end
                compact()
                return nil
            }
            current.append(contentsOf: buffer[start...end])
            readIndex = end + 1
            currentLineLength = 0
            if let size = try literalAnnouncement() {
                if size > UInt64(limits.maxLiteralSize) {
                    throw .literalTooLarge(size: size, limit: limits.maxLiteralSize)
                }
                if current.count + Int(size) > limits.maxResponseSize {
                    throw .responseTooLarge(limit: limits.maxResponseSize)
                }
                literalRemaining = Int(size)
                current.reserveCapacity(current.count + Int(size) + 64)
                continue
            }
            let frame = ResponseFrame(bytes: current)
            handedOut = true
            compact()
            return frame
        }
        compact()
        return nil
    }

    /// The size of a literal announced at the end of the line just completed, if any.
    private func literalAnnouncement() throws(IMAPProtocolError) -> UInt64? {
        var i = current.count - 1  // at LF
        if i > 0 && current[i - 1] == 0x0D { i -= 1 }
        i -= 1
        guard i >= 0, current[i] == UInt8(ascii: "}") else { return nil }
        i -= 1
        if i >= 0 && (current[i] == UInt8(ascii: "+") || current[i] == UInt8(ascii: "-")) { i -= 1 }
        let digitsEnd = i
        while i >= 0 && current[i] >= 0x30 && current[i] <= 0x39 { i -= 1 }
        guard i >= 0, current[i] == UInt8(ascii: "{"), digitsEnd > i else { return nil }
        var value: UInt64 = 0
        var index = i + 1
        while index <= digitsEnd {
            let digit = UInt64(current[index] - 0x30)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { throw .literalTooLarge(size: UInt64.max, limit: limits.maxLiteralSize) }
            value = sum
            index += 1
        }
        return value
    }

    private mutating func compact() {
        if readIndex >= 64 * 1024 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
