// Umbrella header for fwsize/series/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/series/count_series.hpp>
#include <fwsize/series/cps_table.hpp>
#include <fwsize/series/event_tags.hpp>
#include <fwsize/series/log_lines_per_minute.hpp>
#include <fwsize/series/machine_table.hpp>
#include <fwsize/series/series_of.hpp>
