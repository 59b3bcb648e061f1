import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts a 400's `details` (`[{ path: 'body.username', message }]`) on the matching form fields.
 * Returns true when at least one detail landed on a field the form has.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.details
    // Paths name where the field was sent ('body.username', 'query.from'); the form knows 'username'.
    .map((detail) => ({ name: detail.path.replace(/^(body|query|params)\./, '').split(/[.[\]]/).filter(Boolean)[0] ?? '', message: detail.message }))
    .filter((field) => known.has(field.name))
    .map((field) => ({ name: field.name, errors: [field.message] }));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}
