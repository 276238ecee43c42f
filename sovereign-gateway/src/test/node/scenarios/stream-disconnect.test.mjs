// Scenario run alone by NodeSdkTest, which first scripts the fake upstream, in this order:
//   1. disconnectAfterEvents(2) -> openai stream: role chunk, "Echo:", then the upstream drops the TCP connection
//   2. disconnectAfterEvents(4) -> anthropic stream: up to the "Echo:" delta, then the connection drops
// The gateway reports the lost upstream as its own in-stream error, code sovereign.upstream_disconnected.
import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CLAUDE, GPT, anthropic, openai } from '../lib/gateway.mjs';

const messages = [{ role: 'user', content: 'This connection will drop' }];

test('openai: an upstream that disconnects mid-stream surfaces as an error while iterating', async () => {
  const stream = await openai().chat.completions.create({ model: GPT, messages, stream: true });
  let text = '';
  const error = await rejection(
    (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })(),
  );

  assert.ok(error instanceof OpenAI.APIError, `expected APIError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.code, 'sovereign.upstream_disconnected');
  assert.equal(error.type, 'server_error');
  assert.equal(text, 'Echo:');
});

test('anthropic: an upstream that disconnects mid-stream surfaces as an error while iterating', async () => {
  const stream = anthropic().messages.stream({ model: CLAUDE, max_tokens: 64, messages });
  const texts = [];
  stream.on('text', (delta) => texts.push(delta));
  const error = await rejection(stream.finalMessage());

  assert.ok(error instanceof Anthropic.APIError, `expected APIError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.type, 'api_error');
  assert.equal(error.error.error.code, 'sovereign.upstream_disconnected');
  assert.match(error.error.request_id, /^sgw_/);
  assert.deepEqual(texts, ['Echo:']);
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the stream should have failed');
}
