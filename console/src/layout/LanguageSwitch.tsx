import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('app.language')}
      value={i18n.language as Language}
      onChange={(language) => void changeLanguage(language)}
      options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      style={{ width: 120 }}
      variant="borderless"
    />
  );
}
