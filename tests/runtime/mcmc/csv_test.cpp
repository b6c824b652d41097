// Stan CSV: our writer and reader round-trip, CmdStan's files read, cmdstanpy's strict checks
// (reproduced below from cmdstanpy 1.2's stancsv.py rules) pass on our files and reject broken
// ones, and rstan::read_stan_csv reads our files (skipped loudly without Rscript/rstan).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/input_error.hpp>
#include <fwsize/mcmc/read_stan_csv.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/write_stan_csv.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"
#include "test_models.hpp"

using namespace fwsize::mcmc;
namespace fs = std::filesystem;

namespace {
sample_result small_run(metric_kind metric, bool save_warmup) {
    sampler_config cfg;
    cfg.chains = 2;
    cfg.warmup = 150;
    cfg.draws = 120;
    cfg.refresh = 0;
    cfg.metric = metric;
    cfg.save_warmup = save_warmup;
    cfg.adapt_delta = 0.9;
    return sample(fwsize::test::eight_schools_noncentered{}, cfg, "eight_schools_nc");
}

fs::path out_dir() {
    const fs::path d = fs::path(FWSIZE_TEST_BINARY_DIR) / "mcmc_csv";
    fs::create_directories(d);
    return d;
}

std::vector<std::string> write_files(const sample_result& r, const std::string& stem) {
    std::vector<std::string> paths;
    for (std::size_t c = 0; c < r.chains.size(); ++c) {
        const auto p = (out_dir() / (stem + "_" + std::to_string(c + 1) + ".csv")).string();
        std::ofstream o(p);
        write_stan_csv(o, r, c);
        paths.push_back(p);
    }
    return paths;
}

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    return s.substr(b);
}
std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, sep)) out.push_back(item);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}
bool is_int(const std::string& s) {
    if (s.empty()) return false;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

/// cmdstanpy's check_sampler_csv, rule for rule: config comments (key = value, "(Default)"
/// dropped), header, saved warmup rows up to the next comment, then exactly "# Adaptation
/// terminated", "# Step size = <float>", the metric line matching config `metric`, the metric
/// rows, then draw rows with the header's width and integer divergent__/treedepth__, their count
/// = ceil(num_samples / thin). Returns "" when accepted, else the reason.
std::string cmdstanpy_check(const std::string& path, int iter_sampling, int iter_warmup, bool save_warmup) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(trim(l));
    std::size_t i = 0;
    std::map<std::string, std::string> cfg;
    for (; i < lines.size() && !lines[i].empty() && lines[i][0] == '#'; ++i) {
        std::string l = lines[i];
        const std::string def = "(Default)";
        if (l.size() >= def.size() && l.compare(l.size() - def.size(), def.size(), def) == 0)
            l = l.substr(0, l.find(def));
        l = l.substr(l.find_first_not_of(" #\t") == std::string::npos ? l.size() : l.find_first_not_of(" #\t"));
        const auto kv = split(l, '=');
        if (kv.size() == 2 && trim(kv[0]) != "file") cfg[trim(kv[0])] = trim(kv[1]);
    }
    if (i >= lines.size()) return "no header";
    const auto names = split(lines[i++], ',');
    if (!cfg.count("metric")) return "config lacks metric";
    if (!cfg.count("max_depth") || !is_int(cfg["max_depth"])) return "config lacks integer max_depth";
    long warm = 0;
    if (cfg.count("save_warmup"))
        for (; i < lines.size() && !lines[i].empty() && lines[i][0] != '#'; ++i) ++warm;
    if (i >= lines.size() || lines[i++] != "# Adaptation terminated") return "expected '# Adaptation terminated'";
    if (i >= lines.size()) return "truncated";
    {
        const auto kv = split(lines[i++], '=');
        if (kv.size() != 2 || kv[0].rfind("# Step size", 0) != 0) return "expected step size";
        char* end = nullptr;
        const std::string v = trim(kv[1]);
        std::strtod(v.c_str(), &end);
        if (end != v.c_str() + v.size() || v.empty()) return "invalid step size";
    }
    const std::string metric = cfg["metric"];
    if (i >= lines.size()) return "truncated";
    const std::string mline = lines[i++];
    if (!((metric == "diag_e" && mline == "# Diagonal elements of inverse mass matrix:") ||
          (metric == "dense_e" && mline == "# Elements of inverse mass matrix:")))
        return "invalid or missing mass matrix specification";
    const auto first = split(lines[i++].substr(1), ',');
    if (metric == "dense_e")
        for (std::size_t r = 1; r < first.size(); ++r)
            if (i >= lines.size() || split(lines[i++].substr(1), ',').size() != first.size())
                return "bad dense metric row";
    std::size_t idiv = names.size(), idepth = names.size();
    for (std::size_t j = 0; j < names.size(); ++j) {
        if (names[j] == "divergent__") idiv = j;
        if (names[j] == "treedepth__") idepth = j;
    }
    if (idiv == names.size() || idepth == names.size()) return "no divergent__ / treedepth__ column";
    long draws = 0;
    for (; i < lines.size() && !lines[i].empty() && lines[i][0] != '#'; ++i) {
        const auto f = split(lines[i], ',');
        if (f.size() != names.size()) return "bad draw width";
        if (!is_int(f[idiv]) || !is_int(f[idepth])) return "divergent__/treedepth__ not integers";
        ++draws;
    }
    const int thin = cfg.count("thin") ? std::stoi(cfg["thin"]) : 1;
    if (draws != (iter_sampling + thin - 1) / thin) return "expected " + std::to_string(iter_sampling) + " draws";
    if (save_warmup) {
        if (cfg["save_warmup"] != "1") return "expected save_warmup = 1";
        if (warm != (iter_warmup + thin - 1) / thin) return "expected warmup draws";
    }
    return "";
}
} // namespace

TEST_CASE("writer and reader round-trip (diag and dense, with and without warmup)") {
    for (auto metric : {metric_kind::diag_e, metric_kind::dense_e})
        for (bool warm : {false, true}) {
            const auto r = small_run(metric, warm);
            const auto paths = write_files(r, std::string("rt_") + (metric == metric_kind::dense_e ? "dense" : "diag") +
                                                  (warm ? "_warm" : ""));
            for (std::size_t c = 0; c < r.chains.size(); ++c) {
                const auto f = read_stan_csv(paths[c]);
                const auto& ch = r.chains[c];
                CHECK(f.model_name == "eight_schools_nc");
                CHECK(f.chain.columns == ch.columns);
                CHECK(f.chain.chain_id == ch.chain_id);
                CHECK(f.num_samples == 120);
                CHECK(f.num_warmup == 150);
                CHECK(f.save_warmup == warm);
                CHECK(f.metric == (metric == metric_kind::dense_e ? "dense_e" : "diag_e"));
                CHECK(f.value("delta") == "0.9");
                CHECK(f.value("seed") == "42");
                CHECK(f.chain.warmup_rows == (warm ? 150 : 0));
                REQUIRE(f.chain.draws.rows() == ch.draws.rows());
                CHECK(((f.chain.draws - ch.draws).array().abs() <= 1e-5 * (ch.draws.array().abs() + 1e-300)).all());
                CHECK(f.chain.step_size == Approx(ch.step_size).epsilon(1e-5));
                REQUIRE(f.chain.inv_metric.size() == ch.inv_metric.size());
                CHECK(f.chain.inv_metric.isApprox(ch.inv_metric, 1e-5));
                CHECK(cmdstanpy_check(paths[c], 120, 150, warm) == "");
            }
        }
}

TEST_CASE("reads CmdStan's Bernoulli CSV") {
    const auto p = fwsize::test::shared_dir() / "reference" / "diagnostics" / "bern1.csv";
    if (!fs::exists(p)) {
        std::cerr << "\n*** SKIPPED: " << p << " absent ***\n";
        WARN("SKIPPED: bern1.csv absent");
        return;
    }
    const auto f = read_stan_csv(p.string());
    CHECK(f.model_name == "bernoulli_model");
    CHECK(f.chain.columns.size() == 8);
    CHECK(f.chain.columns[7] == "theta");
    CHECK(f.chain.draws.rows() == 1000);
    CHECK(f.chain.draws(0, 7) == 0.208532);
    CHECK(f.chain.step_size == 0.883328);
    CHECK(f.chain.inv_metric.size() == 1);
    CHECK(f.chain.inv_metric[0] == 0.512256);
    CHECK(f.chain.warmup_seconds == 0.003);
    CHECK(f.chain.sampling_seconds == 0.009);
    CHECK(f.value("seed") == "86520");
    CHECK(f.max_depth == 10);
    CHECK(cmdstanpy_check(p.string(), 1000, 1000, false) == "");
}

TEST_CASE("the cmdstanpy checks have teeth") {
    const auto r = small_run(metric_kind::diag_e, false);
    const auto good = write_files(r, "strict")[0];
    std::ifstream in(good);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    auto mutate = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        const auto pos = t.find(from);
        REQUIRE(pos != std::string::npos);
        t.replace(pos, from.size(), to);
        const auto p = (out_dir() / "strict_bad.csv").string();
        std::ofstream(p) << t;
        return p;
    };
    CHECK(cmdstanpy_check(good, 120, 150, false) == "");
    CHECK(cmdstanpy_check(good, 121, 150, false) != "");
    CHECK(cmdstanpy_check(mutate("# Adaptation terminated\n", ""), 120, 150, false) != "");
    CHECK(cmdstanpy_check(mutate("metric = diag_e", "metric = dense_e"), 120, 150, false) != "");
    CHECK(cmdstanpy_check(mutate("max_depth = 10", "max_depth = ten"), 120, 150, false) != "");
    CHECK(cmdstanpy_check(good, 120, 150, true) != ""); // save_warmup demanded but 0
}

TEST_CASE("bad Stan CSV raises input_error with file and line") {
    const auto p = (out_dir() / "broken.csv").string();
    std::ofstream(p) << "# model = m\nlp__,accept_stat__,x\n-1,0.9,0.5\n-2,0.8,abc\n";
    try {
        (void)read_stan_csv(p);
        FAIL("no exception");
    } catch (const fwsize::input_error& e) {
        CHECK(e.where().line == 4u);
        CHECK(std::string(e.what()).find("column 3") != std::string::npos);
    }
    std::ofstream(p) << "# only comments\n";
    CHECK_THROWS_AS(read_stan_csv(p), fwsize::input_error);
    CHECK_THROWS_AS(read_stan_csv((out_dir() / "does_not_exist.csv").string()), fwsize::input_error);
}

TEST_CASE("rstan::read_stan_csv reads our files") {
    if (std::system("Rscript --version >/dev/null 2>&1") != 0) {
        std::cerr << "\n*** SKIPPED: Rscript not found: rstan read check not run ***\n";
        WARN("SKIPPED: Rscript absent");
        return;
    }
    const auto r = small_run(metric_kind::diag_e, true);
    const auto paths = write_files(r, "rstan");
    const auto out = (out_dir() / "rstan_out.txt").string();
    std::string cmd = "Rscript " + (fwsize::test::source_dir() / "tests" / "r" / "read_stan_csv.R").string();
    for (const auto& p : paths) cmd += " " + p;
    REQUIRE(std::system((cmd + " > " + out + " 2>&1").c_str()) == 0);
    std::ifstream in(out);
    std::map<std::string, std::vector<std::string>> got;
    for (std::string l; std::getline(in, l);) {
        if (l == "NO_RSTAN") {
            std::cerr << "\n*** SKIPPED: R package rstan not installed ***\n";
            WARN("SKIPPED: rstan absent");
            return;
        }
        auto f = split(trim(l), ' ');
        if (f.empty()) continue;
        const std::string k = f[0];
        f.erase(f.begin());
        got[k] = f;
    }
    INFO("rstan output in " << out);
    REQUIRE(got.count("chains"));
    CHECK(got["chains"] == std::vector<std::string>{"2"});
    CHECK(got["iter"] == std::vector<std::string>{"270", "warmup", "150", "saved", "270"});
    REQUIRE(got["names"].size() == 11); // mu, tau, theta[1..8], lp__
    CHECK(got["names"][0] == "mu");
    CHECK(got["names"][2] == "theta[1]");
    // Posterior means agree with ours (sampling rows of both chains).
    const auto& m = got["means"];
    REQUIRE(m.size() == 11);
    for (int j = 0; j < 10; ++j) {
        double ours = 0;
        for (const auto& ch : r.chains) ours += ch.draws.col(7 + j).tail(120).mean() / 2;
        CHECK(std::stod(m[std::size_t(j)]) == Approx(ours).epsilon(1e-4).margin(1e-4));
    }
    REQUIRE(got["stepsize"].size() == 2);
    CHECK(std::stod(got["stepsize"][0]) == Approx(r.chains[0].step_size).epsilon(1e-5));
}
