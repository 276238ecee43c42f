/**
 * The fake upstream's machinery: one Vert.x verticle per event loop, a dispatcher, one handler per
 * API, the SSE writer and the shared state. Not an API: tests use {@link
 * dev.sovereign.testing.FakeUpstream}, {@link dev.sovereign.testing.Fault} and {@link
 * dev.sovereign.testing.RecordedRequest}.
 */
package dev.sovereign.testing.internal;
