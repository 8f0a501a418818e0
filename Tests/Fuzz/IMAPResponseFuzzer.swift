// libFuzzer harness: the IMAP response framer and parser on arbitrary server bytes.
// Built and run by scripts/fuzz (see Tests/Fuzz/README.md); not part of `swift build`.
import IMAP
import MailCore

/// Feeds the input to `ResponseFramer` the way a socket would (in uneven chunks) and parses every
/// frame with `ResponseParser.parse`.
///
/// Beyond "never traps", it checks what the session relies on:
/// - framing does not depend on how the bytes were split: whole and chunked feeds give the same
///   frames and the same error;
/// - tight limits only ever stop framing early (the frames before the error are the same) and no
///   frame exceeds them, so a hostile server cannot make memory grow past the limits;
/// - parsing is a pure function of the frame (same result twice);
/// - `traceDescription` of any frame stays short and free of control characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    let whole = frames(bytes, limits: FramingLimits(), chunkSeed: nil)
    let chunked = frames(bytes, limits: FramingLimits(), chunkSeed: UInt64(size) &* 0x9E37_79B9_7F4A_7C15 | 1)
    check(
        whole.frames == chunked.frames && whole.error == chunked.error,
        "chunked framing differs from whole framing")

    let tight = FramingLimits(maxLineLength: 200, maxLiteralSize: 300, maxResponseSize: 600)
    let limited = frames(bytes, limits: tight, chunkSeed: 0xDEAD_BEEF)
    check(
        limited.frames.count <= whole.frames.count
            && Array(whole.frames.prefix(limited.frames.count)) == limited.frames,
        "tight limits changed the frames before the error")
    if limited.error == nil {
        check(limited.frames == whole.frames, "tight limits lost frames without an error")
    }
    for frame in limited.frames {
        check(
            frame.bytes.count <= tight.maxResponseSize + tight.maxLineLength + 2,
            "a frame of \(frame.bytes.count) bytes passed limits \(tight)")
    }

    for frame in whole.frames {
        let first = Result { () throws(IMAPProtocolError) -> Response in try ResponseParser.parse(frame) }
        let second = Result { () throws(IMAPProtocolError) -> Response in try ResponseParser.parse(frame) }
        check(first == second, "parsing the same frame twice gave different results")
        if case .failure(let error) = first { _ = error.description }
        let trace = frame.traceDescription
        check(trace.utf8.count <= 2000 + 64, "traceDescription is \(trace.utf8.count) bytes long")
        check(
            !trace.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
            "traceDescription contains a control character")
    }

    // The parser is public API on its own: unframed bytes must not trap either.
    _ = try? ResponseParser.parse(bytes)
    _ = try? ResponseParser.parseAll(bytes, limits: tight)
    return 0
}

/// The frames the framer returns for `bytes` and the error it stopped on, feeding the bytes in
/// one piece (`chunkSeed == nil`) or in pseudo-random chunks of 1–64 bytes.
func frames(_ bytes: [UInt8], limits: FramingLimits, chunkSeed: UInt64?) -> (
    frames: [ResponseFrame], error: IMAPProtocolError?
) {
    var framer = ResponseFramer(limits: limits)
    var out: [ResponseFrame] = []
    var state = chunkSeed ?? 0
    var offset = 0
    repeat {
        let end: Int
        if chunkSeed == nil {
            end = bytes.count
        } else {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            end = min(bytes.count, offset + 1 + Int(state % 64))
        }
        framer.append(bytes[offset..<end])
        offset = end
        do {
            while let frame = try framer.nextFrame() { out.append(frame) }
        } catch {
            // A failed framer stays failed: asking again repeats the same error.
            let again = Result { () throws(IMAPProtocolError) -> ResponseFrame? in try framer.nextFrame() }
            check(again == .failure(error), "a failed framer did not keep failing")
            return (out, error)
        }
    } while offset < bytes.count
    return (out, nil)
}

/// Stops the run so libFuzzer records the input as a crash.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: \(message())") }
}
