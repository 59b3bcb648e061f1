import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * A module's unit-wide settings in a modal: whoever may change them gets the form with 保存 and
 * 取消 (the refusal above it), everyone else reads them with only 关闭.
 */
export function SettingsDialog({
  title,
  editable,
  saving,
  problem,
  onSave,
  onClose,
  form,
  reading,
  children,
  destroyOnHidden,
}: {
  title: ReactNode;
  editable: boolean;
  saving: boolean;
  problem: string | null;
  onSave: () => Promise<void>;
  onClose: () => void;
  /** What the editor sees. */
  form: ReactNode;
  /** What everyone else sees. */
  reading: ReactNode;
  /** Shown below either (a note on what the settings mean). */
  children?: ReactNode;
  destroyOnHidden?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={editable ? () => void onSave() : onClose}
      okText={editable ? t('common.save') : t('common.close')}
      cancelButtonProps={editable ? {} : { style: { display: 'none' } }}
      confirmLoading={saving}
      destroyOnHidden={destroyOnHidden}
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      {editable ? form : reading}
      {children}
    </Modal>
  );
}
