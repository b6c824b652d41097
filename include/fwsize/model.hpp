// Umbrella header for fwsize/model/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/model/adapt_delta_policy.hpp>
#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/arrival_model.hpp>
#include <fwsize/model/count_data.hpp>
#include <fwsize/model/cps_table.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/model/holding_time_model.hpp>
#include <fwsize/model/posterior_predictive.hpp>
#include <fwsize/model/sample_pool.hpp>
#include <fwsize/model/simulate_arrivals.hpp>
#include <fwsize/model/write_fit.hpp>
