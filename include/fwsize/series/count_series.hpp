// count_series<Event, Period> — counts of one event kind in consecutive bins of one period
// (std::chrono::seconds, std::chrono::minutes, ...), both in the type. Bin 1 is the machine's first
// bin (design.md "Bins"). What may be combined is decided by named concepts:
//   combinable<A, B>      same period, and sum_of<kinds> defined (tcp_new + udp_new -> new_connections)
//   rebinnable_to<P, S>   P is a whole multiple of S's period (seconds -> minutes, not the reverse)
// so `tcp_new + tcp_end`, `seconds + minutes` and `rebin<seconds>(minutes)` do not compile.
#pragma once

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <ratio>
#include <type_traits>
#include <vector>

#include <fwsize/series/event_tags.hpp>

namespace fwsize::series {
inline namespace v0 {

template <class T>
inline constexpr bool is_duration = false;
template <class Rep, class Ratio>
inline constexpr bool is_duration<std::chrono::duration<Rep, Ratio>> = true;

template <class P>
concept bin_period = is_duration<P>;

template <event_tag Event, bin_period Period>
class count_series {
public:
    using event = Event;
    using period = Period;
    using count_type = std::uint32_t;

    count_series() = default;
    explicit count_series(std::size_t bins) : counts_(bins, 0) {}
    explicit count_series(std::vector<count_type> counts) : counts_(std::move(counts)) {}

    [[nodiscard]] std::size_t size() const { return counts_.size(); }
    /// Count of bin i, 1-based as the tables number them.
    [[nodiscard]] count_type bin(std::size_t i) const { return counts_.at(i - 1); }
    [[nodiscard]] count_type operator[](std::size_t zero_based) const { return counts_[zero_based]; }
    count_type& operator[](std::size_t zero_based) { return counts_[zero_based]; }
    [[nodiscard]] const std::vector<count_type>& counts() const { return counts_; }
    [[nodiscard]] std::uint64_t total() const {
        return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
    }
    [[nodiscard]] Period span() const { return Period(static_cast<typename Period::rep>(counts_.size())); }

    friend bool operator==(const count_series&, const count_series&) = default;

private:
    std::vector<count_type> counts_;
};

template <class S>
inline constexpr bool is_count_series = false;
template <class E, class P>
inline constexpr bool is_count_series<count_series<E, P>> = true;

template <class S>
concept a_count_series = is_count_series<std::remove_cvref_t<S>>;

/// A and B can be added: same bin period and a defined kind for the sum.
template <class A, class B>
concept combinable = a_count_series<A> && a_count_series<B> && std::same_as < typename std::remove_cvref_t<A>::period,
typename std::remove_cvref_t<B>::period >
    &&summable_kinds<typename std::remove_cvref_t<A>::event, typename std::remove_cvref_t<B>::event>;

/// Bin-by-bin sum (the shorter series counts as zero-filled), of kind sum_of<A, B>.
template <class A, class B>
requires combinable<A, B>
auto operator+(const A& a, const B& b) {
    using R = count_series<sum_of_t<typename A::event, typename B::event>, typename A::period>;
    R r(std::max(a.size(), b.size()));
    for (std::size_t i = 0; i < a.size(); ++i) r[i] += a[i];
    for (std::size_t i = 0; i < b.size(); ++i) r[i] += b[i];
    return r;
}

/// To is a whole multiple (>= 1) of S's period.
template <class To, class S>
concept rebinnable_to =
    a_count_series<S> && bin_period<To> &&
    std::ratio_divide<typename To::period, typename std::remove_cvref_t<S>::period::period>::den == 1;

/// Sums consecutive bins into bins of period To; bin j of the result holds source bins
/// (j-1)*f + 1 .. j*f (f = To / S::period), the last one possibly partial.
template <bin_period To, class S>
requires rebinnable_to<To, S> count_series<typename S::event, To> rebin(const S& s) {
    using ratio = std::ratio_divide<typename To::period, typename S::period::period>;
    constexpr std::size_t f = static_cast<std::size_t>(ratio::num);
    count_series<typename S::event, To> r((s.size() + f - 1) / f);
    for (std::size_t i = 0; i < s.size(); ++i) r[i / f] += s[i];
    return r;
}

} // namespace v0
} // namespace fwsize::series
