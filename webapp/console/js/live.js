// Live updates from the gateway's event stream (GET <root>/secured/events, Server-Sent Events), read with fetch
// because EventSource cannot send the Authorization header. Where the gateway has no stream (404), or while it is
// unreachable, the pages poll instead; either way they only register what to refresh on which event types.
import { root } from './api.js';

const POLL_MS = 5000;
const watchers = new Set();
let mode = 'off';          // off | connecting | live | polling
let onMode = () => {};
let controller = null;
let pollTimer = null;
let lastEventId = null;

/** Starts following the stream with the token from getToken(); statusListener(mode) hears every change. */
export function start(getToken, statusListener) {
  stop();
  onMode = statusListener;
  controller = new AbortController();
  follow(getToken, controller.signal);
}

export function stop() {
  if (controller) controller.abort();
  controller = null;
  lastEventId = null;
  setMode('off');
}

/** Calls refresh() on events of the given types (or every few seconds while polling); answers the unwatch. */
export function watch(types, refresh) {
  const watcher = { types, refresh: debounce(refresh, 250) };
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

export function currentMode() {
  return mode;
}

async function follow(getToken, signal) {
  let backoff = 1000;
  while (!signal.aborted) {
    setMode(mode === 'polling' ? 'polling' : 'connecting');
    try {
      const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + getToken() };
      if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(new URL('secured/events', root),
        { headers, signal, cache: 'no-store', credentials: 'omit' });
      if (response.status === 404) {
        setMode('polling');   // this gateway has no event stream: polling it is, for good
        return;
      }
      if (!response.ok || !response.body) throw new Error('stream answered ' + response.status);
      setMode('live');
      backoff = 1000;
      await readEvents(response.body, dispatch);
    } catch (e) {
      if (signal.aborted) return;
    }
    // The stream ended (token expiry, restart, network): poll meanwhile, reconnect after a growing pause.
    setMode('polling');
    await sleep(backoff, signal);
    backoff = Math.min(backoff * 2, 30000);
  }
}

/** Parses text/event-stream (https://html.spec.whatwg.org/multipage/server-sent-events.html) into events. */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (event.data.length > 0) onEvent({ type: event.type, id: event.id, data: event.data.join('\n') });
        event = { type: 'message', data: [], id: null };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'data') event.data.push(text);
      else if (name === 'event') event.type = text;
      else if (name === 'id' && !text.includes('\0')) { event.id = text; lastEventId = text; }
    }
  }
}

function dispatch(event) {
  for (const watcher of watchers) {
    if (watcher.types.includes(event.type) || watcher.types.includes('*')) watcher.refresh(event);
  }
}

function setMode(next) {
  if (next === mode) return;
  mode = next;
  clearInterval(pollTimer);
  pollTimer = null;
  if (mode === 'polling') {
    pollTimer = setInterval(() => watchers.forEach(watcher => watcher.refresh()), POLL_MS);
  }
  onMode(mode);
}

function debounce(fn, ms) {
  let timer = null;
  return event => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(event), ms);
  };
}

function sleep(ms, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
