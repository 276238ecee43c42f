// Scenario run alone by NodeSdkTest, which first scripts the fake upstream, in this order:
//   1. rateLimited(7 s)   -> openai, maxRetries 0
//   2. rateLimited(7 s)   -> anthropic, maxRetries 0
//   3. overloaded()       -> anthropic: HTTP 529 overloaded_error
//   4. overloaded()       -> openai: HTTP 503 server_error (the fake's OpenAI form of "overloaded")
//   5. rateLimited(50 ms) -> openai, maxRetries 1: the SDK retries after retry-after-ms, the retry
//      meets no fault and succeeds (so this test must stay last)
// The tests in a file run one after another, so each meets its own fault.
import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CLAUDE, GPT, anthropic, echo, openai } from '../lib/gateway.mjs';

const messages = [{ role: 'user', content: 'Are you there?' }];

test('openai: an upstream 429 is a RateLimitError with status 429 and the retry headers', async () => {
  const error = await rejection(openai({ maxRetries: 0 }).chat.completions.create({ model: GPT, messages }));

  assert.ok(error instanceof OpenAI.RateLimitError, `expected RateLimitError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 429);
  assert.equal(error.headers.get('retry-after'), '7');
  assert.equal(error.headers.get('retry-after-ms'), '7000');
  assert.equal(error.headers.get('x-should-retry'), 'true');
  assert.equal(error.headers.get('x-sovereign-route'), 'openai');
  assert.equal(error.code, 'rate_limit_exceeded');
});

test('anthropic: an upstream 429 is a RateLimitError with status 429 and rate_limit_error', async () => {
  const error = await rejection(anthropic({ maxRetries: 0 }).messages.create({ model: CLAUDE, max_tokens: 16, messages }));

  assert.ok(error instanceof Anthropic.RateLimitError, `expected RateLimitError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 429);
  assert.equal(error.type, 'rate_limit_error');
  assert.equal(error.error.error.type, 'rate_limit_error');
  assert.equal(error.headers.get('retry-after'), '7');
  assert.equal(error.headers.get('x-sovereign-route'), 'anthropic');
});

test('anthropic: an upstream 529 is an OverloadedError', async () => {
  const error = await rejection(anthropic({ maxRetries: 0 }).messages.create({ model: CLAUDE, max_tokens: 16, messages }));

  assert.ok(error instanceof Anthropic.OverloadedError, `expected OverloadedError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 529);
  assert.equal(error.type, 'overloaded_error');
});

test('openai: an upstream 503 is an InternalServerError with status 503', async () => {
  const error = await rejection(openai({ maxRetries: 0 }).chat.completions.create({ model: GPT, messages }));

  assert.ok(error instanceof OpenAI.InternalServerError, `expected InternalServerError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 503);
  assert.equal(error.type, 'server_error');
});

test('openai: with a retry allowed, the SDK honours retry-after-ms and the retry succeeds', async () => {
  const started = Date.now();
  const completion = await openai({ maxRetries: 1 }).chat.completions.create({ model: GPT, messages });

  assert.equal(completion.choices[0].message.content, echo('Are you there?'));
  assert.ok(Date.now() - started >= 40, 'the SDK waited about retry-after-ms (50) before retrying');
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the request should have failed');
}
