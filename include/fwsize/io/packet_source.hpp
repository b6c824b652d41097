// packet_source — the concept every reader models: pull records one at a time, one pass,
// memory bounded by the reader's own state (never by the file size).
#pragma once

#include <concepts>
#include <string>

#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

template <class S>
concept packet_source = requires(S& s, packet_record& r) {
    { s.next(r) } -> std::same_as<bool>; ///< false at the end; throws input_error on bad input
    { s.report() } -> std::convertible_to<const read_report&>;
};

} // namespace v0
} // namespace fwsize::io
