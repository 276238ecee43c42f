// npm `openai` against the gateway: embeddings in both encodings, and the model list.
import assert from 'node:assert/strict';
import test from 'node:test';
import { CLAUDE, GPT, openai } from '../lib/gateway.mjs';

const INPUT = ['The quick brown fox', 'jumps over the lazy dog'];

/** A fetch that records the JSON bodies the SDK sends. */
function recordingFetch(sent) {
  return async (url, init) => {
    sent.push(JSON.parse(init.body));
    return fetch(url, init);
  };
}

test('embeddings: the SDK default (base64, decoded by the SDK) equals the float vectors', async () => {
  const sent = [];
  const client = openai({ fetch: recordingFetch(sent) });

  const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: INPUT, encoding_format: 'float' });
  const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: INPUT });

  assert.deepEqual(
    sent.map((body) => body.encoding_format),
    ['float', 'base64'],
    'the SDK asks for base64 when the caller does not choose',
  );
  for (const response of [floats, decoded]) {
    assert.equal(response.object, 'list');
    assert.equal(response.model, 'text-embedding-3-small');
    assert.deepEqual(response.data.map((d) => d.index), [0, 1]);
    assert.ok(response.usage.prompt_tokens > 0);
  }
  for (let i = 0; i < INPUT.length; i++) {
    const f = floats.data[i].embedding;
    const b = decoded.data[i].embedding;
    assert.ok(Array.isArray(f) && f.every((v) => typeof v === 'number'), 'float embedding is an array of numbers');
    assert.equal(f.length, 8);
    assert.equal(b.length, f.length);
    // JSON carries each float32 as its shortest decimal; rounding that to float32 gives back the exact value.
    assert.deepEqual(b, f.map(Math.fround), `vector ${i}: base64 and float encodings differ`);
  }
  assert.notDeepEqual(floats.data[0].embedding, floats.data[1].embedding);
});

test('embeddings: an explicit base64 request returns the raw little-endian float32 string', async () => {
  const client = openai();
  const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: INPUT[0], encoding_format: 'float' });
  const raw = await client.embeddings.create({ model: 'text-embedding-3-small', input: INPUT[0], encoding_format: 'base64' });

  assert.equal(typeof raw.data[0].embedding, 'string');
  const bytes = Buffer.from(raw.data[0].embedding, 'base64');
  const values = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
  assert.deepEqual(values, floats.data[0].embedding.map(Math.fround));
});

test('models.list lists the models of both upstreams, each once', async () => {
  const ids = [];
  for await (const model of openai().models.list()) {
    assert.equal(model.object, 'model');
    ids.push(model.id);
  }

  assert.deepEqual(
    [...ids].sort(),
    [CLAUDE, 'claude-sonnet-4-5-20250929', GPT, 'llama3.1:8b', 'mistral-small-latest'].sort(),
  );
});

test('models.retrieve answers for a routed model', async () => {
  const model = await openai().models.retrieve(GPT);
  assert.equal(model.id, GPT);
  assert.equal(model.object, 'model');
});

test('models.retrieve decodes the id the SDK percent-encodes (llama3.1:8b)', async () => {
  // The SDK sends GET /v1/models/llama3.1%3A8b; the answer must name the model, not its encoding.
  const model = await openai().models.retrieve('llama3.1:8b');
  assert.equal(model.id, 'llama3.1:8b');
});
