// Scenario run alone by NodeSdkTest against the fake upstream itself, not the gateway: the npm SDK's own
// AzureOpenAI client (endpoint, api-version, deployment, api-key) proves that the fake's Azure mode is the
// wire format the official client speaks. FAKE_UPSTREAM_URL is the fake's base URL.
import assert from 'node:assert/strict';
import test from 'node:test';
import { AzureOpenAI } from 'openai';

const endpoint = process.env.FAKE_UPSTREAM_URL;

function azure() {
  return new AzureOpenAI({
    endpoint,
    apiKey: 'azure-key-for-the-fake',
    apiVersion: '2024-10-21',
    deployment: 'gpt4o-eu',
    maxRetries: 0,
    timeout: 20_000,
  });
}

test('azure: a chat completion from a deployment, with content-filter annotations', async () => {
  assert.ok(endpoint, 'FAKE_UPSTREAM_URL is not set: run this through NodeSdkTest');
  const completion = await azure().chat.completions.create({
    model: 'gpt4o-eu',
    messages: [{ role: 'user', content: 'Hej från Stockholm' }],
  });
  assert.equal(completion.choices[0].message.content, 'Echo: Hej från Stockholm');
  assert.ok(completion.prompt_filter_results, 'Azure annotates the prompt');
});

test('azure: a stream opens with the prompt filter chunk and ends with usage', async () => {
  const stream = await azure().chat.completions.create({
    model: 'gpt4o-eu',
    messages: [{ role: 'user', content: 'one two three' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  assert.equal(text, 'Echo: one two three');
  assert.deepEqual(chunks[0].choices, []);
  assert.ok(chunks[0].prompt_filter_results);
  assert.equal(chunks.at(-1).usage.completion_tokens, 4);
});
