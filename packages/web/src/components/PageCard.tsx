import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The frame of a page's main block: title left, actions right (below the title when they do not fit). */
export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card className="hy-page-card" title={title} extra={extra} variant="borderless" styles={{ body: { paddingTop: 12 } }}>
      {children}
    </Card>
  );
}
