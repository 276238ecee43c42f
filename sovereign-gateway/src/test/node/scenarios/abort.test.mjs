// Scenario run alone by NodeSdkTest, which first makes the fake upstream answer 200 words with a
// pause between events, so each stream is still running when the client gives up on it. NodeSdkTest
// then checks that the gateway cancelled both upstream streams (the real proof the abort reached it).
import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { CLAUDE, GPT, anthropic, openai } from '../lib/gateway.mjs';

const messages = [{ role: 'user', content: 'Tell me a long story' }];

test('openai: aborting a stream mid-way ends the iteration', async () => {
  const stream = await openai().chat.completions.create({ model: GPT, messages, stream: true });
  let chunks = 0;
  for await (const _chunk of stream) {
    if (++chunks === 3) stream.controller.abort();
  }
  // Events already parsed from the last network read may still arrive; the story itself stops.
  assert.ok(chunks >= 3 && chunks < 50, `iteration should end soon after abort(), got ${chunks} chunks`);
});

test('anthropic: aborting a MessageStream mid-way rejects with APIUserAbortError', async () => {
  const stream = anthropic().messages.stream({ model: CLAUDE, max_tokens: 1024, messages });
  let texts = 0;
  stream.on('text', () => {
    if (++texts === 3) stream.abort();
  });
  await assert.rejects(stream.finalMessage(), Anthropic.APIUserAbortError);
  assert.ok(texts >= 3 && texts < 50, `the stream should end soon after abort(), got ${texts} text events`);
});
