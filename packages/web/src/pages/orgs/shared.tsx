import { Alert, Button, Tag } from 'antd';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import type { WarningSeverity } from './types';

export const SEVERITY_COLORS: Record<WarningSeverity, string> = { red: 'red', yellow: 'gold', info: 'blue' };

export function SeverityTag({ severity }: { severity: WarningSeverity }) {
  const { label } = useI18n();
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={{ marginInlineEnd: 0 }}>
      {label('orgs.severity', severity)}
    </Tag>
  );
}

/** Where each org type may sit (PARENT_TYPES) and which hold elections: core's rules. */
export { childTypesOf, isElectedType } from '@hongyi/core';

/** A server error as one line: its message, then each field's reason. */
export function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError && err.status !== 409 && err.details.length > 0) {
    return [err.message, ...err.details.map((d) => d.message)].filter(Boolean).join('；');
  }
  return fallback(err);
}

/**
 * The error of a dialog's save. On a 409 (someone else saved first) it offers to load the
 * latest version: the dialog closes and the page reloads, the user edits again from there.
 */
export function SaveError({ error, onReload, testId }: { error: { text: string; conflict: boolean } | null; onReload: () => void; testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error.text}
      style={{ marginBottom: 12 }}
      data-testid={testId}
      action={
        error.conflict ? (
          <Button size="small" onClick={onReload}>
            {t('orgs.reloadLatest')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function saveErrorOf(err: unknown, fallback: (e: unknown) => string): { text: string; conflict: boolean } {
  return { text: problemText(err, fallback), conflict: err instanceof ApiError && err.status === 409 };
}
