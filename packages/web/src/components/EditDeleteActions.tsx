import { EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useI18n } from '../i18n';

/**
 * The delete (asked once more) and edit buttons of a record's drawer or card, shown only to
 * whoever may change it.
 */
export function EditDeleteActions({ show, confirm, deleteText, onDelete, onEdit, editTestId }: { show: boolean; confirm: string; deleteText: string; onDelete: () => void; onEdit: () => void; editTestId: string }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <Space>
      <Popconfirm title={confirm} onConfirm={onDelete}>
        <Button danger>{deleteText}</Button>
      </Popconfirm>
      <Button icon={<EditOutlined />} onClick={onEdit} data-testid={editTestId}>
        {t('common.edit')}
      </Button>
    </Space>
  );
}
