// Statistics as HTML charts (no chart library, nothing to download): bars that scale to a phone,
// full labels that wrap instead of being cut, a legend for every colour, times in minutes or
// hours as fits, and two CSV files.
import type { Translate } from "../../i18n/i18n.js";
import type { Statistics } from "../../domain/reports/statistics.js";
import { useClock } from "../clock.js";

// Distinct hues for categories, none of them the red that means "urgent" everywhere in the console.
const COLORS = ["#1f3a5f", "#00838f", "#6a1b9a", "#2e7d32", "#b45309", "#ad1457", "#5d4037", "#546e7a", "#827717", "#3949ab"];
const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

function Legend({ items }: { items: { color: string; label: string }[] }) {
  return (
    <ul class="legend">
      {items.map((i) => (
        <li>
          <span class="swatch" style={`background:${i.color}`} aria-hidden="true"></span>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function WeeklyChart({ t, stats }: { t: Translate; stats: Statistics }) {
  const clock = useClock();
  if (stats.weeks.length === 0) return <p class="muted">{t("console:stats_empty")}</p>;
  const categories = [...new Set(Object.values(stats.byWeekCategory).flatMap((c) => Object.keys(c)))].sort();
  const color = (c: string) => COLORS[categories.indexOf(c) % COLORS.length]!;
  const total = (week: string) => Object.values(stats.byWeekCategory[week] ?? {}).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...stats.weeks.map(total));
  // Weeks start on Monday, as dates (the zone was applied when they were counted).
  const day = new Intl.DateTimeFormat(clock.lang, { day: "numeric", month: "short", timeZone: "UTC" });
  const label = (week: string) => day.format(new Date(`${week}T00:00:00Z`));
  return (
    <>
      <div class="chart-weeks" role="img" aria-label={t("console:stats_by_week")}>
        {stats.weeks.map((week) => (
          <div class="week" title={`${t("console:stats_week_of", { date: label(week) })}: ${total(week)}`}>
            <span class="total">{total(week)}</span>
            <div class="stack" style={`height:${(total(week) / max) * 100}%`}>
              {categories.map((c) => {
                const n = stats.byWeekCategory[week]?.[c] ?? 0;
                return n ? <span style={`flex:${n} 1 0;background:${color(c)}`} title={`${t(`report:cat_${c}`)}: ${n}`}></span> : null;
              })}
            </div>
          </div>
        ))}
      </div>
      <div class="chart-axis" aria-hidden="true">
        {stats.weeks.map((week) => (
          <span>{label(week)}</span>
        ))}
      </div>
      <Legend items={categories.map((c) => ({ color: color(c), label: t(`report:cat_${c}`) }))} />
    </>
  );
}

function RegionBars({ t, stats }: { t: Translate; stats: Statistics }) {
  const max = Math.max(1, ...stats.byRegion.map((r) => r.total));
  return (
    <>
      <Legend
        items={[
          { color: "#1f3a5f", label: t("console:stats_legend_all") },
          { color: "#c62828", label: t("console:stats_legend_urgent") },
        ]}
      />
      <div class="bars" role="img" aria-label={t("console:stats_by_region")}>
        {stats.byRegion.map((r) => (
          <>
            <span>{r.region === "unknown" ? t("console:stats_region_unknown") : t(`report:regions.${r.region}`)}</span>
            <span class="bar-row">
              <span class="bar">
                <span class="all" style={`width:${(r.total / max) * 100}%`}></span>
                <span class="urgent" style={`width:${(r.urgent / max) * 100}%`}></span>
              </span>
              <span class="value">
                {r.total}
                {r.urgent ? ` (${r.urgent})` : ""}
              </span>
            </span>
          </>
        ))}
      </div>
    </>
  );
}

export function StatsPage({ t, stats }: { t: Translate; stats: Statistics }) {
  const clock = useClock();
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
          {t("console:stats_median")}:{" "}
          <strong id="stat-median">
            {stats.medianFirstResponseHours === null ? "—" : clock.duration(stats.medianFirstResponseHours * 3_600_000)}
          </strong>
        </span>
        <span>
          {t("console:stats_within_sla")}: <strong>{pct(stats.withinSlaShare)}</strong>
        </span>
      </div>
      <p>
        <a href="/console/stats-detail.csv">{t("console:stats_csv_detail")}</a>
        <br />
        <a href="/console/stats.csv">{t("console:stats_csv_regions")}</a>
      </p>
      <section class="card">
        <h2>{t("console:stats_by_week")}</h2>
        <WeeklyChart t={t} stats={stats} />
      </section>
      <section class="card">
        <h2>{t("console:stats_by_region")}</h2>
        <RegionBars t={t} stats={stats} />
        <div class="table-scroll">
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
                  <td>{r.region === "unknown" ? t("console:stats_region_unknown") : t(`report:regions.${r.region}`)}</td>
                  <td>{r.total}</td>
                  <td>{r.open}</td>
                  <td>{r.overdue}</td>
                  <td>{r.urgent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card">
        <h2>{t("console:stats_quiz")}</h2>
        <div class="table-scroll">
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
                  <td>{q.region ? t(`report:regions.${q.region}`) : t("console:stats_region_unknown")}</td>
                  <td>{q.results}</td>
                  <td>{pct(q.rightsAwareness)}</td>
                  <td>{pct(q.responsibilitiesAwareness)}</td>
                  <td>{pct(q.satisfaction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
