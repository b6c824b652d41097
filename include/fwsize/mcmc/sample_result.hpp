// sample_result — all chains of one run, with the configuration that made them.
#pragma once

#include <string>
#include <vector>

#include <fwsize/mcmc/chain_result.hpp>
#include <fwsize/mcmc/sampler_config.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

struct sample_result {
    std::string model_name;
    sampler_config config;
    std::vector<chain_result> chains;
    std::vector<std::string> parameter_names; ///< the model's output names (no sampler columns)
};

} // namespace v0
} // namespace fwsize::mcmc
