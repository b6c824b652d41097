// chain_rng — one random engine per chain, seeded from (seed, chain id) only, so the draws never
// depend on threading. Boost 1.74 has no mixmax (Stan's engine); mt19937_64 is portable and well
// tested, and a splitmix64 hash decorrelates the seeds of neighbouring chains.
#pragma once

#include <cstdint>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

using chain_rng = boost::random::mt19937_64;

namespace detail {
inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
} // namespace detail

/// The engine of chain `chain_id` (1-based) for run seed `seed`.
inline chain_rng make_chain_rng(std::uint64_t seed, int chain_id) {
    const std::uint64_t a = detail::splitmix64(seed);
    const std::uint64_t b = detail::splitmix64(a ^ detail::splitmix64(0x5851f42d4c957f2dULL + std::uint64_t(chain_id)));
    // Fill the whole state through seed_seq, not a single 64-bit word.
    boost::random::seed_seq seq{std::uint32_t(a), std::uint32_t(a >> 32), std::uint32_t(b), std::uint32_t(b >> 32)};
    return chain_rng(seq);
}

} // namespace v0
} // namespace fwsize::mcmc
