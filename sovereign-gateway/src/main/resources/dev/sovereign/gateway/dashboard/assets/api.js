// The admin API as the dashboard calls it: same origin, the session cookie, and the session's CSRF token on every
// request that changes something. Errors carry the gateway's own message.

let csrfToken = '';

/** Remembers the CSRF token of the signed-in session (from GET /admin/session). */
export function useCsrfToken(token) {
  csrfToken = token || '';
}

/** An error answered by the gateway (or the network), with its stable code when there is one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function withQuery(path, params) {
  if (!params) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function request(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The gateway cannot be reached; is it still running?');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (res.status === 401) {
    // The session has ended (idle, expired, signed out elsewhere, or the gateway restarted).
    window.location.assign('/ui/sign-in');
    throw new ApiError(401, 'sovereign.unauthenticated', 'Your session has ended; sign in again.');
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {};
    throw new ApiError(res.status, err.code || null, err.message || `The gateway answered HTTP ${res.status}.`);
  }
  return data;
}

export function get(path, params) {
  return request('GET', withQuery(path, params));
}

export function post(path, body) {
  return request('POST', path, body);
}
