import Testing
@testable import MailMirror
