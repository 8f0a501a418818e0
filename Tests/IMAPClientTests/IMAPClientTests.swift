import Testing
@testable import IMAPClient
