import { hash, verify } from '@node-rs/argon2';

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

/** At least 8 characters with letters and digits. Returns the problem, or null when acceptable. */
export function passwordProblem(password: string): 'tooShort' | 'tooSimple' | null {
  if (password.length < 8) return 'tooShort';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'tooSimple';
  return null;
}
