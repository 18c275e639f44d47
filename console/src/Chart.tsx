import type { MetricSeries, MetricSeriesName } from '@bindery/shared/api/admin-metrics'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

const COLORS = ['#4f8cff', '#f0a830', '#3fbf7f', '#e5534b']

/** One uPlot line chart of some of the stored series (columnar: `at` and one array per series). */
export function Chart({
  title,
  data,
  series,
  unit,
}: {
  title: string
  data: MetricSeries
  series: { name: MetricSeriesName; label: string }[]
  unit?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const plot = new uPlot(
      {
        width: el.clientWidth || 420,
        height: 160,
        legend: { show: true },
        axes: [
          { stroke: '#9aa4b2', grid: { stroke: '#2a3140' } },
          {
            stroke: '#9aa4b2',
            grid: { stroke: '#2a3140' },
            size: 50,
            values: (_u, v) => v.map((n) => `${n}${unit ?? ''}`),
          },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length],
            width: 1.5,
            spanGaps: false,
          })),
        ],
      },
      [data.at, ...series.map((s) => (data.series[s.name] ?? []) as (number | null)[])] as uPlot.AlignedData,
      el,
    )
    return () => plot.destroy()
  }, [data, series, unit])
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {data.at.length ? <div ref={box} /> : <p className="muted">No samples in the last 24 h yet.</p>}
    </figure>
  )
}
