#include "../../catch.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fwsize/detail/parallel_for_ordered.hpp>

using fwsize::detail::parallel_for_ordered;

TEST_CASE("parallel_for_ordered: each body once, each in-order step once, in order, after its body, one at a time") {
    for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
        for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
            std::vector<std::atomic<int>> bodies(n);
            std::vector<std::size_t> steps;
            std::atomic<int> stepping{0};
            bool overlap = false, before_body = false;
            parallel_for_ordered(
                n, threads, [&](std::size_t i) { ++bodies[i]; },
                [&](std::size_t i) {
                    overlap = overlap || ++stepping != 1;
                    before_body = before_body || bodies[i].load() != 1;
                    steps.push_back(i);
                    --stepping;
                });
            INFO("threads " << threads << ", n " << n);
            for (std::size_t i = 0; i < n; ++i) REQUIRE(bodies[i].load() == 1);
            REQUIRE(steps.size() == n);
            for (std::size_t i = 0; i < n; ++i) REQUIRE(steps[i] == i);
            CHECK_FALSE(overlap);
            CHECK_FALSE(before_body);
        }
    }
}

TEST_CASE("parallel_for_ordered takes an in-order step while later bodies still run") {
    // Body 2 waits for step 0: it can only see it if steps are taken before all bodies finish.
    std::atomic<bool> step0{false};
    bool seen = false;
    parallel_for_ordered(
        3, 2,
        [&](std::size_t i) {
            if (i != 2) return;
            const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (!step0 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
            seen = step0;
        },
        [&](std::size_t i) {
            if (i == 0) step0 = true;
        });
    CHECK(seen);
}

TEST_CASE("parallel_for_ordered: a failing body stops the steps at its index and is rethrown") {
    std::vector<std::size_t> steps;
    try {
        parallel_for_ordered(
            50, 2,
            [&](std::size_t i) {
                if (i == 20 || i == 40) throw std::runtime_error("item " + std::to_string(i));
            },
            [&](std::size_t i) { steps.push_back(i); });
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "item 20");
    }
    REQUIRE(steps.size() <= 20);
    for (std::size_t i = 0; i < steps.size(); ++i) CHECK(steps[i] == i);
}

TEST_CASE("parallel_for_ordered: a failing step stops the later steps and is rethrown") {
    for (unsigned threads : {1u, 2u, 3u}) {
        std::vector<std::size_t> steps;
        std::atomic<int> bodies{0};
        try {
            parallel_for_ordered(
                30, threads, [&](std::size_t) { ++bodies; },
                [&](std::size_t i) {
                    if (i == 12) throw std::logic_error("step 12");
                    steps.push_back(i);
                });
            FAIL("no exception");
        } catch (const std::logic_error& e) {
            CHECK(std::string(e.what()) == "step 12");
        }
        CHECK(bodies.load() == 30);
        REQUIRE(steps.size() == 12);
        for (std::size_t i = 0; i < steps.size(); ++i) CHECK(steps[i] == i);
    }
}
