// The one door to range-v3: every fwsize header that composes views includes this, not range-v3.
#pragma once

#include <range/v3/algorithm.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view.hpp>

namespace fwsize::detail {
namespace rv = ::ranges::views;
} // namespace fwsize::detail
