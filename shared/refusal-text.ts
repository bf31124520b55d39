// A refused command as a sentence in either language, for the board and the after-action report
// alike. The engine and the gateway refuse with a code and an English sentence in fixed wording
// (server/engine/command-handlers.ts, shared/roles.ts); each known sentence is read back into a key
// of shared/i18n/refusals.*.json with its ids and states. An unknown sentence falls back to its
// code's sentence. The board fills the fields with its own names (callsigns, station names); the
// report with the words of the same files.
import en from './i18n/refusals.en.json' with { type: 'json' };
import zhCN from './i18n/refusals.zh-CN.json' with { type: 'json' };

/** What a field of a refusal sentence holds, so each side can name it. */
export type RefusalField = 'incident' | 'unit' | 'station' | 'incidentStatus' | 'unitStatus' | 'role' | 'mode' | 'injectStatus' | 'command' | 'action' | 'closure' | 'inject' | 'count';

interface Pattern { re: RegExp; key: string; fields: RefusalField[] }

const P = (re: RegExp, key: string, ...fields: RefusalField[]): Pattern => ({ re, key, fields });

const PATTERNS: Pattern[] = [
  P(/^no incident (\S+)$/, 'noIncident', 'incident'),
  P(/^no unit (\S+)$/, 'noUnit', 'unit'),
  P(/^(\S+) is the exercise controller's \(导调\) command; a (\w+) may not give it$/, 'controllerOnly', 'command', 'role'),
  P(/^location .* is outside (?:the )?region/, 'outsideRegion'),
  P(/^incident (\S+) is (\w+), already triaged$/, 'alreadyTriaged', 'incident', 'incidentStatus'),
  P(/^incident (\S+) is (\w+); grading needs a triaged call/, 'gradingNeedsTriage', 'incident', 'incidentStatus'),
  P(/^cannot dispatch to incident (\S+): it is (\w+)$/, 'dispatchState', 'incident', 'incidentStatus'),
  P(/^unit (\S+) cannot be given the order: the communications of station (\S+) are cut/, 'unitCommsCut', 'unit', 'station'),
  P(/^unit (\S+) cannot be dispatched: it is (\w+)/, 'unitBusy', 'unit', 'unitStatus'),
  P(/^unit (\S+) cannot reach incident (\S+): no open road/, 'unitNoRoad', 'unit', 'incident'),
  P(/^nothing to recommend for (\S+?):/, 'nothingToRecommend', 'incident'),
  P(/^unit (\S+) is (\w+) and not assigned to an incident$/, 'unitNotAssigned', 'unit', 'unitStatus'),
  P(/^incident (\S+) is .*; the grade only goes up/, 'gradeOnlyUp', 'incident'),
  P(/^cannot raise the grade of incident (\S+): it is (\w+)$/, 'raiseState', 'incident', 'incidentStatus'),
  P(/^incident (\S+) is (\w+); reinforcement is requested/, 'reinforcementState', 'incident', 'incidentStatus'),
  P(/^no available unit can reinforce (\S+?)(?::|$)/, 'noReinforcement', 'incident'),
  P(/^unit (\S+) is already out of service$/, 'alreadyOut', 'unit'),
  P(/^unit (\S+) is (\w+), not out of service$/, 'notOut', 'unit', 'unitStatus'),
  P(/^cannot cancel incident (\S+): it is (\w+)$/, 'cancelState', 'incident', 'incidentStatus'),
  P(/^cannot close incident (\S+): it is (\w+) \(only an incident under control/, 'closeState', 'incident', 'incidentStatus'),
  P(/^cannot close incident (\S+): (\d+) people are still trapped/, 'closeTrapped', 'incident', 'count'),
  P(/^the exercise is already in (\w+) mode$/, 'modeSame', 'mode'),
  P(/has no road network in this exercise/, 'noRoads'),
  P(/^road closure (\S+) is already in force/, 'closureExists', 'closure'),
  P(/^no road closure (\S+) in force/, 'noClosure', 'closure'),
  P(/^no station (\S+)$/, 'noStation', 'station'),
  P(/^the communications of station (\S+) are already cut$/, 'commsAlready', 'station'),
  P(/^the communications of station (\S+) are not cut$/, 'commsNotCut', 'station'),
  P(/^no inject (\S+) in this scenario/, 'noInject', 'inject'),
  P(/^inject (\S+) was already (\w+)$/, 'injectDone', 'inject', 'injectStatus'),
  P(/expected a circle or a polygon to evacuate/, 'evacuateLine'),
  P(/^invalid area: /, 'evacuateArea'),
  P(/^an? (\w+) may not (.+)$/, 'roleMayNot', 'role', 'action'),
];

/** A refusal read back: the sentence's key (`refusal.<key>`) and its fields as the engine wrote them. */
export interface ParsedRefusal { key: string; fields: { field: RefusalField; value: string }[] }

export function parseRefusal(message: string): ParsedRefusal | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) return { key: p.key, fields: p.fields.map((field, i) => ({ field, value: m[i + 1] ?? '' })) };
  }
  return undefined;
}

/** The parameter a field fills in the sentence (`{{status}}` for both kinds of status…). */
export function paramName(f: RefusalField): string {
  return f === 'incidentStatus' || f === 'unitStatus' || f === 'injectStatus' ? 'status' : f;
}

/** The words of refusals (sentences, statuses, roles, commands) in each language, as the board's i18n loads them. */
export const REFUSAL_STRINGS = { en, 'zh-CN': zhCN } as const;

type Words = typeof en;

/** `{{name}}` and `{{name, lowercase}}` filled from `params` (what i18next does on the board). */
function fill(template: string, params: Record<string, string>, lang: 'zh' | 'en'): string {
  return template.replace(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g, (_, name: string, fmt?: string) => {
    const v = params[name] ?? '';
    return fmt === 'lowercase' && lang === 'en' ? v.toLowerCase() : v;
  });
}

/**
 * The refusal as one sentence in `lang`, for text outside the board (the after-action report): ids
 * stay ids, states and roles are named in the language, an unknown sentence gives its code's one.
 */
export function refusalSentence(message: string, code: string | undefined, lang: 'zh' | 'en'): string {
  const words: Words = lang === 'zh' ? zhCN : en;
  const pick = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
  const parsed = parseRefusal(message);
  if (!parsed) return pick(words.refusalCode, code ?? 'other') ?? words.refusalCode.other;
  const params: Record<string, string> = {};
  for (const { field, value } of parsed.fields) {
    const named = field === 'incidentStatus' ? pick(words.incidentStatus, value)
      : field === 'unitStatus' ? pick(words.unitStatus, value)
      : field === 'role' ? pick(words.roleName, value)
      : field === 'command' ? pick(words.commandName, value)
      : field === 'action' ? (value.startsWith('command ') ? pick(words.commandName, value.slice(8)) : pick(words.actionName, value) ?? words.actionName.other)
      : undefined;
    params[paramName(field)] = named ?? value;
  }
  return fill(pick(words.refusal, parsed.key) ?? message, params, lang);
}

/** A command type's name in `lang` ("结案" for CLOSE_INCIDENT), the type itself when unnamed. */
export function commandName(type: string, lang: 'zh' | 'en'): string {
  const table: Record<string, string> = (lang === 'zh' ? zhCN : en).commandName;
  return Object.hasOwn(table, type) ? table[type]! : type;
}
