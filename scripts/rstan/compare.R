#!/usr/bin/env Rscript
# rstan 2.21 vs fwsize fit on the same per-second table, same model, same priors.
# Usage: Rscript compare.R CPS_CSV FWSIZE_FIT_DIR [centred=1] [mode=compressed|plain] [chains=4] [iter=2000]
#                          [floor=1e-3] [adapt_delta: 0.8 centred, 0.99 non-centred]
# floor: lower bound on 1/sqrt(phi) in the Stan program (phi <= 1/floor^2). rstan 2.21 needs it: without
# it a chain can stick near phi ~ 1e17 (measured: docs/model.md). fwsize needs none.
# For each series in FWSIZE_FIT_DIR, fits scripts/rstan/arrival.stan with rstan on the same machines
# (a machine whose tcp_ or udp_ columns are all zero is left out of that protocol's series and of
# `new`, as fwsize does), reads fwsize's Stan CSVs with rstan::read_stan_csv, and checks, for
# alpha, sigma_machine, sigma_minute and log_phi, |mean diff| <= 4 sqrt(mcse1^2 + mcse2^2), the
# MCSEs of both computed by the same rstan::monitor. Writes a table to stdout.
# Debian's r-cran-bh is a virtual package (system Boost, no include/ directory), and rstan 2.21
# refuses to compile without system.file("include", package = "BH"). Shim: a copy of the BH package
# in a temporary library whose include/boost links to the system's Boost 1.74 headers.
if (system.file("include", package = "BH") == "" && dir.exists("/usr/include/boost")) {
  shim <- file.path(tempdir(), "bh-shim")
  dir.create(shim, showWarnings = FALSE)
  file.copy(system.file(package = "BH"), shim, recursive = TRUE)
  dir.create(file.path(shim, "BH", "include"), showWarnings = FALSE)
  file.symlink("/usr/include/boost", file.path(shim, "BH", "include", "boost"))
  .libPaths(c(shim, .libPaths()))
}
suppressMessages(library(rstan))
args <- commandArgs(trailingOnly = TRUE)
cps <- read.csv(args[1], stringsAsFactors = FALSE)
fitdir <- args[2]
centred <- if (length(args) >= 3) as.integer(args[3]) else 1L
mode <- if (length(args) >= 4) args[4] else "compressed"
chains <- if (length(args) >= 5) as.integer(args[5]) else 4L
iter <- if (length(args) >= 6) as.integer(args[6]) else 2000L
floor_u <- if (length(args) >= 7) as.numeric(args[7]) else 1e-3
# the non-centred level with K = 2..4 machines diverges at 0.8 (docs/model.md), as fwsize's would
adapt <- if (length(args) >= 8) as.numeric(args[8]) else if (centred == 1) 0.8 else 0.99
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
model <- stan_model(file.path(here, "arrival.stan"), auto_write = TRUE)

series_counts <- function(d, s) {
  if (s == "new") return(d$tcp_new + d$udp_new)
  d[[s]]
}
make_data <- function(s) {
  ids <- unique(cps$machine_id)
  keep <- c()
  for (id in ids) {
    d <- cps[cps$machine_id == id, ]
    tcp <- any(d$tcp_new > 0 | d$tcp_end > 0); udp <- any(d$udp_new > 0 | d$udp_end > 0)
    ok <- if (s %in% c("tcp_new", "tcp_end")) tcp else if (s %in% c("udp_new", "udp_end")) udp else tcp && udp
    if (ok) keep <- c(keep, id)
  }
  mob <- c(); blk <- c(); y <- c(); b0 <- 0
  for (k in seq_along(keep)) {
    d <- cps[cps$machine_id == keep[k], ]
    d <- d[order(d$second), ]
    nb <- max(d$minute)
    mob <- c(mob, rep(k, nb))
    blk <- c(blk, b0 + d$minute)
    y <- c(y, series_counts(d, s))
    b0 <- b0 + nb
  }
  if (mode == "compressed") {
    t <- aggregate(list(w = rep(1, length(y))), by = list(block = blk, y = y), FUN = sum)
    blk <- t$block; y <- t$y; w <- t$w
  } else w <- rep(1, length(y))
  list(K = length(keep), B = b0, machine_of_block = mob, N = length(y), row_block = blk, y = y, w = w,
       centred = centred, inv_sqrt_phi_floor = floor_u)
}

hyper <- c("alpha", "sigma_machine", "sigma_minute", "log_phi")
mon <- function(arr) { # arr: iterations x chains x parameters (post-warmup)
  m <- monitor(arr, warmup = 0, print = FALSE)
  data.frame(mean = m$mean, se_mean = m$se_mean, Rhat = m$Rhat, Bulk_ESS = m$Bulk_ESS, Tail_ESS = m$Tail_ESS,
             row.names = rownames(m))[hyper, ]
}
all_ok <- TRUE
cat(sprintf("%-8s %-14s %10s %9s %10s %9s %9s %9s %s\n", "series", "parameter", "rstan", "mcse", "fwsize",
            "mcse", "|diff|", "4*se", "ok"))
for (s in c("tcp_new", "udp_new", "tcp_end", "udp_end", "new")) {
  files <- Sys.glob(file.path(fitdir, sprintf("%s-*.csv", s)))
  if (length(files) == 0) next
  data <- make_data(s)
  t0 <- Sys.time()
  fit <- sampling(model, data = data, chains = chains, iter = iter, warmup = iter / 2, seed = 42,
                  refresh = 0, cores = 2, control = list(adapt_delta = adapt))
  secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  a <- as.array(fit, pars = hyper)
  ours <- read_stan_csv(files)
  b <- as.array(ours, pars = hyper)
  m1 <- mon(a); m2 <- mon(b)
  sp <- get_sampler_params(fit, inc_warmup = FALSE)
  div <- sum(sapply(sp, function(x) sum(x[, "divergent__"])))
  for (p in hyper) {
    d <- abs(m1[p, "mean"] - m2[p, "mean"]); lim <- 4 * sqrt(m1[p, "se_mean"]^2 + m2[p, "se_mean"]^2)
    ok <- d <= lim; all_ok <- all_ok && ok
    cat(sprintf("%-8s %-14s %10.4f %9.4f %10.4f %9.4f %9.4f %9.4f %s\n", s, p, m1[p, "mean"], m1[p, "se_mean"],
                m2[p, "mean"], m2[p, "se_mean"], d, lim, if (ok) "yes" else "NO"))
  }
  fw_secs <- NA
  dj <- file.path(fitdir, "diagnostics.json")
  if (file.exists(dj) && requireNamespace("jsonlite", quietly = TRUE)) {
    for (x in jsonlite::fromJSON(dj, simplifyVector = FALSE)$models) if (x$series == s) fw_secs <- x$chain_seconds
  }
  cat(sprintf(paste0("%-8s rstan (%s): %.1f s, %d divergences, min bulk ESS %.0f (hyper), %.3g ESS/s, max Rhat %.3f; ",
                     "fwsize: %.1f s, min bulk ESS %.0f (hyper), %.3g ESS/s, max Rhat %.3f\n"),
              s, mode, secs, div, min(m1[, "Bulk_ESS"]), min(m1[, "Bulk_ESS"]) / secs, max(m1[, "Rhat"]),
              fw_secs, min(m2[, "Bulk_ESS"]), min(m2[, "Bulk_ESS"]) / fw_secs, max(m2[, "Rhat"])))
}
cat(if (all_ok) "AGREE: every hyperparameter within 4 combined MCSE\n" else "DISAGREE: see rows marked NO\n")
