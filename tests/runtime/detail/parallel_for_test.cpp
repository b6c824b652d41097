#include "../../catch.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>

using fwsize::detail::parallel_for;

TEST_CASE("parallel_for runs every index exactly once, whatever the thread count") {
    for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
        for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
            std::vector<std::atomic<int>> hits(n);
            parallel_for(n, threads, [&](std::size_t i) { ++hits[i]; });
            for (std::size_t i = 0; i < n; ++i) REQUIRE(hits[i].load() == 1);
        }
    }
}

TEST_CASE("parallel_for uses more than one thread when asked and there is work") {
    std::vector<std::thread::id> who(64);
    parallel_for(who.size(), 2, [&](std::size_t i) {
        who[i] = std::this_thread::get_id();
        std::this_thread::sleep_for(std::chrono::milliseconds(1)); // let the other worker take some
    });
    bool two = false;
    for (const auto& id : who) two = two || id != who[0];
    CHECK(two);
}

TEST_CASE("parallel_for rethrows the exception of the lowest failing index after all finish") {
    std::atomic<int> done{0};
    try {
        parallel_for(100, 2, [&](std::size_t i) {
            ++done;
            if (i == 70 || i == 30) throw std::runtime_error("item " + std::to_string(i));
        });
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "item 30");
    }
    CHECK(done.load() == 100);
}

TEST_CASE("worker_count never exceeds the work and is at least one") {
    using fwsize::detail::worker_count;
    CHECK(worker_count(8, 3) == 3);
    CHECK(worker_count(2, 100) == 2);
    CHECK(worker_count(5, 0) == 1);
    CHECK(worker_count(0, 1) == 1);
}
