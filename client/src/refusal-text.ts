// A refused command in the board's language. The sentence is read back by shared/refusal-text.ts
// (the same reading the after-action report uses) and filled with the board's names: unit callsigns,
// station names, status words. An unknown sentence falls back to its code's sentence, with the
// original kept for the tooltip.
import type { TFunction } from 'i18next';
import { paramName, parseRefusal } from '../../shared/refusal-text.ts';

export interface RefusalNames {
  unit(id: string): string;
  station(id: string): string;
}

/** The refusal as one sentence in the UI language. */
export function refusalText(message: string, code: string | undefined, t: TFunction, names: RefusalNames): string {
  const parsed = parseRefusal(message);
  if (!parsed) return t(`refusalCode.${code ?? 'other'}`, { defaultValue: t('refusalCode.other') });
  const params: Record<string, string> = {};
  for (const { field: f, value: v } of parsed.fields) {
    const name = paramName(f);
    if (f === 'unit') params[name] = names.unit(v);
    else if (f === 'station') params[name] = names.station(v);
    else if (f === 'incidentStatus') params[name] = t(`incidentStatus.${v}`, { defaultValue: v });
    else if (f === 'unitStatus') params[name] = t(`unitStatus.${v}`, { defaultValue: v });
    else if (f === 'role') params[name] = t(`roleName.${v}`, { defaultValue: v });
    else if (f === 'mode') params[name] = t(`console.${v}`, { defaultValue: v });
    else if (f === 'injectStatus') params[name] = t(`console.${v}`, { defaultValue: v });
    else if (f === 'command') params[name] = t(`commandName.${v}`, { defaultValue: v });
    else if (f === 'action') {
      params[name] = v.startsWith('command ') ? t(`commandName.${v.slice(8)}`, { defaultValue: v.slice(8) })
        : v.startsWith('control ') ? t(`console.${v.slice(8)}`, { defaultValue: v.slice(8) })
        : t(`actionName.${v}`, { defaultValue: t('actionName.other') });
    } else params[name] = v;
  }
  return t(`refusal.${parsed.key}`, params);
}
