// Everything fwsize offers, area by area. Floors, bottom up: io -> flow -> series -> model ->
// predict -> report; stats and mcmc stand on nothing else of fwsize.
#pragma once

#include <fwsize/input_error.hpp>
#include <fwsize/version.hpp>

#include <fwsize/flow.hpp>
#include <fwsize/io.hpp>
#include <fwsize/mcmc.hpp>
#include <fwsize/model.hpp>
#include <fwsize/predict.hpp>
#include <fwsize/report.hpp>
#include <fwsize/series.hpp>
#include <fwsize/stats.hpp>
