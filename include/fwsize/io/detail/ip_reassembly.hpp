// ip_reassembly — enough IP defragmentation to emit a fragmented datagram's transport header on the
// frame that completes it, as tshark does with its default reassembly. Only the first fragment's
// leading bytes are kept (never the payload), and the table is bounded.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fwsize/io/ip_address.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

class ip_reassembly {
public:
    static constexpr std::size_t header_bytes = 64;  ///< enough for any TCP or UDP header
    static constexpr std::size_t max_pending = 4096; ///< datagrams waiting for pieces

    struct datagram {
        std::array<std::uint8_t, header_bytes> head{}; ///< the first fragment's transport bytes
        std::uint32_t head_len = 0;
        std::uint32_t total = 0; ///< transport bytes of the whole datagram
    };

    /// Adds one fully captured fragment; returns true with `out` filled when it completes its datagram.
    bool add(const ip_address& src, const ip_address& dst, std::uint32_t id, std::uint8_t proto, std::uint32_t offset,
             std::uint32_t length, bool more, const std::uint8_t* data, datagram& out) {
        const key k{src, dst, id, proto};
        auto it = pending_.find(k);
        if (it == pending_.end()) {
            if (pending_.size() >= max_pending) pending_.clear(); // lost pieces never complete
            it = pending_.emplace(k, entry{}).first;
        }
        entry& e = it->second;
        if (offset == 0) {
            e.d.head_len = static_cast<std::uint32_t>(std::min<std::size_t>(length, header_bytes));
            std::memcpy(e.d.head.data(), data, e.d.head_len);
            e.have_first = true;
        }
        if (!more) {
            e.d.total = offset + length;
            e.have_last = true;
        }
        if (e.pieces.size() < 1024) e.pieces.emplace_back(offset, offset + length);
        if (!e.have_first || !e.have_last) return false;
        std::sort(e.pieces.begin(), e.pieces.end());
        std::uint32_t covered = 0;
        for (const auto& [b, f] : e.pieces) {
            if (b > covered) return false;
            covered = std::max(covered, f);
        }
        if (covered < e.d.total) return false;
        out = e.d;
        pending_.erase(it);
        return true;
    }

private:
    struct key {
        ip_address src, dst;
        std::uint32_t id;
        std::uint8_t proto;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept {
            const std::hash<ip_address> h;
            return h(k.src) * 31 ^ h(k.dst) ^ (std::size_t{k.id} << 8 | k.proto);
        }
    };
    struct entry {
        datagram d;
        bool have_first = false, have_last = false;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces;
    };
    std::unordered_map<key, entry, key_hash> pending_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
