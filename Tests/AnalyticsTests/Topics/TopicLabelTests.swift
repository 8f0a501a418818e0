import Testing

@testable import Analytics

@Suite struct TopicLabelTests {
    @Test func labelsStayShort() {
        #expect(
            TopicLabeler.label(["mot de passe", "refusé", "client mail", "extra"])
                == "mot de passe, refusé, client mail")
        #expect(
            TopicLabeler.label([
                "double après la synchronisation du calendrier", "outlook", "événements récurrents apparaissent",
            ])
                == "double après la synchronisation du calendrier, outlook")
        #expect(TopicLabeler.label(["slack"]) == "slack")
    }
}
