// Shared set-up for the SDK tests: clients pointed at the gateway under test, the models the fake
// upstream serves, and what the fake answers (see dev.sovereign.testing.FakeUpstream).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through NodeSdkTest (./mvnw verify)`);
  }
  return value;
}

/** Base URL for Anthropic SDKs, without /v1. */
export const GATEWAY_URL = required('GATEWAY_URL');
/** Base URL for OpenAI SDKs, with /v1. */
export const GATEWAY_OPENAI_URL = required('GATEWAY_OPENAI_URL');

/** Routed to the Anthropic upstream (claude-*). */
export const CLAUDE = 'claude-haiku-4-5-20251001'; // not in the SDK's deprecated list, so no warning
/** Routed to the OpenAI upstream. */
export const GPT = 'gpt-4o-mini';

// With no client keys configured the gateway accepts any key from loopback; the SDKs insist on one.
const CLIENT_KEY = 'sk-sovereign-node-sdk-test';

/** An OpenAI client on the gateway; no retries unless a test asks for them. */
export function openai(options = {}) {
  return new OpenAI({ baseURL: GATEWAY_OPENAI_URL, apiKey: CLIENT_KEY, maxRetries: 0, timeout: 20_000, ...options });
}

/** An Anthropic client on the gateway; no retries unless a test asks for them. */
export function anthropic(options = {}) {
  return new Anthropic({ baseURL: GATEWAY_URL, apiKey: CLIENT_KEY, maxRetries: 0, timeout: 20_000, ...options });
}

/** The fake upstream's answer to a last user message. */
export function echo(text) {
  return `Echo: ${text}`;
}

/** The fake upstream's input token estimate: UTF-8 bytes of all prompt text / 4, at least 1. */
export function inputTokens(...texts) {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  return Math.max(1, Math.floor(bytes / 4));
}

/** The fake upstream's output token count for a text answer: one per word. */
export function outputTokens(answer) {
  return answer.trim().split(/\s+/).length;
}

/** Tool every tool test declares; the fake calls it with {"location": "Paris"} when asked about weather. */
export const WEATHER_TOOL_NAME = 'get_weather';
export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { location: { type: 'string', description: 'City name' } },
  required: ['location'],
};

/** Gateway request ids: "sgw_" and 24 hex digits. */
export const REQUEST_ID = /^sgw_[0-9a-f]{24}$/;
