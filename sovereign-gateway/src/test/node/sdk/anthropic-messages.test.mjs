// npm `@anthropic-ai/sdk` against the gateway: Messages, plain and streamed, token counting, models,
// and a streamed tool_use.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CLAUDE,
  REQUEST_ID,
  WEATHER_SCHEMA,
  WEATHER_TOOL_NAME,
  anthropic,
  echo,
  inputTokens,
  outputTokens,
} from '../lib/gateway.mjs';

test('messages.create answers with the echo, its usage and the gateway headers', async () => {
  const prompt = 'Hello from the Anthropic npm SDK';
  const { data: message, response } = await anthropic()
    .messages.create({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: prompt }] })
    .withResponse();

  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, CLAUDE);
  assert.deepEqual(message.content, [{ type: 'text', text: echo(prompt) }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.input_tokens, inputTokens(prompt));
  assert.equal(message.usage.output_tokens, outputTokens(echo(prompt)));
  assert.match(response.headers.get('x-sovereign-request-id'), REQUEST_ID);
  assert.equal(response.headers.get('x-sovereign-route'), 'anthropic');
  assert.ok(response.headers.get('x-sovereign-rule'), 'x-sovereign-rule header is missing');
});

test('messages.stream: text events assemble the echo; finalMessage has the text and the usage', async () => {
  const system = 'You are terse.';
  const prompt = 'Stream me an answer please';
  const stream = anthropic().messages.stream({
    model: CLAUDE,
    max_tokens: 64,
    system,
    messages: [{ role: 'user', content: prompt }],
  });
  const deltas = [];
  const eventTypes = [];
  stream.on('text', (delta) => deltas.push(delta));
  stream.on('streamEvent', (event) => eventTypes.push(event.type));

  const message = await stream.finalMessage();

  assert.equal(deltas.join(''), echo(prompt));
  assert.ok(deltas.length > 1, 'the answer arrives in several deltas');
  assert.deepEqual(
    message.content.map((b) => [b.type, b.text]),
    [['text', echo(prompt)]],
  );
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.input_tokens, inputTokens(system, prompt));
  assert.equal(message.usage.output_tokens, outputTokens(echo(prompt)));
  assert.equal(eventTypes[0], 'message_start');
  assert.equal(eventTypes.at(-1), 'message_stop');
  assert.ok(!eventTypes.includes('ping'), 'the SDK does not surface ping');
});

test('messages.create with stream: true yields the raw events in order', async () => {
  const prompt = 'Raw events';
  const stream = await anthropic().messages.create({
    model: CLAUDE,
    max_tokens: 64,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  const types = [];
  let text = '';
  let outputUsage = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_delta') outputUsage = event.usage.output_tokens;
  }

  assert.equal(text, echo(prompt));
  assert.equal(outputUsage, outputTokens(echo(prompt)));
  assert.deepEqual(
    types.filter((t) => t !== 'content_block_delta'),
    ['message_start', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop'],
  );
});

test('messages.countTokens counts the prompt', async () => {
  const system = 'Count me too.';
  const prompt = 'How many tokens is this prompt?';
  const count = await anthropic().messages.countTokens({
    model: CLAUDE,
    system,
    messages: [{ role: 'user', content: prompt }],
  });

  assert.deepEqual(count, { input_tokens: inputTokens(system, prompt) });
});

test('models.list lists the Claude models with their display names', async () => {
  const models = [];
  for await (const model of anthropic().models.list()) models.push(model);

  const claude = models.filter((m) => m.id.startsWith('claude-'));
  assert.deepEqual(
    claude.map((m) => [m.type, m.id, m.display_name]).sort(),
    [
      ['model', CLAUDE, 'Claude Haiku 4.5'],
      ['model', 'claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5'],
    ].sort(),
  );
  assert.equal(new Set(models.map((m) => m.id)).size, models.length, 'no model is listed twice');
});

test('models.retrieve answers for a Claude model', async () => {
  const model = await anthropic().models.retrieve(CLAUDE);
  assert.equal(model.id, CLAUDE);
  assert.equal(model.type, 'model');
  assert.equal(model.display_name, 'Claude Haiku 4.5');
});

test('streamed tool_use: input_json deltas assemble the tool input', async () => {
  const stream = anthropic().messages.stream({
    model: CLAUDE,
    max_tokens: 64,
    tools: [{ name: WEATHER_TOOL_NAME, description: 'Current weather', input_schema: WEATHER_SCHEMA }],
    messages: [{ role: 'user', content: 'What is the weather like in Paris?' }],
  });
  const partials = [];
  stream.on('inputJson', (partial) => partials.push(partial));

  const message = await stream.finalMessage();

  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(message.content.length, 1);
  const [block] = message.content;
  assert.equal(block.type, 'tool_use');
  assert.equal(block.name, WEATHER_TOOL_NAME);
  assert.match(block.id, /\S/);
  assert.deepEqual(block.input, { location: 'Paris' });
  assert.ok(partials.length > 1, `input JSON should arrive in several deltas, got ${partials.length}`);
  assert.deepEqual(JSON.parse(partials.join('')), { location: 'Paris' });
});
