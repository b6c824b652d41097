// Umbrella header for fwsize/predict/: includes each of its public headers, alphabetically.
#pragma once

#include <fwsize/predict/eta_mixture.hpp>
#include <fwsize/predict/mixed_nb2_pmf.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/n_user_pmf_batch.hpp>
#include <fwsize/predict/office_shock_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/pmf_quantile.hpp>
#include <fwsize/predict/posterior_interval.hpp>
#include <fwsize/predict/predict_new_sessions.hpp>
#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/predict/session_simulation.hpp>
#include <fwsize/predict/size_job.hpp>
#include <fwsize/predict/size_job_options.hpp>
#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/predict/sizing_warnings.hpp>
#include <fwsize/predict/thin_draws.hpp>
#include <fwsize/predict/truncated_pmf.hpp>
#include <fwsize/predict/validation.hpp>
