// The xtensor subset fwsize uses, tested under C++20 with Debian's 0.24 (known GCC bugs elsewhere).
#include <fwsize/detail/xtensor.hpp>

#include <cmath>

#include "../../catch.hpp"

TEST_CASE("xtensor: containers, element-wise pow and reducers behave under C++20") {
    xt::xtensor<double, 2> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
    CHECK(a.shape()[0] == 2);
    CHECK(a.shape()[1] == 3);
    xt::xtensor<double, 2> p = xt::pow(a, 2.0);
    CHECK(p(1, 2) == 36.0);
    auto row = xt::view(a, 1, xt::all());
    CHECK(row(0) == 4.0);
    xt::xtensor<double, 1> s = xt::sum(a, {1});
    CHECK(s(0) == 6.0);
    CHECK(s(1) == 15.0);
    xt::xtensor<double, 1> e = xt::exp(xt::log(xt::view(a, 0, xt::all())));
    CHECK(std::abs(e(2) - 3.0) < 1e-12);
}
