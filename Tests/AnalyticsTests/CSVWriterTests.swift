import Testing

@testable import Analytics

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatRFC4180Requires() {
        #expect(CSVWriter.quote("plain") == "plain")
        #expect(CSVWriter.quote("a,b") == "\"a,b\"")
        #expect(CSVWriter.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quote("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.quote("cr\r") == "\"cr\r\"")
        #expect(CSVWriter.quote("mot de passe d'application é") == "mot de passe d'application é")
    }

    @Test func rowsEndWithCRLFAfterAHeader() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.append(["1", "x,y"])
        #expect(csv.text == "a,b\r\n1,\"x,y\"\r\n")
        #expect(CSVReader.rows(csv.text) == [["a", "b"], ["1", "x,y"]])
    }
}
