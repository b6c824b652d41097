// The arrival model of fwsize (include/fwsize/model/arrival_model.hpp, log-normal minutes) in
// Stan 2.21 syntax, for the rstan comparison and benchmark. The likelihood takes weighted
// (block, count) rows: weight 1 per second is the plain per-second likelihood a Stan user would
// write; distinct (block, count) pairs with their multiplicities are the compressed one.
data {
  int<lower=1> K;                          // machines
  int<lower=1> B;                          // (machine, minute) blocks, machine by machine
  int<lower=1, upper=K> machine_of_block[B];
  int<lower=0> N;                          // rows
  int<lower=1, upper=B> row_block[N];
  int<lower=0> y[N];
  vector<lower=0>[N] w;                    // multiplicity of the row
  int<lower=0, upper=1> centred;           // machine level: 1 centred, 0 non-centred
  real<lower=0> inv_sqrt_phi_floor;        // rstan 2.21 needs e.g. 1e-3 (its NB2 loses precision
                                           // near phi ~ 1e14 and chains stick there); 0 = none
}
parameters {
  real alpha;
  real<lower=0> sigma_machine;
  real<lower=0> sigma_minute;
  real<lower=inv_sqrt_phi_floor> inv_sqrt_phi;
  vector[K] m_raw;                         // a_k (centred) or z_k (non-centred)
  vector[B] z_minute;
}
transformed parameters {
  real phi = 1 / square(inv_sqrt_phi);
}
model {
  vector[K] level = centred ? m_raw : alpha + sigma_machine * m_raw;
  vector[B] eta;
  alpha ~ normal(0, 2);
  sigma_machine ~ normal(0, 1);
  sigma_minute ~ normal(0, 1);
  inv_sqrt_phi ~ normal(0, 1);
  if (centred) m_raw ~ normal(alpha, sigma_machine);
  else m_raw ~ std_normal();
  z_minute ~ std_normal();
  for (b in 1:B) eta[b] = level[machine_of_block[b]] + sigma_minute * z_minute[b];
  for (n in 1:N) target += w[n] * neg_binomial_2_log_lpmf(y[n] | eta[row_block[n]], phi);
}
generated quantities {
  vector[K] z_machine = centred ? (m_raw - alpha) / sigma_machine : m_raw;
  real log_phi = log(phi);
}
