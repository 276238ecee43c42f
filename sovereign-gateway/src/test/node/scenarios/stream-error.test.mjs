// Scenario run alone by NodeSdkTest, which first scripts the fake upstream, in this order:
//   1. errorEventAfterEvents(2) -> openai stream: role chunk, "Echo:", then {"error":{server_error}}
//   2. errorEventAfterEvents(4) -> anthropic stream: message_start, content_block_start, ping,
//      the "Echo:" delta, then event: error (overloaded_error)
// The gateway relays the upstream's in-stream error; the SDKs throw it while the caller iterates.
import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CLAUDE, GPT, anthropic, openai } from '../lib/gateway.mjs';

const messages = [{ role: 'user', content: 'This stream will break' }];

test('openai: an upstream error after the stream began is thrown while iterating', async () => {
  const stream = await openai().chat.completions.create({ model: GPT, messages, stream: true });
  let text = '';
  const error = await rejection(
    (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })(),
  );

  assert.ok(error instanceof OpenAI.APIError, `expected APIError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.type, 'server_error');
  assert.equal(error.error.message, 'The server had an error while processing your request. Sorry about that!');
  assert.equal(text, 'Echo:', 'the deltas before the error reached the client');
});

test('anthropic: an upstream error event after the stream began is thrown while iterating', async () => {
  const stream = anthropic().messages.stream({ model: CLAUDE, max_tokens: 64, messages });
  const texts = [];
  stream.on('text', (delta) => texts.push(delta));
  const error = await rejection(
    (async () => {
      for await (const _event of stream) {
        // consume
      }
    })(),
  );

  assert.ok(error instanceof Anthropic.APIError, `expected APIError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.type, 'overloaded_error');
  assert.deepEqual(error.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  assert.deepEqual(texts, ['Echo:'], 'the deltas before the error reached the client');
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the stream should have failed');
}
