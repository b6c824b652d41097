// expect: wrote .*index\.html with 1 plot.*quantity,users,pooled_mean,.*new_per_second,100,50[.,]
// write_report: a sizing report from a one-user PMF. Each "posterior draw" here is a Poisson rate of
// new sessions per second; predict_quantity takes N = 1, 10, 100 users by the FFT power and
// summarises per-draw quantiles; write_report writes sizing.csv/.md/.json, the plot and index.html.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/report/write_report.hpp>

int main() {
    using namespace fwsize;
    const double rates[] = {0.4, 0.45, 0.5, 0.55, 0.6}; // posterior draws of one user's rate; mean 0.5
    predict::prediction_options opt;
    opt.users = {1, 10, 100};
    auto one_user = [&](std::size_t i) {
        predict::truncated_pmf f;
        double p = std::exp(-rates[i]);
        for (int k = 0; k < 30; ++k, p *= rates[i] / k) f.p.push_back(p);
        return f;
    };
    report::sizing_report r;
    r.predictions.push_back(predict::predict_quantity("new_per_second", 5, one_user, opt));
    r.settings.users = opt.users;
    r.settings.posterior_draws = 5;
    const auto dir = std::filesystem::temp_directory_path() / "fwsize-example-report";
    report::write_report(r, dir);
    std::cout << "wrote " << (dir / "index.html").string() << " with " << r.predictions.size() << " plot\n";
    std::ifstream csv(dir / "sizing.csv");
    for (std::string line; std::getline(csv, line);) std::cout << line << '\n';
}
