/**
 * Test kit: {@link dev.sovereign.testing.FakeUpstream}, a fake LLM provider speaking the real
 * Anthropic and OpenAI(-compatible) wire formats with scripted {@link dev.sovereign.testing.Fault
 * faults}, for integration tests over real sockets and as a standalone process ({@link
 * dev.sovereign.testing.FakeUpstreamMain}) for load benchmarks.
 */
package dev.sovereign.testing;
