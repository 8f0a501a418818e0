import Testing

/// The testbed.env reader the other-servers tests build their accounts from.
struct TestbedEnvironmentFileTests {
    @Test func readsExportedQuotedAndPlainValues() throws {
        let values = try TestbedEnvironmentFile.parse(
            """
            # Written by scripts/testbed-courier start; source it.
            export MAILMIRROR_TEST_SERVER=courier
            MAILMIRROR_TEST_HOST=127.0.0.1

            export MAILMIRROR_TEST_CA="/tmp/a b/ca.pem"
            export MAILMIRROR_TEST_PASSWORD='abc"def'
            export MAILMIRROR_TEST_USER="say \\"hi\\""
            MAILMIRROR_TEST_EMPTY=
            """)
        #expect(values["MAILMIRROR_TEST_SERVER"] == "courier")
        #expect(values["MAILMIRROR_TEST_HOST"] == "127.0.0.1")
        #expect(values["MAILMIRROR_TEST_CA"] == "/tmp/a b/ca.pem")
        #expect(values["MAILMIRROR_TEST_PASSWORD"] == "abc\"def")
        #expect(values["MAILMIRROR_TEST_USER"] == "say \"hi\"")
        #expect(values["MAILMIRROR_TEST_EMPTY"] == "")
        #expect(values.count == 6)
    }

    @Test func refusesALineThatIsNotKeyEqualsValue() {
        #expect(throws: Testbed.TestbedMissing.self) { try TestbedEnvironmentFile.parse("export\n") }
        #expect(throws: Testbed.TestbedMissing.self) { try TestbedEnvironmentFile.parse("=value\n") }
    }
}
