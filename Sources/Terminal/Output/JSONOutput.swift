/// Prints `--json` results: one JSON document on standard output, ending in a newline.
///
/// Pretty on a terminal (a person is reading) and compact in a pipe is tempting but makes the
/// bytes depend on where they go; instead the layout is chosen by the caller, pretty by default,
/// so the same command always prints the same bytes.
public enum JSONOutput {
    /// Writes `value` and a newline to standard output of `output`.
    public static func write(_ value: JSONValue, to output: any OutputSink, layout: JSONValue.Layout = .pretty) {
        output.write(value.rendered(layout, newline: true), to: .output)
    }

    /// Writes the JSON form of `value`.
    public static func write(
        _ value: some JSONRepresentable, to output: any OutputSink, layout: JSONValue.Layout = .pretty
    ) {
        write(value.json, to: output, layout: layout)
    }
}
