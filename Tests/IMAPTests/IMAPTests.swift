import Testing
@testable import IMAP
