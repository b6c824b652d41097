// local_address_vote — the first pass over a machine's packets: gathers the votes every method of
// local_addresses.hpp needs, in one pass, with memory bounded by distinct addresses and streams.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fwsize/detail/flat_hash_map.hpp>
#include <fwsize/flow/flow_key.hpp>
#include <fwsize/flow/local_addresses.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

class local_address_vote {
public:
    /// An address needs this share of its family's stream openings to count as local (streams).
    explicit local_address_vote(double min_share = 0.05) : min_share_(min_share) {}

    void add(const io::packet_record& r) {
        const std::size_t src_at = index_of(r.src);
        table_[index_of(r.dst)].seen_as_dst = true;
        ++table_[src_at].sent;
        if (r.src_mac) {
            auto& m = macs_[*r.src_mac];
            ++m.sent[r.src];
            if (r.is_tcp() && r.tcp_flags &&
                (*r.tcp_flags & (io::tcp_flags::syn | io::tcp_flags::ack)) == io::tcp_flags::syn)
                ++m.syns;
        }
        if (!r.is_tcp()) return;
        if (r.tcp_completeness == 0) ++table_[src_at].seed_votes;
        // A stream starts where tcp_time_relative is 0; its first row was a SYN when the next row
        // of the stream shows completeness bit 1 (the value lags one packet).
        const auto k = key_of(r, direction::foreign);
        if (r.tcp_time_relative_ns == 0) {
            streams_.insert_or_assign(k, stream_head{src_at, 1});
        } else if (auto* head = streams_.find(k); head && head->rows == 1) {
            head->rows = 2;
            if (r.tcp_completeness >= 0 && (r.tcp_completeness & io::completeness::syn))
                ++table_[head->opener].open_votes;
        }
    }

    /// Adds one address's counts gathered elsewhere (a chunk of the file scanned on another
    /// thread, flow/extract_file.hpp), as add() would have from its rows. Call in order of
    /// the addresses' first appearance in the file: that order breaks ties in result().
    void tally(const io::ip_address& a, std::uint64_t sent, std::uint64_t seed_votes, std::uint64_t open_votes,
               bool seen_as_dst) {
        auto& s = table_[index_of(a)];
        s.sent += sent;
        s.seed_votes += seed_votes;
        s.open_votes += open_votes;
        s.seen_as_dst = s.seen_as_dst || seen_as_dst;
    }

    /// True when the records carried MAC addresses and TCP flags (a capture, not a CSV).
    [[nodiscard]] bool saw_macs() const { return !macs_.empty(); }

    [[nodiscard]] local_addresses result(local_method m) const {
        local_addresses out;
        out.method = m;
        if (m == local_method::mac) return by_mac(out);
        for (const auto& s : table_) {
            const std::uint64_t v = m == local_method::seed ? s.seed_votes : s.open_votes;
            if (v > 0) (s.addr.is_v4() ? out.v4 : out.v6).push_back({s.addr, v, 0.0});
        }
        for (auto* fam : {&out.v4, &out.v6}) {
            std::uint64_t total = 0;
            for (const auto& a : *fam) total += a.votes;
            for (auto& a : *fam) a.share = double(a.votes) / double(total);
            // Stable: the table is in order of first appearance, so ties keep the earlier address.
            std::stable_sort(fam->begin(), fam->end(), [](auto& a, auto& b) { return a.votes > b.votes; });
            if (m == local_method::seed) {
                if (fam->size() > 1) fam->resize(1);
            } else {
                std::erase_if(*fam, [&](const local_address& a) {
                    return a.share < min_share_ || !table_[*index_.find(a.addr)].seen_as_dst;
                });
            }
        }
        return out;
    }

    /// Shares of the packets sent from each given address (for `--local`).
    [[nodiscard]] local_addresses override_with(const std::vector<io::ip_address>& given) const {
        local_addresses out;
        out.method = local_method::override;
        for (const auto& a : given) {
            const std::size_t* at = index_.find(a);
            (a.is_v4() ? out.v4 : out.v6).push_back({a, at ? table_[*at].sent : 0, 0.0});
        }
        share_by_votes(out);
        return out;
    }

private:
    struct addr_stats {
        io::ip_address addr;
        std::uint64_t sent = 0, seed_votes = 0, open_votes = 0;
        bool seen_as_dst = false;
    };
    struct stream_head {
        std::size_t opener = 0;
        std::uint8_t rows = 0;
    };
    struct mac_stats {
        std::uint64_t syns = 0;
        std::map<io::ip_address, std::uint64_t> sent;
    };

    std::size_t index_of(const io::ip_address& a) {
        const auto [at, fresh] = index_.try_emplace(a, table_.size());
        if (fresh) table_.push_back({a});
        return *at;
    }

    static void share_by_votes(local_addresses& out) {
        for (auto* fam : {&out.v4, &out.v6}) {
            std::uint64_t total = 0;
            for (const auto& a : *fam) total += a.votes;
            for (auto& a : *fam) a.share = total ? double(a.votes) / double(total) : 0.0;
            std::stable_sort(fam->begin(), fam->end(), [](auto& a, auto& b) { return a.votes > b.votes; });
        }
    }

    local_addresses by_mac(local_addresses& out) const {
        // std::map iterates MACs in a fixed order, so ties go to the lowest MAC, deterministically.
        const std::pair<const io::mac_address, mac_stats>* best = nullptr;
        for (const auto& e : macs_)
            if (!best || e.second.syns > best->second.syns) best = &e;
        if (!best) return out;
        out.host_mac = best->first;
        for (const auto& [addr, n] : best->second.sent) (addr.is_v4() ? out.v4 : out.v6).push_back({addr, n, 0.0});
        share_by_votes(out);
        return out;
    }

    double min_share_;
    std::vector<addr_stats> table_; ///< in order of first appearance
    fwsize::detail::flat_hash_map<io::ip_address, std::size_t, std::hash<io::ip_address>> index_;
    fwsize::detail::flat_hash_map<flow_key, stream_head, flow_key_hash> streams_;
    std::map<io::mac_address, mac_stats> macs_;
};

} // namespace v0
} // namespace fwsize::flow
