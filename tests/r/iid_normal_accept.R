# rstan 2.21 on the 100-d iid normal with Stan's defaults (4 chains, 1000 + 1000, seed 42): the
# per-chain mean accept_stat, adapted step size and mean n_leapfrog the C++ sampler is compared with.
# Debian's r-cran-bh ships no headers: point rstan at the system Boost.
suppressMessages(library(rstan))
rstan_options(boost_lib = "/usr/include")
m <- stan_model(model_code = "parameters { vector[100] x; } model { x ~ std_normal(); }")
f <- sampling(m, chains = 4, iter = 2000, seed = 42, refresh = 0)
sp <- get_sampler_params(f, inc_warmup = FALSE)
cat("accept_stat:", sapply(sp, function(s) mean(s[, "accept_stat__"])), "\n")
cat("stepsize:", sapply(sp, function(s) s[1, "stepsize__"]), "\n")
cat("n_leapfrog:", sapply(sp, function(s) mean(s[, "n_leapfrog__"])), "\n")
