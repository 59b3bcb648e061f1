/**
 * The one fetch wrapper of the web app: JSON in and out, same-origin cookies, the CSRF
 * header on every write, server errors turned into `ApiError`, and 401 reported to the
 * session so the user lands on the login page.
 */
import type { ApiErrorBody, ApiErrorDetail, Language } from '@hongyi/core';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes the client itself produces (the server's own codes come from its error body). */
export const CLIENT_ERROR_CODES = { network: 'NETWORK_ERROR', http: 'HTTP_ERROR' } as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

let csrfToken: string | null = null;
let requestLanguage: Language | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLanguage(language: Language): void {
  requestLanguage = language;
}

/** The session registers what to do when any request comes back 401. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Login and the initial `me` probe expect 401 and handle it themselves. */
  skipAuthRedirect?: boolean;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the non-empty values, or '' when there are none. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function headersFor(method: HttpMethod, hasBody: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (requestLanguage) headers.set('Accept-Language', requestLanguage);
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return headers;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function errorFrom(response: Response, options: RequestOptions): Promise<ApiError> {
  const body = await readJson(response);
  if (response.status === 401 && !options.skipAuthRedirect) unauthorizedHandler?.();
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(response.status, code, message ?? '', details ?? []);
  }
  return new ApiError(response.status, CLIENT_ERROR_CODES.http, '');
}

async function send(method: HttpMethod, url: string, body: unknown, options: RequestOptions): Promise<Response> {
  const hasBody = body !== undefined;
  try {
    return await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody),
      body: hasBody ? JSON.stringify(body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, CLIENT_ERROR_CODES.network, '');
  }
}

export async function request<T>(method: HttpMethod, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, url, body, options);
  if (!response.ok) throw await errorFrom(response, options);
  return (await readJson(response)) as T;
}

export const api = {
  get: <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options),
  post: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('POST', url, body ?? {}, options),
  put: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', url, body ?? {}, options),
  patch: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', url, body ?? {}, options),
  delete: <T>(url: string, options?: RequestOptions) => request<T>('DELETE', url, undefined, options),
};

export interface UploadOptions {
  /** Text fields sent with the file (the route's own fields). */
  fields?: Record<string, string | number | boolean>;
  /** Called as the bytes go out, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs one file as a form upload (multipart/form-data, the file in the field 'file'), the way
 * the server's upload kit takes it (lib/multipart.ts): same-origin cookies, the CSRF header, the
 * answer as JSON and a refusal as ApiError with the server's message. XMLHttpRequest rather than
 * fetch, for the progress of the upload.
 */
export function uploadFile<T>(url: string, file: Blob, fileName: string, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, String(value));
    form.append('file', file, fileName);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (requestLanguage) xhr.setRequestHeader('Accept-Language', requestLanguage);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (xhr.status === 401) unauthorizedHandler?.();
      if (isErrorBody(body)) return reject(new ApiError(xhr.status, body.error.code, body.error.message ?? '', body.error.details ?? []));
      reject(new ApiError(xhr.status, CLIENT_ERROR_CODES.http, ''));
    };
    xhr.onerror = () => reject(new ApiError(0, CLIENT_ERROR_CODES.network, ''));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) return xhr.abort();
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** GET a file (an Excel export) and hand it to the browser as a download. */
export async function downloadFile(url: string, fallbackName = 'export.xlsx'): Promise<void> {
  const response = await send('GET', url, undefined, {});
  if (!response.ok) throw await errorFrom(response, {});
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
