import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { currentLocale, i18n } from './i18n.ts';

function AntdLocale({ children }: { children: ReactNode }) {
  // Subscribing re-renders on language change, so antd and dayjs follow i18next.
  useTranslation();
  const locale = currentLocale();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCNLocale : enUS}
      theme={{ token: { colorPrimary: '#1677ff' } }}
    >
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
