/**
 * A file sent for download: `Content-Disposition: attachment` with the name in both forms
 * (RFC 6266 / RFC 5987): an ASCII fallback for old clients and the UTF-8 name for the rest.
 * Path parts and control characters never reach the header.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean.slice(0, 200);
}

export function attachmentDisposition(name: string): string {
  const file = safeFileName(name);
  const ascii = file.replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}
