// npm `openai` against the gateway: Chat Completions, plain and streamed, and tool calls.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  GPT,
  REQUEST_ID,
  WEATHER_SCHEMA,
  WEATHER_TOOL_NAME,
  echo,
  inputTokens,
  openai,
  outputTokens,
} from '../lib/gateway.mjs';

const weatherTool = {
  type: 'function',
  function: { name: WEATHER_TOOL_NAME, description: 'Current weather', parameters: WEATHER_SCHEMA },
};

test('chat.completions.create answers with the echo, its usage and the gateway headers', async () => {
  const prompt = 'Hello from the openai npm SDK';
  const { data, response } = await openai()
    .chat.completions.create({ model: GPT, messages: [{ role: 'user', content: prompt }] })
    .withResponse();

  assert.equal(data.object, 'chat.completion');
  assert.equal(data.model, GPT);
  assert.equal(data.choices.length, 1);
  assert.equal(data.choices[0].message.role, 'assistant');
  assert.equal(data.choices[0].message.content, echo(prompt));
  assert.equal(data.choices[0].finish_reason, 'stop');
  const completion = outputTokens(echo(prompt));
  assert.deepEqual(data.usage, {
    prompt_tokens: inputTokens(prompt),
    completion_tokens: completion,
    total_tokens: inputTokens(prompt) + completion,
  });
  assert.match(response.headers.get('x-sovereign-request-id'), REQUEST_ID);
  assert.equal(response.headers.get('x-sovereign-route'), 'openai');
  assert.ok(response.headers.get('x-sovereign-rule'), 'x-sovereign-rule header is missing');
});

test('streaming with include_usage: the deltas assemble the echo and a final chunk carries the usage', async () => {
  const prompt = 'Stream this answer word by word';
  const { data: stream, response } = await openai()
    .chat.completions.create({
      model: GPT,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: prompt }],
      stream: true,
      stream_options: { include_usage: true },
    })
    .withResponse();
  assert.match(response.headers.get('content-type'), /^text\/event-stream/);
  assert.match(response.headers.get('x-sovereign-request-id'), REQUEST_ID);

  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);

  const text = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.content ?? '')).join('');
  assert.equal(text, echo(prompt));
  const finishReasons = chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean);
  assert.deepEqual(finishReasons, ['stop']);

  const usageChunks = chunks.filter((c) => c.usage);
  assert.equal(usageChunks.length, 1, 'exactly one chunk carries usage');
  const last = chunks.at(-1);
  assert.equal(usageChunks[0], last, 'the usage chunk is the last one');
  assert.deepEqual(last.choices, []);
  const completion = outputTokens(echo(prompt));
  const promptTokens = inputTokens('Be brief.', prompt);
  assert.deepEqual(last.usage, {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
  });
});

test('streaming without include_usage: no usage-only chunk reaches the client', async () => {
  const prompt = 'No usage for me please';
  const stream = await openai().chat.completions.create({
    model: GPT,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });

  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);

  assert.ok(chunks.length >= 3, `expected a role chunk, content chunks and a finish chunk, got ${chunks.length}`);
  for (const chunk of chunks) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    assert.equal(chunk.choices.length, 1, `chunk without a choice reached the client: ${JSON.stringify(chunk)}`);
    assert.ok(chunk.usage == null, `chunk carries usage: ${JSON.stringify(chunk)}`);
  }
  assert.equal(chunks.map((c) => c.choices[0].delta.content ?? '').join(''), echo(prompt));
  assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
});

test('streamed tool call: the argument fragments assemble into JSON', async () => {
  const stream = await openai().chat.completions.create({
    model: GPT,
    messages: [{ role: 'user', content: 'What is the weather in Paris today?' }],
    tools: [weatherTool],
    stream: true,
    stream_options: { include_usage: true },
  });

  const calls = new Map();
  let finishReason = null;
  let argumentDeltas = 0;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      for (const call of choice.delta.tool_calls ?? []) {
        const acc = calls.get(call.index) ?? { id: null, type: null, name: '', arguments: '' };
        if (call.id) acc.id = call.id;
        if (call.type) acc.type = call.type;
        if (call.function?.name) acc.name += call.function.name;
        if (call.function?.arguments) {
          acc.arguments += call.function.arguments;
          argumentDeltas++;
        }
        calls.set(call.index, acc);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }

  assert.equal(finishReason, 'tool_calls');
  assert.deepEqual([...calls.keys()], [0]);
  const call = calls.get(0);
  assert.match(call.id, /\S/);
  assert.equal(call.type, 'function');
  assert.equal(call.name, WEATHER_TOOL_NAME);
  assert.ok(argumentDeltas > 1, `arguments should arrive in several fragments, got ${argumentDeltas}`);
  assert.deepEqual(JSON.parse(call.arguments), { location: 'Paris' });
});

test('non-streamed tool call carries parseable arguments', async () => {
  const completion = await openai().chat.completions.create({
    model: GPT,
    messages: [{ role: 'user', content: 'weather in Paris?' }],
    tools: [weatherTool],
  });

  const message = completion.choices[0].message;
  assert.equal(completion.choices[0].finish_reason, 'tool_calls');
  assert.equal(message.content, null);
  assert.equal(message.tool_calls.length, 1);
  assert.equal(message.tool_calls[0].function.name, WEATHER_TOOL_NAME);
  assert.deepEqual(JSON.parse(message.tool_calls[0].function.arguments), { location: 'Paris' });
});

test('the SDK stream helper assembles the final completion', async () => {
  const prompt = 'Use the helper';
  const runner = openai().chat.completions.stream({
    model: GPT,
    messages: [{ role: 'user', content: prompt }],
    stream_options: { include_usage: true },
  });
  const deltas = [];
  runner.on('content', (delta) => deltas.push(delta));

  const final = await runner.finalChatCompletion();

  assert.equal(deltas.join(''), echo(prompt));
  assert.equal(final.choices[0].message.content, echo(prompt));
  assert.equal(final.choices[0].finish_reason, 'stop');
  assert.equal(final.usage.completion_tokens, outputTokens(echo(prompt)));
});
