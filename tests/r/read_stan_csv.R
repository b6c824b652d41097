# Reads Stan CSV files with rstan::read_stan_csv (the one Stan CSV reader installed here) and
# prints what it understood, one "key value..." line each, for tests/runtime/mcmc/csv_test.cpp.
# Usage: Rscript read_stan_csv.R FILE...
files <- commandArgs(trailingOnly = TRUE)
ok <- suppressWarnings(suppressMessages(requireNamespace("rstan", quietly = TRUE)))
if (!ok) { cat("NO_RSTAN\n"); quit(status = 0) }
fit <- suppressWarnings(suppressMessages(rstan::read_stan_csv(files)))
cat("chains", length(fit@stan_args), "\n")
cat("iter", fit@sim$iter, "warmup", fit@sim$warmup, "saved", fit@sim$n_save[1], "\n")
cat("names", fit@sim$fnames_oi, "\n")
sp <- rstan::get_sampler_params(fit, inc_warmup = FALSE)
cat("divergent", sum(sapply(sp, function(s) sum(s[, "divergent__"]))), "\n")
m <- rstan::get_posterior_mean(fit)
cat("means", m[, ncol(m)], "\n")
cat("stepsize", sapply(rstan::get_adaptation_info(fit), function(a) sub(".*Step size = ([0-9.e+-]+).*", "\\1", a)), "\n")
