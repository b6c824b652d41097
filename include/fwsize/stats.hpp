// Umbrella header for fwsize/stats/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/stats/lognormal.hpp>
#include <fwsize/stats/nb2.hpp>
