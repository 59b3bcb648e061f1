import { theme } from 'antd';

/** The product mark: a gold five-pointed star on party red. Drawn inline, no image files. */
export function LogoMark({ size = 32, bordered = false }: { size?: number; bordered?: boolean }) {
  const { token } = theme.useToken();
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-hidden="true" style={{ flex: 'none', display: 'block' }}>
      <rect
        x="1"
        y="1"
        width="30"
        height="30"
        rx="6"
        fill={token.colorPrimary}
        stroke={bordered ? '#ffd666' : 'none'}
        strokeWidth={bordered ? 1.5 : 0}
      />
      <path fill="#ffd666" d="M16 5.5l2.6 7.1 7.6.3-6 4.7 2.1 7.3L16 20.7l-6.3 4.2 2.1-7.3-6-4.7 7.6-.3z" />
    </svg>
  );
}
