// tcp_stream_tracker — numbers TCP streams and accumulates tcp.completeness and tcp.time_relative
// exactly as tshark 4.0 does in a single pass (docs/capture-reading.md has the rules and evidence).
//
// The rules, in short:
//  * a stream is a conversation between two (address, port) endpoints; its first packet opens it;
//  * a SYN without ACK on a known conversation whose sender already sent with another initial
//    sequence number starts a new stream (port reuse), and that SYN already shows completeness 1;
//  * the value shown on a packet is the OR of the bits of the stream's earlier packets; the first
//    packet of a stream contributes only a plain SYN (1, plus 8 if it carries data), nothing otherwise;
//  * later packets add SYN-ACK (2), a pure ACK (4), an ACK carrying data (8), FIN (16), RST (32).
#pragma once

#include <cstdint>
#include <unordered_map>

#include <fwsize/io/ip_address.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::io {
inline namespace v0 {

class tcp_stream_tracker {
public:
    /// Conversations kept before idle ones are forgotten, and how idle they must be. tshark never
    /// forgets; past this many live flows we trade exactness on a flow silent for `idle_horizon_ns`
    /// for memory bounded by live flows.
    explicit tcp_stream_tracker(std::size_t max_conversations = std::size_t{1} << 21,
                                std::int64_t idle_horizon_ns = std::int64_t{3600} * 1'000'000'000)
        : max_conversations_(max_conversations), idle_horizon_ns_(idle_horizon_ns) {}

    /// Fills r.tcp_completeness and r.tcp_time_relative_ns for a TCP record that carries flags,
    /// sequence number and payload length; returns the tcp.stream index.
    std::uint64_t update(packet_record& r) {
        const std::uint8_t flags = r.tcp_flags.value_or(0);
        const bool a_side = endpoint_less(r.src, r.src_port, r.dst, r.dst_port);
        const key k = a_side ? key{r.src, r.dst, r.src_port, r.dst_port} : key{r.dst, r.src, r.dst_port, r.src_port};
        const int dir = a_side ? 0 : 1;
        const bool syn_only = (flags & (tcp_flags::syn | tcp_flags::ack)) == tcp_flags::syn;

        auto it = table_.find(k);
        std::int16_t shown;
        conversation* c;
        if (it == table_.end()) {
            if (table_.size() >= max_conversations_) evict(r.timestamp_ns);
            c = &table_.emplace(k, conversation{}).first->second;
            start(*c, r.timestamp_ns);
            shown = 0;
            // A stream's first packet counts only as a SYN (with data for TCP Fast Open).
            if (syn_only) c->completeness = completeness::syn | (r.tcp_payload_len > 0 ? completeness::data : 0);
        } else if (c = &it->second; syn_only && c->base_set[dir] && c->base_seq[dir] != r.tcp_seq) {
            start(*c, r.timestamp_ns); // port reuse: a new connection on the same endpoints
            c->completeness = completeness::syn;
            shown = c->completeness;
        } else {
            shown = c->completeness;
            add_bits(*c, flags, r.tcp_payload_len);
        }
        if (!c->base_set[dir]) {
            c->base_set[dir] = true;
            c->base_seq[dir] = (flags & tcp_flags::syn) ? r.tcp_seq : r.tcp_seq - 1;
        }
        c->last_seen_ns = r.timestamp_ns;
        r.tcp_completeness = shown;
        r.tcp_time_relative_ns = elapsed_ns(c->first_ns, r.timestamp_ns);
        return c->stream;
    }

    [[nodiscard]] std::uint64_t streams() const { return next_stream_; }
    [[nodiscard]] std::size_t live_conversations() const { return table_.size(); }
    [[nodiscard]] std::uint64_t evicted() const { return evicted_; }

private:
    struct key {
        ip_address a, b;
        std::uint16_t a_port, b_port;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept {
            const std::hash<ip_address> h;
            const std::size_t ports = (std::size_t{k.a_port} << 16) | k.b_port;
            return (h(k.a) * 0x9E3779B97F4A7C15ull) ^ h(k.b) ^ (ports * 0xC2B2AE3D27D4EB4Full);
        }
    };
    struct conversation {
        std::uint64_t stream = 0;
        std::int64_t first_ns = 0, last_seen_ns = 0;
        std::uint32_t base_seq[2] = {0, 0};
        bool base_set[2] = {false, false};
        std::int16_t completeness = 0;
    };

    static bool endpoint_less(const ip_address& a, std::uint16_t ap, const ip_address& b, std::uint16_t bp) {
        if (a != b) return a < b;
        return ap <= bp;
    }
    /// to - from, wrapping instead of overflowing: a corrupt pcapng time (if_tsoffset near the int64
    /// ends) must not be undefined behaviour; real captures are centuries away from the edge.
    static std::int64_t elapsed_ns(std::int64_t from, std::int64_t to) {
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from));
    }
    void start(conversation& c, std::int64_t ts) {
        c = conversation{};
        c.stream = next_stream_++;
        c.first_ns = ts;
    }
    static void add_bits(conversation& c, std::uint8_t flags, std::uint32_t payload) {
        const std::uint8_t sa = flags & (tcp_flags::syn | tcp_flags::ack);
        if (sa == tcp_flags::syn) c.completeness |= completeness::syn;
        if (sa == (tcp_flags::syn | tcp_flags::ack)) c.completeness |= completeness::syn_ack;
        if (sa == tcp_flags::ack) c.completeness |= payload > 0 ? completeness::data : completeness::ack;
        if (flags & tcp_flags::fin) c.completeness |= completeness::fin;
        if (flags & tcp_flags::rst) c.completeness |= completeness::rst;
    }
    void evict(std::int64_t now) {
        for (auto it = table_.begin(); it != table_.end();) {
            if (elapsed_ns(it->second.last_seen_ns, now) > idle_horizon_ns_) {
                it = table_.erase(it);
                ++evicted_;
            } else {
                ++it;
            }
        }
        // Nothing idle enough: keep growing rather than break live flows; try again after as many.
        if (table_.size() >= max_conversations_) max_conversations_ = table_.size() * 2;
    }

    std::unordered_map<key, conversation, key_hash> table_;
    std::uint64_t next_stream_ = 0, evicted_ = 0;
    std::size_t max_conversations_;
    std::int64_t idle_horizon_ns_;
};

} // namespace v0
} // namespace fwsize::io
