// Renders a debrief chart's ECharts option to an SVG string on the server (ECharts' server-side
// rendering: no DOM, no canvas). The same option objects draw the charts on the board.
import * as echarts from 'echarts';
import type { ChartOption } from '../../../shared/charts/chart-types.ts';

export interface ChartSize { width: number; height: number }

export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option as echarts.EChartsCoreOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
