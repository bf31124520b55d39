// One entry point for every report format: html (self-contained page), pdf (that page printed on
// A4 by chromium), csv (incidents or unit timelines) and json (the report model itself).
import type { ReportLang } from '../../shared/charts/chart-types.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import type { ReportModel } from './report-model.ts';
import { renderReportCharts } from './report-charts.ts';
import { renderReportHtml } from './report-html.ts';
import { htmlToPdf } from './report-pdf.ts';
import { incidentsCsv, unitTimelinesCsv } from './report-csv.ts';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const CSV_TABLES = ['incidents', 'units'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function reportHtml(model: ReportModel, map: RegionMap | undefined, lang: ReportLang): string {
  return renderReportHtml(model, renderReportCharts(model, map, lang), lang);
}

export async function renderReport(model: ReportModel, map: RegionMap | undefined, opts: { format: ReportFormat; lang: ReportLang; table?: CsvTable }): Promise<string | Buffer> {
  switch (opts.format) {
    case 'html': return reportHtml(model, map, opts.lang);
    case 'pdf': return htmlToPdf(reportHtml(model, map, opts.lang));
    case 'csv': return opts.table === 'units' ? unitTimelinesCsv(model) : incidentsCsv(model);
    case 'json': return `${JSON.stringify(model, null, 2)}\n`;
  }
}
