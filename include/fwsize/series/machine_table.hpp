// machine_table — K machines' per-second event counts (design.md "Bins"): for machine k,
// second = floor(t) - floor(t_first) + 1 over the span from its first to its last TCP or UDP
// packet (in scope or not), zero-filled; minute = (second - 1) div 60 + 1. Typed access per kind
// (series<tcp_new>(k)), and plain machine x second vectors for the models (counts(kind)).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <fwsize/flow/events.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/series/count_series.hpp>
#include <fwsize/series/event_tags.hpp>

namespace fwsize::series {
inline namespace v0 {

/// The five series a machine has: the four flow events and their sum new = tcp_new + udp_new.
enum class series_kind : std::uint8_t { tcp_new, udp_new, tcp_end, udp_end, new_connections };

/// Whole seconds since the epoch, rounded down (also for times before 1970).
constexpr std::int64_t floor_seconds(std::int64_t t_ns) {
    return t_ns >= 0 ? t_ns / 1'000'000'000 : -((-t_ns + 999'999'999) / 1'000'000'000);
}
/// minute = (second - 1) div 60 + 1, both 1-based.
constexpr std::size_t minute_of_second(std::size_t second) {
    return (second - 1) / 60 + 1;
}

struct machine_series {
    std::string machine_id;
    std::int64_t first_epoch_s = 0;        ///< second 1 = this epoch second
    bool has_tcp = false, has_udp = false; ///< whether the capture held the protocol at all
    std::array<std::vector<std::uint32_t>, flow::event_kind_count> counts; ///< by flow::event_kind

    [[nodiscard]] std::size_t seconds() const { return counts[0].size(); }

    template <event_tag E>
    [[nodiscard]] count_series<E, std::chrono::seconds> series() const {
        if constexpr (std::same_as<E, new_connections>) return series<tcp_new>() + series<udp_new>();
        else if constexpr (std::same_as<E, session_ends>) return series<tcp_end>() + series<udp_end>();
        else return count_series<E, std::chrono::seconds>(counts[static_cast<std::size_t>(flow_kind_of<E>())]);
    }
    /// False when the series is missing (a capture without that protocol), not zero.
    [[nodiscard]] bool present(series_kind k) const {
        switch (k) {
        case series_kind::tcp_new:
        case series_kind::tcp_end:
            return has_tcp;
        case series_kind::udp_new:
        case series_kind::udp_end:
            return has_udp;
        case series_kind::new_connections:
            return has_tcp && has_udp;
        }
        return false;
    }
};

/// Bins one machine's events (design.md "Bins"). A machine without any TCP or UDP packet has
/// no span: zero seconds.
inline machine_series bin_events(const flow::machine_extraction& m) {
    machine_series s;
    s.machine_id = m.machine_id;
    s.has_tcp = m.protocols.has_tcp();
    s.has_udp = m.protocols.has_udp();
    if (m.first_ns < 0) return s;
    s.first_epoch_s = floor_seconds(m.first_ns);
    const auto n = static_cast<std::size_t>(floor_seconds(m.last_ns) - s.first_epoch_s + 1);
    for (auto k : flow::all_event_kinds) {
        auto& c = s.counts[static_cast<std::size_t>(k)];
        c.assign(n, 0);
        for (std::int64_t t : m.events[k]) {
            const std::int64_t i = floor_seconds(t) - s.first_epoch_s;
            if (i < 0 || static_cast<std::size_t>(i) >= n)
                throw std::logic_error("event outside its machine's span: " + m.machine_id);
            ++c[static_cast<std::size_t>(i)];
        }
    }
    return s;
}

/// K machines in argument order (machine = 1..K).
class machine_table {
public:
    machine_table() = default;
    explicit machine_table(std::vector<machine_series> machines) : machines_(std::move(machines)) {}

    void add(machine_series m) { machines_.push_back(std::move(m)); }
    [[nodiscard]] std::size_t size() const { return machines_.size(); }
    [[nodiscard]] const machine_series& machine(std::size_t k) const { return machines_.at(k); }
    [[nodiscard]] const std::vector<machine_series>& machines() const { return machines_; }

    /// Typed series of machine k (0-based).
    template <event_tag E>
    [[nodiscard]] count_series<E, std::chrono::seconds> series(std::size_t k) const {
        return machines_.at(k).template series<E>();
    }

    /// Plain machine x second counts of one kind, for the models (second s at index s - 1).
    [[nodiscard]] std::vector<std::vector<std::uint32_t>> counts(series_kind kind) const {
        std::vector<std::vector<std::uint32_t>> out;
        out.reserve(machines_.size());
        for (const auto& m : machines_) {
            if (kind == series_kind::new_connections) out.push_back(m.series<new_connections>().counts());
            else out.push_back(m.counts[static_cast<std::size_t>(kind)]);
        }
        return out;
    }

private:
    std::vector<machine_series> machines_;
};

} // namespace v0
} // namespace fwsize::series
