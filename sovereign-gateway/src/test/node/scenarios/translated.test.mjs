// Scenario run alone by NodeSdkTest against a gateway whose providers each serve one format: Claude models on an
// Anthropic-format provider that takes no OpenAI requests, llama models on an OpenAI-compatible one. Each SDK asks
// for the model of the other format, so every call here is translated both ways by the gateway.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLAUDE,
  WEATHER_SCHEMA,
  WEATHER_TOOL_NAME,
  anthropic,
  echo,
  inputTokens,
  openai,
  outputTokens,
} from '../lib/gateway.mjs';

/** Served by the OpenAI-compatible provider only. */
const OPEN_MODEL = 'llama3.1-8b';

test('anthropic SDK, OpenAI-format model: messages.create answers in Anthropic shape', async () => {
  const prompt = 'Hello through translation';
  const { data: message, response } = await anthropic()
    .messages.create({ model: OPEN_MODEL, max_tokens: 64, messages: [{ role: 'user', content: prompt }] })
    .withResponse();

  assert.equal(message.type, 'message');
  assert.deepEqual(message.content, [{ type: 'text', text: echo(prompt) }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.input_tokens, inputTokens(prompt));
  assert.equal(message.usage.output_tokens, outputTokens(echo(prompt)));
  assert.equal(response.headers.get('x-sovereign-route'), 'local');
});

test('anthropic SDK, OpenAI-format model: a streamed tool_use assembles from input_json deltas', async () => {
  const stream = anthropic().messages.stream({
    model: OPEN_MODEL,
    max_tokens: 64,
    tools: [{ name: WEATHER_TOOL_NAME, description: 'Current weather', input_schema: WEATHER_SCHEMA }],
    messages: [{ role: 'user', content: 'What is the weather like in Paris?' }],
  });
  const partials = [];
  stream.on('inputJson', (partial) => partials.push(partial));

  const message = await stream.finalMessage();

  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(message.content.length, 1);
  assert.equal(message.content[0].type, 'tool_use');
  assert.equal(message.content[0].name, WEATHER_TOOL_NAME);
  assert.deepEqual(message.content[0].input, { location: 'Paris' });
  assert.ok(partials.length > 1, `input JSON should arrive in several deltas, got ${partials.length}`);
  assert.ok(message.usage.output_tokens > 0);
});

test('openai SDK, Anthropic-format model: chat.completions.create answers in OpenAI shape', async () => {
  const prompt = 'Bonjour through translation';
  const data = await openai().chat.completions.create({ model: CLAUDE, messages: [{ role: 'user', content: prompt }] });

  assert.equal(data.object, 'chat.completion');
  assert.equal(data.choices[0].message.content, echo(prompt));
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.equal(data.usage.prompt_tokens, inputTokens(prompt));
  assert.equal(data.usage.completion_tokens, outputTokens(echo(prompt)));
});

test('openai SDK, Anthropic-format model: streamed tool call arguments and the usage chunk', async () => {
  const stream = await openai().chat.completions.create({
    model: CLAUDE,
    messages: [{ role: 'user', content: 'What is the weather like in Paris?' }],
    tools: [{ type: 'function', function: { name: WEATHER_TOOL_NAME, parameters: WEATHER_SCHEMA } }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);

  const calls = chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
  assert.equal(calls[0].function.name, WEATHER_TOOL_NAME);
  assert.match(calls[0].id, /\S/);
  assert.ok(calls.every((call) => call.index === 0));
  assert.deepEqual(JSON.parse(calls.map((call) => call.function.arguments ?? '').join('')), { location: 'Paris' });
  const finish = chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean);
  assert.deepEqual(finish, ['tool_calls']);
  const last = chunks.at(-1);
  assert.deepEqual(last.choices, []);
  assert.ok(last.usage.completion_tokens > 0);
});
