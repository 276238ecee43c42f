package dev.sovereign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** AuditJson writes RFC 8785 canonical JSON directly: checked against an independent JCS implementation. */
class AuditJsonTest {

    static String jcs(String json) throws Exception {
        return new JsonCanonicalizer(json).getEncodedString();
    }

    static AuditEvent event(String s, int n) {
        return new AuditEvent(
                n % 2 == 0 ? AuditEvent.Type.DECISION : AuditEvent.Type.COMPLETION,
                Instant.ofEpochMilli(1_700_000_000_000L + n),
                "req-" + s,
                new AuditEvent.Subject(s, "team " + s, "wl"),
                new AuditEvent.Request("openai", "chat.completions", s, n % 3 == 0, (long) n),
                Map.of("pii.email", n, "special." + s, 1, "label.x", 2),
                List.of(s, "b"),
                new AuditEvent.Route("rule", "forward", "p", "eu", "eu", s),
                List.of(new AuditEvent.GuaranteeCheck("g-" + s, n % 2 == 0)),
                new AuditEvent.Result(200, (long) n, null, 5L, Long.MAX_VALUE, -3L, s, n % 5 == 0 ? true : null),
                new AuditEvent.SealedContent("A256GCM", "k", "iv/+=", s));
    }

    @Test
    void matchesJcsForEveryKindOfString() throws Exception {
        Random random = new Random(42);
        String[] tricky = {
            "", "plain", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\rback\bform\f",
            "\u0000\u0001\u001f\u007f", "é ü ß 中文 \uD83D\uDE00", "\u2028\u2029", "<script>&amp;</script>"
        };
        int n = 0;
        for (String s : tricky) {
            String ours = AuditJson.canonical(event(s, n++));
            assertThat(ours).isEqualTo(jcs(ours));
        }
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(20);
            for (int k = 0; k < len; k++) {
                int kind = random.nextInt(4);
                sb.append((char)
                        (kind == 0
                                ? random.nextInt(0x20)
                                : kind == 1
                                        ? 0x20 + random.nextInt(0x60)
                                        : kind == 2 ? 0xA0 + random.nextInt(0x2000) : 0xE000 + random.nextInt(0x1000)));
            }
            String ours = AuditJson.canonical(event(sb.toString(), i));
            assertThat(ours).as("for %s", sb).isEqualTo(jcs(ours));
        }
    }

    @Test
    void numbersStayWithinWhatJsonHoldsExactly() throws Exception {
        AuditEvent e = event("n", 1);
        assertThat(e.result().outputTokens()).isEqualTo(AuditEvent.MAX_EXACT);
        assertThat(AuditJson.canonical(e)).contains("\"output_tokens\":9007199254740991");
    }

    @Test
    void checkpointsAndStringLiteralsAreCanonicalToo() throws Exception {
        Checkpoint c = new Checkpoint(
                "gw-1",
                42,
                "ab".repeat(32),
                Instant.parse("2026-11-26T08:00:00.123Z"),
                Checkpoint.PERIODIC,
                "k1",
                "c2ln");
        assertThat(c.line()).isEqualTo(jcs(c.line()));
        assertThat(c.payload()).isEqualTo(jcs(c.payload())).doesNotContain("sig");
        assertThat(AuditJson.canonicalString("a\"b\u0001")).isEqualTo("\"a\\\"b\\u0001\"");
    }

    @Test
    void aRecordReadsBackToTheSameEvent() {
        AuditEvent e = event("x", 4);
        String body = "{\"event\":" + AuditJson.canonical(e) + ",\"seq\":7,\"writer\":\"w\"}";
        AuditJson.Body parsed = AuditJson.body(body);
        assertThat(parsed.event()).isEqualTo(e);
        assertThat(parsed.seq()).isEqualTo(7);
        assertThat(parsed.writer()).isEqualTo("w");
    }
}
