import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';
import { applyFieldErrors } from './formErrors';

/**
 * The save of a form in a modal: while it runs `saving` is true; on success it says 已保存 and
 * calls `done`; on failure the server's field errors go onto the form's fields and its message
 * into `problem` (shown above the form), and the modal stays open with what was typed.
 */
export function useFormSubmit(form: FormInstance | null) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (save: () => Promise<unknown>, done: () => void) => {
    setSaving(true);
    setProblem(null);
    try {
      await save();
      void message.success(t('common.saved'));
      done();
    } catch (err) {
      if (form) applyFieldErrors(form, err);
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, submit };
}
