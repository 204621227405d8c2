// Styles for phone-sized screens and for the statistics page's charts and legends, added to the
// console's stylesheet. On a phone (390 px wide) nothing scrolls sideways: the queue becomes a
// list of cards (each cell labelled from data-label), the case page one column, wide tables
// scroll inside their own box.
export const layoutCss = `
.grid > div { min-width: 0; }
.msg, blockquote, td { overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; max-width: 100%; }
img, svg, select, input, textarea { max-width: 100%; }

/* statistics */
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; margin: 8px 0 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; flex: none; }
.chart-weeks { display: flex; align-items: flex-end; gap: 4px; height: 220px; padding-top: 18px; border-bottom: 1px solid #98a2b3; }
.chart-weeks .week { flex: 1 1 0; min-width: 0; max-width: 64px; height: 100%; display: flex; flex-direction: column; justify-content: flex-end; align-items: stretch; position: relative; }
.chart-weeks .stack { display: flex; flex-direction: column-reverse; gap: 1px; }
.chart-weeks .stack span { display: block; min-height: 2px; }
.chart-weeks .total { text-align: center; font-size: 11px; }
.chart-axis { display: flex; gap: 4px; }
.chart-axis span { flex: 1 1 0; min-width: 0; max-width: 64px; text-align: center; font-size: 11px; color: #475467; }
.bars { display: grid; grid-template-columns: minmax(7em, max-content) 1fr; gap: 6px 10px; align-items: center; }
.bars .bar { position: relative; height: 16px; background: #eef1f5; border-radius: 3px; }
.bars .bar span { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; }
.bars .bar .all { background: #1f3a5f; }
.bars .bar .urgent { background: #c62828; }
.bars .value { font-size: 12px; white-space: nowrap; }
.bars .bar-row { display: flex; align-items: center; gap: 8px; }
.bars .bar-row .bar { flex: 1; }

@media (max-width: 900px) {
  .grid { grid-template-columns: 1fr; }
}

@media (max-width: 700px) {
  header { padding: 8px 12px; gap: 6px 12px; }
  header nav { display: flex; flex-wrap: wrap; gap: 4px 12px; }
  header nav a { margin-right: 0; }
  main { padding: 12px; }
  h1 { font-size: 22px; }
  .filters label { flex: 1 1 40%; }
  .filters select { width: 100%; }
  /* The queue as cards: one per case, each value with its column's name. */
  table.queue thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.queue, table.queue tbody, table.queue tr, table.queue td { display: block; width: 100%; }
  table.queue { background: none; }
  table.queue tr { background: #fff; border: 1px solid #d0d5dd; border-radius: 8px; margin-bottom: 10px; padding: 6px 10px; }
  table.queue tr.overdue { background: #fff3f3; }
  table.queue tr.URGENT { border-left: 6px solid #c62828; }
  table.queue tr.HIGH { border-left: 6px solid #b45309; }
  table.queue tr td:first-child { border-left: 0; }
  table.queue td { border: 0; padding: 2px 0; }
  table.queue td[data-label]::before { content: attr(data-label) ": "; color: #475467; font-size: 12px; }
  table.queue td:first-child::before { content: none; }
  table.queue td:first-child { font-size: 16px; font-weight: 600; }
  .card { padding: 10px 12px; }
  .card table th, .card table td { padding: 4px 6px; }
  textarea { min-height: 100px; }
  .chart-axis span:nth-child(even) { visibility: hidden; }
}
`;
