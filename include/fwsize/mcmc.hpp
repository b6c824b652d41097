// Umbrella header for fwsize/mcmc/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/mcmc/log_density_model.hpp>
