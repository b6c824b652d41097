// Umbrella header for fwsize/mcmc/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/mcmc/autocovariance.hpp>
#include <fwsize/mcmc/chain_result.hpp>
#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/mcmc/ebfmi.hpp>
#include <fwsize/mcmc/ess.hpp>
#include <fwsize/mcmc/euclidean_hamiltonian.hpp>
#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/mcmc/mcse.hpp>
#include <fwsize/mcmc/nuts.hpp>
#include <fwsize/mcmc/print_summary.hpp>
#include <fwsize/mcmc/read_stan_csv.hpp>
#include <fwsize/mcmc/rhat.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/sample_result.hpp>
#include <fwsize/mcmc/sampler_config.hpp>
#include <fwsize/mcmc/stepsize_adaptation.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/mcmc/windowed_adaptation.hpp>
#include <fwsize/mcmc/write_stan_csv.hpp>
