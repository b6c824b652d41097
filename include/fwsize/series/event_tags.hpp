// event_tags — the kinds of events a count series can count, as types: tcp_new, udp_new, tcp_end,
// udp_end (flow/events.hpp), new_connections = tcp_new + udp_new and session_ends = tcp_end +
// udp_end. sum_of<A, B> names the kind of a sum; it exists only for kinds that may be added, which
// is what makes `tcp_new + tcp_end` (or anything else meaningless) a compile error. Each kind also
// says what it counts (opens_sessions / ends_sessions), so a function that needs session ends (log
// lines) cannot be handed session starts.
#pragma once

#include <concepts>
#include <string_view>

#include <fwsize/flow/events.hpp>

namespace fwsize::series {
inline namespace v0 {

struct tcp_new {
    static constexpr std::string_view name = "tcp_new";
};
struct udp_new {
    static constexpr std::string_view name = "udp_new";
};
struct tcp_end {
    static constexpr std::string_view name = "tcp_end";
};
struct udp_end {
    static constexpr std::string_view name = "udp_end";
};
/// New sessions of either protocol: the firewall's session-creation series.
struct new_connections {
    static constexpr std::string_view name = "new";
};
/// Session ends of either protocol: a firewall logs each session once, when it ends.
struct session_ends {
    static constexpr std::string_view name = "end";
};

template <class E>
concept event_tag = requires {
    { E::name } -> std::convertible_to<std::string_view>;
};

/// The kind of A + B; undefined (no `type`) unless the sum means something.
template <class A, class B>
struct sum_of {};
template <>
struct sum_of<tcp_new, udp_new> {
    using type = new_connections;
};
template <>
struct sum_of<udp_new, tcp_new> {
    using type = new_connections;
};

template <>
struct sum_of<tcp_end, udp_end> {
    using type = session_ends;
};
template <>
struct sum_of<udp_end, tcp_end> {
    using type = session_ends;
};

template <class A, class B>
concept summable_kinds = event_tag<A> && event_tag<B> && requires {
    typename sum_of<A, B>::type;
};

template <class A, class B>
using sum_of_t = typename sum_of<A, B>::type;

/// Kinds that count session starts, and kinds that count session ends (= log lines).
template <class E>
concept opens_sessions = std::same_as<E, tcp_new> || std::same_as<E, udp_new> || std::same_as<E, new_connections>;
template <class E>
concept ends_sessions = std::same_as<E, tcp_end> || std::same_as<E, udp_end> || std::same_as<E, session_ends>;

/// The runtime kind of a tag of flow/events.hpp (new_connections has none: it is a sum).
template <class E>
inline constexpr bool has_flow_kind =
    std::same_as<E, tcp_new> || std::same_as<E, udp_new> || std::same_as<E, tcp_end> || std::same_as<E, udp_end>;

template <class E>
requires has_flow_kind<E>
constexpr flow::event_kind flow_kind_of() {
    if constexpr (std::same_as<E, tcp_new>) return flow::event_kind::tcp_new;
    else if constexpr (std::same_as<E, udp_new>) return flow::event_kind::udp_new;
    else if constexpr (std::same_as<E, tcp_end>) return flow::event_kind::tcp_end;
    else return flow::event_kind::udp_end;
}

} // namespace v0
} // namespace fwsize::series
