// The filflow API (API.md), same origin by default. Every failure becomes an ApiError the
// pages show: the API's own {error: {code, message}}, or a clear word that it is unreachable.
import { useEffect, useState, useCallback } from 'preact/hooks';

const BASE = (document.querySelector('meta[name="filflow-api"]')?.content || '').replace(/\/$/, '');
const SESSION_KEY = 'filflow.session';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function session() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
    if (s && s.expiresAt && Date.parse(s.expiresAt) < Date.now()) {
      localStorage.removeItem(SESSION_KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function setSession(s) {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
  window.dispatchEvent(new Event('filflow-session'));
}

export const seg = (s) => encodeURIComponent(s);

/** `body` is sent as JSON; `form` (an object of strings) as an HTML form, as Etherscan's API takes it. */
export async function api(path, { method = 'GET', body, form, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const s = session();
  if (s) headers.Authorization = 'Bearer ' + s.sessionToken;
  let payload;
  if (form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + path, { method, headers, signal, body: payload });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'UNREACHABLE', 'The filflow API cannot be reached. Is the server running?');
  }
  let data = null;
  const text = await res.text();
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = data && data.error;
    if (res.status === 401 && s) setSession(null);
    throw new ApiError(res.status, err?.code || 'HTTP_' + res.status, err?.message || `The API answered ${res.status}.`);
  }
  return data;
}

/** Loads one API path for a page: {data, error, loading, reload}; refetches when the path changes. */
export function useApi(path, { refreshMs } = {}) {
  const [state, setState] = useState({ loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (!path) {
      setState({ loading: false });
      return undefined;
    }
    const ctl = new AbortController();
    setState((s) => (s.path === path ? s : { loading: true, path }));
    api(path, { signal: ctl.signal })
      .then((data) => setState({ data, path }))
      .catch((error) => error.name !== 'AbortError' && setState({ error, path }));
    return () => ctl.abort();
  }, [path, tick]);
  useEffect(() => {
    if (!refreshMs) return undefined;
    const id = setInterval(() => document.visibilityState === 'visible' && reload(), refreshMs);
    return () => clearInterval(id);
  }, [refreshMs, reload]);
  return { ...state, reload };
}
