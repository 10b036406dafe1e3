import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { currentLocale, i18n } from './i18n.ts';

/**
 * antd's look with text contrast raised to WCAG AA (4.5:1): antd's default blue (#1677ff) and its
 * grey secondary / placeholder text fall short on white.
 */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
};

function AntdLocale({ children }: { children: ReactNode }) {
  // Subscribing re-renders on language change, so antd and dayjs follow i18next.
  useTranslation();
  const locale = currentLocale();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enUS} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** i18next, antd's locale (zh_CN / en_US) and dayjs's locale, kept in step. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <AntdLocale>{children}</AntdLocale>
    </I18nextProvider>
  );
}
