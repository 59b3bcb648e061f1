import type { ThemeConfig } from 'antd';

/** Party red (#c8161d) as the primary colour; compact, official-looking defaults. */
export const PARTY_RED = '#c8161d';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: PARTY_RED,
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: PARTY_RED,
      headerHeight: 56,
      headerPadding: '0 16px',
      headerColor: '#fff',
      siderBg: '#fff',
      bodyBg: '#f3f4f6',
    },
    Menu: {
      itemBorderRadius: 4,
      itemMarginInline: 6,
    },
    Card: {
      headerFontSize: 15,
    },
    Table: {
      headerBg: '#fafafa',
    },
  },
};
