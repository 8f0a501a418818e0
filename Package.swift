// swift-tools-version:6.0
// mailmirror: an offline, read-only, crash-safe mirror of a Gmail (or any IMAP) account,
// with offline search and help-center reports. Foundation, libcurl and zlib only.
import PackageDescription

/// Every library target and the modules it may import. Arrows point one way:
/// mailmirror → MailMirror → {IMAPClient → IMAP, OAuth2, Store, MIME, Index, Analytics} → MailCore;
/// Store, Index and MailMirror write every file through Durable (one durable-file layer, crash points
/// included), which depends on nothing.
let libraries: [(name: String, dependencies: [Target.Dependency])] = [
    ("Durable", []),
    ("MailCore", []),
    ("IMAP", ["MailCore"]),
    ("IMAPClient", ["IMAP", "MailCore", "CCurl"]),
    ("Store", ["MailCore", "Durable", "CZlib"]),
    ("MIME", ["MailCore"]),
    ("TextAnalysis", []),
    ("Index", ["MailCore", "Durable", "TextAnalysis"]),
    ("Analytics", ["MailCore", "TextAnalysis"]),
    ("Terminal", []),
    ("OAuth2", ["CCurl"]),
    ("MailMirror", ["MailCore", "Durable", "IMAP", "IMAPClient", "OAuth2", "Store", "MIME", "Index", "Analytics", "Terminal"]),
]

var targets: [Target] = [
    .target(name: "CCurl"),
    .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
    .executableTarget(name: "mailmirror", dependencies: ["MailMirror", "Terminal", "IMAPClient", "OAuth2", "Index", "MailCore", "Analytics"]),
]
for library in libraries {
    targets.append(.target(name: library.name, dependencies: library.dependencies))
    targets.append(.testTarget(
        name: "\(library.name)Tests",
        dependencies: [.target(name: library.name)] + library.dependencies,
        exclude: ["Fixtures"]
    ))
}

let package = Package(
    name: "mailmirror",
    platforms: [.macOS(.v13)],
    products: [.executable(name: "mailmirror", targets: ["mailmirror"])],
    targets: targets,
    swiftLanguageModes: [.v5]
)
