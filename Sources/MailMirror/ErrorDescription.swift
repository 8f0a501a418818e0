import FoundationEssentials
import Glibc

/// The sentence Foundation's `localizedDescription` gave for the errors file and JSON calls throw, kept
/// word for word now that swift-corelibs Foundation (which wrote it) is no longer linked (issue 13).
enum ErrorDescription {
    static func of(_ error: any Error) -> String {
        let prefix = "The operation could not be completed. "
        switch error {
        case let error as CocoaError:
            if let text = cocoaMessages[error.code.rawValue] { return prefix + text }
            return prefix + "(NSCocoaErrorDomain error \(error.code.rawValue).)"
        case let error as DecodingError:
            switch error {
            case .keyNotFound, .valueNotFound: return prefix + "The data is missing."
            default: return prefix + "The data isn’t in the correct format."
            }
        case is EncodingError:
            return prefix + "The data isn’t in the correct format."
        case let error as POSIXError:
            return prefix + String(cString: strerror(error.code.rawValue))
        default:
            return prefix + "(\(error._domain) error \(error._code).)"
        }
    }

    /// swift-corelibs Foundation's sentences for Cocoa error codes.
    static let cocoaMessages: [Int: String] = [
        4: "The file doesn’t exist.", 255: "The file couldn’t be locked.", 257: "You don’t have permission.",
        258: "The file name is invalid.", 259: "The file isn’t in the correct format.", 260: "The file doesn’t exist.",
        261: "The specified text encoding isn’t applicable.", 262: "The specified URL type isn’t supported.",
        263: "The item is too large.", 264: "The text encoding of the contents couldn’t be determined.",
        513: "You don’t have permission.", 514: "The file name is invalid.",
        516: "A file with the same name already exists.", 517: "The specified text encoding isn’t applicable.",
        518: "The specified URL type isn’t supported.", 640: "There isn’t enough space.",
        642: "The volume is read only.", 1024: "The value is invalid.", 2048: "The value is invalid.",
        3072: "The operation was cancelled.", 3328: "The requested operation is not supported.",
        3840: "The data is not in the correct format.",
        3841: "The data is in a format that this application doesn’t understand.",
        3842: "An error occurred in the source of the data.",
        3851: "An error occurred in the destination for the data.",
        3852: "An error occurred in the content of the data.", 4864: "The data isn’t in the correct format.",
        4865: "The data is missing.", 4866: "The data isn’t in the correct format.",
    ]
}
