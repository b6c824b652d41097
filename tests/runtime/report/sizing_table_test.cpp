// sizing.csv / sizing.md / sizing.json: exact header, and every row parses back to the identical
// doubles (awkward values: thirds, tiny, huge, negative zero is not a count so not tested).
#include "../../catch.hpp"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <fwsize/report/report_rows.hpp>
#include <fwsize/report/sizing_csv.hpp>
#include <fwsize/report/sizing_json.hpp>
#include <fwsize/report/sizing_markdown.hpp>

using fwsize::predict::sizing_row;
namespace rep = fwsize::report;

namespace {

std::vector<sizing_row> awkward_rows() {
    std::vector<sizing_row> rows;
    const char* q[] = {"new_per_second", "log_lines_per_minute", "concurrent_sessions"};
    std::int64_t n = 1;
    double x = 1.0 / 3.0;
    for (int k = 0; k < 6; ++k) {
        sizing_row r;
        r.quantity = q[k % 3];
        r.users = n;
        for (std::size_t i = 2; i < rep::sizing_columns.size(); ++i) {
            rep::set_sizing_value(r, i, x);
            x = x * 7.123456789 + 0.1; // drifts through many magnitudes and digit patterns
        }
        if (k == 4) r.pooled_mean = 1e-300, r.pooled_p50 = 0, r.p99_hi = 1.7976931348623157e308;
        rows.push_back(r);
        n *= 10;
    }
    return rows;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) out.push_back(cur), cur.clear();
        else cur += c;
    }
    out.push_back(cur);
    return out;
}

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

sizing_row row_from_fields(const std::vector<std::string>& f) {
    REQUIRE(f.size() == rep::sizing_columns.size());
    sizing_row r;
    r.quantity = f[0];
    r.users = std::stoll(f[1]);
    for (std::size_t i = 2; i < f.size(); ++i) {
        char* end = nullptr;
        const double v = std::strtod(f[i].c_str(), &end);
        REQUIRE(*end == '\0');
        rep::set_sizing_value(r, i, v);
    }
    return r;
}

} // namespace

TEST_CASE("sizing.csv has exactly the required header line") {
    const auto csv = rep::sizing_csv(std::vector<sizing_row>{});
    CHECK(csv == "quantity,users,pooled_mean,pooled_p50,pooled_p95,pooled_p99,pooled_p999,p95_median,p95_lo,p95_hi,"
                 "p99_median,p99_lo,p99_hi,peak_hour_median,peak_hour_lo,peak_hour_hi\n");
}

TEST_CASE("sizing.csv round-trips every double exactly") {
    const auto rows = awkward_rows();
    std::istringstream in(rep::sizing_csv(rows));
    std::string line;
    std::getline(in, line);
    std::vector<sizing_row> back;
    while (std::getline(in, line)) back.push_back(row_from_fields(split(line, ',')));
    REQUIRE(back.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(back[i] == rows[i]);
}

TEST_CASE("sizing.md is a Markdown table with the same columns and exact numbers") {
    const auto rows = awkward_rows();
    std::istringstream in(rep::sizing_markdown(rows));
    std::string line;
    std::vector<std::vector<std::string>> table;
    while (std::getline(in, line)) {
        REQUIRE(line.front() == '|');
        REQUIRE(line.back() == '|');
        auto f = split(line.substr(1, line.size() - 2), '|');
        for (auto& x : f) x = trim(x);
        table.push_back(f);
    }
    REQUIRE(table.size() == rows.size() + 2);
    for (std::size_t i = 0; i < rep::sizing_columns.size(); ++i) CHECK(table[0][i] == rep::sizing_columns[i]);
    for (const auto& sep : table[1]) CHECK(sep.find("---") != std::string::npos);
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(row_from_fields(table[i + 2]) == rows[i]);
}

TEST_CASE("sizing.json rows round-trip exactly and name the columns") {
    rep::sizing_report r;
    r.rows = awkward_rows();
    r.warnings = {"a \"quoted\" warning"};
    const auto text = rep::sizing_json(r).dump(2);
    const auto j = nlohmann::json::parse(text);
    REQUIRE(j.at("columns").size() == rep::sizing_columns.size());
    for (std::size_t i = 0; i < rep::sizing_columns.size(); ++i)
        CHECK(j["columns"][i] == std::string(rep::sizing_columns[i]));
    REQUIRE(j.at("rows").size() == r.rows.size());
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
        const auto& o = j["rows"][k];
        sizing_row b;
        b.quantity = o.at("quantity").get<std::string>();
        b.users = o.at("users").get<std::int64_t>();
        for (std::size_t i = 2; i < rep::sizing_columns.size(); ++i)
            rep::set_sizing_value(b, i, o.at(std::string(rep::sizing_columns[i])).get<double>());
        CHECK(b == r.rows[k]);
    }
    CHECK(j.at("warnings")[0] == "a \"quoted\" warning");
    // Prediction details: the robust per-user mean beside the pooled one.
    fwsize::predict::quantity_prediction q;
    q.quantity = "log_lines_per_minute";
    q.one_user_mean_median = 128.944285, q.one_user_mean_largest_share = 0.12;
    r.predictions = {q};
    const auto jp = nlohmann::json::parse(rep::sizing_json(r).dump());
    CHECK(jp.at("predictions")[0].at("one_user_mean_median").get<double>() == 128.944285);
    CHECK(jp.at("predictions")[0].at("one_user_mean_largest_share").get<double>() == 0.12);
}

TEST_CASE("report_rows falls back to the predictions' rows, in order") {
    rep::sizing_report r;
    fwsize::predict::quantity_prediction a, b;
    sizing_row x, y, z;
    x.quantity = "new_per_second", y.quantity = "log_lines_per_minute", z.quantity = "concurrent_sessions";
    a.rows = {x};
    b.rows = {y, z};
    r.predictions = {a, b};
    const auto rows = rep::report_rows(r);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].quantity == "log_lines_per_minute");
    r.rows = {z};
    CHECK(rep::report_rows(r).size() == 1);
}
