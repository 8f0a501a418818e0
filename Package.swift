// swift-tools-version:6.0
// mailmirror: an offline, read-only, crash-safe mirror of a Gmail (or any IMAP) account,
// with offline search and help-center reports. FoundationEssentials, libcurl and zlib only. Linux only
// (Debian 12): the code calls Glibc, reads st_mtim and loads libcurl.so.4, so no Apple platform
// is declared.
import PackageDescription

/// Every library target and the modules it may import. Arrows point one way:
/// mailmirror → MailMirror → {IMAPClient → IMAP, OAuth2, Store, MIME, Index, Analytics} → MailCore;
/// Store, Index and MailMirror write every file through Durable (one durable-file layer, crash points
/// included), which depends on nothing; mailmirror → Terminal (the command line, output and the
/// error-to-exit-code mapping, which the library does not need). TextBasics and Zones hold what swift-corelibs
/// Foundation gave (trimming, JSON read by key, named time zones): no module imports Foundation, whose
/// CoreFoundation and ICU cost every start (issue 13; NoFoundationTests checks it).
let libraries: [(name: String, dependencies: [Target.Dependency])] = [
    ("Durable", []),
    ("TextBasics", []),
    ("Zones", []),
    ("MailCore", []),
    ("IMAP", ["MailCore", "TextBasics", "Zones"]),
    ("IMAPClient", ["IMAP", "MailCore", "CCurl", "TextBasics"]),
    ("Store", ["MailCore", "Durable", "CZlib", "TextBasics", "Zones"]),
    ("MIME", ["MailCore", "TextBasics", "Zones"]),
    ("TextAnalysis", []),
    ("Index", ["MailCore", "Durable", "TextAnalysis", "Zones"]),
    ("Analytics", ["MailCore", "TextAnalysis", "TextBasics", "Zones"]),
    ("Terminal", ["TextBasics", "Zones"]),
    ("OAuth2", ["CCurl", "TextBasics"]),
    (
        "MailMirror",
        [
            "MailCore", "Durable", "IMAP", "IMAPClient", "OAuth2", "Store", "MIME", "Index", "Analytics", "TextBasics",
            "Zones",
        ]
    ),
]

/// How the executable is linked so that it starts fast (issue 13: every search pays the process start).
/// `Sources/mailmirror/Linker/` comes first on the library path: its linker scripts take the C++ runtime and zlib
/// from their archives, so a --static-swift-stdlib build loads only libc and libm (see the scripts). The executable
/// stays position-independent (ASLR for its own code too): linking it at a fixed address (-no-pie) would save about
/// 0.7 ms of relocations per start, not worth weakening a program that holds passwords and parses what servers send.
let startupLinkerFlags = ["-L", Context.packageDirectory + "/Sources/mailmirror/Linker"]

/// Release links (what scripts/install and scripts/bench build) with the toolchain's lld instead of gold, for
/// two start-up costs. Relocations packed as DT_RELR (glibc 2.36): the ~80,000 pointers the dynamic loader
/// rebases at every start (Swift metadata; counted while swift-corelibs Foundation was still linked) are read
/// from a 15 KB bitmap instead of a 1.9 MB table. No exported symbols: the static-stdlib link exports every
/// public symbol of our modules (4,700), which nothing looks up, and the runtime's start-up `dladdr` (finding
/// swift-backtrace) scans them all. Together about 7% of `mailmirror --version`'s CPU time and 6% of a search's.
///
/// The functions a search runs come first, together (`startup.order`, written by scripts/order-symbols from
/// a profile of the benchmark's queries): left where their object files fell, they were spread over the 17 MB
/// of code, and each 64 KB stretch a run first touches is a page fault. Names the file lists that no longer
/// exist are ignored, so the file only ever costs layout, never a failed link. SwiftPM does not relink when only
/// the file changed: remove the built binary first.
let releaseLinkerFlags = [
    "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "--symbol-ordering-file=" + Context.packageDirectory + "/Sources/mailmirror/Linker/startup.order",
    "-Xlinker", "--no-warn-symbol-ordering",
]

/// Release code asks for generic types' metadata through their accessors, not by mangled name: a mangled name
/// makes the runtime check the type's generic requirements at run time, and the first check of each
/// conformance (`String: Hashable` for the parsed options' dictionaries, `Int: Comparable` for sorting the
/// hits) scanned all of the binary's 5,600 conformance records: about 4% of a search's samples, now none.
/// Each function in a section of its own, so that the link can place the ones a search runs together (see
/// `releaseLinkerFlags`): a generic specialization is otherwise emitted in whichever object file needed it
/// first (a report's, often) and pulls that file's code in beside it.
let releaseSwiftFlags = [
    "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors", "-Xfrontend", "-function-sections",
]
let swiftSettings: [SwiftSetting] = [.unsafeFlags(releaseSwiftFlags, .when(configuration: .release))]

var targets: [Target] = [
    .target(name: "CCurl"),
    .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
    // Everything the executable imports: VerifyCommand prints Store's problems, Output/UserFacingErrors.swift
    // maps IMAPClient's and Store's errors to exit codes.
    .executableTarget(
        name: "mailmirror",
        dependencies: [
            "MailMirror", "Terminal", "IMAPClient", "OAuth2", "Store", "Index", "MailCore", "Analytics", "TextBasics",
            "Zones",
        ],
        exclude: ["Linker"],
        swiftSettings: swiftSettings,
        linkerSettings: [
            .unsafeFlags(startupLinkerFlags), .unsafeFlags(releaseLinkerFlags, .when(configuration: .release)),
        ]),
]
// What every test target shares (scratch folders removed at exit); never linked into the executable.
targets.append(.target(name: "TestSupport", path: "Tests/TestSupport"))
for library in libraries {
    targets.append(.target(name: library.name, dependencies: library.dependencies, swiftSettings: swiftSettings))
    targets.append(
        .testTarget(
            name: "\(library.name)Tests",
            dependencies: [.target(name: library.name), "TestSupport"] + library.dependencies,
            exclude: ["Fixtures"]
        ))
}

let package = Package(
    name: "mailmirror",
    products: [.executable(name: "mailmirror", targets: ["mailmirror"])],
    targets: targets,
    // Swift 5 mode: every lock is now a Synchronization.Mutex holding the state it guards, and the compiler
    // checks the Sendable conformances (MappedFile's read-only mapping stays `@unchecked`, said why). Terminal
    // compiles clean in Swift 6 mode, but its release binary then took about 24 more page faults at every start
    // (mailmirror --version), so the switch waits.
    swiftLanguageModes: [.v5]
)
