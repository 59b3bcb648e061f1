import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The frame of a page's main block: title left, actions right. */
export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} variant="borderless" styles={{ body: { paddingTop: 12 } }}>
      {children}
    </Card>
  );
}
