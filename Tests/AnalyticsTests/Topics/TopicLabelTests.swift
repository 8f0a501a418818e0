import Testing

@testable import Analytics

@Suite struct TopicLabelTests {
    @Test func labelsStayShort() {
        #expect(
            TopicPipeline.label(["mot de passe", "refusé", "client mail", "extra"])
                == "mot de passe, refusé, client mail")
        #expect(
            TopicPipeline.label([
                "double après la synchronisation du calendrier", "outlook", "événements récurrents apparaissent",
            ])
                == "double après la synchronisation du calendrier, outlook")
        #expect(TopicPipeline.label(["slack"]) == "slack")
    }
}
