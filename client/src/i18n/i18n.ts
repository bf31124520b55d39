// Static i18n for the board: zh-CN and English from the JSON files here; Chinese by default when the
// browser is Chinese, otherwise English; the choice is kept in localStorage. Domain names (incident
// types, grades, unit types, force kinds) come from shared/ and the region's own data in both languages.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import { REFUSAL_STRINGS } from '../../../shared/refusal-text.ts';
import { INCIDENT_TYPE_NAMES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { GRADE_INFO, type Grade } from '../../../shared/domain/grades.ts';
import { FORCE_KIND_NAMES, type ForceKind } from '../../../shared/domain/forces.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'fire-sim.lang';

export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const nav = globalThis.navigator?.language ?? '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let ready: Promise<unknown> | undefined;
export function initI18n(lng: Language = initialLanguage()): Promise<unknown> {
  ready ??= i18next.use(initReactI18next).init({
    // Refusal sentences and the words they use (statuses, roles, commands) are shared with the report.
    resources: { en: { translation: { ...en, ...REFUSAL_STRINGS.en } }, 'zh-CN': { translation: { ...zhCN, ...REFUSAL_STRINGS['zh-CN'] } } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  // A status or mode word in the middle of an English sentence is lower case ("it is graded"), while
  // the same word stands capitalised as a label ("Graded"): `{{status, lowercase}}` in en.json.
  i18next.services.formatter?.add('lowercase', (value: unknown, lng: string | undefined) => (typeof value === 'string' && !lng?.startsWith('zh') ? value.toLocaleLowerCase(lng) : String(value)));
  return ready;
}

export function setLanguage(lng: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  void i18next.changeLanguage(lng);
}

/** Names of domain terms in the current language. */
export interface DomainNames {
  lang: Language;
  incidentType(t: IncidentType): string;
  grade(g: Grade | undefined): string;
  forceKind(k: ForceKind): string;
}

export function domainNames(lang: string): DomainNames {
  const zh = lang.startsWith('zh');
  return {
    lang: zh ? 'zh-CN' : 'en',
    incidentType: (t) => INCIDENT_TYPE_NAMES[t][zh ? 'zh' : 'en'],
    grade: (g) => (g ? GRADE_INFO[g][zh ? 'zh' : 'en'] : '—'),
    forceKind: (k) => FORCE_KIND_NAMES[k][zh ? 'zh' : 'en'],
  };
}

export function useNames(): DomainNames & { t: ReturnType<typeof useTranslation>['t'] } {
  const { t, i18n } = useTranslation();
  return { ...domainNames(i18n.language), t };
}
