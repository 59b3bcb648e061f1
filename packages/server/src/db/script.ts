import { type Kysely, sql } from 'kysely';

/**
 * Splits a SQL script into statements on top-level semicolons (outside quotes, comments and
 * dollar-quoted bodies), because prepared statements — which both drivers use — take one
 * statement each.
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  let dollarTag: string | null = null;
  let inQuote = false;
  while (i < script.length) {
    const ch = script[i] as string;
    const rest = script.slice(i);
    if (dollarTag) {
      if (rest.startsWith(dollarTag)) {
        current += dollarTag;
        i += dollarTag.length;
        dollarTag = null;
        continue;
      }
    } else if (inQuote) {
      if (ch === "'") inQuote = false;
    } else if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      continue;
    } else if (ch === "'") {
      inQuote = true;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(rest);
      if (tag) {
        dollarTag = tag[0];
        current += dollarTag;
        i += dollarTag.length;
        continue;
      }
    } else if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export async function executeScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of splitSqlScript(script)) await sql.raw(statement).execute(db);
}
