// Umbrella header for fwsize/mcmc/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/mcmc/chain_result.hpp>
#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/mcmc/euclidean_hamiltonian.hpp>
#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/mcmc/nuts.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/sample_result.hpp>
#include <fwsize/mcmc/sampler_config.hpp>
#include <fwsize/mcmc/stepsize_adaptation.hpp>
#include <fwsize/mcmc/windowed_adaptation.hpp>
