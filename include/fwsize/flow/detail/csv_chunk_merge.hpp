// csv_chunk_merge — folds chunk scans (csv_chunk_scan.hpp) in file order into one machine's result,
// resolving what each chunk left open: its ids become file-wide ids (in order of first appearance,
// as the vote needs), a stream whose start row ended the previous chunk gets its second row from
// this one, and a chunk's first rows of a key continue the flow the key already has. Then the vote
// names the local addresses and each direction-free flow becomes a flow_record seen from the host.
//
// Where the sequential flow stage would do what this does not model — a clock jump across chunks,
// a flow between two local addresses — finish() returns nothing and the caller falls back to it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <fwsize/detail/flat_hash_map.hpp>
#include <fwsize/flow/detail/csv_chunk_scan.hpp>
#include <fwsize/flow/events.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/flow/local_address_vote.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/io/csv_reader.hpp>

namespace fwsize::flow {
inline namespace v0 {
namespace detail {

class chunk_merge {
public:
    /// Adds the next chunk in file order. False: the result would differ from the sequential
    /// stage's (a row it could not parse, a clock jump), so the caller must fall back.
    bool add(chunk_scan& c) {
        if (!c.ok()) return false;
        if (c.rows() == 0) return true;
        if (rows_ > 0) {
            // The reader's clock rule across the boundary (csv_chunk_scan checked inside the chunk).
            if (c.min_ns() < newest_ - io::max_clock_backstep.count() ||
                c.first_ns() > newest_ + io::max_clock_gap.count())
                return false;
            newest_ = std::max(newest_, c.max_ns());
            first_ns_ = std::min(first_ns_, c.min_ns());
        } else {
            newest_ = c.max_ns();
            first_ns_ = c.min_ns();
        }
        rows_ += c.rows();
        for (std::size_t k = 0; k < scope_category_count; ++k) scope_.packets[k] += c.scope().packets[k];
        protocols_.tcp_packets += c.protocols().tcp_packets;
        protocols_.udp_packets += c.protocols().udp_packets;

        const auto& addrs = c.ids().addresses();
        std::vector<std::uint32_t> remap(addrs.size());
        for (std::size_t i = 0; i < addrs.size(); ++i) {
            const auto [at, fresh] = ids_.try_emplace(addrs[i], static_cast<std::uint32_t>(addresses_.size()));
            if (fresh) {
                addresses_.push_back(addrs[i]);
                counts_.emplace_back();
            }
            remap[i] = *at;
            if (i >= c.counts().size()) continue;
            const auto& from = c.counts()[i];
            auto& to = counts_[*at];
            to.sent += from.sent;
            to.seed_votes += from.seed_votes;
            to.open_votes += from.open_votes;
            to.seen_as_dst = to.seen_as_dst || from.seen_as_dst;
        }

        // The vote's stream heads: this chunk's first rows of a key may be the second row of a
        // stream that started in an earlier chunk.
        for (const chunk_entry& e : c.entries()) {
            bool ab = false;
            entry& g = entry_of(rekey(e.key, remap, ab));
            if (e.prefix_rows > 0 && g.head_rows == 1) {
                g.head_rows = 2;
                if (e.prefix_completeness & io::completeness::syn) ++counts_[g.opener].open_votes;
            }
            if (e.head_rows > 0) {
                g.opener = remap[e.opener];
                g.head_rows = e.head_rows;
            }
        }

        for (chunk_flow& f : c.flows()) {
            bool ab = false;
            f.key = rekey(f.key, remap, ab);
            if (!ab) flip(f);
            entry& g = entry_of(f.key);
            if (f.continuation && g.flow >= 0) {
                continue_flow(flows_[static_cast<std::size_t>(g.flow)], f);
            } else {
                g.flow = static_cast<std::int64_t>(flows_.size());
                flows_.push_back(f);
            }
        }
        return true;
    }

    /// The machine's extraction under the exact rules, or nothing when two local addresses talk
    /// to each other (the sequential stage keys such packets by their source: two flows).
    std::optional<machine_extraction> finish(machine_extraction out, double min_share,
                                             const std::function<local_addresses(const local_address_vote&)>& decide) {
        local_address_vote vote(min_share);
        for (std::size_t g = 0; g < addresses_.size(); ++g) {
            const auto& n = counts_[g];
            vote.tally(addresses_[g], n.sent, n.seed_votes, n.open_votes, n.seen_as_dst);
        }
        out.local = decide(vote);
        std::vector<char> local(addresses_.size());
        for (std::size_t g = 0; g < addresses_.size(); ++g) local[g] = out.local.contains(addresses_[g]);

        out.flows.reserve(flows_.size());
        for (const chunk_flow& f : flows_) {
            const bool la = local[f.key.a()], lb = local[f.key.b()];
            if (la && lb) return std::nullopt;
            if (!la && !lb) {
                out.foreign_packets += f.packets_ab + f.packets_ba;
                continue;
            }
            out.flows.push_back(to_record(f, la));
        }
        out.scope = scope_;
        out.protocols = protocols_;
        out.first_ns = rows_ ? first_ns_ : -1;
        out.last_ns = rows_ ? newest_ : -1;
        out.report.units_read = out.report.records = rows_;
        out.events = events_from_flows(out.flows);
        return out;
    }

private:
    struct entry {
        std::int64_t flow = -1;
        std::uint32_t opener = 0;
        std::uint8_t head_rows = 0;
    };

    static chunk_key rekey(const chunk_key& k, const std::vector<std::uint32_t>& remap, bool& ab) {
        return chunk_key::of(remap[k.a()], k.a_port(), remap[k.b()], k.b_port(), k.tcp(), ab);
    }

    entry& entry_of(const chunk_key& k) {
        const auto [at, fresh] = index_.try_emplace(k, entries_.size());
        if (fresh) entries_.emplace_back();
        return entries_[*at];
    }

    static void flip(chunk_flow& f) {
        std::swap(f.first_ab, f.first_ba);
        std::swap(f.last_ab, f.last_ba);
        std::swap(f.packets_ab, f.packets_ba);
        f.first_ab_dir = !f.first_ab_dir;
    }

    /// `later` holds the rows of `f`'s key in the next chunk up to its next stream start.
    static void continue_flow(chunk_flow& f, const chunk_flow& later) {
        if (f.key.tcp()) {
            const int c0 = later.first_completeness;
            if (f.rows == 1) f.first_was_syn = (c0 & io::completeness::syn) != 0; // later's first row is row 2
            if (f.fin_rst_ns < 0) {
                if (csv_shows_end(c0)) {
                    f.fin_rst_ns = f.prev_ns;
                    f.reason = csv_end_reason(c0);
                } else if (later.fin_rst_ns >= 0) {
                    f.fin_rst_ns = later.fin_rst_ns;
                    f.reason = later.reason;
                }
            }
            f.rows += later.rows;
        }
        if (f.first_ab < 0) f.first_ab = later.first_ab;
        if (f.first_ba < 0) f.first_ba = later.first_ba;
        if (later.last_ab >= 0) f.last_ab = later.last_ab;
        if (later.last_ba >= 0) f.last_ba = later.last_ba;
        f.packets_ab += later.packets_ab;
        f.packets_ba += later.packets_ba;
        f.prev_ns = later.prev_ns;
    }

    /// flow_builder's record of `f`, whose end a (a_local) or else end b is the host's.
    flow_record to_record(const chunk_flow& f, bool a_local) const {
        flow_record r;
        const endpoint a{addresses_[f.key.a()], f.key.a_port()}, b{addresses_[f.key.b()], f.key.b_port()};
        r.key = {f.key.tcp() ? io::transport::tcp : io::transport::udp, a_local ? a : b, a_local ? b : a};
        r.start_ns = f.start_ns;
        r.first_out_ns = a_local ? f.first_ab : f.first_ba;
        r.last_out_ns = a_local ? f.last_ab : f.last_ba;
        r.first_in_ns = a_local ? f.first_ba : f.first_ab;
        r.last_in_ns = a_local ? f.last_ba : f.last_ab;
        r.packets_out = a_local ? f.packets_ab : f.packets_ba;
        r.packets_in = a_local ? f.packets_ba : f.packets_ab;
        r.fin_rst_ns = f.fin_rst_ns;
        if (!f.key.tcp()) {
            r.reason = end_reason::idle;
        } else {
            r.reason = f.fin_rst_ns < 0 ? end_reason::capture_end : f.reason;
            if (f.rows >= 2) {
                r.open_at_start = !f.first_was_syn;
                r.opened_by_host = f.first_was_syn && f.first_ab_dir == a_local;
            } else {
                r.open_at_start = true; // a one-row stream never showed whether it began with a SYN
            }
        }
        return r;
    }

    fwsize::detail::flat_hash_map<io::ip_address, std::uint32_t, std::hash<io::ip_address>> ids_;
    std::vector<io::ip_address> addresses_;
    std::vector<chunk_address_counts> counts_;
    fwsize::detail::flat_hash_map<chunk_key, std::size_t, chunk_key_hash> index_;
    std::vector<entry> entries_;
    std::vector<chunk_flow> flows_;
    std::uint64_t rows_ = 0;
    std::int64_t first_ns_ = -1, newest_ = -1;
    scope_counts scope_;
    protocol_presence protocols_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::flow
