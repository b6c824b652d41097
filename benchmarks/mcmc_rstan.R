# rstan 2.21 on the same two targets and settings as bench_mcmc_ess_per_second (4 chains x
# (1000 warmup + 1000 draws), seed 42, cores = 1; adapt_delta 0.95 for eight schools). Compile time
# is excluded from ESS/s and printed on its own line; ESS is rstan's ess_bulk (rank-normalised, as
# fwsize's). Usage: Rscript benchmarks/mcmc_rstan.R [REPEATS] (each repeat samples both models again).
suppressMessages(library(rstan))
rstan_options(boost_lib = "/usr/include") # Debian's r-cran-bh ships no headers
es <- "data { int<lower=0> J; real y[J]; real<lower=0> sigma[J]; }
parameters { real mu; real<lower=0> tau; vector[J] theta_trans; }
transformed parameters { vector[J] theta = mu + tau * theta_trans; }
model { mu ~ normal(0, 5); tau ~ cauchy(0, 5); theta_trans ~ normal(0, 1); y ~ normal(theta, sigma); }"
cg <- "data { int d; matrix[d, d] L; } parameters { vector[d] x; }
model { x ~ multi_normal_cholesky(rep_vector(0, d), L); }"
d <- 100
sdv <- exp(log(0.5) + (log(2) - log(0.5)) * (0:(d - 1)) / (d - 1))
S <- outer(1:d, 1:d, function(i, j) 0.9^abs(i - j)) * outer(sdv, sdv)
args <- commandArgs(trailingOnly = TRUE)
repeats <- if (length(args) > 0) max(1L, as.integer(args[1])) else 1L
load1 <- function() as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1])
compile <- function(name, code) {
  load <- load1()
  t0 <- proc.time()
  m <- stan_model(model_code = code)
  e <- proc.time() - t0
  cat(sprintf("rstan_compile %s load1 %.2f wall_s %.1f cpu_s %.1f\n", name, load, e[["elapsed"]],
              sum(e[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE)))
  m
}
run <- function(name, m, data, delta, pars, repeat_id) {
  load <- load1()
  c0 <- proc.time() # CPU seconds too: on a loaded machine the wall clock measures other jobs
  f <- sampling(m, data = data, chains = 4, iter = 2000, warmup = 1000, seed = 42, cores = 1,
                refresh = 0, control = list(adapt_delta = delta))
  cpu <- sum((proc.time() - c0)[c("user.self", "sys.self")])
  a <- as.array(f, pars = pars)
  ess <- min(apply(a, 3, ess_bulk))
  el <- get_elapsed_time(f)
  sp <- get_sampler_params(f, inc_warmup = FALSE)
  div <- sum(sapply(sp, function(s) sum(s[, "divergent__"])))
  leap <- mean(sapply(sp, function(s) mean(s[, "n_leapfrog__"])))
  cat(sprintf("rstan %s repeat %d load1 %.2f min_ess_bulk %.1f warmup_s %.4f sampling_s %.4f ess_per_s_sampling %.1f ess_per_s_total %.1f divergent %d mean_n_leapfrog %.2f cpu_s %.4f ess_per_cpu_s_total %.1f\n",
              name, repeat_id, load, ess, sum(el[, 1]), sum(el[, 2]), ess / sum(el[, 2]), ess / sum(el), div, leap, cpu, ess / cpu))
}
m_es <- compile("eight_schools_noncentered", es)
m_cg <- compile("correlated_gaussian_100", cg)
for (r in seq_len(repeats)) {
  run("eight_schools_noncentered", m_es,
      list(J = 8, y = c(28, 8, -3, 7, -1, 1, 18, 12), sigma = c(15, 10, 16, 11, 9, 11, 10, 18)),
      0.95, c("mu", "tau", "theta"), r)
  run("correlated_gaussian_100", m_cg, list(d = d, L = t(chol(S))), 0.8, "x", r)
}
