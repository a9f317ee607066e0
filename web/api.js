/** The workbench's client of the factlens HTTP API (same origin, no cookies). */

const TOKEN_KEY = 'factlens.token';

/** An API failure with the server's error code. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads the API token the reviewer entered for this tab. */
export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Stores (or clears) the API token for this tab. */
export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function request(method, path, body) {
  const headers = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'network', 'The server did not answer: check the connection and that the workbench server is still running.');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = data && typeof data === 'object' && data.error ? data.error : { code: 'http', message: `HTTP ${res.status}` };
    throw new ApiError(res.status, err.code, err.message);
  }
  return data;
}

/** The API calls the workbench makes. */
export const api = {
  check: (body) => request('POST', '/v1/check', body),
  report: (id) => request('GET', `/v1/reports/${encodeURIComponent(id)}`),
  reports: (params) => request('GET', `/v1/reports?${new URLSearchParams(params)}`),
  saveReview: (id, key, body) => request('PUT', `/v1/reports/${encodeURIComponent(id)}/reviews/${encodeURIComponent(key)}`, body),
  health: () => request('GET', '/healthz'),
  factChecks: (q) => request('GET', `/v1/corpus/fact-checks?${new URLSearchParams({ q: q.slice(0, 500), limit: '5' })}`),
  passages: (q) => request('GET', `/v1/corpus/passages?${new URLSearchParams({ q: q.slice(0, 500), limit: '5' })}`),
  claimReview: (id, params) => request('GET', `/v1/reports/${encodeURIComponent(id)}/claimreview?${new URLSearchParams(params)}`),
};
