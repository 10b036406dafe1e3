/**
 * i18next for the designer: Chinese by default, English on request; the choice is kept in
 * localStorage and sent to the server as `Accept-Language` (see api-client.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setLocaleSource } from '../api-client.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const UI_LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const LOCALE_STORAGE_KEY = 'dealerflow.locale';

function isUiLocale(value: unknown): value is UiLocale {
  return UI_LOCALES.some((l) => l === value);
}

/** The stored language, or Chinese. */
export function storedLocale(): UiLocale {
  const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
  return isUiLocale(stored) ? stored : 'zh-CN';
}

/** The designer's i18next instance (initialised synchronously: resources are bundled). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** The current UI language. */
export function currentLocale(): UiLocale {
  return isUiLocale(i18n.language) ? i18n.language : 'zh-CN';
}

setLocaleSource(currentLocale);
// Screen readers and the browser's own widgets follow the page language.
i18n.on('languageChanged', (lng: string) => {
  if (globalThis.document) document.documentElement.lang = lng;
});
if (globalThis.document) document.documentElement.lang = currentLocale();

/** Switches the UI language and remembers it. */
export async function changeLocale(locale: UiLocale): Promise<void> {
  globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  await i18n.changeLanguage(locale);
}
