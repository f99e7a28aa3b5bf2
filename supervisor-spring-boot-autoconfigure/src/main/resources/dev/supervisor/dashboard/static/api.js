// Talking to the supervisor endpoint, and formatting what it answers.

/** A failed request: `status` is the HTTP status, or 0 when the server could not be reached. */
export class RequestError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** The difference between the server's clock and the browser's, from the last Date header. */
let clockSkewMillis = 0;

/** The server's current time in milliseconds. */
export function serverNow() {
  return Date.now() + clockSkewMillis;
}

/** GET a JSON document, giving up after `timeoutMillis` so a hung server never freezes the page. */
export async function getJson(url, timeoutMillis) {
  const response = await send(url, { headers: { Accept: 'application/json' } }, timeoutMillis);
  if (!response.ok) {
    throw new RequestError('HTTP ' + response.status + ' ' + await errorText(response), response.status);
  }
  const date = Date.parse(response.headers.get('Date'));
  if (!Number.isNaN(date)) {
    clockSkewMillis = date - Date.now();
  }
  return response.json();
}

/**
 * POST an action to a worker or group. Under Spring Security's single-page-application CSRF
 * convention the token is in the XSRF-TOKEN cookie and goes back in the X-XSRF-TOKEN header.
 */
export async function postAction(endpoint, name, action, timeoutMillis) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = cookie('XSRF-TOKEN');
  if (token !== null) {
    headers['X-XSRF-TOKEN'] = token;
  }
  const response = await send(endpoint + '/' + encodeURIComponent(name),
      { method: 'POST', headers, body: JSON.stringify({ action }) }, timeoutMillis);
  if (!response.ok) {
    throw new RequestError(action + ' ' + name + ' failed: HTTP ' + response.status + ' ' + await errorText(response),
        response.status);
  }
  return response.json();
}

async function send(url, init, timeoutMillis) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMillis);
  try {
    return await fetch(url, { ...init, signal: controller.signal, cache: 'no-store' });
  } catch (error) {
    const reason = error.name === 'AbortError' ? 'no answer within ' + timeoutMillis + ' ms' : error.message;
    throw new RequestError(reason, 0);
  } finally {
    clearTimeout(timer);
  }
}

async function errorText(response) {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    return body.message || body.error || '';
  } catch (ignored) {
    return text.length > 200 ? text.substring(0, 200) + '…' : text;
  }
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.substring(0, index).trim() === name) {
      return decodeURIComponent(part.substring(index + 1).trim());
    }
  }
  return null;
}

/** A duration in milliseconds as `1h 2m 3s`, `4.2s` or `15ms`. */
export function duration(millis) {
  if (millis < 1000) {
    return Math.max(0, Math.round(millis)) + 'ms';
  }
  if (millis < 60000) {
    return (Math.round(millis / 100) / 10) + 's';
  }
  const seconds = Math.floor(millis / 1000);
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
  const m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + s + 's';
}

/** An ISO-8601 duration such as `PT1.5S` or `PT2M3.004S` in milliseconds. */
export function isoDurationMillis(text) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(text || '');
  if (!match) {
    return 0;
  }
  return ((+match[1] || 0) * 3600 + (+match[2] || 0) * 60 + (+match[3] || 0)) * 1000;
}

/** How long a worker has been running, or '' when it is not running. */
export function uptime(worker) {
  if (worker.state !== 'RUNNING' || !worker.startedAt) {
    return '';
  }
  return duration(serverNow() - Date.parse(worker.startedAt));
}

/** A class name without its package. */
export function simpleName(className) {
  return className ? className.substring(className.lastIndexOf('.') + 1) : '';
}

/** The last exit as one line: `failed IOException: connection reset`. */
export function lastExit(exit) {
  if (!exit) {
    return '';
  }
  const exception = exit.exception ? ' ' + simpleName(exit.exception) : '';
  const message = exit.message ? ': ' + exit.message : '';
  return exit.outcome + exception + message;
}

/** A time of day in the browser's zone. */
export function time(millis) {
  return new Date(millis).toLocaleTimeString();
}
