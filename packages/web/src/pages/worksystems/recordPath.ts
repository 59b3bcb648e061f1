/** The page a record behind a value opens on. */
export function recordPath(kind: string, id: number): string | null {
  switch (kind) {
    case 'orglife_record':
      return `/orglife/records/${id}`;
    case 'service_event':
      return `/service/events/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'development_file':
      return `/development/files/${id}`;
    case 'decision_topic':
      return `/decisions/topics/${id}`;
    case 'honour':
      return '/honours/list';
    case 'venue':
      return '/orglife/venues';
    case 'contact':
      return '/contacts';
    case 'fund_request':
      return '/funds';
    default:
      return null;
  }
}

/** A record's words behind a value: its title, else (a meeting without a title of its own) its meeting kinds in the reader's language, else —. */
export function recordLabel(r: { title: string; kinds: readonly string[] }, label: (group: string, code: string) => string, language: string): string {
  return r.title || r.kinds.map((k) => label('orglife.kind', k)).join(language.startsWith('zh') ? '、' : ', ') || '—';
}
