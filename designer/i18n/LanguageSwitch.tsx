import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale, type UiLocale } from './i18n.ts';

const OPTIONS: { value: UiLocale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'EN' },
];

/** The header's language switch; the choice persists in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<UiLocale>
      aria-label={t('app.language')}
      size="small"
      value={currentLocale()}
      options={OPTIONS}
      onChange={(value) => void changeLocale(value)}
    />
  );
}
