import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';
import { applyFieldErrors } from './formErrors';

export interface FormSubmitOptions {
  /** What a success says (已保存 unless given, e.g. 已提交). */
  savedText?: string;
  /** A module with its own words for some refusals (the app's otherwise). */
  errorText?: (error: unknown) => string;
  /** Where a refusal is said: above the form (`problem`, the default) or as a message at the top. */
  errorsAs?: 'problem' | 'message';
}

/**
 * The save of a form in a modal: while it runs `saving` is true; on success it says 已保存 (or
 * `savedText`) and calls `done` with what the save answered; on failure the server's field errors
 * go onto the form's fields and its message into `problem` (shown above the form), and the modal
 * stays open with what was typed.
 */
export function useFormSubmit(form: FormInstance | null, options: FormSubmitOptions = {}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const appErrorText = useErrorText();
  const errorText = options.errorText ?? appErrorText;
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async <T>(save: () => Promise<T>, done?: (saved: T) => void) => {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await save();
      void message.success(options.savedText ?? t('common.saved'));
      done?.(saved);
    } catch (err) {
      if (form) applyFieldErrors(form, err);
      if (options.errorsAs === 'message') void message.error(errorText(err));
      else setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, submit };
}
