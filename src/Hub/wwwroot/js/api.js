// The JSON API with the session cookie; changes carry the session's anti-forgery token.
import { t } from './i18n.js';

const ANTI_FORGERY_HEADER = 'X-GateSync-AntiForgery';
let antiForgeryToken = '';

export class ApiError extends Error {
  constructor(status, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export function useAntiForgeryToken(token) {
  antiForgeryToken = token ?? '';
}

export async function api(path, { method = 'GET', json, body, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers[ANTI_FORGERY_HEADER] = antiForgeryToken;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }

  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  // After a restart the hub rebuilds its findings engine; what is computed from it answers 503 until then.
  if (response.status === 503 && data && data.reconciliation) throw new ApiError(503, t('error.rebuilding'));
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || `${response.status} ${response.statusText}`, response.headers.get('Retry-After'));
  }
  return data;
}

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
