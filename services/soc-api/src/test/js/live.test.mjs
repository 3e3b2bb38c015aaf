// The dashboard's live updates (static/live.js) under `node --test` (Node 20+: fetch's Response,
// ReadableStream and TextDecoderStream are globals). Run by scripts/test.sh.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const STATIC = fileURLToPath(new URL('../../main/resources/static/', import.meta.url));
// served as .js; Node reads a .js outside a "type": "module" package as CommonJS: import a .mjs copy
const copy = join(mkdtempSync(join(tmpdir(), 'soc-live-')), 'live.mjs');
copyFileSync(join(STATIC, 'live.js'), copy);
const live = await import(pathToFileURL(copy).href);

const UPDATE = {eventId: 'e-1', detailType: 'Threat Classification Complete', investigationId: 'i-1',
                threatId: 't-1', occurredAt: '2026-12-03T10:00:00Z', summary: 'Classified HIGH BACKDOOR by x'};

/** A Response whose body arrives in the given chunks, as Spring's SseEmitter writes them. */
function streamed(chunks, status = 200) {
  const encoder = new TextEncoder();
  return new Response(new ReadableStream({
    start(controller) {
      chunks.forEach(chunk => controller.enqueue(encoder.encode(chunk)));
      controller.close();
    }
  }), {status, headers: {'Content-Type': 'text/event-stream'}});
}

test('the parser joins events split across chunks, skips comments, keeps names and ids', () => {
  const events = [];
  const parse = live.eventStreamParser(event => events.push(event));
  parse(':following threat updates\n\n:heart');
  parse('beat\n\nevent:threat-update\nid:e-1\nda');
  parse('ta:{"a":1}\n\r\nevent: overflow\ndata: first\ndata: second\n\n');
  assert.deepEqual(events, [
    {event: 'threat-update', id: 'e-1', data: '{"a":1}'},
    {event: 'overflow', id: undefined, data: 'first\nsecond'}
  ]);
});

test('an event without data is no event; an unnamed one is a message', () => {
  const events = [];
  const parse = live.eventStreamParser(event => events.push(event));
  parse('event:threat-update\n\ndata:x\n\n');
  assert.deepEqual(events, [{event: 'message', id: undefined, data: 'x'}]);
});

test('follow sends the credential header, opens, hands over updates and overflow, ends with the stream', async () => {
  const seen = {opened: 0, updates: [], overflows: 0, request: null};
  await live.follow({
    url: '/api/v1/threats/updates',
    headers: {'X-Api-Key': 'soc_key'},
    fetchImpl: async (url, init) => {
      seen.request = {url, init};
      return streamed([':following threat updates\n\n',
                       'event:threat-update\nid:e-1\ndata:' + JSON.stringify(UPDATE) + '\n\n',
                       ':heartbeat\n\n', 'event:overflow\ndata:more than 1000 updates behind\n\n']);
    },
    onOpen: () => seen.opened++,
    onUpdate: update => seen.updates.push(update),
    onOverflow: () => seen.overflows++
  });
  assert.equal(seen.request.url, '/api/v1/threats/updates');
  assert.deepEqual(seen.request.init.headers, {'X-Api-Key': 'soc_key', 'Accept': 'text/event-stream'});
  assert.equal(seen.opened, 1);
  assert.deepEqual(seen.updates, [UPDATE]);
  assert.equal(seen.overflows, 1);
});

test('a refused stream rejects with its status and never opens', async () => {
  let opened = false;
  await assert.rejects(
    live.follow({url: '/u', headers: {}, fetchImpl: async () => streamed(['{}'], 401),
                 onOpen: () => { opened = true; }, onUpdate: () => {}, onOverflow: () => {}}),
    error => error.status === 401);
  assert.equal(opened, false);
});

test('reconnecting backs off from 1 s, doubling, to at most 30 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(live.reconnectDelay), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});
