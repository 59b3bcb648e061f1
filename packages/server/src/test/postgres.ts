/** The same server, another database name. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The URL as given: CREATE/DROP DATABASE run from the database it names. */
export function adminUrl(url: string): string {
  return url;
}
