package dev.sovereign.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.Decision;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class TripTest {
    static final Principal APP = new Principal("app", "hr", "hr-assistant", false);
    static final Decision FIRST = Decision.forward("everything-else", "claude", "claude-sonnet-4-5");
    static final Decision FALLBACK = Decision.forward("everything-else", "mistral", "mistral-large-latest");

    @Test
    void eachStepMakesANewValueAndLeavesTheEarlierOneAsItWas() {
        Trip started = Trip.started("sgw_1", 42, WireFormat.ANTHROPIC);
        Trip decided = started.authenticated(APP).decided(FIRST).recorded();
        Trip routed = decided.routed(FALLBACK, WireFormat.OPENAI);

        assertThat(started.principal()).isNull();
        assertThat(started.decision()).isNull();
        assertThat(started.audited()).isFalse();
        assertThat(decided.decision()).isEqualTo(FIRST);
        assertThat(decided.upstreamApi()).isNull();
        assertThat(routed.decision()).isEqualTo(FALLBACK);
        assertThat(routed.upstreamApi()).isEqualTo("openai");
        assertThat(routed.principal()).isEqualTo(APP);
        assertThat(routed.audited()).isTrue();
        assertThat(routed.requestId()).isEqualTo("sgw_1");
        assertThat(routed.startNanos()).isEqualTo(42);
    }

    @Test
    void aNewDecisionHasNotLeftInAnyFormatYet() {
        Trip routed = Trip.started("sgw_1", 1, WireFormat.OPENAI).decided(FIRST).routed(FIRST, WireFormat.ANTHROPIC);
        assertThat(routed.decided(FALLBACK).translatedTo()).isNull();
    }

    @Test
    void anExchangeTakesOnlyTripsOfItsOwnRequest() {
        Exchange exchange =
                new Exchange(offlineRequest(), "sgw_1", 7, WireFormat.OPENAI, new ErrorBodies(new Json(64)));
        exchange.advance(exchange.trip().authenticated(APP));
        assertThat(exchange.trip().principal()).isEqualTo(APP);

        assertThatThrownBy(() -> exchange.advance(Trip.started("sgw_2", 7, WireFormat.OPENAI)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exchange.advance(Trip.started("sgw_1", 7, WireFormat.ANTHROPIC)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(exchange.trip().principal()).isEqualTo(APP);
    }

    /** A server request whose response accepts headers and handlers and does nothing else. */
    private static HttpServerRequest offlineRequest() {
        HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(
                HttpServerResponse.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class},
                (proxy, method, args) -> method.getReturnType() == HttpServerResponse.class ? proxy : null);
        return (HttpServerRequest) Proxy.newProxyInstance(
                HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class},
                (proxy, method, args) -> method.getName().equals("response") ? response : null);
    }
}
