// A refused command in the board's language. The engine and the gateway refuse with a code and an
// English sentence in fixed wording (server/engine/command-handlers.ts, shared/roles.ts); each known
// sentence is read back into a translation key with its ids and states, which are shown as names
// (unit callsigns, station names, status words). An unknown sentence falls back to its code's
// sentence, with the original kept for the tooltip.
import type { TFunction } from 'i18next';

interface Pattern { re: RegExp; key: string; fields: string[] }

const P = (re: RegExp, key: string, ...fields: string[]): Pattern => ({ re, key, fields });

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
  P(/^an? (\w+) may not (.+)$/, 'roleMayNot', 'role', 'action'),
];

export interface RefusalNames {
  unit(id: string): string;
  station(id: string): string;
}

/** The refusal as one sentence in the UI language. */
export function refusalText(message: string, code: string | undefined, t: TFunction, names: RefusalNames): string {
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (!m) continue;
    const params: Record<string, string> = {};
    p.fields.forEach((f, i) => {
      const v = m[i + 1] ?? '';
      if (f === 'unit') params.unit = names.unit(v);
      else if (f === 'station') params.station = names.station(v);
      else if (f === 'incidentStatus') params.status = t(`incidentStatus.${v}`, { defaultValue: v });
      else if (f === 'unitStatus') params.status = t(`unitStatus.${v}`, { defaultValue: v });
      else if (f === 'role') params.role = t(`roleName.${v}`, { defaultValue: v });
      else if (f === 'mode') params.mode = t(`console.${v}`, { defaultValue: v });
      else if (f === 'injectStatus') params.status = t(`console.${v}`, { defaultValue: v });
      else if (f === 'command') params.command = t(`commandName.${v}`, { defaultValue: v });
      else if (f === 'action') {
        params.action = v.startsWith('command ') ? t(`commandName.${v.slice(8)}`, { defaultValue: v.slice(8) })
          : v.startsWith('control ') ? t(`console.${v.slice(8)}`, { defaultValue: v.slice(8) })
          : t(`actionName.${v}`, { defaultValue: t('actionName.other') });
      }
      else params[f] = v;
    });
    return t(`refusal.${p.key}`, params);
  }
  return t(`refusalCode.${code ?? 'other'}`, { defaultValue: t('refusalCode.other') });
}
