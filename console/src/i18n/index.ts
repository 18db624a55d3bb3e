import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import zhCN from './zh-CN';
import type { TextsScreen } from './screenTexts';

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

// antd's texts (pagination, empty, modal buttons) per language; English arrives with its translations. From antd's
// ES modules (antd/es/locale), which share their parts with the components' (antd/locale is CommonJS: copies)
const antdLocales: Partial<Record<Language, Locale>> = { 'zh-CN': antdZhCN };

export function antdLocale(language: string): Locale {
  return antdLocales[language as Language] ?? antdZhCN;
}

/**
 * Simplified Chinese is in the first screen's code; English (its translations and antd's texts) is a chunk of
 * its own, loaded only when it is chosen: the first screen does not carry the language it does not show.
 */
async function loadLanguage(language: Language) {
  if (language !== 'en' || antdLocales.en) return;
  const [messages, antd] = await Promise.all([import('./en'), import('antd/es/locale/en_US')]);
  i18n.addResourceBundle('en', 'translation', messages.default, true, true);
  antdLocales.en = antd.default;
}

// The Simplified Chinese sections only a later screen shows, each screen's in a chunk of its own (SCREEN_TEXTS;
// in the build, zh-CN above holds the rest): routes.tsx loads them with the screen's code.
const screenTextModules: Record<TextsScreen, () => Promise<{ default: Record<string, unknown> }>> = {
  signIn: () => import('virtual:zh-CN-texts/signIn'),
  repositoryPage: () => import('virtual:zh-CN-texts/repositoryPage'),
  registries: () => import('virtual:zh-CN-texts/registries'),
  audit: () => import('virtual:zh-CN-texts/audit'),
  tokens: () => import('virtual:zh-CN-texts/tokens'),
};
const screenTextsLoaded = new Map<TextsScreen, Promise<void>>();

/** Resolves once the screen's own Simplified Chinese texts are there (at once when they already are). */
export function loadScreenTexts(screen: TextsScreen): Promise<void> {
  let loaded = screenTextsLoaded.get(screen);
  if (!loaded) {
    loaded = screenTextModules[screen]().then((texts) => {
      i18n.addResourceBundle('zh-CN', 'translation', texts.default, true, false);
    });
    loaded.catch(() => screenTextsLoaded.delete(screen));
    screenTextsLoaded.set(screen, loaded);
  }
  return loaded;
}

// Simplified Chinese by default; English when the user chose it (remembered in this browser).
const initial = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyLanguage('zh-CN');

/** Resolves once the remembered language can be shown (at once for Simplified Chinese): main.tsx renders then. */
export const i18nReady: Promise<unknown> = initial === 'zh-CN' ? Promise.resolve() : changeLanguage(initial, false);

export async function changeLanguage(language: Language, remember = true) {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  await loadLanguage(language);
  applyLanguage(language);
  return i18n.changeLanguage(language);
}

export default i18n;
