import Foundation
import Terminal
import Testing
import Zones

@Suite struct ParsedValuesConversionTests {
    enum SortOrder: String, CaseIterable {
        case relevance
        case date
    }

    @Test func choices() throws {
        let values = ParsedValues(values: ["sort": ["date"], "bad": ["size"]])
        #expect(try values.choice("sort", as: SortOrder.self) == .date)
        let error = #expect(throws: UsageError.self) { try values.choice("bad", as: SortOrder.self) }
        #expect(error?.userMessage == "The value 'size' for 'bad' must be one of: relevance, date.")
    }

    @Test func days() throws {
        let paris = try #require(Zone(identifier: "Europe/Paris"))
        let values = ParsedValues(values: [
            "since": ["2024-03-05"], "slash": ["2024/3/5"], "leap": ["2024-02-29"], "bad": ["2023-02-29"],
            "text": ["yesterday"], "short": ["24-03-05"],
        ])
        // Midnight in Paris is 23:00 UTC the day before.
        #expect(try values.day("since", timeZone: paris) == Date(timeIntervalSince1970: 1_709_593_200))
        #expect(try values.day("slash", timeZone: paris) == Date(timeIntervalSince1970: 1_709_593_200))
        #expect(try values.day("leap", timeZone: Zone(identifier: "UTC")!) != nil)
        for name in ["bad", "text", "short"] {
            let error = #expect(throws: UsageError.self) { try values.day(name, timeZone: paris) }
            #expect(error?.userMessage.hasSuffix("is not a date written YYYY-MM-DD.") == true)
        }
        #expect(try ParsedValues(values: ["x": []]).day("x", timeZone: paris) == nil)
    }
}

@Suite struct DeclaredDefaultTests {
    @Test func declaredGettersReturnTheValueElseTheDeclaredDefault() throws {
        guard
            case .run(_, _, let given) = try SampleTool.tool.parse(["search", "x", "--limit", "7", "--sort", "date"]),
            case .run(_, _, let absent) = try SampleTool.tool.parse(["search", "x"])
        else {
            Issue.record("search did not parse to a run")
            return
        }
        #expect(try given.declaredInt("limit", in: 0...100) == 7)
        #expect(try absent.declaredInt("limit", in: 0...100) == 50)
        #expect(given.declaredString("sort") == "date")
        #expect(absent.declaredString("sort") == "relevance")
        #expect(throws: UsageError.self) { try given.declaredInt("limit", in: 0...5) }
    }
}
