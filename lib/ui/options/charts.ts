/**
 * Chart.js, with only the pieces the reports use registered (bars, their two
 * axes, legend and tooltip). Imported dynamically by the reports section when
 * it comes on screen, so no other page and no other section loads it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { formatNumber } from '../i18n';
import type { ChartSpec } from './chart-spec';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface DrawnChart {
  update(spec: ChartSpec): void;
  destroy(): void;
}

function config(spec: ChartSpec) {
  const value = (v: number | string) => (spec.percent ? `${formatNumber(Number(v))} %` : formatNumber(Number(v)));
  const valueAxis = { stacked: spec.stacked, beginAtZero: true, ticks: { callback: value, precision: spec.percent ? undefined : 0 } };
  const categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: true, maxRotation: 0 } };
  return {
    type: 'bar' as const,
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: d.color, borderWidth: 0, maxBarThickness: 28 })),
    },
    options: {
      // Charts show at once: no animation to wait for, nothing moving for those who prefer it still.
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? ('y' as const) : ('x' as const),
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: spec.datasets.length > 1, position: 'bottom' as const, labels: { boxWidth: 10 } },
        tooltip: { callbacks: { label: (c: { dataset: { label?: string }; raw: unknown }) => `${c.dataset.label ?? ''}: ${value(c.raw as number)}` } },
      },
    },
  };
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): DrawnChart {
  const chart = new Chart(canvas, config(spec));
  return {
    update(next) {
      const c = config(next);
      chart.data = c.data;
      chart.options = c.options as typeof chart.options;
      chart.update('none');
    },
    destroy: () => chart.destroy(),
  };
}
