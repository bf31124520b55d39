// An inject's title for the controller's lists, in the UI language: a call as its incident type and
// what the caller says, anything else as its kind and its description ("Power cut · mains power
// lost…"), never its bare id. Scenario texts are often written "中文 / English": the UI language's
// half is shown.
import type { TFunction } from 'i18next';
import type { ScriptEntryView } from '../../shared/drill/script-entry.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../shared/domain/incident-types.ts';

const CJK = /[\u3400-\u9fff]/;
const isIncidentType = (s: string): s is IncidentType => (INCIDENT_TYPES as readonly string[]).includes(s);

/** The UI language's half of a "中文 / English" text (or another separator); the whole text when it is not written so. */
export function languageHalf(text: string, lang: string, separator = ' / '): string {
  const i = text.indexOf(separator);
  if (i < 0) return text;
  const zh = text.slice(0, i).trim();
  const en = text.slice(i + separator.length).trim();
  if (!CJK.test(zh) || CJK.test(en) || en === '') return text;
  return lang.startsWith('zh') ? zh : en;
}

/** "Power cut · mains power lost, the centre on its diesel generator" (or the call's type and words). */
export function injectTitle(e: ScriptEntryView, t: TFunction, lang: string, incidentType: (t: IncidentType) => string): string {
  if (e.text) return lang.startsWith('zh') ? e.text.zh : e.text.en;
  const what = e.kind === 'call' && e.type && isIncidentType(e.type) ? incidentType(e.type) : t(`msel.kind.${e.kind}`, { defaultValue: e.kind });
  const words = e.words ?? e.description;
  const head = what.charAt(0).toLocaleUpperCase() + what.slice(1);
  return words ? `${head} · ${languageHalf(words, lang)}` : head;
}
