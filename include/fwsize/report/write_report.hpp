// write_report — writes a sizing_report into a directory: sizing.csv, sizing.md, sizing.json,
// plots/*.svg and index.html. The directory is filled under a temporary name and renamed at the
// end (io::atomic_output_dir), so a failed run leaves any previous report untouched.
#pragma once

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <fwsize/io/atomic_output.hpp>
#include <fwsize/report/detail/holding_plot.hpp>
#include <fwsize/report/detail/occupancy_plot.hpp>
#include <fwsize/report/detail/ppc_plot.hpp>
#include <fwsize/report/detail/predictive_plot.hpp>
#include <fwsize/report/index_html.hpp>
#include <fwsize/report/report_rows.hpp>
#include <fwsize/report/sizing_csv.hpp>
#include <fwsize/report/sizing_json.hpp>
#include <fwsize/report/sizing_markdown.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {

namespace detail {

inline void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("write_report: cannot write " + p.string());
}

/// A file-name-safe, unique name "plots/<prefix><name>.svg" for a machine, series or quantity.
inline std::string plot_file(const std::string& prefix, const std::string& name, std::set<std::string>& used) {
    std::string s = "plots/" + prefix;
    for (unsigned char c : name) s += (std::isalnum(c) || c == '-' || c == '_') ? char(c) : '_';
    std::string out = s + ".svg";
    for (int i = 2; used.count(out); ++i) out = s + "_" + std::to_string(i) + ".svg";
    used.insert(out);
    return out;
}

} // namespace detail

/// The plots of a report as (reference, SVG text) pairs, in the order index.html shows them.
inline std::vector<std::pair<plot_ref, std::string>> report_plots(const sizing_report& r) {
    std::vector<std::pair<plot_ref, std::string>> out;
    std::set<std::string> used;
    for (const auto& q : r.predictions) {
        const auto name = detail::plot_file("predictive_", q.quantity, used);
        const auto t = detail::describe_quantity(q.quantity);
        out.push_back({{"predictive", name, t.title + " for every N: pooled predictive and 90 % credible band"},
                       detail::render_svg(detail::predictive_chart(q))});
    }
    std::vector<std::string> machines; // in first-seen order
    std::map<std::string, std::vector<model::ppc_row>> by_machine;
    for (const auto& row : r.ppc) {
        if (!by_machine.count(row.machine)) machines.push_back(row.machine);
        by_machine[row.machine].push_back(row);
    }
    for (const auto& m : machines)
        out.push_back({{"ppc", detail::plot_file("ppc_", m, used), "Posterior predictive check: " + m},
                       detail::render_svg(detail::ppc_chart(m, by_machine[m]))});
    for (const auto& hcurve : r.holding_times)
        out.push_back({{"holding", detail::plot_file("holding_", hcurve.protocol, used),
                        "Session durations (" + hcurve.protocol + "): Kaplan–Meier vs model"},
                       detail::render_svg(detail::holding_chart(hcurve))});
    for (const auto& oc : r.occupancy)
        out.push_back({{"occupancy", detail::plot_file("occupancy_", oc.machine, used),
                        "Occupancy of " + oc.machine + ": observed vs predicted"},
                       detail::render_svg(detail::occupancy_chart(oc))});
    return out;
}

inline void write_report(const sizing_report& report, const std::filesystem::path& dir) {
    io::atomic_output_dir out(dir);
    const auto& tmp = out.path();
    std::filesystem::create_directories(tmp / "plots");
    const auto rows = report_rows(report);
    detail::write_text(tmp / "sizing.csv", sizing_csv(rows));
    detail::write_text(tmp / "sizing.md", sizing_markdown(rows));
    detail::write_text(tmp / "sizing.json", sizing_json(report).dump(2) + "\n");
    const auto plots = report_plots(report);
    std::vector<plot_ref> refs;
    for (const auto& [ref, svg] : plots) {
        detail::write_text(tmp / ref.file, svg);
        refs.push_back(ref);
    }
    detail::write_text(tmp / "index.html", index_html(report, refs));
    out.commit();
}

} // namespace v0
} // namespace fwsize::report
