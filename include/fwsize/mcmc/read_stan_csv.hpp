// read_stan_csv — reads one Stan CSV file (ours or CmdStan's): the config comments, header,
// warmup rows (when saved), adaptation block, draws and timing. Bad input raises
// fwsize::input_error with the file and line.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <fwsize/input_error.hpp>
#include <fwsize/mcmc/chain_result.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

struct stan_csv {
    std::string path;
    std::string model_name;
    /// Config comments by dotted path ("method.sample.adapt.delta"), " (Default)" removed.
    std::map<std::string, std::string> config;
    chain_result chain; ///< columns, draws (warmup rows first), step size, inverse metric, timing, id
    int num_warmup = 0, num_samples = 0, thin = 1, max_depth = 10;
    bool save_warmup = false;
    std::string algorithm, engine, metric;

    /// The value of the first config key whose last path element is `key`, or `fallback`.
    [[nodiscard]] std::string value(const std::string& key, const std::string& fallback = "") const {
        for (const auto& [k, v] : config)
            if (k == key ||
                (k.size() > key.size() && k.compare(k.size() - key.size() - 1, std::string::npos, "." + key) == 0))
                return v;
        return fallback;
    }
};

namespace detail {
inline std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}
inline std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto pos = s.find(',', start);
        out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos) return out;
        start = pos + 1;
    }
}
inline bool parse_double(const std::string& field, double& v) {
    const std::string t = trim(field);
    if (t.empty()) return false;
    char* end = nullptr;
    v = std::strtod(t.c_str(), &end);
    return end == t.c_str() + t.size();
}
inline int to_int(const std::string& s, int fallback) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    return end != s.c_str() ? static_cast<int>(v) : fallback;
}
} // namespace detail

inline stan_csv read_stan_csv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error::in_file(path, "cannot open Stan CSV file");
    stan_csv out;
    out.path = path;
    std::vector<std::string> stack; // config section path by indentation level
    std::vector<std::vector<double>> rows;
    std::string line;
    std::uint64_t lineno = 0;
    bool have_header = false, in_adaptation = false, in_timing = false, dense_expected = false;
    int warmup_rows = -1, metric_rows_left = 0;
    std::vector<double> inv_metric;
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line[0] == '#') {
            const std::string body = line.substr(1);
            const std::string t = detail::trim(body);
            if (!have_header) {
                if (t.empty()) continue;
                const auto indent = body.find_first_not_of(' ');
                const std::size_t level = indent == std::string::npos || indent == 0 ? 0 : (indent - 1) / 2;
                const auto eq = t.find(" = ");
                const bool empty_value = eq == std::string::npos && t.size() >= 2 && t.substr(t.size() - 2) == " =";
                std::string key = empty_value               ? t.substr(0, t.size() - 2)
                                  : eq == std::string::npos ? t
                                                            : t.substr(0, eq);
                if (key.find(' ') != std::string::npos) continue; // free text, not a config line
                std::string value = eq == std::string::npos ? "" : t.substr(eq + 3);
                if (value.size() >= 9 && value.compare(value.size() - 9, 9, "(Default)") == 0)
                    value = detail::trim(value.substr(0, value.size() - 9));
                stack.resize(std::min(stack.size(), level));
                std::string full;
                for (const auto& s : stack) full += s + ".";
                full += key;
                if (eq != std::string::npos || empty_value) out.config.emplace(full, value);
                stack.push_back(key);
                continue;
            }
            if (t == "Adaptation terminated") {
                in_adaptation = true;
                warmup_rows = static_cast<int>(rows.size());
            } else if (in_adaptation && t.rfind("Step size = ", 0) == 0) {
                if (!detail::parse_double(t.substr(12), out.chain.step_size))
                    throw input_error::at_line(path, lineno, "expected a number after 'Step size = '");
            } else if (in_adaptation && t == "Diagonal elements of inverse mass matrix:") {
                metric_rows_left = 1;
            } else if (in_adaptation && t == "Elements of inverse mass matrix:") {
                dense_expected = true;
                metric_rows_left = static_cast<int>(out.chain.columns.size()); // upper bound; stops at non-numbers
            } else if (in_adaptation && metric_rows_left > 0) {
                bool ok = true;
                std::vector<double> vals;
                for (const auto& f : detail::split_commas(t)) {
                    double v;
                    if (!detail::parse_double(f, v)) {
                        ok = false;
                        break;
                    }
                    vals.push_back(v);
                }
                if (!ok) {
                    metric_rows_left = 0;
                } else {
                    inv_metric.insert(inv_metric.end(), vals.begin(), vals.end());
                    --metric_rows_left;
                }
            } else if (t.rfind("Elapsed Time:", 0) == 0 || in_timing) {
                in_timing = true;
                const std::string s = t.rfind("Elapsed Time:", 0) == 0 ? detail::trim(t.substr(13)) : t;
                double v = 0;
                const auto sp = s.find(' ');
                if (sp != std::string::npos && detail::parse_double(s.substr(0, sp), v)) {
                    if (s.find("(Warm-up)") != std::string::npos) out.chain.warmup_seconds = v;
                    if (s.find("(Sampling)") != std::string::npos) out.chain.sampling_seconds = v;
                }
            }
            continue;
        }
        if (!have_header) {
            if (!std::isalpha(static_cast<unsigned char>(line[0])))
                throw input_error::at_line(path, lineno,
                                           "expected the header row (column names starting with a letter)");
            for (auto& name : detail::split_commas(line)) {
                std::string n = detail::trim(name);
                if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
                out.chain.columns.push_back(n);
            }
            have_header = true;
            continue;
        }
        metric_rows_left = 0;
        const auto fields = detail::split_commas(line);
        if (fields.size() != out.chain.columns.size())
            throw input_error::at_line(path, lineno,
                                       "expected " + std::to_string(out.chain.columns.size()) +
                                           " comma-separated values, found " + std::to_string(fields.size()));
        std::vector<double> r(fields.size());
        for (std::size_t j = 0; j < fields.size(); ++j)
            if (!detail::parse_double(fields[j], r[j]))
                throw input_error::at_line(path, lineno,
                                           "expected a number in column " + std::to_string(j + 1) + " (" +
                                               out.chain.columns[j] + "), found '" + fields[j] + "'");
        rows.push_back(std::move(r));
    }
    if (!have_header) throw input_error::in_file(path, "no header row: not a Stan CSV file");
    (void)dense_expected;

    out.model_name = out.value("model", "model");
    out.num_warmup = detail::to_int(out.value("num_warmup", "0"), 0);
    out.num_samples = detail::to_int(out.value("num_samples", "0"), 0);
    out.thin = std::max(1, detail::to_int(out.value("thin", "1"), 1));
    out.max_depth = detail::to_int(out.value("max_depth", "10"), 10);
    const std::string sw = out.value("save_warmup", "0");
    out.save_warmup = sw == "1" || sw == "true";
    out.algorithm = out.value("algorithm");
    out.engine = out.value("engine");
    out.metric = out.value("metric");
    out.chain.chain_id = detail::to_int(out.value("id", "1"), 1);
    if (warmup_rows < 0) // no adaptation block: saved warmup rows come first
        warmup_rows = out.save_warmup
                          ? std::min<int>(static_cast<int>(rows.size()), (out.num_warmup + out.thin - 1) / out.thin)
                          : 0;
    out.chain.warmup_rows = warmup_rows;
    out.chain.draws.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(out.chain.columns.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < rows[i].size(); ++j) out.chain.draws(Eigen::Index(i), Eigen::Index(j)) = rows[i][j];
    out.chain.inv_metric = Eigen::Map<const Eigen::VectorXd>(inv_metric.data(), Eigen::Index(inv_metric.size()));
    return out;
}

} // namespace v0
} // namespace fwsize::mcmc
