// write_report: the directory holds the tables, every plot and an index.html that references each
// plot (and nothing on the network); files equal the in-memory writers; a rewrite replaces it.
#include "../../catch.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <fwsize/report/write_report.hpp>

#include "sample_report.hpp"
#include "xml_check.hpp"

namespace fs = std::filesystem;
namespace rep = fwsize::report;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}
} // namespace

TEST_CASE("write_report writes tables, plots and an index that references every plot") {
    const fs::path dir = fs::path(FWSIZE_TEST_BINARY_DIR) / "report-test-out";
    fs::remove_all(dir);
    const auto r = fwsize::test::sample_report(12);
    rep::write_report(r, dir);
    for (const char* f : {"sizing.csv", "sizing.md", "sizing.json", "index.html"}) CHECK(fs::exists(dir / f));
    CHECK(slurp(dir / "sizing.csv") == rep::sizing_csv(rep::report_rows(r)));
    CHECK(rep::report_rows(r).size() == 12); // 3 quantities x 4 N
    const auto html = slurp(dir / "index.html");

    std::set<std::string> on_disk, referenced;
    for (const auto& e : fs::directory_iterator(dir / "plots")) {
        on_disk.insert("plots/" + e.path().filename().string());
        CHECK(fwsize::test::xml_problem(slurp(e.path())).empty());
    }
    const std::regex src("src=\"([^\"]+)\"");
    for (std::sregex_iterator it(html.begin(), html.end(), src), end; it != end; ++it) referenced.insert((*it)[1]);
    CHECK(on_disk.size() == 11);
    CHECK(referenced == on_disk);
    // Self-contained: no scripts, no remote resources.
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("What is predicted") != std::string::npos);
    CHECK(html.find("Convergence diagnostics: <span class=\"fail\">FAIL") != std::string::npos);
    CHECK(html.find("R-hat 2.4 &gt; 1.01 for mu.1") != std::string::npos);
    CHECK(html.find("ws-c &amp; &lt;lab&gt;") != std::string::npos);
    CHECK(html.find("Little's law") != std::string::npos);
    CHECK(html.find(r.warnings[0].substr(0, 40)) != std::string::npos);

    // A second write replaces the directory; no temporary is left beside it.
    auto r2 = r;
    r2.occupancy.clear();
    rep::write_report(r2, dir);
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir / "plots")) (void)e, ++n;
    CHECK(n == 8);
    for (const auto& e : fs::directory_iterator(dir.parent_path()))
        CHECK(e.path().filename().string().find(".report-test-out.tmp") == std::string::npos);
}

TEST_CASE("an empty report still writes a readable page that says what is missing") {
    const fs::path dir = fs::path(FWSIZE_TEST_BINARY_DIR) / "report-test-empty";
    rep::write_report(rep::sizing_report{}, dir);
    const auto html = slurp(dir / "index.html");
    CHECK(html.find("Not computed") != std::string::npos);
    CHECK(slurp(dir / "sizing.csv").find('\n') == slurp(dir / "sizing.csv").size() - 1); // header only
}
