import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH, type Language } from '@hongyi/core';
import { AppError } from './errors.js';
import { translate } from './i18n.js';

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost:
// 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * zxcvbn's estimate of how many guesses a password takes (0–4). Below 2 it falls to an online
 * attack within the login limit's patience: common passwords and their l33t and capitalised
 * variants (password1, Passw0rd, qwerty123), keyboard walks, repeats, dates. The dictionaries
 * are zxcvbn-ts's maintained common-password and name lists.
 */
export const MIN_PASSWORD_SCORE = 2;

type ZxcvbnCore = typeof import('@zxcvbn-ts/core');
type ZxcvbnCommon = typeof import('@zxcvbn-ts/language-common');
let factory: InstanceType<ZxcvbnCore['ZxcvbnFactory']> | null = null;
async function strength(password: string, userInputs: string[]): Promise<number> {
  if (!factory) {
    // Loaded on first use: the dictionaries are large and only a new password needs them, never the start.
    // The packages are CommonJS for Node (whose loader cannot see their named exports) and ESM for
    // bundlers and Vitest: take what they export from whichever shape arrives.
    const core = (await import('@zxcvbn-ts/core')) as ZxcvbnCore & { default?: ZxcvbnCore };
    const common = (await import('@zxcvbn-ts/language-common')) as ZxcvbnCommon & { default?: ZxcvbnCommon };
    const { ZxcvbnFactory } = core.default ?? core;
    const { dictionary, adjacencyGraphs } = common.default ?? common;
    factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  }
  return factory.check(password, userInputs).score;
}

export type PasswordProblem = 'tooShort' | 'tooSimple' | 'containsUsername' | 'tooCommon';

/**
 * Why a new password is refused, or null when acceptable: at least PASSWORD_MIN_LENGTH characters with letters
 * and digits, not built on the username, and not one attackers try first. Only new passwords
 * are checked; existing ones (the demo's Demo@2026 among them) stay valid.
 */
export async function passwordProblem(password: string, account: { username: string; name?: string } = { username: '' }): Promise<PasswordProblem | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'tooSimple';
  const username = account.username.trim().toLowerCase();
  if (username.length >= 3 && password.toLowerCase().includes(username)) return 'containsUsername';
  const inputs = [account.username, account.name ?? ''].filter(Boolean);
  if ((await strength(password, inputs)) < MIN_PASSWORD_SCORE) return 'tooCommon';
  return null;
}

const PROBLEM_CODES: Record<PasswordProblem, string> = {
  tooShort: 'PASSWORD_TOO_SHORT',
  tooSimple: 'PASSWORD_TOO_SIMPLE',
  containsUsername: 'PASSWORD_CONTAINS_USERNAME',
  tooCommon: 'PASSWORD_TOO_COMMON',
};

/** Throws 400 with the reason on the field (`path`, e.g. 'body.newPassword') when the password is refused. */
export async function assertPasswordAcceptable(password: string, account: { username: string; name?: string }, path: string, language: Language): Promise<void> {
  const problem = await passwordProblem(password, account);
  if (!problem) return;
  const code = PROBLEM_CODES[problem];
  const params = { min: PASSWORD_MIN_LENGTH };
  throw new AppError(400, code, params, [{ path, message: translate(code, language, params) }]);
}
