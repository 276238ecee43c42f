// Scenario run alone by NodeSdkTest, which then checks the headers the upstream received, request by
// request: anthropic-beta and anthropic-version pass through the gateway untouched.
//   1. beta.messages.create with two betas (the SDK appends ?beta=true)
//   2. beta.messages.stream with one beta
//   3. messages.create with anthropic-version 2023-06-01 (this SDK sends 2026-10-21 by default)
import assert from 'node:assert/strict';
import test from 'node:test';
import { CLAUDE, anthropic, echo } from '../lib/gateway.mjs';

const BETAS = ['token-efficient-tools-2025-02-19', 'interleaved-thinking-2025-05-14'];

test('beta.messages.create (?beta=true, anthropic-beta) answers', async () => {
  const message = await anthropic().beta.messages.create({
    model: CLAUDE,
    max_tokens: 64,
    messages: [{ role: 'user', content: 'beta one' }],
    betas: BETAS,
  });
  assert.equal(message.content[0].text, echo('beta one'));
});

test('beta.messages.stream answers', async () => {
  const stream = anthropic().beta.messages.stream({
    model: CLAUDE,
    max_tokens: 64,
    messages: [{ role: 'user', content: 'beta two' }],
    betas: [BETAS[0]],
  });
  assert.equal(await stream.finalText(), echo('beta two'));
});

test('an older anthropic-version chosen by the caller answers', async () => {
  const client = anthropic({ defaultHeaders: { 'anthropic-version': '2023-06-01' } });
  const message = await client.messages.create({
    model: CLAUDE,
    max_tokens: 64,
    messages: [{ role: 'user', content: 'version three' }],
  });
  assert.equal(message.content[0].text, echo('version three'));
});
