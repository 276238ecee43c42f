// The official @aws-sdk/client-bedrock-runtime against the fake upstream's Bedrock mode (not the gateway):
// the fake must check the SDK's own SigV4 signatures, and the SDK's own event-stream codec must read the
// fake's frames. Run by BedrockNodeSdkTest with FAKE_BEDROCK_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
// and AWS_REGION; it scripts these faults, consumed in this order:
//   1. Fault.rateLimited            -> the first test's InvokeModel
//   2. Fault.bedrockInStream(MODEL_STREAM_ERROR, 2) -> the second test's stream
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const MODEL = 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0';

function client(secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY) {
  return new BedrockRuntimeClient({
    endpoint: process.env.FAKE_BEDROCK_URL,
    region: process.env.AWS_REGION,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey },
    maxAttempts: 1,
    // The client speaks HTTP/2 by default and then signs :authority; the fake recomputes signatures with AWS's
    // Java signer, which signs the host header of HTTP/1.1, as the gateway's requests do.
    requestHandler: new NodeHttpHandler(),
  });
}

function body(text) {
  return JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 64,
    messages: [{ role: 'user', content: text }],
  });
}

function invoke(text) {
  return new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', accept: 'application/json', body: body(text) });
}

function stream(text) {
  return new InvokeModelWithResponseStreamCommand({ modelId: MODEL, contentType: 'application/json', body: body(text) });
}

async function events(response) {
  const out = [];
  for await (const part of response.body) {
    out.push(JSON.parse(new TextDecoder().decode(part.chunk.bytes)));
  }
  return out;
}

test('a throttled call is the SDK\'s ThrottlingException', async () => {
  await assert.rejects(client().send(invoke('too fast')), (e) => {
    assert.equal(e.name, 'ThrottlingException');
    assert.equal(e.$metadata.httpStatusCode, 429);
    return true;
  });
});

test('an exception frame mid-stream is thrown while iterating', async () => {
  const response = await client().send(stream('fail midway'));
  const seen = [];
  await assert.rejects(
    (async () => {
      for await (const part of response.body) seen.push(part);
    })(),
    (e) => {
      assert.equal(e.name, 'ModelStreamErrorException');
      return true;
    },
  );
  assert.equal(seen.length, 2);
});

test('InvokeModel answers the Anthropic message', async () => {
  const response = await client().send(invoke('Hello from Lyon'));
  const message = JSON.parse(new TextDecoder().decode(response.body));
  assert.equal(message.type, 'message');
  assert.equal(message.content[0].text, 'Echo: Hello from Lyon');
  assert.ok(response.$metadata.requestId);
});

test('InvokeModelWithResponseStream carries every Anthropic event, checksums verified by the SDK', async () => {
  const response = await client().send(stream('stream these words'));
  const all = await events(response);
  assert.equal(all[0].type, 'message_start');
  assert.equal(all.at(-1).type, 'message_stop');
  const text = all
    .filter((e) => e.type === 'content_block_delta')
    .map((e) => e.delta.text)
    .join('');
  assert.equal(text, 'Echo: stream these words');
  assert.ok(all.at(-1)['amazon-bedrock-invocationMetrics'].outputTokenCount > 0);
});

test('a wrong secret key is refused as Bedrock refuses it', async () => {
  await assert.rejects(client('not-the-secret').send(invoke('hello')), (e) => {
    assert.equal(e.name, 'InvalidSignatureException');
    assert.equal(e.$metadata.httpStatusCode, 403);
    return true;
  });
});
