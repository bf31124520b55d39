// What the debrief charts are drawn from, and the language they speak. The option builders in this
// folder are plain ECharts options (no ECharts import, no functions that do I/O), so the server renders
// them to SVG for the printable report and the board can render the very same options live.
export type ReportLang = 'zh' | 'en';

/** A vertical line on a time axis: a response-time target. */
export interface TargetLine {
  id: string;
  minutes: number;
  zh: string;
  en: string;
  /** Where the figure comes from (shown in the report's notes). */
  source: string;
}

/** A target's time as people write it: "5 min", "5 min 20 s" (NFPA 1710's 320 s), "5分20秒". */
export function formatTargetMinutes(minutes: number, lang: ReportLang): string {
  const total = Math.round(minutes * 60);
  const [m, s] = [Math.floor(total / 60), total % 60];
  if (lang === 'zh') return s === 0 ? `${m} 分钟` : `${m} 分 ${s} 秒`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** An ECharts option object (kept structural so shared/ needs no ECharts types). */
export type ChartOption = Record<string, unknown>;

// Single quotes: ECharts writes the family into an SVG style attribute that is itself double-quoted.
export const CHART_FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export const pick = (lang: ReportLang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
