import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN from './zh-CN';
import en from './en';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'gateway.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

function applyLanguage(language: string) {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

// Simplified Chinese by default; English when the user chose it (remembered in this browser).
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyLanguage(i18n.language);

export function changeLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  applyLanguage(language);
  return i18n.changeLanguage(language);
}

export default i18n;
