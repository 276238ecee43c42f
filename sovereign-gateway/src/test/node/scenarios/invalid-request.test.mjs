// Scenario run alone by NodeSdkTest: requests the gateway refuses itself; nothing reaches the upstream.
import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CLAUDE, GPT, REQUEST_ID, anthropic, openai } from '../lib/gateway.mjs';

test('openai: a chat completion without messages is a BadRequestError with code sovereign.invalid_request', async () => {
  const error = await rejection(openai().chat.completions.create({ model: GPT }));

  assert.ok(error instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 400);
  assert.equal(error.code, 'sovereign.invalid_request');
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(error.error.code, 'sovereign.invalid_request');
  assert.equal(error.error.message, 'messages: required');
  assert.match(error.headers.get('x-sovereign-request-id'), REQUEST_ID);
});

test('openai: a streamed request without messages fails before any chunk', async () => {
  const error = await rejection(openai().chat.completions.create({ model: GPT, stream: true }));

  assert.ok(error instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.code, 'sovereign.invalid_request');
});

test('anthropic: a message without messages is a BadRequestError with code sovereign.invalid_request', async () => {
  const error = await rejection(anthropic().messages.create({ model: CLAUDE, max_tokens: 16 }));

  assert.ok(error instanceof Anthropic.BadRequestError, `expected BadRequestError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.status, 400);
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(error.error.type, 'error');
  assert.deepEqual(
    { type: error.error.error.type, code: error.error.error.code, message: error.error.error.message },
    { type: 'invalid_request_error', code: 'sovereign.invalid_request', message: 'messages: required' },
  );
  const requestId = error.headers.get('x-sovereign-request-id');
  assert.match(requestId, REQUEST_ID);
  assert.equal(error.error.request_id, requestId, 'the body names the same request id as the header');
});

test('anthropic: max_tokens of the wrong type is a BadRequestError naming the field', async () => {
  const error = await rejection(
    anthropic().messages.create({ model: CLAUDE, max_tokens: 'many', messages: [{ role: 'user', content: 'hi' }] }),
  );

  assert.ok(error instanceof Anthropic.BadRequestError, `expected BadRequestError, got ${error?.constructor?.name}: ${error}`);
  assert.equal(error.error.error.code, 'sovereign.invalid_request');
  assert.equal(error.error.error.message, 'max_tokens: expected an integer, got a string');
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the request should have failed');
}
