package dev.sovereign.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdTest {
    @Test
    void idsAreUniqueAndOrderedByTheirMillisecond() throws Exception {
        String first = Requests.newRequestId();
        Thread.sleep(2);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) ids.add(Requests.newRequestId());
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("sgw_[0-9a-f]{24}"));
        String later = ids.iterator().next();
        assertThat(later.substring(0, 16)).isGreaterThan(first.substring(0, 16));
        long millis = Long.parseLong(first.substring(4, 16), 16);
        assertThat(Math.abs(millis - (System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL)))
                .isLessThan(60_000);
    }
}
