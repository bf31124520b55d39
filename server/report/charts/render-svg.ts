// Renders a debrief chart's ECharts option to an SVG string on the server (ECharts' server-side
// rendering: no DOM, no canvas). The same option objects draw the charts on the board.
// ECharts is required on the first chart, as its one-file build: its ES modules take about a second to
// load, which every CLI command and the server's start would pay although most never draw a chart.
import { createRequire } from 'node:module';
import type * as EChartsLib from 'echarts';
import type { ChartOption } from '../../../shared/charts/chart-types.ts';

type ECharts = typeof EChartsLib;
let echartsLib: ECharts | undefined;
const echarts = (): ECharts => (echartsLib ??= createRequire(import.meta.url)('echarts') as ECharts);

export interface ChartSize { width: number; height: number }

export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option as EChartsLib.EChartsCoreOption);
    // The hover styles ECharts adds (a CDATA <style> block) mean nothing on paper, and HTML parsers
    // other than browsers' stop at CDATA inside inline SVG: left out.
    return chart.renderToSVGString().replace(/<style\b[^>]*><!\[CDATA\[[\s\S]*?\]\]>\s*<\/style>/g, '');
  } finally {
    chart.dispose();
  }
}
