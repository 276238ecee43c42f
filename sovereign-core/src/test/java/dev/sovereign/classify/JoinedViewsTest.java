package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinedViewsTest {
    static Classification classify(String json) {
        return Classifier.defaults()
                .classify(RequestText.of(new StrictJson(64).parse(json.getBytes(StandardCharsets.UTF_8))), Set.of());
    }

    static List<Finding> at(Classification c, String path) {
        return c.segments().stream()
                .filter(s -> s.segment().path().equals(path))
                .findFirst()
                .orElseThrow()
                .findings();
    }

    @Test
    void anEmailSplitBetweenTwoTextBlocksIsFoundInBothPartsAndCountedOnce() {
        Classification c = classify("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"write to jane.doe@exa"},
                  {"type":"text","text":"mple.org today"}]}]}
                """);
        assertThat(at(c, "/messages/0/content/0/text"))
                .extracting(Finding::category, Finding::start, Finding::end)
                .containsExactly(tuple("pii.email", 9, 21));
        assertThat(at(c, "/messages/0/content/1/text"))
                .extracting(Finding::category, Finding::start, Finding::end)
                .containsExactly(tuple("pii.email", 0, 8));
        assertThat(c.categoryCounts()).containsEntry("pii.email", 1);
    }

    @Test
    void anAwsKeyAndAnIbanSplitBetweenMessagesAreFound() {
        assertThat(classify("""
                {"messages":[{"role":"user","content":"my key is AKIAIOSFOD"},
                  {"role":"assistant","content":"NN7EXAMPLE"}]}
                """).categories()).contains("secret.aws_access_key");
        assertThat(classify("""
                {"system":"pay to DE89 3704 0044","messages":[{"role":"user","content":" 0532 0130 00 please"}]}
                """).categories()).contains("financial.iban");
    }

    @Test
    void aValueFoundWholeIsNotLengthenedIntoTheNextPiece() {
        Classification c = classify("""
                {"messages":[{"role":"user","content":"mail jane.doe@example.org."},
                  {"role":"user","content":"Le client est parti."}]}
                """);
        assertThat(at(c, "/messages/0/content"))
                .extracting(Finding::start, Finding::end)
                .containsExactly(tuple(5, 25));
        assertThat(at(c, "/messages/1/content")).isEmpty();
        assertThat(c.categoryCounts()).containsEntry("pii.email", 1);
    }

    @Test
    void fieldsThatMerelyFollowEachOtherAreNotJoined() {
        Classification c = classify("""
                {"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n",
                  "input":{"email":"jane.doe@example.org","country":"FR"}}]}]}
                """);
        assertThat(at(c, "/messages/0/content/0/input/country")).isEmpty();
    }

    @Test
    void theSeamsAreThoseOfConversationText() {
        for (String path : List.of(
                "/system",
                "/system/0/text",
                "/messages/12/content",
                "/messages/0/content/3/text",
                "/messages/1/content/0/content",
                "/messages/1/content/0/content/2/text",
                "/input",
                "/input/4")) {
            assertThat(JoinedViews.isConversationText(path)).as(path).isTrue();
        }
        for (String path : List.of(
                "/systems",
                "/system/0/cache_control",
                "/messages/x/content",
                "/messages/0/contents",
                "/messages/0/content/0/input/text",
                "/messages/0/content/0/source/data",
                "/messages//content",
                "/tools/0/description",
                "/input/0/0",
                "/metadata/user_id")) {
            assertThat(JoinedViews.isConversationText(path)).as(path).isFalse();
        }
    }

    @Test
    void theWindowIsTheWordsAtTheSeamAndTheGroupsBesideThem() {
        String prose = "We will deliver the pallets next week.";
        assertThat(prose.substring(JoinedViews.tailStart(prose))).isEqualTo("week.");
        String iban = "please pay to DE89 3704 0044 ";
        assertThat(iban.substring(JoinedViews.tailStart(iban))).isEqualTo("DE89 3704 0044 ");
        String head = " 0532 0130 00 please, today";
        assertThat(head.substring(0, JoinedViews.headEnd(head))).isEqualTo(" 0532 0130 00");
        assertThat("Thanks a lot".substring(0, JoinedViews.headEnd("Thanks a lot")))
                .isEqualTo("Thanks");
        String long_ = "x".repeat(100);
        assertThat(long_.length() - JoinedViews.tailStart(long_)).isEqualTo(JoinedViews.REACH);
        assertThat(JoinedViews.headEnd(long_)).isEqualTo(JoinedViews.REACH);
    }

    @Test
    void aWordSplitBetweenMessagesIsFound() {
        assertThat(classify("""
                {"messages":[{"role":"user","content":"I was told I have diab"},
                  {"role":"user","content":"etes, what now?"}]}
                """).categories()).contains("special.health");
    }

    @Test
    void aSeamBetweenSentencesIsNotScannedAgainButOneAValueMayCrossIs() {
        assertThat(JoinedViews.mayCross("We ship next week.", 13, "Thanks a lot", 6))
                .isFalse();
        assertThat(JoinedViews.mayCross("I have diab", 7, "etes, what now?", 5)).isTrue();
        assertThat(JoinedViews.mayCross("write to jane.doe@exa", 9, "mple.org today", 8))
                .isTrue();
        assertThat(JoinedViews.mayCross("write to jane.doe.", 9, "@example.org", 12))
                .isTrue();
        assertThat(JoinedViews.mayCross("pay DE89 3704 ", 4, " 0044 0532", 10)).isTrue();
    }
}
