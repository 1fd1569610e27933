// The gateway's JSON API, relative to the web application's root (the console lives at <root>/console/), so the
// same files work at the root of a development server and under a container's context path.

export const root = new URL('../', document.baseURI);

/** A refused or failed API call, from the gateway's error envelope when there is one. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** Calls the API; answers the parsed JSON (or text for text/plain, null for 204). */
export async function call(method, path, { token, body, headers = {} } = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json', ...headers },
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
  };
  if (token) init.headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(new URL(path, root), init);
  } catch (e) {
    throw new ApiError(0, 'ERR_NETWORK', 'the gateway cannot be reached');
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const envelope = payload && typeof payload === 'object' ? payload : {};
    throw new ApiError(response.status, envelope.error_code || 'ERR_HTTP_' + response.status,
      envelope.message || 'the gateway answered ' + response.status, response.headers.get('Retry-After'));
  }
  return payload;
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
