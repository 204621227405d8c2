// Statistics with server-rendered SVG charts: no chart library, nothing to download.
import type { Translate } from "../../i18n/i18n.js";
import type { Statistics } from "../../domain/reports/statistics.js";

const COLORS = ["#1f3a5f", "#c62828", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#546e7a", "#9e9d24"];
const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

function WeeklyChart({ t, stats }: { t: Translate; stats: Statistics }) {
  const categories = [...new Set(Object.values(stats.byWeekCategory).flatMap((c) => Object.keys(c)))].sort();
  const max = Math.max(1, ...stats.weeks.map((w) => Object.values(stats.byWeekCategory[w] ?? {}).reduce((a, b) => a + b, 0)));
  const width = 640;
  const height = 220;
  const bar = stats.weeks.length ? Math.min(48, (width - 40) / stats.weeks.length - 6) : 0;
  return (
    <svg width={width} height={height + 40} role="img" aria-label={t("console:stats_by_week")}>
      {stats.weeks.map((week, i) => {
        let y = height;
        const x = 40 + i * (bar + 6);
        return (
          <g>
            {categories.map((c, ci) => {
              const n = stats.byWeekCategory[week]?.[c] ?? 0;
              const h = (n / max) * (height - 10);
              y -= h;
              return n ? (
                <rect x={x} y={y} width={bar} height={h} fill={COLORS[ci % COLORS.length]}>
                  <title>{`${week} · ${t(`report:cat_${c}`)}: ${n}`}</title>
                </rect>
              ) : null;
            })}
            <text x={x} y={height + 14}>
              {week.slice(5)}
            </text>
          </g>
        );
      })}
      <text x={0} y={12}>
        {max}
      </text>
      {categories.map((c, ci) => (
        <g>
          <rect x={40 + (ci % 5) * 120} y={height + 22 + Math.floor(ci / 5) * 0} width={10} height={10} fill={COLORS[ci % COLORS.length]} />
          <text x={54 + (ci % 5) * 120} y={height + 31}>
            {t(`report:cat_${c}`).slice(0, 16)}
          </text>
        </g>
      ))}
    </svg>
  );
}

function RegionBars({ t, stats }: { t: Translate; stats: Statistics }) {
  const max = Math.max(1, ...stats.byRegion.map((r) => r.total));
  const row = 22;
  return (
    <svg width={640} height={Math.max(row, stats.byRegion.length * row) + 4} role="img" aria-label={t("console:stats_by_region")}>
      {stats.byRegion.map((r, i) => (
        <g>
          <text x={0} y={i * row + 15}>
            {r.region === "unknown" ? t("console:none") : t(`report:regions.${r.region}`)}
          </text>
          <rect x={180} y={i * row + 4} width={(r.total / max) * 400} height={14} fill="#1f3a5f">
            <title>{`${r.total}`}</title>
          </rect>
          <rect x={180} y={i * row + 4} width={(r.urgent / max) * 400} height={14} fill="#c62828" />
          <text x={186 + (r.total / max) * 400} y={i * row + 15}>
            {r.total}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function StatsPage({ t, stats }: { t: Translate; stats: Statistics }) {
  return (
    <>
      <h1>{t("console:stats_title")}</h1>
      <div class="counts">
        <span>
          {t("console:stats_total")}: <strong id="stat-total">{stats.total}</strong>
        </span>
        <span>
          {t("console:stats_urgent_share")}: <strong>{pct(stats.urgentShare)}</strong>
        </span>
        <span>
          {t("console:stats_median")}: <strong>{stats.medianFirstResponseHours === null ? "—" : t("console:hours", { value: stats.medianFirstResponseHours.toFixed(1) })}</strong>
        </span>
        <span>
          {t("console:stats_within_sla")}: <strong>{pct(stats.withinSlaShare)}</strong>
        </span>
        <a href="/console/stats.csv">{t("console:stats_csv")}</a>
      </div>
      <section class="card">
        <h2>{t("console:stats_by_week")}</h2>
        <WeeklyChart t={t} stats={stats} />
      </section>
      <section class="card">
        <h2>{t("console:stats_by_region")}</h2>
        <RegionBars t={t} stats={stats} />
        <table id="region-table">
          <thead>
            <tr>
              <th>{t("console:region")}</th>
              <th>{t("console:stats_reports")}</th>
              <th>{t("console:stats_open")}</th>
              <th>{t("console:stats_overdue")}</th>
              <th>{t("console:priority_URGENT")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byRegion.map((r) => (
              <tr>
                <td>{r.region === "unknown" ? t("console:none") : t(`report:regions.${r.region}`)}</td>
                <td>{r.total}</td>
                <td>{r.open}</td>
                <td>{r.overdue}</td>
                <td>{r.urgent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t("console:stats_quiz")}</h2>
        <table>
          <thead>
            <tr>
              <th>{t("console:region")}</th>
              <th>{t("console:stats_quiz_results")}</th>
              <th>{t("console:stats_rights")}</th>
              <th>{t("console:stats_responsibilities")}</th>
              <th>{t("console:stats_satisfaction")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.quiz.map((q) => (
              <tr>
                <td>{q.region ? t(`report:regions.${q.region}`) : t("console:none")}</td>
                <td>{q.results}</td>
                <td>{pct(q.rightsAwareness)}</td>
                <td>{pct(q.responsibilitiesAwareness)}</td>
                <td>{pct(q.satisfaction)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
