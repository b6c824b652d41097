// Umbrella header for fwsize/stats/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/stats/ks_test.hpp>
#include <fwsize/stats/lognormal.hpp>
#include <fwsize/stats/nb2.hpp>
#include <fwsize/stats/nb2_sampler.hpp>
#include <fwsize/stats/randomised_pit.hpp>
