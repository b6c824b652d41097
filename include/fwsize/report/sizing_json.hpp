// sizing_json — the report's numbers as JSON (sizing.json): the sizing table as objects keyed by
// sizing_columns, plus settings, the office-shock sensitivity, prediction details (draws,
// neglected mass), Little's law, diagnostics and warnings. nlohmann/json writes doubles in their
// shortest round-trip form; non-finite numbers become null.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/report/report_rows.hpp>
#include <fwsize/report/sizing_columns.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {

inline nlohmann::json sizing_rows_json(std::span<const predict::sizing_row> rows) {
    auto a = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json o;
        o["quantity"] = r.quantity;
        o["users"] = r.users;
        for (std::size_t i = 2; i < sizing_columns.size(); ++i) o[std::string(sizing_columns[i])] = sizing_value(r, i);
        if (!r.at_least.empty()) o["at_least"] = r.at_least; // columns that are only lower bounds
        a.push_back(std::move(o));
    }
    return a;
}

inline nlohmann::json sizing_json(const sizing_report& r) {
    nlohmann::json j;
    j["columns"] = nlohmann::json::array();
    for (auto c : sizing_columns) j["columns"].push_back(std::string(c));
    const auto rows = report_rows(r);
    j["rows"] = sizing_rows_json(rows);

    const auto& s = r.settings;
    nlohmann::json st;
    st["machines"] = s.machines;
    st["timer_profile"] = s.timer_profile;
    st["users"] = s.users;
    st["seed"] = s.seed;
    st["office_shock_rho"] = s.rho;
    st["rule_set"] = s.rule_set;
    st["posterior_draws"] = s.posterior_draws;
    if (!s.command_line.empty()) st["command_line"] = s.command_line;
    if (!s.generated_utc.empty()) st["generated_utc"] = s.generated_utc;
    st["captures"] = nlohmann::json::array();
    for (const auto& c : s.captures)
        st["captures"].push_back({{"path", c.path},
                                  {"machine", c.machine},
                                  {"duration_s", c.duration_s},
                                  {"packets", c.packets},
                                  {"sessions", c.sessions}});
    j["settings"] = std::move(st);

    j["predictions"] = nlohmann::json::array();
    for (const auto& q : r.predictions)
        j["predictions"].push_back({{"quantity", q.quantity},
                                    {"draws", q.draws},
                                    {"neglected_mass_max", q.neglected_max},
                                    {"fft_length_max", q.length_max},
                                    {"one_user_mean_median", q.one_user_mean_median},
                                    {"one_user_mean_largest_share", q.one_user_mean_largest_share}});
    j["shock_sensitivity"] = nlohmann::json::array();
    for (const auto& sc : r.shocks)
        j["shock_sensitivity"].push_back({{"rho", sc.rho}, {"rows", sizing_rows_json(sc.prediction.rows)}});
    if (r.little.computed)
        j["littles_law"] = {{"arrival_rate_per_second", r.little.arrival_rate_per_second},
                            {"mean_holding_s", r.little.mean_holding_s},
                            {"little_occupancy", r.little.little_occupancy},
                            {"simulated_occupancy", r.little.simulated_occupancy},
                            {"simulated_se", r.little.simulated_se}};
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : r.diagnostics)
        j["diagnostics"].push_back({{"model", d.model},
                                    {"ok", d.ok},
                                    {"rhat_max", d.rhat_max},
                                    {"ess_bulk_min", d.ess_bulk_min},
                                    {"ess_tail_min", d.ess_tail_min},
                                    {"divergences", d.divergences},
                                    {"failures", d.failures},
                                    {"notes", d.notes}});
    j["warnings"] = r.warnings;
    return j;
}

} // namespace v0
} // namespace fwsize::report
