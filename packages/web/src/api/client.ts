import type { ErrorBody, Pagination } from '@kaifaqu/contracts';

/** A failed API call, carrying the server's error envelope so pages can show its message verbatim. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string | undefined;
  readonly issues: NonNullable<ErrorBody['error']['issues']>;

  constructor(status: number, body: ErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageEn = body.messageEn;
    this.issues = body.issues ?? [];
  }

  localized(lang: 'zh' | 'en'): string {
    return lang === 'en' ? (this.messageEn ?? this.message) : this.message;
  }
}

export interface Envelope<T> {
  data: T;
  pagination?: Pagination;
  policies?: Record<string, boolean>;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** Off for calls where 401 is an answer, not an expired session (login, who-am-I). */
  redirectOn401?: boolean;
}

export const CSRF_COOKIE = 'kfq_csrf';

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function redirectToLogin(): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === '/login') return;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

async function parseError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (body?.error?.code && typeof body.error.message === 'string') return new ApiError(res.status, body.error);
  } catch {
    // Not JSON (proxy error page, empty body): fall through to a generic error.
  }
  return new ApiError(res.status, {
    code: `HTTP_${res.status}`,
    message: `请求失败（HTTP ${res.status}）`,
    messageEn: `Request failed (HTTP ${res.status})`,
  });
}

/** Calls the API and returns the whole envelope (lists need `pagination`). */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<Envelope<T>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '网络错误，请稍后重试。', messageEn: 'Network error, please try again later.' });
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401 && opts.redirectOn401 !== false) redirectToLogin();
    throw err;
  }
  if (res.status === 204) return { data: undefined as T };
  return (await res.json()) as Envelope<T>;
}

/** Calls the API and returns only `data`. */
export async function api<T>(path: string, opts?: RequestOptions): Promise<T> {
  return (await request<T>(path, opts)).data;
}
