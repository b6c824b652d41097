// series_of — named concepts for the count series a function accepts, so that handing it the wrong
// kind or period fails on a name the reader can look up (conventions.md §1, style lesson 7):
//   series_of<S, E, P>      exactly kind E in bins of period P
//   session_start_series<S> a series of session starts (tcp_new, udp_new, new_connections)
//   session_end_series<S>   a series of session ends (tcp_end, udp_end, session_ends)
#pragma once

#include <concepts>
#include <type_traits>

#include <fwsize/series/count_series.hpp>
#include <fwsize/series/event_tags.hpp>

namespace fwsize::series {
inline namespace v0 {

template <class S, class E, class P>
concept series_of = a_count_series<S> && std::same_as<typename std::remove_cvref_t<S>::event, E> &&
    std::same_as<typename std::remove_cvref_t<S>::period, P>;

template <class S>
concept session_start_series = a_count_series<S> && opens_sessions<typename std::remove_cvref_t<S>::event>;

template <class S>
concept session_end_series = a_count_series<S> && ends_sessions<typename std::remove_cvref_t<S>::event>;

} // namespace v0
} // namespace fwsize::series
