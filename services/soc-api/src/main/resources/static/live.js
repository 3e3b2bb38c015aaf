// The dashboard's live updates: soc-api's server-sent events (GET /api/v1/threats/updates) read
// with fetch, so that the stream carries the same X-Api-Key or Authorization header as every other
// call (EventSource cannot send headers; a WebSocket handshake cannot either). Plain functions, no
// DOM: tested under node --test (src/test/js/live.test.mjs).

// A parser of the text/event-stream format (the HTML standard's rules, the fields soc-api sends):
// feed it chunks of text as they arrive; it calls onEvent({event, id, data}) once per complete event.
export function eventStreamParser(onEvent) {
  let buffer = '';
  let fields = {};
  return chunk => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      let line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line.endsWith('\r')) {
        line = line.slice(0, -1);
      }
      if (line === '') {
        if (fields.data !== undefined) {
          onEvent({event: fields.event || 'message', id: fields.id, data: fields.data});
        }
        fields = {};
      } else if (!line.startsWith(':')) { // a line starting with ':' is a comment (heartbeat)
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
          value = value.slice(1);
        }
        if (name === 'data') {
          fields.data = fields.data === undefined ? value : fields.data + '\n' + value;
        } else if (name === 'event' || name === 'id') {
          fields[name] = value;
        }
      }
    }
  };
}

// Follows the stream until the server ends it (resolves) or it fails (rejects; err.status is the
// HTTP status when the server refused it). onOpen once connected, onUpdate(update) per threat-update,
// onOverflow() when the server ended it because this client fell behind.
export async function follow({url, headers, signal, onOpen, onUpdate, onOverflow, fetchImpl = fetch}) {
  const response = await fetchImpl(url, {headers: {...headers, 'Accept': 'text/event-stream'}, signal});
  if (!response.ok) {
    const refused = new Error('the update stream was refused: HTTP ' + response.status);
    refused.status = response.status;
    throw refused;
  }
  onOpen();
  const parse = eventStreamParser(event => {
    if (event.event === 'threat-update') {
      onUpdate(JSON.parse(event.data));
    } else if (event.event === 'overflow') {
      onOverflow();
    }
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const {value, done} = await reader.read();
    if (done) {
      return;
    }
    parse(value);
  }
}

// The wait before reconnecting after the n-th failure in a row: 1 s doubling to 30 s.
export function reconnectDelay(failures) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}
