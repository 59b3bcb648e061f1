/**
 * Group-robot webhooks (企业微信 / 钉钉) for the reminder digests, posted only where a webhook
 * belongs: an https address on the public internet. A secretary types the address, and the
 * server posts to it from inside the hospital's network, so without these checks the address
 * could be the server itself, the database, a printer or a cloud metadata service
 * (http://127.0.0.1:6379/, 169.254.169.254), and the delivery log would tell which ports answer.
 *
 * - https only; no user:password in the address.
 * - The name is resolved and every address checked (IPv4 and IPv6, IPv4 inside IPv6 too):
 *   loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, documentation
 *   and other special-purpose ranges are refused, when the channel is saved (a clear error)
 *   and again at each delivery (DNS can change). The connection goes to the address that was
 *   checked (the lookup the socket uses is the checking one), so a name cannot resolve to a
 *   public address for the check and a private one for the post.
 * - Redirects are never followed (a 3xx is a failed delivery).
 * - The operator may allow intranet gateways: WEBHOOK_ALLOW_HOSTS, a comma-separated list of
 *   host names (exact) and addresses / CIDR ranges. Still https.
 * - A failed delivery is recorded as a short code (translated by the settings page), never the
 *   network error's text.
 */
import { lookup as dnsLookup } from 'node:dns';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { Language } from '@hongyi/core';
import { AppError } from '../plugins/errors.js';
import { translate } from '../plugins/i18n.js';

export interface WebhookAllowList {
  /** Host names (lower case) whose addresses are not checked. */
  hosts: string[];
  /** Addresses and ranges that are allowed although private. */
  networks: string[];
}

export interface WebhookOptions {
  allow: WebhookAllowList;
  /** The HTTPS agent (tests: one that trusts their own receiver's certificate). */
  agent?: https.Agent;
  /** Give up after this long (ms); 5 s by default. */
  timeoutMs?: number;
}

export const NO_ALLOW_LIST: WebhookAllowList = { hosts: [], networks: [] };

/** Why a target is refused or a delivery failed: codes the settings page translates. */
export type WebhookProblem =
  | 'WEBHOOK_NOT_HTTPS'
  | 'WEBHOOK_BAD_URL'
  | 'WEBHOOK_FORBIDDEN_ADDRESS'
  | 'WEBHOOK_UNRESOLVABLE'
  | 'WEBHOOK_UNREACHABLE'
  | 'WEBHOOK_TIMEOUT'
  | 'WEBHOOK_TLS'
  | 'WEBHOOK_REDIRECT';

/**
 * Reads WEBHOOK_ALLOW_HOSTS: host names, addresses and CIDR ranges, comma-separated
 * (e.g. `robot-gw.hospital.local,10.20.0.0/16`). A malformed range is an error at start-up.
 */
export function readWebhookAllowList(value: string | undefined): WebhookAllowList {
  const hosts: string[] = [];
  const networks: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (family) {
      if (rest.length > 0 || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32)))) {
        throw new Error(`WEBHOOK_ALLOW_HOSTS: "${raw.trim()}" is not an address or CIDR range`);
      }
      networks.push(entry);
    } else if (/^[a-z0-9.-]+$/.test(entry) && prefix === undefined) {
      hosts.push(entry.replace(/\.$/, ''));
    } else {
      throw new Error(`WEBHOOK_ALLOW_HOSTS: "${raw.trim()}" is neither a host name nor an address or CIDR range`);
    }
  }
  return { hosts, networks };
}

// Special-purpose ranges (IANA registries) that a webhook on the internet never uses.
const IPV4_BLOCKED = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT shared address space
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const;
const IPV6_BLOCKED = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo among them)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const;

const blocked = new BlockList();
for (const [network, prefix] of IPV4_BLOCKED) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_BLOCKED) blocked.addSubnet(network, prefix, 'ipv6');

/** The 8 groups of an IPv6 address, or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = (dotted[1] as string).split('.').map(Number);
    text = `${text.slice(0, -(dotted[1] as string).length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail, ...more] = text.split('::');
  if (more.length > 0) return null;
  const left = head ? head.split(':') : [];
  const right = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = tail !== undefined ? 8 - left.length - right.length : 0;
  if (fill < 0) return null;
  const groups = [...left, ...Array(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const dottedOf = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/** The IPv4 address an IPv6 one carries (IPv4-mapped, NAT64 well-known prefix, 6to4), if any. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return dottedOf(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return dottedOf(g[6]!, g[7]!); // 64:ff9b::a.b.c.d
  if (g[0] === 0x2002) return dottedOf(g[1]!, g[2]!); // 6to4
  return null;
}

function inAllowedNetwork(address: string, allow: WebhookAllowList): boolean {
  if (allow.networks.length === 0) return false;
  const list = new BlockList();
  for (const entry of allow.networks) {
    const [network, prefix] = entry.split('/') as [string, string | undefined];
    const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(network, family);
    else list.addSubnet(network, Number(prefix), family);
  }
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const mapped = family === 'ipv6' ? embeddedIpv4(address) : null;
  return list.check(address, family) || (mapped !== null && list.check(mapped, 'ipv4'));
}

/** Whether a webhook may not go to this address (loopback, private, link-local, …) unless allowed. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = embeddedIpv4(address);
  if (mapped !== null) return blocked.check(mapped, 'ipv4');
  return blocked.check(address, 'ipv6');
}

function addressAllowed(address: string, allow: WebhookAllowList): boolean {
  return !isForbiddenAddress(address) || inAllowedNetwork(address, allow);
}

type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))));

export type TargetCheck = { ok: true; url: URL } | { ok: false; problem: WebhookProblem; address?: string };

/** The URL's host as a plain name or address ('[::1]' → '::1'). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Whether a webhook may be posted to this address: https, and every address its name resolves
 * to is public (or allowed). Used when a channel is saved; delivery checks again as it connects.
 */
export async function checkWebhookTarget(target: string, allow: WebhookAllowList, resolve: Resolve = resolveAll): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, problem: 'WEBHOOK_BAD_URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'WEBHOOK_NOT_HTTPS' };
  if (url.username || url.password) return { ok: false, problem: 'WEBHOOK_BAD_URL' };
  const host = hostOf(url);
  if (allow.hosts.includes(host.replace(/\.$/, ''))) return { ok: true, url };
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return { ok: false, problem: 'WEBHOOK_UNRESOLVABLE' };
    }
  }
  if (addresses.length === 0) return { ok: false, problem: 'WEBHOOK_UNRESOLVABLE' };
  const bad = addresses.find((a) => !addressAllowed(a, allow));
  return bad === undefined ? { ok: true, url } : { ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS', address: bad };
}

/** For the channel form: 400 on body.target saying why the address cannot take reminders. */
export async function assertWebhookTarget(target: string, allow: WebhookAllowList, language: Language): Promise<void> {
  const checked = await checkWebhookTarget(target, allow);
  if (checked.ok) return;
  const message = translate(checked.problem, language, { address: checked.address ?? '' });
  throw new AppError(400, 'WEBHOOK_TARGET_REFUSED', { reason: message }, [{ path: 'body.target', message }]);
}

export interface PostResult {
  ok: boolean;
  /** The HTTP status, 0 when there was no answer. */
  status: number;
  /** 'HTTP 200', 'HTTP 500', or a WebhookProblem code: what the delivery log shows. */
  detail: string;
}

const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/**
 * Posts JSON to a webhook: checked first, then connected through a lookup that checks again
 * the addresses it hands to the socket. Never throws; never follows a redirect; the detail is
 * a status or a code, never a network error's text.
 */
export async function postWebhook(target: string, body: unknown, options: WebhookOptions): Promise<PostResult> {
  const checked = await checkWebhookTarget(target, options.allow);
  if (!checked.ok) return { ok: false, status: 0, detail: checked.problem };
  const url = checked.url;
  const host = hostOf(url);
  const trustedName = options.allow.hosts.includes(host.replace(/\.$/, ''));
  const payload = Buffer.from(JSON.stringify(body));
  // The socket's own lookup: the addresses it connects to are the ones checked here.
  const lookup = (hostname: string, opts: object, callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void) => {
    resolveAll(hostname).then(
      (addresses) => {
        const usable = trustedName ? addresses : addresses.filter((a) => addressAllowed(a, options.allow));
        if (usable.length === 0 || usable.length !== addresses.length) {
          callback(Object.assign(new Error('forbidden address'), { code: 'WEBHOOK_FORBIDDEN_ADDRESS' }), '', 4);
          return;
        }
        if ((opts as { all?: boolean }).all) callback(null, usable.map((a) => ({ address: a, family: isIP(a) })));
        else callback(null, usable[0] as string, isIP(usable[0] as string));
      },
      (error: Error) => callback(error, '', 4),
    );
  };
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const done = (result: PostResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const request = https.request(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: host,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, 'user-agent': 'hongyi-reminders' },
        agent: options.agent,
        lookup: lookup as never,
        timeout: options.timeoutMs ?? 5000,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer itself is not needed: read at most a little of it and let it go.
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > 64 * 1024) response.destroy();
        });
        response.on('end', () => undefined);
        response.on('error', () => undefined);
        if (status >= 300 && status < 400) done({ ok: false, status, detail: 'WEBHOOK_REDIRECT' });
        else done({ ok: status >= 200 && status < 300, status, detail: `HTTP ${status}` });
        response.resume();
      },
    );
    request.on('timeout', () => {
      request.destroy();
      done({ ok: false, status: 0, detail: 'WEBHOOK_TIMEOUT' });
    });
    request.on('error', (error: Error & { code?: string }) => {
      const code = error.code ?? '';
      const detail: WebhookProblem =
        code === 'WEBHOOK_FORBIDDEN_ADDRESS'
          ? 'WEBHOOK_FORBIDDEN_ADDRESS'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'WEBHOOK_UNRESOLVABLE'
            : TLS_ERRORS.test(code)
              ? 'WEBHOOK_TLS'
              : 'WEBHOOK_UNREACHABLE';
      done({ ok: false, status: 0, detail });
    });
    request.end(payload);
  });
}
