import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's title as a real heading (h4) so screen readers and heading navigation find it;
 * margins are reset because it usually sits inside a Card head.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={4} style={{ margin: 0, fontSize: 'inherit', lineHeight: 'inherit' }}>
      {children}
    </Typography.Title>
  );
}
