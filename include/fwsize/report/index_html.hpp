// index_html — the report's front page, self-contained (inline CSS, no script, no network; plots
// are the SVG files beside it, referenced relatively): what is predicted in plain words, the
// headline numbers, the sizing table, the plots, diagnostics verdict, warnings and settings.
#pragma once

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/report/detail/number_format.hpp>
#include <fwsize/report/detail/quantity_text.hpp>
#include <fwsize/report/detail/svg.hpp>
#include <fwsize/report/report_rows.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {

/// A plot written beside index.html: its section ("predictive", "ppc", "holding", "occupancy"),
/// relative file name and caption.
struct plot_ref {
    std::string section, file, caption;
};

namespace detail {

inline std::string h(std::string_view s) {
    return xml_escape(s);
}
inline std::string num(double v) {
    return short_number(v, 4);
}

/// A table value; "≥ " when it is only a lower bound (sizing_row::at_least: beyond a PMF window).
inline std::string at_least_num(const predict::sizing_row& r, const char* column, double v) {
    return (r.is_at_least(column) ? "≥&nbsp;" : "") + num(v); // kept on one line with its number
}
inline std::string at_least_interval(const predict::sizing_row& r, const char* m, const char* lo, const char* hi,
                                     double vm, double vlo, double vhi) {
    return at_least_num(r, m, vm) + " <span class=\"ci\">[" + at_least_num(r, lo, vlo) + "–" +
           at_least_num(r, hi, vhi) + "]</span>";
}

inline void html_plots(std::ostringstream& o, const std::vector<plot_ref>& plots, const std::string& section) {
    for (const auto& p : plots) {
        if (p.section != section) continue;
        o << "<figure><a href=\"" << h(p.file) << "\"><img src=\"" << h(p.file) << "\" alt=\"" << h(p.caption)
          << "\"></a><figcaption>" << h(p.caption) << "</figcaption></figure>\n";
    }
}

inline void html_rows_table(std::ostringstream& o, const std::vector<predict::sizing_row>& rows) {
    o << "<table><thead><tr><th rowspan=2>quantity</th><th rowspan=2>users N</th>"
         "<th colspan=5>pooled predictive</th><th colspan=3>per-draw quantile: posterior median [90 % CrI]</th></tr>"
         "<tr><th>mean</th><th>p50</th><th>p95</th><th>p99</th><th>p99.9</th><th>p95</th><th>p99</th>"
         "<th>busy-hour peak</th></tr></thead><tbody>\n";
    bool any_at_least = false;
    for (const auto& r : rows) {
        const auto at = [&](const char* column, double v) { return at_least_num(r, column, v); };
        const auto ci = [&](const char* m, const char* lo, const char* hi, double vm, double vlo, double vhi) {
            return at_least_interval(r, m, lo, hi, vm, vlo, vhi);
        };
        any_at_least = any_at_least || !r.at_least.empty();
        o << "<tr><td>" << h(describe_quantity(r.quantity).title) << "</td><td>" << r.users << "</td><td>"
          << at("pooled_mean", r.pooled_mean) << "</td><td>" << at("pooled_p50", r.pooled_p50) << "</td><td>"
          << at("pooled_p95", r.pooled_p95) << "</td><td>" << at("pooled_p99", r.pooled_p99) << "</td><td>"
          << at("pooled_p999", r.pooled_p999) << "</td><td>"
          << ci("p95_median", "p95_lo", "p95_hi", r.p95_median, r.p95_lo, r.p95_hi) << "</td><td>"
          << ci("p99_median", "p99_lo", "p99_hi", r.p99_median, r.p99_lo, r.p99_hi) << "</td><td>"
          << ci("peak_hour_median", "peak_hour_lo", "peak_hour_hi", r.peak_hour_median, r.peak_hour_lo, r.peak_hour_hi)
          << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
    if (any_at_least)
        o << "<p>“≥ x” means at least x: the prediction reaches beyond the window its distribution was computed "
             "on (simulated users dropped for their size, or mass beyond the PMF window; see the warnings); a "
             "mean marked so counts only the mass inside the window (log lines and concurrent sessions have "
             "closed-form means and are never marked). Values without “≥” are exact.</p>\n";
}

inline const char* html_style() {
    return "body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;"
           "line-height:1.45}h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.8em}"
           "table{border-collapse:collapse;margin:.6em 0;font-size:.92em}td,th{border:1px solid #ccc;padding:.25em "
           ".55em;"
           "text-align:right}th{background:#f3f3f3}thead "
           "th{text-align:center}td:first-child{text-align:left}.ci{color:#666;font-size:.9em}"
           ".ok{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}.banner{padding:.6em 1em;"
           "border-radius:4px;margin:1em 0}.banner.fail{background:#fdecea;border:1px solid #c62828}.banner.ok{"
           "background:#e8f5e9;border:1px solid #1a7f37}.warn li{margin:.3em 0}figure{margin:1em 0}figure img{"
           "max-width:100%;border:1px solid #ddd}figcaption{color:#555;font-size:.9em}.headline li{margin:.3em 0}"
           "code{background:#f3f3f3;padding:0 .2em}";
}

} // namespace detail

inline std::string index_html(const sizing_report& r, const std::vector<plot_ref>& plots) {
    using namespace detail;
    const auto rows = report_rows(r);
    const auto& s = r.settings;
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>fwsize sizing report</title><style>"
      << html_style() << "</style></head><body>\n<h1>Firewall sizing report</h1>\n";

    // What is predicted, in plain words.
    std::string users;
    for (std::size_t i = 0; i < s.users.size(); ++i) users += (i ? ", " : "") + std::to_string(s.users[i]);
    o << "<h2 id=\"what\">What is predicted</h2>\n<p>From packet captures of " << s.machines << " ordinary workstation"
      << (s.machines == 1 ? "" : "s") << ", this report predicts the load an office of N users"
      << (users.empty() ? "" : " (N = " + users + ")") << " puts on a firewall (timer profile <code>"
      << h(s.timer_profile.empty() ? "unknown" : s.timer_profile) << "</code>):</p><ul>\n";
    for (const char* q : {"new_per_second", "log_lines_per_minute", "concurrent_sessions"}) {
        const auto t = describe_quantity(q);
        o << "<li><b>" << h(t.title) << "</b>: " << h(t.meaning) << ".</li>\n";
    }
    o << "</ul><p>Each is a probability distribution over a random "
      << "second, minute or instant of a working office "
         "in steady state, and it includes the uncertainty of the fitted models. The <i>pooled</i> columns are "
         "quantiles of that whole predictive distribution. The <i>per-draw</i> columns compute the quantile "
         "separately for each posterior draw and give its posterior median with a 90 % credible interval [lo–hi]: "
         "how sure we are about that quantile. The <i>busy-hour peak</i> is the level reached in one second "
         "(one minute) of an hour: the busiest second of a typical busy hour. Size for a per-draw upper bound "
         "(hi) when the cost of running short is high.</p>\n";

    // Headline: the largest N.
    if (!rows.empty()) {
        std::int64_t nmax = 0;
        for (const auto& row : rows) nmax = std::max(nmax, row.users);
        o << "<ul class=\"headline\">\n";
        for (const auto& row : rows) {
            if (row.users != nmax) continue;
            const auto t = describe_quantity(row.quantity);
            const auto at = [&](const char* column, double v) { return at_least_num(row, column, v); };
            o << "<li>For <b>" << nmax << " users</b>, " << h(t.title) << ": 99 % of " << t.periods
              << " stay at or below <b>" << at("p99_median", row.p99_median) << "</b> (90 % CrI "
              << at("p99_lo", row.p99_lo) << "–" << at("p99_hi", row.p99_hi) << ")";
            if (t.peak_share > 0)
                o << "; the busy-hour peak reaches <b>" << at("peak_hour_median", row.peak_hour_median)
                  << "</b> (90 % CrI " << at("peak_hour_lo", row.peak_hour_lo) << "–"
                  << at("peak_hour_hi", row.peak_hour_hi) << ")";
            o << "; mean " << at("pooled_mean", row.pooled_mean) << ".</li>\n";
        }
        o << "</ul>\n";
    }

    bool all_ok = true;
    for (const auto& d : r.diagnostics) all_ok = all_ok && d.ok;
    if (!r.diagnostics.empty())
        o << "<div class=\"banner " << (all_ok ? "ok" : "fail") << "\">Convergence diagnostics: "
          << (all_ok ? "<span class=\"ok\">PASS</span> for every fitted model."
                     : "<span class=\"fail\">FAIL</span> for at least one model: its predictions are not trustworthy "
                       "(see <a href=\"#diagnostics\">Diagnostics</a>).")
          << "</div>\n";
    if (!r.warnings.empty())
        o << "<p class=\"fail\">" << r.warnings.size() << " warning" << (r.warnings.size() == 1 ? "" : "s")
          << ": see <a href=\"#warnings\">Warnings</a>.</p>\n";

    o << "<h2 id=\"table\">Sizing table</h2>\n<p>Also as <a href=\"sizing.csv\">sizing.csv</a>, "
         "<a href=\"sizing.md\">sizing.md</a> and <a href=\"sizing.json\">sizing.json</a> (exact numbers).</p>\n";
    if (rows.empty()) o << "<p>Not computed.</p>\n";
    else html_rows_table(o, rows);

    o << "<h2 id=\"predictive\">Predictive distributions</h2>\n<p>How often an office of N users exceeds a level "
         "x. Read a sizing level off where a curve crosses the share of time you accept being above it.</p>\n";
    html_plots(o, plots, "predictive");

    if (!r.shocks.empty()) {
        o << "<h2 id=\"shocks\">Office-wide shocks</h2>\n<p>Users of one office share shocks (9:00 log-ons, update "
             "waves). Separate captures cannot measure this, so ρ, the share of the minute-to-minute variation common "
             "to all users, is a scenario. The main table uses ρ = "
          << num(s.rho) << ". New sessions per second under other values:</p>\n";
        o << "<table><thead><tr><th>ρ</th><th>users N</th><th>pooled p99</th><th>p99 [90 % CrI]</th>"
             "<th>busy-hour peak [90 % CrI]</th></tr></thead><tbody>\n";
        for (const auto& sc : r.shocks)
            for (const auto& row : sc.prediction.rows)
                o << "<tr><td>" << num(sc.rho) << "</td><td>" << row.users << "</td><td>"
                  << at_least_num(row, "pooled_p99", row.pooled_p99) << "</td><td>"
                  << at_least_interval(row, "p99_median", "p99_lo", "p99_hi", row.p99_median, row.p99_lo, row.p99_hi)
                  << "</td><td>"
                  << at_least_interval(row, "peak_hour_median", "peak_hour_lo", "peak_hour_hi", row.peak_hour_median,
                                       row.peak_hour_lo, row.peak_hour_hi)
                  << "</td></tr>\n";
        o << "</tbody></table>\n";
    }

    o << "<h2 id=\"diagnostics\">Diagnostics</h2>\n";
    if (r.diagnostics.empty()) o << "<p>Not computed.</p>\n";
    else {
        o << "<p>Criteria: rank-normalised R-hat ≤ 1.01, bulk and tail ESS ≥ 400, no divergent transitions, "
             "E-BFMI ≥ 0.3.</p><table><thead><tr><th>model</th><th>verdict</th><th>max R-hat</th><th>min bulk ESS</th>"
             "<th>min tail ESS</th><th>divergences</th><th>failed criteria</th></tr></thead><tbody>\n";
        for (const auto& d : r.diagnostics) {
            std::string fails;
            for (const auto& f : d.failures) fails += (fails.empty() ? "" : "<br>") + h(f);
            for (const auto& n : d.notes) fails += (fails.empty() ? "" : "<br>") + ("<i>" + h(n) + "</i>");
            o << "<tr><td>" << h(d.model) << "</td><td class=\"" << (d.ok ? "ok\">PASS" : "fail\">FAIL") << "</td><td>"
              << num(d.rhat_max) << "</td><td>" << num(d.ess_bulk_min) << "</td><td>" << num(d.ess_tail_min)
              << "</td><td>" << d.divergences << "</td><td style=\"text-align:left\">" << fails << "</td></tr>\n";
        }
        o << "</tbody></table>\n";
    }

    o << "<h2 id=\"warnings\">Warnings</h2>\n";
    if (r.warnings.empty()) o << "<p>None.</p>\n";
    else {
        o << "<ul class=\"warn\">\n";
        for (const auto& w : r.warnings) o << "<li>" << h(w) << "</li>\n";
        o << "</ul>\n";
    }

    o << "<h2 id=\"ppc\">Posterior predictive checks</h2>\n<p>Each machine's capture replicated from the fitted "
         "model: the observed statistics should mostly fall inside their predictive intervals.</p>\n";
    html_plots(o, plots, "ppc");
    if (r.ppc.empty()) o << "<p>Not computed.</p>\n";

    o << "<h2 id=\"holding\">Session durations</h2>\n";
    html_plots(o, plots, "holding");
    if (r.holding_times.empty()) o << "<p>Not computed.</p>\n";

    o << "<h2 id=\"occupancy\">Session-table occupancy</h2>\n";
    if (r.little.computed)
        o << "<p>Little's law check for one user: arrival rate " << num(r.little.arrival_rate_per_second)
          << " sessions/s × mean holding time " << num(r.little.mean_holding_s)
          << " s = " << num(r.little.little_occupancy) << " sessions; simulated mean occupancy "
          << num(r.little.simulated_occupancy) << " ± " << num(r.little.simulated_se) << " (s.e.).</p>\n";
    html_plots(o, plots, "occupancy");
    if (r.occupancy.empty()) o << "<p>Not computed.</p>\n";

    o << "<h2 id=\"settings\">Settings</h2>\n<table><tbody>\n";
    auto setting = [&](const std::string& k, const std::string& v) {
        o << "<tr><td>" << h(k) << "</td><td style=\"text-align:left\">" << h(v) << "</td></tr>\n";
    };
    setting("machines (K)", std::to_string(s.machines));
    setting("timer profile", s.timer_profile);
    setting("users N", users);
    setting("seed", std::to_string(s.seed));
    setting("office-wide shock share ρ", exact_number(s.rho));
    setting("event rule set", s.rule_set);
    setting("posterior draws used", std::to_string(s.posterior_draws));
    if (!s.command_line.empty()) setting("command", s.command_line);
    if (!s.generated_utc.empty()) setting("generated (UTC)", s.generated_utc);
    o << "</tbody></table>\n";
    if (!s.captures.empty()) {
        o << "<table><thead><tr><th>capture</th><th>machine</th><th>duration (s)</th><th>packets</th>"
             "<th>sessions</th></tr></thead><tbody>\n";
        for (const auto& c : s.captures)
            o << "<tr><td>" << h(c.path) << "</td><td>" << h(c.machine) << "</td><td>" << num(c.duration_s)
              << "</td><td>" << c.packets << "</td><td>" << c.sessions << "</td></tr>\n";
        o << "</tbody></table>\n";
    }
    o << "<p style=\"color:#777;font-size:.85em\">Written by fwsize. Every plot is an SVG file beside this page.</p>\n"
         "</body></html>\n";
    return o.str();
}

} // namespace v0
} // namespace fwsize::report
