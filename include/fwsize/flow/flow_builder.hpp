// flow_builder — turns the host's in-scope classified packets into flow records (the exact rules,
// docs/event-rules.md):
// - a TCP stream starts where tcp_time_relative is 0 (tshark's tcp.stream boundary, port reuse
//   included) or at the first packet of a key;
// - it was opened by the host when its first packet is a SYN without ACK sent by the host; with
//   flags (captures) that is read off the packet, from a CSV it is "the next row shows bit 1";
// - it ends at its first FIN or RST, either direction; from a CSV, at the row before the one where
//   bit 16 or 32 first shows (the value lags one packet; a FIN that is the last row is invisible);
// - a UDP flow is a 4-tuple of the host (no timers here: a timer profile splits it later).
#pragma once

#include <cstdint>
#include <vector>

#include <fwsize/detail/flat_hash_map.hpp>
#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/flow_key.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

class flow_builder {
public:
    /// Feeds one packet; packets that are not host traffic (out of scope or foreign) are ignored.
    void add(const classified_packet& p) {
        if (!p.host_traffic()) return;
        const auto& r = p.rec;
        const std::int64_t t = r.timestamp_ns;
        std::size_t* at = current_.find(p.key);
        // Without tshark's stream numbering (synthetic records), a SYN after a FIN/RST reopens.
        const bool fresh_stream =
            r.is_tcp() && (r.tcp_time_relative_ns == 0 ||
                           (r.tcp_time_relative_ns < 0 && at && r.tcp_flags &&
                            (*r.tcp_flags & (io::tcp_flags::syn | io::tcp_flags::ack)) == io::tcp_flags::syn &&
                            flows_[*at].fin_rst_ns >= 0));
        if (!at || fresh_stream) {
            const std::size_t i = flows_.size();
            flows_.push_back({});
            state_.push_back({});
            flows_[i].key = p.key;
            flows_[i].start_ns = t;
            if (r.is_tcp()) open_stream(i, p);
            at = &current_.insert_or_assign(p.key, i);
        } else if (r.is_tcp()) {
            continue_stream(*at, p);
        }
        auto& f = flows_[*at];
        if (p.dir == direction::outbound) {
            if (f.first_out_ns < 0) f.first_out_ns = t;
            f.last_out_ns = t;
            ++f.packets_out;
        } else {
            if (f.first_in_ns < 0) f.first_in_ns = t;
            f.last_in_ns = t;
            ++f.packets_in;
        }
        state_[*at].prev_ns = t;
    }

    /// The flow records, in order of their first packet; streams without FIN/RST end at capture end.
    std::vector<flow_record> finish() && {
        for (std::size_t i = 0; i < flows_.size(); ++i) {
            auto& f = flows_[i];
            if (!f.is_tcp()) f.reason = end_reason::idle;
            else if (f.fin_rst_ns < 0) f.reason = end_reason::capture_end;
            // A one-row CSV stream never showed whether it began with a SYN: not a counted start.
            if (f.is_tcp() && state_[i].rows == 1 && state_[i].csv) f.open_at_start = true;
        }
        return std::move(flows_);
    }

    [[nodiscard]] std::size_t size() const { return flows_.size(); }

private:
    struct stream_state {
        std::int64_t prev_ns = -1; ///< the stream's previous packet (for the CSV end rule)
        std::uint32_t rows = 0;
        bool csv = false; ///< no flags: the completeness rules apply
        bool first_outbound = false;
    };

    void open_stream(std::size_t i, const classified_packet& p) {
        auto& f = flows_[i];
        auto& s = state_[i];
        s.rows = 1;
        s.first_outbound = p.dir == direction::outbound;
        if (p.rec.tcp_flags) {
            const auto fl = *p.rec.tcp_flags;
            const bool pure_syn = (fl & (io::tcp_flags::syn | io::tcp_flags::ack)) == io::tcp_flags::syn;
            f.open_at_start = !pure_syn;
            f.opened_by_host = pure_syn && s.first_outbound;
            mark_flags_end(f, fl, p.rec.timestamp_ns);
        } else {
            s.csv = true; // decided at the second row
        }
    }

    void continue_stream(std::size_t i, const classified_packet& p) {
        auto& f = flows_[i];
        auto& s = state_[i];
        ++s.rows;
        if (!s.csv) {
            if (p.rec.tcp_flags) mark_flags_end(f, *p.rec.tcp_flags, p.rec.timestamp_ns);
            return;
        }
        const int c = p.rec.tcp_completeness < 0 ? 0 : p.rec.tcp_completeness;
        if (s.rows == 2) {
            const bool first_was_syn = (c & io::completeness::syn) != 0;
            f.open_at_start = !first_was_syn;
            f.opened_by_host = first_was_syn && s.first_outbound;
        }
        if (f.fin_rst_ns < 0 && csv_shows_end(c)) {
            f.fin_rst_ns = s.prev_ns;
            f.reason = csv_end_reason(c);
        }
    }

    static void mark_flags_end(flow_record& f, std::uint8_t fl, std::int64_t t) {
        if (f.fin_rst_ns >= 0 || !(fl & (io::tcp_flags::fin | io::tcp_flags::rst))) return;
        f.fin_rst_ns = t;
        f.reason = (fl & io::tcp_flags::rst) ? end_reason::rst : end_reason::fin;
    }

    std::vector<flow_record> flows_;
    std::vector<stream_state> state_;
    fwsize::detail::flat_hash_map<flow_key, std::size_t, flow_key_hash> current_;
};

} // namespace v0
} // namespace fwsize::flow
